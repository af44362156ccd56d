"""The curated alias table of the question parser: what fans call circuits, countries, sessions,
teams and drivers, beside the names the warehouse's own dimensions carry.

Event aliases point at a location, country or event name the way Fast-F1's schedule spells it
(compared accent- and case-insensitively); session phrases point at codes of the one list in
f1lake/sessions.py; team lineages list every name a team raced under (Fast-F1 team names).
"""

from __future__ import annotations

import re
import unicodedata

from f1lake.sessions import PRACTICE, QUALIFYING, RACE, SPRINT, SPRINT_QUALIFYING, all_codes


def plain(text: str) -> str:
    """Lower case, no accents, apostrophes and dashes as spaces ("São Paulo" -> "sao paulo")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[’'`´]s\b|[’'`´\"?!,;:()]", " ", stripped)).strip()


# common name -> what the schedule calls the place (location, country or event name), plain.
CIRCUITS: dict[str, tuple[str, ...]] = {
    "spa": ("spa francorchamps", "spa-francorchamps", "belgian grand prix"),
    "spa francorchamps": ("spa francorchamps", "spa-francorchamps"),
    "monza": ("monza",),
    "mugello": ("mugello", "tuscan grand prix"),
    "imola": ("imola", "emilia romagna grand prix"),
    "interlagos": ("sao paulo",),
    "jeddah": ("jeddah",),
    "baku": ("baku",),
    "silverstone": ("silverstone",),
    "suzuka": ("suzuka",),
    "cota": ("austin",),
    "circuit of the americas": ("austin",),
    "austin": ("austin",),
    "texas": ("austin",),
    "vegas": ("las vegas",),
    "sin city": ("las vegas",),
    "zandvoort": ("zandvoort",),
    "albert park": ("melbourne",),
    "melbourne": ("melbourne",),
    "sakhir": ("sakhir",),
    "shanghai": ("shanghai",),
    "miami gardens": ("miami",),
    "monte carlo": ("monaco", "monte carlo"),
    "montreal": ("montreal",),
    "gilles villeneuve": ("montreal",),
    "barcelona": ("barcelona", "montmelo"),
    "catalunya": ("barcelona", "montmelo"),
    "red bull ring": ("spielberg",),
    "spielberg": ("spielberg",),
    "hungaroring": ("budapest",),
    "budapest": ("budapest",),
    "marina bay": ("marina bay", "singapore"),
    "mexico city": ("mexico city",),
    "hermanos rodriguez": ("mexico city",),
    "losail": ("lusail",),
    "lusail": ("lusail",),
    "yas marina": ("yas island", "yas marina"),
    "abu dhabi": ("abu dhabi grand prix", "yas island", "yas marina"),
    "paul ricard": ("le castellet",),
    "hockenheim": ("hockenheim",),
    "nurburgring": ("nurburgring",),
    "portimao": ("portimao",),
    "algarve": ("portimao",),
    "istanbul park": ("istanbul",),
    "sochi": ("sochi",),
    "madring": ("madrid",),
    "us gp": ("united states grand prix",),
    "usgp": ("united states grand prix",),
    "us grand prix": ("united states grand prix",),
    "united states gp": ("united states grand prix",),
}
# Names the schedule gives the same country in different seasons.
SAME_COUNTRY: tuple[frozenset[str], ...] = (
    frozenset({"united kingdom", "great britain", "uk"}),
    frozenset({"united arab emirates", "abu dhabi", "uae"}),
    frozenset({"united states", "usa"}),
    frozenset({"korea", "south korea"}),
)
COUNTRIES: dict[str, str] = {
    "uk": "united kingdom",
    "great britain": "united kingdom",
    "britain": "united kingdom",
    "england": "united kingdom",
    "usa": "united states",
    "america": "united states",
    "us": "united states",
    "holland": "netherlands",
    "the netherlands": "netherlands",
    "uae": "united arab emirates",
    "saudi": "saudi arabia",
    "mexico": "mexico",
    "brasil": "brazil",
    "italy": "italy",
    "spain": "spain",
    "russia": "russia",
}
DEMONYMS: dict[str, str] = {
    "brazilian": "brazil",
    "dutch": "netherlands",
    "american": "united states",
    "us": "united states",
    "mexican": "mexico",
    "saudi": "saudi arabia",
}

# (regex over plain text, codes); the first that matches wins. Codes are checked against the one
# list in f1lake/sessions.py at import.
SESSION_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"sprint[ -]?(qualifying|quali|qualy|shoot ?out)|\bshoot ?out\b|\bsq\b|\bss\b",
        SPRINT_QUALIFYING,
    ),
    (r"\bsprint\b", (SPRINT,)),
    (r"\bfp ?1\b|(first|1st|opening) (free )?practice|(free )?practice (1|one)\b", ("FP1",)),
    (r"\bfp ?2\b|(second|2nd) (free )?practice|(free )?practice (2|two)\b", ("FP2",)),
    (r"\bfp ?3\b|(third|3rd|final|last) (free )?practice|(free )?practice (3|three)\b", ("FP3",)),
    (r"\bpractice\b|\bfp\b", PRACTICE),
    (r"qualif|\bquali\b|\bqualy\b|\bq ?[123]\b|\bpole\b|\bgrid\b|\bquali session", (QUALIFYING,)),
    (r"\brace\b|\bgrand prix\b|\bgp\b", (RACE,)),
)
assert {c for _, codes in SESSION_PHRASES for c in codes} <= set(all_codes())

# Every name a team raced under, oldest first (Fast-F1 spellings, plus fans' short names).
TEAM_LINEAGES: tuple[tuple[str, ...], ...] = (
    ("force india", "racing point", "aston martin", "aston"),
    ("toro rosso", "alphatauri", "alpha tauri", "rb", "visa cash app rb", "racing bulls", "vcarb"),
    ("renault", "alpine"),
    ("sauber", "alfa romeo", "alfa romeo racing", "kick sauber", "stake", "audi"),
    ("red bull", "red bull racing", "rbr"),
    ("mercedes", "merc", "mercedes amg"),
    ("ferrari", "scuderia ferrari", "scuderia"),
    ("mclaren", "macca"),
    ("williams",),
    ("haas", "haas f1 team"),
)
# Fans' names for drivers -> last name (plain).
DRIVER_NICKNAMES: dict[str, str] = {
    "checo": "perez",
    "kmag": "magnussen",
    "k mag": "magnussen",
    "hulk": "hulkenberg",
    "danny ric": "ricciardo",
    "seb": "vettel",
    "iceman": "raikkonen",
    "nico hulkenberg": "hulkenberg",
    "lewis": "hamilton",
    "kimi antonelli": "antonelli",
    "yuki": "tsunoda",
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "last": 0,
}
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
# Words of questions that must never be read as a misspelt driver name.
# fmt: off
VOCABULARY = frozenset((
    "champion", "champions", "championships", "winners", "wins", "poles", "starts", "titles",
    "careers", "history", "victories", "constructors", "qualified", "finishers", "standing",
    "about", "after", "ahead", "average", "beat", "behind", "best", "championship", "circuit",
    "classification", "coldest", "complete", "completed", "compounds", "constructor",
    "constructors", "driver", "drivers", "during", "every", "fastest", "finish", "finished",
    "finishes", "first", "fourth", "grand", "hottest", "laps", "leader", "lowest", "model",
    "points", "podium", "podiums", "position", "positions", "practice", "qualifying", "quali",
    "quickest", "races", "result", "results", "round", "rounds", "sector", "sectors",
    "season", "seasons", "second", "session", "sessions", "slowest", "sprint", "standings",
    "stints", "strategy", "teammate", "temperature", "third", "tyres", "tires", "track",
    "weather", "which", "where", "whose", "winner", "winners", "would", "highest", "humidity",
    "pressure", "speed", "speeds", "start", "started", "stops", "team", "teams", "times",
    "total", "gained", "retired", "retirements", "places", "place", "event", "events",
    "calendar", "could", "there", "their", "other", "versus", "title", "titles", "career",
    "circuit", "record", "records", "mostly", "state", "states", "scored", "score", "races",
    "under", "until", "since", "least", "worst", "fewer", "shootout", "kilometres", "minimum",
    "maximum", "chance", "chances", "favourite", "favourites", "favorite", "favorites",
    "predicted", "prediction", "predictions", "forecast", "likely", "expected",
))
# fmt: on
# Words that name no driver on their own (Paddy Driver needs his full name).
# fmt: off
QUESTION_WORDS = frozenset((
    "driver", "race", "races", "will", "may", "young", "long", "miles", "winner", "time",
    "times", "start", "team", "grand", "prix", "pole", "lap", "laps", "gap", "sprint",
    "round", "year", "best", "fast", "first", "last", "most",
))
# fmt: on
