"""The ai package's layering, read from its imports (ast, nothing imported): no import cycles,
and the domain modules (understanding, SQL guard and sandbox, the pipeline, its errors) reach no
HTTP framework and not `ml`, directly or through another ai module."""

from __future__ import annotations

import ast
from pathlib import Path

AI = Path(__file__).resolve().parents[2] / "ai"
HTTP = ("fastapi", "starlette", "uvicorn", "prometheus_fastapi_instrumentator")
DOMAIN = (
    "ai.failures",
    "ai.counters",
    "ai.copilot",
    "ai.sandbox",
    "ai.sandbox_job",
    "ai.sandbox_rows",
    "ai.sandbox_worker",
    "ai.validation",
    "ai.schema_catalog",
    "ai.dimensions",
    "ai.library",
    "ai.semantic",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(AI.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports (absolute names; `from x import y` counts x and x.y)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in AI.rglob("*.py")}
    return {m: {i for i in imports(p) if i in files and i != m} for m, p in files.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def outside(path: Path) -> set[str]:
    """The HTTP framework or `ml` modules `path` imports itself."""
    return {i for i in imports(path) if i.split(".")[0] in (*HTTP, "ml")}


def test_domain_reaches_no_http_framework_nor_ml() -> None:
    """Nor through another ai module: everything a domain module imports, transitively."""
    files = {module_name(p): p for p in AI.rglob("*.py")}
    edges = graph()
    bad = {}
    for name in files:
        if not any(name == d or name.startswith(d + ".") for d in DOMAIN):
            continue
        seen, todo = {name}, [name]
        while todo:
            for nxt in edges[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        reached = {f"{m}: {i}" for m in seen for i in outside(files[m])}
        if reached:
            bad[name] = sorted(reached)
    assert bad == {}
