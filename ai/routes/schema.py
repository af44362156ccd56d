"""GET /schema: served tables, columns, types, descriptions and the key dimension values."""

from __future__ import annotations

import duckdb
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ai.deps import CopilotDep
from ai.models import ColumnOut, ErrorResponse, SchemaResponse, TableOut
from f1lake.warehouse import WarehouseMissingError

router = APIRouter(tags=["copilot"])


@router.get(
    "/schema",
    response_model=SchemaResponse,
    responses={503: {"model": ErrorResponse, "description": "Warehouse missing or unreadable."}},
)
def schema(copilot: CopilotDep) -> SchemaResponse | JSONResponse:
    """What the copilot (and its model) can query."""
    try:
        catalog = copilot.catalog.get()
    except (WarehouseMissingError, duckdb.Error, OSError) as error:
        body = ErrorResponse(error="warehouse_missing", message=str(error))
        return JSONResponse(status_code=503, content=body.model_dump())
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
