"""What a question asks, as an intent with slots, read from the words left once the entities are
blanked out: a small grammar of concepts (ordinal positions, "P5", top N, metrics, weather
measures and extremes, comparisons) rather than one pattern per question."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ai.library.aliases import NUMBER_WORDS, ORDINALS
from ai.library.entities import Entities

ORDINAL_WORDS = "|".join(ORDINALS)
POSITION = re.compile(
    rf"\bp ?(\d{{1,2}})\b|\b(\d{{1,2}})(?:st|nd|rd|th)\b"
    rf"|\b({ORDINAL_WORDS})\b(?! (?:practice|round|lap))"
    r"|\bposition (\d{1,2})\b|\bplace (\d{1,2})\b"
)
TOP = re.compile(
    r"\btop ?(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\b|\bfirst (\d{1,2}|three|five|ten)\b"
)
WEATHER_MEASURES = (
    (r"track temp|track surface|asphalt|track was", "track_temp"),
    (r"humid", "humidity"),
    (r"pressure", "pressure"),
    (r"wind", "wind_speed"),
    (r"air temp|temperature|\btemp\b|hot|cold|warm|cool|degrees", "air_temp"),
)
EXTREMES = (
    (r"coldest|coolest|lowest|minimum|\bmin\b|least", "min"),
    (r"hottest|warmest|highest|maximum|\bmax\b|peak|windiest|most humid|strongest", "max"),
    (r"average|mean|\bavg\b|typical", "avg"),
)
METRICS = (
    (r"\btitles\b|\bchampionships\b|world champion", "championships"),
    (r"fastest laps", "fastest_laps"),
    (r"pole", "poles"),
    (r"podium", "podiums"),
    (r"\bpoints?\b|\bpts\b", "points"),
    (r"\bdnfs?\b|retire|did not finish", "dnfs"),
    (r"\bwins?\b|\bwon\b|victor|winning|\bwinner", "wins"),
    (r"\braces?\b|\bstarts?\b|grands? prix|\bgps?\b", "races"),
)


# One topic word is enough for these (checked in this order, after the comparisons).
SESSION_TOPICS = (
    (r"degrad|\bdeg\b|wear", "degradation"),
    (
        r"retire|\bdnfs?\b|did not finish|crash|out of the|didn t finish|failed to finish",
        "retirements",
    ),
    (
        r"stints?|compounds?|\btyres?\b|\btires?\b|strateg|\bsofts?\b|\bmediums?\b|\bhards?\b",
        "stints",
    ),
    (r"speed trap|top speed|\bspeed|km ?h", "top_speed"),
    (r"sectors?", "best_sectors"),
    (r"race control|flags?|safety car|penalt|investigat|messages", "race_control"),
    (
        r"gained|places? (made|won)|moved up|climbed|overtak|positions? (up|lost)",
        "positions_gained",
    ),
)


@dataclass(frozen=True)
class Intent:
    name: str
    n: int | None = None  # position or top N
    measure: str | None = None  # weather measure
    agg: str | None = None  # min | max | avg
    metric: str | None = None  # wins | podiums | poles | points | dnfs | races


def has(pattern: str, text: str) -> bool:
    """A keyword of `pattern` starting a word of `text` ("order" is not in "border")."""
    return re.search(rf"(?<![a-z0-9])(?:{pattern})", text) is not None


def number(token: str) -> int:
    return int(token) if token.isdigit() else NUMBER_WORDS.get(token, ORDINALS.get(token, 0))


def position_slot(text: str) -> int | None:
    for hit in POSITION.finditer(text):
        token = next(g for g in hit.groups() if g is not None)
        value = number(token)
        if 0 <= value <= 30:
            return value
    return None


def weather_intent(text: str) -> Intent | None:
    if has(r"\brain|\bwet\b|rainfall|raining", text):
        return Intent("rain")
    measure = next((m for p, m in WEATHER_MEASURES if has(p, text)), None)
    if measure is None:
        return Intent("weather") if has(r"weather|conditions", text) else None
    agg = next((a for p, a in EXTREMES if has(p, text)), "avg")
    return Intent("weather_measure", measure=measure, agg=agg)


def metric_of(text: str) -> str | None:
    return next((m for p, m in METRICS if has(p, text)), None)


def event_intent(text: str, found: Entities) -> Intent | None:
    """Intents about one event or session."""
    two = len(found.drivers) >= 2
    one = len(found.drivers) >= 1
    no_season = found.season is None and found.season_range is None
    most = r"(won|win|wins|victories) (the )?most|most (wins|successful|victories|times)|most often"
    if no_season and has(most + r"|all time|\brecords?\b(?! lap)", text) and not has(r"lap", text):
        return Intent("circuit_records")
    q_time = has(r"\bq ?[123]\b", text) and has(r"\btimes?\b|\blap\b", text)
    if q_time or has(r"qualifying times|quali times|qualifying laps? times", text):
        return Intent("quali_times")
    if has(
        r"(how many|number of) (drivers |cars |runners )?(finish|were classified|made it)", text
    ):
        return Intent("finishers")
    higher = has(r"higher|ahead|better|beat", text) and not has(r"points", text)
    if found.teams and not found.drivers and higher:
        return Intent("ahead")
    if has(r"front row", text):
        return Intent("grid" if has(r"start|grid", text) else "top_n", n=2)
    if has(r"runner ?-?up|second place finisher", text):
        return Intent("position", n=2)
    if has(r"chequered flag|checkered flag", text) and has(r"\bwho\b|\bfirst\b", text):
        return Intent("position", n=1)
    weather = weather_intent(text)
    if weather is not None:
        return weather
    if has(r"standing|championship|title race|leader|leading|points table", text):
        return Intent("standings_after_round")
    if has(r"team ?-?mate", text) and one:
        return Intent("beat_teammate")
    ahead = r"\bbeat\b|\bahead\b|in front|better than|finish(ed)? (higher|better)|outqualif|outscor"
    if two and has(ahead + r"|\bor\b|\bvs\b|versus", text) and not has(r"lap|sector|gap", text):
        return Intent("ahead")
    if has(r"\bwin by\b|\bwon by\b|winning margin|margin of victory", text):
        return Intent("gap", measure="margin")
    if has(r"\bgap\b|\bmargin\b|behind|how far|slower than|faster than|\bdelta\b", text):
        return Intent("gap")
    if has(r"pit ?stops?|\bpit\b|pitted|\bstops\b", text) and has(
        r"fastest|quickest|shortest|slowest|longest|how long|duration|time", text
    ):
        slow = has(r"slowest|longest", text)
        return Intent("pit_stops", measure="time", agg="max" if slow else "min")
    if has(r"pit ?stops?|\bpit\b|pitted|\bstops\b", text):
        counted = has(r"\bmost\b|how many|number of|\bcount|fewest|least", text)
        return Intent("pit_stops", measure="count" if counted else None)
    for pattern, name in SESSION_TOPICS:
        if has(pattern, text):
            return Intent(name, measure="longest" if has(r"longest", text) else None)
    if has(r"\bpoints?\b|\bpts\b|\bscore", text):
        return Intent("standings_after_round" if has(r"\bafter\b", text) else "points")
    if has(r"how many laps|laps (did|completed|done|driven|run)|completed|number of laps", text):
        return Intent("laps_completed")
    if two and has(r"laps?|lap times|compare", text):
        return Intent("compare_lap_times")
    if has(
        r"fastest|quickest|best lap|best time|personal best|lap record|topped|top of the time"
        r"|average lap|avg lap|mean lap",
        text,
    ):
        top = TOP.search(text)
        return Intent("fastest_lap", n=number(next(g for g in top.groups() if g)) if top else None)
    if one and has(
        r"\blap times\b|\bevery lap\b|lap by lap|\ball laps|\bhis laps|\bher laps", text
    ):
        return Intent("driver_laps")
    if has(r"\bgrid\b|\bstart(ed|ing)?\b|lined up", text) and not has(r"finish|\bend", text):
        pos = position_slot(text)
        return Intent("grid", n=pos if pos is not None else (None if one else 1))
    if has(r"\bpole\b", text):
        return Intent("pole")
    if has(r"podium|top three|top 3\b|first three", text):
        return Intent("podium")
    top = TOP.search(text)
    if top:
        return Intent("top_n", n=number(next(g for g in top.groups() if g)))
    pos = position_slot(text)
    if pos is not None:
        return Intent("position", n=pos)
    if has(r"\bwho won\b|\bwinner|\bwon\b|\bwin\b|victor|take the win|took the win", text):
        return Intent("position", n=1)
    if one and has(r"finish|result|where did|how did|position|place|classified|end up", text):
        return Intent("driver_result")
    if not one and has(r"\bteams\b|constructors", text):
        return Intent("team_event")
    if has(r"results?|classification|finishing order|order|standings|who finished|how did", text):
        return Intent("session_results")
    if has(r"\blaps?\b", text):
        return Intent("laps_completed")
    if found.teams and has(r"how did|do|perform", text):
        return Intent("team_event")
    return None


def season_intent(text: str, found: Entities) -> Intent | None:
    """Intents about a season, a span of seasons or a career."""
    one = len(found.drivers) >= 1
    metric = metric_of(text)
    counting = has(r"how many|number of|count|total|tally|\bmore\b|\bfewer\b", text)
    ranking = has(r"\bmost\b|\bfewest\b|\bleast\b|ranking|\brank|\bwho (had|has|got|scored)", text)
    by_team = has(r"\bteams?\b|constructors?", text)
    if has(r"team ?-?mates?|head to head|\bh2h\b", text) and one:
        return Intent("teammate_h2h")
    if len(found.drivers) >= 2 and metric not in (None, "races") and counting:
        return Intent("count", metric=metric)
    if len(found.drivers) >= 2 and has(
        r"\bbeat\b|\bahead\b|better|\bvs\b|versus|against|\bor\b", text
    ):
        return Intent("head_to_head")
    if has(r"rain|wet", text):
        return Intent("rainy_sessions")
    weather = weather_intent(text)
    if weather is not None and weather.name == "weather_measure":
        return Intent("weather_ranking", measure=weather.measure, agg=weather.agg)
    if metric == "championships" and counting and (one or found.teams):
        return Intent("count", metric=metric)
    if by_team and not found.teams and has(r"champion|title", text) and not ranking:
        return Intent("team_points", measure="title")
    if by_team and not found.teams and has(r"standings|table\b", text):
        return Intent("team_points")
    if by_team and not found.teams and metric in (None, "points") and has(r"points|best", text):
        return Intent("team_points")
    if ranking and metric == "championships":
        return Intent("ranking", metric=metric, measure="team" if by_team else None)
    # "champion(s)" or winning the title; "the championship" alone is the standings
    if has(r"champions?\b|\btitles?\b|\bwdc\b|won the (drivers )?(world )?championship", text):
        return Intent("champion")
    if one and metric == "wins" and has(r"\b(which|what) (races|grands? prix|events)", text):
        return Intent("season_winners")
    every = has(r"each race|every race|each grand prix|every grand prix|all races", text)
    if one and every and not has(r"\bwon\b|\bwin|winner", text):
        return Intent("driver_season_results")
    if has(r"each race|every race|each grand prix|every grand prix|race winners|winners", text):
        return Intent("season_winners")
    standing = r"standing|table\b|leader|leading|leads?\b|ranking|order\b|championship\b"
    if has(standing, text) and not metric:
        return Intent("standings")
    if has(r"progress|over the season|round by round|by round|after each", text) and one:
        return Intent("points_progression")
    if metric == "races" and counting and not one and not found.teams:
        return Intent("calendar")
    if metric and counting:
        return Intent("count", metric=metric)
    if one and has(r"results|finishes|how did|perform|season|do in|go in", text) and not ranking:
        return Intent("driver_season_results")
    if metric and metric != "races" and (one or found.teams) and not ranking:
        return Intent("count", metric=metric)
    if metric and (ranking or not one):
        return Intent("ranking", metric=metric, measure="team" if by_team else None)
    if has(r"calendar|schedule|how many (races|rounds|events)|which races|rounds", text):
        return Intent("calendar")
    if has(r"gained|overtak", text):
        return Intent("season_positions_gained")
    if found.teams and has(r"drivers?|drove|line ?-?up|raced for|driving for|who", text):
        return Intent("team_drivers")
    if has(r"sessions|available|coverage|what data", text):
        return Intent("data_availability")
    if one and has(r"results?|finishes|how did|perform|season|do in|go in", text):
        return Intent("driver_season_results")
    if one and has(r"who is|who s|number|nationality|about|tell me", text):
        return Intent("driver_info")
    return None


# A question about the future: the model's probabilities (gold.fct_predictions), not a result.
PREDICTION = (
    r"favou?rites?\b|predict|forecast|chances?\b|\bodds\b|likel(y|iest)|expected to"
    r"|probabilit|(will|ll|going to|gonna|can) (win|finish|be on|make|get|take|retire|dnf)"
)
PREDICTION_TARGETS = (
    (r"podium|top (three|3)\b", "podium"),
    (r"top (ten|10)\b|\bpoints\b", "top10"),
    (r"retir|\bdnf|not finish|crash", "dnf"),
)


def prediction_intent(text: str) -> Intent | None:
    """ "Who is favourite for …", "who will win …", "predicted podium …": which target's
    probability the answer ranks by (win unless the question names another)."""
    if not has(PREDICTION, text):
        return None
    return Intent(
        "prediction", measure=next((t for p, t in PREDICTION_TARGETS if has(p, text)), "win")
    )


def intent_of(found: Entities) -> Intent | None:
    text = found.rest
    predicted = prediction_intent(text)
    if predicted is not None:
        return predicted
    if found.events:
        return event_intent(text, found)
    return season_intent(text, found)
