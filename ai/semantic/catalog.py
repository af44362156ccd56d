"""Catalog questions of the semantic layer: an entity's rows (races, drivers, constructors,
circuits) filtered by attributes and by the races they took part in, projected, counted or
ranked, as asked in public text-to-SQL sets ("names of all races held in 2017", "first and last
name of all German drivers", "circuits in the UK or Malaysia"). Declared in catalog.yml, read by
ai.semantic.catalog_read, compiled by ai.semantic.catalog_query. Tried when the metric reader
(ai.semantic.reader) does not read a question; SQL and nonsense are never read here either."""

from __future__ import annotations

import threading
from pathlib import Path

from ai.semantic.catalog_layer import Catalog, load_catalog
from ai.semantic.catalog_query import CatalogQuery, compile_catalog
from ai.semantic.catalog_read import FILLER, read_catalog
from ai.semantic.layer import Layer
from ai.semantic.reader import SQL_WORDS, reserved_words
from ai.semantic.vocabulary import Vocabulary, fetch
from f1lake.warehouse import FileIdentity, read_connection, warehouse_identity

__all__ = ["CatalogQuery", "CatalogReader"]

NATIONALITIES = (
    "select nationality from gold.dim_drivers where nationality is not null union "
    "select nationality from gold.dim_constructors where nationality is not null"
)


class CatalogReader:
    """Reads catalog questions against one warehouse (its nationalities read once per file)."""

    def __init__(self, warehouse: Path, layer: Layer, catalog: Catalog | None = None) -> None:
        self.warehouse = warehouse
        self.catalog = catalog or load_catalog()
        self.reserved = reserved_words(layer) | self.catalog.words() | FILLER
        self._lock = threading.Lock()
        self._key: FileIdentity | None = None
        self._nationalities: set[str] = set()

    def nationalities(self) -> set[str]:
        key = warehouse_identity(self.warehouse)
        with self._lock:
            if key != self._key:
                with read_connection(self.warehouse) as con:
                    self._nationalities = {str(n) for (n,) in fetch(con, NATIONALITIES)}
                self._key = key
            return self._nationalities

    def read(self, question: str, vocab: Vocabulary) -> CatalogQuery | None:
        if SQL_WORDS.search(question):
            return None
        return read_catalog(question, self.catalog, vocab, self.nationalities(), self.reserved)

    def compile(self, query: CatalogQuery) -> str:
        return compile_catalog(query, self.catalog)

    def answer(self, question: str, vocab: Vocabulary) -> str | None:
        query = self.read(question, vocab)
        return None if query is None else self.compile(query)
