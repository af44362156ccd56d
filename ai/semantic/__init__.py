"""The copilot's semantic layer: metrics and entities declared once (layer.yml, ai.semantic.layer),
a typed query (ai.semantic.query) compiled generically to SQL over the gold marts
(ai.semantic.compiler), and a reader from a fan's question to that typed query
(ai.semantic.reader) that links entities against the warehouse's own names
(ai.semantic.vocabulary, read once per warehouse file)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from ai.semantic.catalog import CatalogReader
from ai.semantic.compiler import NotCompilableError, compile_query
from ai.semantic.layer import Layer, load_layer
from ai.semantic.query import TypedQuery
from ai.semantic.reader import read
from ai.semantic.vocabulary import Vocabulary, add_demonyms, read_vocabulary
from f1lake.warehouse import FileIdentity, read_connection, warehouse_identity

__all__ = ["SemanticAnswer", "SemanticReader", "TypedQuery"]


@dataclass(frozen=True)
class SemanticAnswer:
    """A question read: the SQL to run (None: not read, see `reason`), or a refusal."""

    sql: str | None
    query: TypedQuery | None = None
    reason: str = ""
    hostile: bool = False
    notes: tuple[str, ...] = ()

    @property
    def entry_id(self) -> str:
        return "semantic:" + "+".join(self.query.metrics) if self.query else "semantic"


def notes_of(query: TypedQuery) -> tuple[str, ...]:
    notes = []
    if query.filters.seasons is None:
        notes.append("no season named: every season in the warehouse")
    if query.per and query.order in ("earliest", "latest"):
        first = "first" if query.order == "earliest" else "last"
        notes.append(f"the holder of the {first} {' and '.join(query.per)}")
    elif query.per:
        notes.append(f"ranked within one {' and '.join(query.per)}")
    if query.shape == "difference":
        notes.append("the first less the second")
    if query.filters.cumulative:
        notes.append("the season up to that round")
    return tuple(notes)


class SemanticReader:
    """Reads questions against one warehouse; its vocabulary is reloaded when the file changes
    (an atomic rebuild changes the inode), never per question."""

    def __init__(self, warehouse: Path, layer: Layer | None = None) -> None:
        self.warehouse = warehouse
        self.layer = layer or load_layer()
        self._lock = threading.Lock()
        self._key: FileIdentity | None = None
        self._vocabulary: Vocabulary | None = None
        self.catalog = CatalogReader(warehouse, self.layer)

    def vocabulary(self) -> Vocabulary:
        key = warehouse_identity(self.warehouse)
        with self._lock:
            if self._vocabulary is None or key != self._key:
                with read_connection(self.warehouse) as con:
                    self._vocabulary = read_vocabulary(con, self.layer.aliases)
                add_demonyms(self._vocabulary, self.catalog.catalog.demonyms)
                self._key = key
            return self._vocabulary

    def answer(self, question: str) -> SemanticAnswer:
        reading = read(question, self.layer, self.vocabulary())
        listed = None if reading.hostile else self.catalog.read(question, self.vocabulary())
        if listed is not None and (reading.query is None or listed.explicit):
            sql = self.catalog.compile(listed)  # a catalog question (ai.semantic.catalog)
            return SemanticAnswer(sql, notes=("a catalog question",))
        if reading.query is None:
            return SemanticAnswer(None, reason=reading.reason, hostile=reading.hostile)
        try:
            sql = compile_query(reading.query, self.layer)
        except NotCompilableError as unfit:
            return SemanticAnswer(None, reading.query, reason=str(unfit))
        return SemanticAnswer(sql, reading.query, notes=notes_of(reading.query))
