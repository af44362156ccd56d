"""The warehouse's own names for the entities a question can link, read once per warehouse file:
every phrase (plain: lower case, no accents) that names a driver, a constructor, a Grand Prix, a
circuit or a country, with each candidate's weight (race wins) to pick a dominant reading.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import duckdb

from f1lake.sessions import RACE

KINDS = ("driver", "constructor", "event_name", "circuit", "country", "nationality", "status")


def plain(text: str) -> str:
    """Lower case, no accents, punctuation (but `_`) as spaces ("São Paulo" -> "sao paulo")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    stripped = re.sub(r"[’'`´]s\b", "", stripped)
    return " ".join(re.findall(r"[a-z0-9_]+", stripped))


@dataclass(frozen=True)
class Candidate:
    kind: str  # one of KINDS
    key: str  # driver_ref, constructor_ref, event_name, circuit_ref, country
    label: str
    weight: float = 0.0  # race wins (drivers, constructors): the dominant reading of a surname
    strict: bool = False  # only when written with a capital (an obscure surname, a code)


@dataclass
class Vocabulary:
    phrases: dict[str, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[str, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    ergast_ids: dict[tuple[str, int], str] = field(default_factory=dict)  # (kind, id) -> key
    seasons: tuple[int, ...] = ()
    complete_seasons: tuple[int, ...] = ()
    longest: int = 1  # words in the longest phrase
    demonyms: dict[str, str] = field(default_factory=dict)  # plain country -> nationality

    def add(self, phrase: str, candidate: Candidate) -> None:
        key = plain(phrase)
        if not key or any(c == candidate for c in self.phrases[key]):
            return
        self.phrases[key].append(candidate)
        self.longest = max(self.longest, len(key.split()))

    @property
    def latest_complete(self) -> int | None:
        return max(self.complete_seasons) if self.complete_seasons else self.latest

    @property
    def latest(self) -> int | None:
        return max(self.seasons) if self.seasons else None


def fetch(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    try:
        return con.execute(sql).fetchall()
    except duckdb.Error:
        return []  # a mart missing from an old warehouse: its names are not linked


DRIVERS = f"""select d.driver_ref, coalesce(d.driver_full_name, d.driver_ref),
  coalesce(d.last_name, ''), coalesce(d.driver_code, ''), d.driver_id, coalesce(d.first_name, ''),
  coalesce(w.wins, 0), coalesce(w.starts, 0)
from gold.dim_drivers as d left join (select driver_ref, count_if(is_winner) as wins,
  count_if(is_start) as starts from gold.fct_results where session_code = '{RACE}' group by 1) as w
  on w.driver_ref = d.driver_ref"""
CONSTRUCTORS = f"""select c.constructor_ref, coalesce(c.latest_team_name, c.constructor_name),
  c.constructor_name, c.constructor_id, coalesce(w.wins, 0)
from gold.dim_constructors as c left join (select constructor_ref, count_if(is_winner) as wins
  from gold.fct_results where session_code = '{RACE}' group by 1) as w
  on w.constructor_ref = c.constructor_ref"""


def add_drivers(
    vocab: Vocabulary, con: duckdb.DuckDBPyConnection, aliases: tuple[tuple[str, str], ...]
) -> None:
    """Full names, refs, surnames (an obscure one only capitalised), codes, Ergast ids, the
    first names of race winners (capitalised: "Kimi", "Nico" -> the dominant one) and the
    layer's nicknames."""
    named: dict[str, Candidate] = {}
    for ref, name, last, code, driver_id, first, wins, starts in fetch(con, DRIVERS):
        notable = wins > 0 or starts >= 50
        candidate = Candidate("driver", ref, name, float(wins))
        named[ref] = candidate
        vocab.add(name, candidate)
        if first and wins > 0:
            vocab.add(first.split()[0], Candidate("driver", ref, name, float(wins), strict=True))
        reference = candidate if notable else Candidate("driver", ref, name, float(wins), True)
        vocab.add(ref.replace("_", " ") if "_" in ref else ref, reference)  # "speed": Scott Speed
        if last:
            surname = Candidate("driver", ref, name, float(wins), strict=not notable)
            vocab.add(last, surname)
        if len(code) == 3 and code.isalpha():
            vocab.codes[code.upper()].append(Candidate("driver", ref, name, float(starts)))
        if driver_id is not None:
            vocab.ergast_ids[("driver", int(driver_id))] = ref
    for nickname, ref in aliases:
        if ref in named:
            vocab.add(nickname, named[ref])
    for team_name, ref in fetch(
        con, "select distinct team_name, constructor_ref from gold.dim_teams"
    ):
        vocab.add(team_name, Candidate("constructor", ref, team_name))


def add_constructors(vocab: Vocabulary, con: duckdb.DuckDBPyConnection) -> None:
    weights: dict[str, float] = {}
    for ref, label, name, constructor_id, wins in fetch(con, CONSTRUCTORS):
        weights[ref] = float(wins)
        for phrase in (label, name, ref.replace("_", " ")):
            vocab.add(phrase, Candidate("constructor", ref, label, float(wins)))
        if constructor_id is not None:
            vocab.ergast_ids[("constructor", int(constructor_id))] = ref
    for phrase, found in vocab.phrases.items():  # team names of dim_teams get their weight
        vocab.phrases[phrase] = [
            Candidate(c.kind, c.key, c.label, weights.get(c.key, 0.0), c.strict)
            if c.kind == "constructor"
            else c
            for c in found
        ]


def add_places(vocab: Vocabulary, con: duckdb.DuckDBPyConnection) -> None:
    for name, country in fetch(con, "select distinct event_name, country from gold.dim_events"):
        event = Candidate("event_name", name, name)
        vocab.add(name, event)
        short = re.sub(r"\s+Grand Prix$", "", name)
        vocab.add(f"{short} GP", event)
        if short != name and plain(short) != plain(country or ""):
            vocab.add(short, event)
    for (country,) in fetch(
        con,
        "select distinct country from gold.dim_events union "
        "select distinct country from gold.dim_circuits",
    ):
        if country:
            vocab.add(country, Candidate("country", country, country))
    taken = set(vocab.phrases)
    for ref, name, locality in fetch(
        con, "select circuit_ref, circuit_name, coalesce(locality, '') from gold.dim_circuits"
    ):
        circuit = Candidate("circuit", ref, name)
        vocab.add(name, circuit)
        for phrase in (locality, ref.replace("_", " ")):
            if phrase and plain(phrase) not in taken:
                vocab.add(phrase, circuit)
    for event_id, race_id in fetch(con, "select event_id, race_id from gold.dim_events"):
        if race_id is not None:
            vocab.ergast_ids[("race", int(race_id))] = event_id


NATIONALITIES = "select distinct nationality from gold.dim_drivers where nationality is not null"
# causes of a retirement (not "+1 Lap"): "engine", "gearbox failures", "accidents"
CAUSES = """select distinct status from gold.fct_results
where is_dnf and status is not null and status not like '+%'"""
CAUSE_NOUNS = ("s", " failure", " failures", " problem", " problems", " issue", " issues")


def add_attributes(vocab: Vocabulary, con: duckdb.DuckDBPyConnection) -> None:
    """Drivers' nationalities ("British") and the causes of retirements ("engine failures")."""
    for (nationality,) in fetch(con, NATIONALITIES):
        vocab.add(nationality, Candidate("nationality", nationality, nationality))
    for (status,) in fetch(con, CAUSES):
        cause = Candidate("status", status, status)
        for phrase in (status, *(status + noun for noun in CAUSE_NOUNS)):
            vocab.add(phrase, cause)


def read_vocabulary(
    con: duckdb.DuckDBPyConnection, aliases: tuple[tuple[str, str], ...] = ()
) -> Vocabulary:
    vocab = Vocabulary()
    add_drivers(vocab, con, aliases)
    add_constructors(vocab, con)
    add_places(vocab, con)
    add_attributes(vocab, con)
    seasons = fetch(con, "select season, coalesce(is_complete, false) from gold.dim_seasons")
    vocab.seasons = tuple(sorted(int(s) for s, _ in seasons))
    vocab.complete_seasons = tuple(sorted(int(s) for s, done in seasons if done))
    return vocab


def add_demonyms(vocab: Vocabulary, demonyms: dict[str, str]) -> None:
    """Countries as their drivers' nationality ("world champions from Finland"): a country no
    race was held in is the nationality outright; any other one only after "from" (the reader)."""
    known = {c.key for cs in vocab.phrases.values() for c in cs if c.kind == "nationality"}
    for country, nationality in demonyms.items():
        if nationality not in known:
            continue
        vocab.demonyms[plain(country)] = nationality
        if plain(country) not in vocab.phrases:
            vocab.add(country, Candidate("nationality", nationality, nationality))
