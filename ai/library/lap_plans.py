"""Queries about the laps, tyres, pit stops, speeds and weather of one session."""

from __future__ import annotations

from ai.library.builder import Cond, Query, Scope
from ai.library.intents import Intent

WEATHER_GOLD = {
    ("air_temp", "avg"): "air_temp_avg_c",
    ("air_temp", "min"): "air_temp_min_c",
    ("air_temp", "max"): "air_temp_max_c",
    ("track_temp", "avg"): "track_temp_avg_c",
    ("track_temp", "min"): "track_temp_min_c",
    ("track_temp", "max"): "track_temp_max_c",
    ("humidity", "avg"): "humidity_avg_pct",
    ("pressure", "avg"): "pressure_avg_mbar",
    ("wind_speed", "avg"): "wind_speed_avg_ms",
    ("wind_speed", "max"): "wind_speed_max_ms",
}
WEATHER_SILVER = {
    "air_temp": ("air_temp_c", "c"),
    "track_temp": ("track_temp_c", "c"),
    "humidity": ("humidity_pct", "pct"),
    "pressure": ("pressure_mbar", "mbar"),
    "wind_speed": ("wind_speed_ms", "ms"),
}


def session(s: Scope) -> tuple[Cond, ...]:
    return (Cond("session_id", "=", s.session_id),)


def pit_stops(i: Intent, s: Scope) -> Query:
    if i.measure == "time":  # fastest / longest stops: pit-lane time
        cols = ("driver_code", "team_name", "pit_stop_number", "in_lap_number", "pit_lane_time_ms")
        where = (*session(s), Cond("pit_lane_time_ms", "is not null"), *s.driver_cond())
        order = "pit_lane_time_ms desc" if i.agg == "max" else "pit_lane_time_ms"
        return Query("gold.fct_pit_stops", cols, where, order_by=(order, "driver_code"))
    if s.drivers or i.measure == "count":
        return Query(
            "gold.fct_pit_stops",
            ("driver_code", "count(*) as pit_stops", "min(in_lap_number) as first_stop_lap"),
            (*session(s), *s.driver_cond()),
            group_by=("driver_code",),
            order_by=("pit_stops desc", "driver_code"),
        )
    return Query(
        "gold.fct_pit_stops",
        (
            "driver_code",
            "team_name",
            "pit_stop_number",
            "in_lap_number",
            "pit_lane_time_ms",
            "compound_before",
            "compound_after",
        ),
        session(s),
        order_by=("driver_code", "pit_stop_number"),
    )


def stints(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_stints",
        (
            "driver_code",
            "team_name",
            "stint_number",
            "compound",
            "first_lap_number",
            "last_lap_number",
            "laps_in_stint",
            "is_fresh_tyre",
        ),
        (*session(s), *s.driver_cond()),
        order_by=("laps_in_stint desc", "driver_code")
        if i.measure == "longest"
        else ("driver_code", "stint_number"),
    )


def degradation(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_stints",
        (
            "driver_code",
            "stint_number",
            "compound",
            "clean_laps",
            "avg_clean_lap_ms",
            "degradation_ms_per_lap",
        ),
        (*session(s), Cond("degradation_ms_per_lap", "is not null"), *s.driver_cond()),
        order_by=("degradation_ms_per_lap",),
    )


def top_speed(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_laps",
        ("driver_code", "team_name", "max(speed_st_kmh) as top_speed_kmh"),
        (*session(s), Cond("speed_st_kmh", "is not null"), *s.driver_cond()),
        group_by=("driver_code", "team_name"),
        order_by=("top_speed_kmh desc", "driver_code"),
    )


def sectors(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_laps",
        (
            "driver_code",
            "min(sector_1_ms) as best_sector_1_ms",
            "min(sector_2_ms) as best_sector_2_ms",
            "min(sector_3_ms) as best_sector_3_ms",
        ),
        (*session(s), Cond("not is_deleted", "true"), *s.driver_cond()),
        group_by=("driver_code",),
        order_by=("best_sector_1_ms + best_sector_2_ms + best_sector_3_ms",),
    )


def race_control(i: Intent, s: Scope) -> Query:
    return Query(
        "silver.stg_race_control",
        ("message_sequence", "message_at", "category", "flag", "message"),
        session(s),
        order_by=("message_sequence",),
    )


def laps(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.fct_laps",
        (
            "lap_number",
            "driver_code",
            "lap_time_ms",
            "sector_1_ms",
            "sector_2_ms",
            "sector_3_ms",
            "compound",
            "is_personal_best",
        ),
        (*session(s), *s.driver_cond(), Cond("lap_time_ms", "is not null")),
        order_by=("lap_number", "driver_code"),
    )


def weather(i: Intent, s: Scope) -> Query:
    if i.name == "weather_measure" and i.measure and i.agg:
        column = WEATHER_GOLD.get((i.measure, i.agg))
        if column is None:
            raw, unit = WEATHER_SILVER[i.measure]
            name = f"{i.measure}_{i.agg}_{unit}"
            return Query(
                "silver.stg_weather",
                ("session_id", f"{i.agg}({raw}) as {name}"),
                session(s),
                group_by=("session_id",),
            )
        return Query(
            "gold.session_weather_summary", ("session_id", column, "weather_samples"), session(s)
        )
    return Query(
        "gold.session_weather_summary",
        (
            "session_id",
            "air_temp_avg_c",
            "track_temp_avg_c",
            "track_temp_max_c",
            "humidity_avg_pct",
            "wind_speed_avg_ms",
            "had_rainfall",
            "rainfall_sample_share",
        ),
        session(s),
    )


def rainy(i: Intent, s: Scope) -> Query:
    return Query(
        "gold.session_weather_summary w",
        ("w.session_id", "d.event_name", "d.session_name", "w.rainfall_sample_share"),
        (*s.season_conds("w.season"), Cond("w.had_rainfall", "true")),
        joins=("join gold.dim_sessions d using (session_id)",),
        order_by=("w.session_id",),
    )


def weather_ranking(i: Intent, s: Scope) -> Query:
    measure = i.measure or "air_temp"
    column = WEATHER_GOLD.get((measure, i.agg or "avg")) or WEATHER_GOLD.get((measure, "avg"))
    column = column or "air_temp_avg_c"
    direction = "desc" if i.agg == "max" else "asc"
    return Query(
        "gold.session_weather_summary w",
        ("w.session_id", "d.event_name", f"w.{column}"),
        (
            *s.season_conds("w.season"),
            Cond("w.session_code", "in", s.session_codes),
            Cond(f"w.{column}", "is not null"),
        ),
        joins=("join gold.dim_sessions d using (session_id)",),
        order_by=(f"w.{column} {direction}", "w.session_id"),
        limit=10,
    )


def practice_rank(i: Intent, s: Scope) -> Query:
    """Practice has no classification: positions are the best-lap order."""
    cols = ("best_lap_rank", "driver_code", "team_name", "best_lap_ms as fastest_lap_ms", "laps")
    rank = (
        Cond("best_lap_rank", "=", i.n or 1)
        if i.name == "position"
        else Cond("best_lap_rank", "<=", i.n or 3)
    )
    return Query(
        "gold.driver_session_summary",
        cols,
        (*session(s), rank),
        order_by=("best_lap_rank", "driver_code"),
    )
