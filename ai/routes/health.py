"""GET /health: warehouse readable, Ollama reachable, model present. Always HTTP 200.

It has its own lane: an `async def` whose blocking checks run on the health gate's threads
(ai.concurrency), never on the thread pool questions use, and whose model check is cached and
bounded (ai.model_health), so neither busy questions nor a hanging Ollama slow it down."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from ai.copilot import Copilot
from ai.deps import CopilotDep, GatesDep, ModelHealthDep
from ai.failures import WarehouseUnreadableError
from ai.models import ComponentHealth, HealthResponse
from f1lake.warehouse import WarehouseMissingError

router = APIRouter(tags=["ops"])


def warehouse_health(copilot: Copilot) -> ComponentHealth:
    try:
        tables = len(copilot.load_catalog().tables)
    except (WarehouseMissingError, WarehouseUnreadableError) as error:
        return ComponentHealth(ok=False, detail=str(error))
    return ComponentHealth(
        ok=tables > 0, detail=f"{tables} served tables" if tables else "no served tables"
    )


@router.get("/health", response_model=HealthResponse)
async def health(
    copilot: CopilotDep, gates: GatesDep, model_health: ModelHealthDep
) -> HealthResponse:
    """`ok` when both warehouse and model are usable; `degraded` (still 200) otherwise."""
    warehouse = await gates.health.run(lambda: warehouse_health(copilot))
    model = await model_health.current(gates.health.limiter)
    ollama = ComponentHealth(ok=model.reachable and model.model_present, detail=model.detail)
    status: Literal["ok", "degraded"] = "ok" if warehouse.ok and ollama.ok else "degraded"
    name = copilot.model.name
    provider = str(getattr(copilot.model, "provider", "ollama"))
    return HealthResponse(
        status=status, warehouse=warehouse, ollama=ollama, model=name, provider=provider
    )
