"""GET /schema: served tables, columns, types, descriptions and the key dimension values."""

from __future__ import annotations

from fastapi import APIRouter

from ai.deps import CopilotDep
from ai.models import ColumnOut, ErrorResponse, SchemaResponse, TableOut

router = APIRouter(tags=["copilot"])


@router.get(
    "/schema",
    response_model=SchemaResponse,
    responses={503: {"model": ErrorResponse, "description": "Warehouse missing or unreadable."}},
)
def schema(copilot: CopilotDep) -> SchemaResponse:
    """What the copilot (and its model) can query (503 via ai.errors when the warehouse is
    missing or unreadable)."""
    catalog = copilot.load_catalog()
    dims = catalog.dimensions
    return SchemaResponse(
        tables=[
            TableOut(
                schema_name=t.schema,
                name=t.name,
                description=t.description,
                columns=[
                    ColumnOut(name=c.name, type=c.type, description=c.description)
                    for c in t.columns
                ],
            )
            for t in catalog.tables
        ],
        seasons=list(dims.seasons),
        event_names=sorted({e.event_name for e in dims.events}),
        driver_codes=[d.code for d in dims.drivers],
        teams=list(dims.teams),
        session_codes=list(dims.session_codes),
    )
