"""GET /health: warehouse readable, Ollama reachable, model present. Always HTTP 200."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from ai.deps import CopilotDep
from ai.errors import WarehouseUnreadableError
from ai.models import ComponentHealth, HealthResponse
from f1lake.warehouse import WarehouseMissingError

router = APIRouter(tags=["ops"])


@router.get("/health", response_model=HealthResponse)
def health(copilot: CopilotDep) -> HealthResponse:
    """`ok` when both warehouse and model are usable; `degraded` (still 200) otherwise."""
    try:
        catalog = copilot.load_catalog()
        tables = len(catalog.tables)
        warehouse = ComponentHealth(
            ok=tables > 0, detail=f"{tables} served tables" if tables else "no served tables"
        )
    except (WarehouseMissingError, WarehouseUnreadableError) as error:
        warehouse = ComponentHealth(ok=False, detail=str(error))
    model = copilot.model.health()
    ollama = ComponentHealth(ok=model.reachable and model.model_present, detail=model.detail)
    status: Literal["ok", "degraded"] = "ok" if warehouse.ok and ollama.ok else "degraded"
    name = copilot.model.name
    return HealthResponse(status=status, warehouse=warehouse, ollama=ollama, model=name)
