"""The tables the session pages show (pure pandas: gold rows in, display frame out)."""

from __future__ import annotations

import pandas as pd

from dashboard.charts.tyres import compound_rank
from dashboard.formatting import MISSING, gap, integer, lap_time, seconds, sector_time, when
from dashboard.gaps import PART_COLUMNS, part_label

NO_DATA = "no data"


def fastest_laps_table(laps: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Pos": laps["rank"],
            "Driver": laps["driver_code"],
            "Name": laps["driver_full_name"].fillna(MISSING),
            "Team": laps["team_name"],
            "Lap": laps["lap_number"],
            "Compound": laps["compound"].fillna(MISSING).str.title(),
            "Tyre age": laps["tyre_life_laps"],
            "Lap time": laps["lap_time_ms"].map(lap_time),
            "Gap": (laps["lap_time_ms"] - laps["lap_time_ms"].min()).map(gap),
            "S1": laps["sector_1_ms"].map(sector_time),
            "S2": laps["sector_2_ms"].map(sector_time),
            "S3": laps["sector_3_ms"].map(sector_time),
            "Speed trap": laps["speed_st_kmh"],
        }
    )


def last_part(row: pd.Series) -> int | None:
    """1, 2 or 3: the last qualifying part the driver set a time in (None: no time)."""
    parts = [i for i, column in enumerate(PART_COLUMNS, 1) if pd.notna(row[column])]
    return parts[-1] if parts else None


def qualifying_table(classification: pd.DataFrame, session_code: str) -> pd.DataFrame:
    """The Q1/Q2/Q3 classification in grid order: each driver's lap that set their place
    (the best of the last part they ran), the gap to the fastest in that part, knock-outs."""
    rows = classification.reset_index(drop=True)
    parts = [last_part(row) for _, row in rows.iterrows()]
    final = max((p for p in parts if p is not None), default=None)
    fastest = {i: rows[column].min() for i, column in enumerate(PART_COLUMNS, 1)}
    gaps = [
        MISSING if p is None else gap(row[PART_COLUMNS[p - 1]] - fastest[p])
        for p, (_, row) in zip(parts, rows.iterrows(), strict=True)
    ]
    table = pd.DataFrame(
        {
            "Pos": rows["qualifying_position"].map(integer),
            "Driver": rows["driver_code"],
            "Name": rows["driver_full_name"].fillna(MISSING),
            "Team": rows["team_name"].fillna(MISSING),
            "Part": [MISSING if p is None else part_label(session_code, p) for p in parts],
            "Lap": rows["deciding_lap_number"].astype("Int64"),
            "Lap time": rows["deciding_lap_ms"].map(lap_time),
            "Gap in part": gaps,
        }
    )
    for i, column in enumerate(PART_COLUMNS, 1):
        table[part_label(session_code, i)] = rows[column].map(lap_time)
    table["Knocked out"] = [
        MISSING if p is None else part_label(session_code, p) if p != final else "" for p in parts
    ]
    return table


def team_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Team summary of one session; data the session lacks reads 'no data', never None/0."""
    has_laps = bool(rows["has_laps"].any()) if "has_laps" in rows else True
    table = pd.DataFrame(
        {
            "Team": rows["team_name"],
            "Drivers": rows["drivers"].fillna(MISSING),
            "Best position": rows["best_position"].map(
                lambda v: MISSING if pd.isna(v) else f"P{int(v)}"
            ),
            "Points": rows["points"].map(lambda v: MISSING if pd.isna(v) else f"{v:g}"),
            "Best lap": rows["best_lap_ms"].map(lap_time),
            "Laps": rows["laps"].map(integer) if has_laps else NO_DATA,
        }
    )
    session_type = str(rows["session_type"].iloc[0]) if len(rows) else ""
    if session_type in ("race", "sprint"):
        table["Pit stops"] = rows["pit_stops"].map(integer) if has_laps else NO_DATA
    if session_type not in ("race", "sprint"):
        table = table.drop(columns="Points")
    return table


def results_table(results: pd.DataFrame) -> pd.DataFrame:
    """A session's classification with human headers."""
    return pd.DataFrame(
        {
            "Pos": results["finish_position"].map(integer),
            "Driver": results["driver_code"],
            "Name": results["driver_full_name"].fillna(MISSING),
            "Team": results["team_name"].fillna(MISSING),
            "Grid": results["grid_position"].map(integer),
            "Status": results["status"].fillna(MISSING),
            "Points": results["points"].map(lambda v: MISSING if pd.isna(v) else f"{v:g}"),
        }
    )


def race_classification_table(results: pd.DataFrame) -> pd.DataFrame:
    """The Race page's classification: grid, status and points beside the best qualifying lap."""
    return pd.DataFrame(
        {
            "Pos": results["classified_position"].fillna(MISSING),
            "Driver": results["driver_code"],
            "Name": results["driver_full_name"],
            "Team": results["team_name"],
            "Grid": results["grid_position"],
            "Status": results["status"],
            "Points": results["points"],
            "Best quali lap": results["best_qualifying_lap_ms"].map(lap_time),
        }
    )


def pit_stops_table(stops: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Lap": stops["in_lap_number"],
            "Driver": stops["driver_code"],
            "Team": stops["team_name"],
            "Stop": stops["pit_stop_number"],
            "Pit lane": stops["pit_lane_time_ms"].map(seconds),
            "Tyres in": stops["compound_before"].fillna(MISSING).str.title(),
            "Tyres out": stops["compound_after"].fillna(MISSING).str.title(),
        }
    )


def race_control_table(messages: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Time": messages["message_at"].map(lambda v: when(v).removesuffix(" UTC")[11:]),
            "Lap": messages["lap_number"],
            "Category": messages["category"],
            "Flag": messages["flag"].fillna(""),
            "Message": messages["message"],
        }
    )


def compound_table(stints: pd.DataFrame) -> pd.DataFrame:
    """Per compound: stints, laps, average clean lap, median degradation (s per lap)."""
    if stints.empty:
        return pd.DataFrame()
    rows = stints.assign(compound=stints["compound"].fillna("UNKNOWN").str.upper())
    grouped = rows.groupby("compound", sort=False)
    table = pd.DataFrame(
        {
            "stints": grouped.size(),
            "laps": grouped["laps_in_stint"].sum(),
            "pace": grouped["avg_clean_lap_ms"].mean(),
            "deg": grouped["degradation_ms_per_lap"].median(),
        }
    )
    table = table.loc[sorted(table.index, key=compound_rank)]
    return pd.DataFrame(
        {
            "Compound": [str(c).title() for c in table.index],
            "Stints": table["stints"].to_numpy(),
            "Laps": table["laps"].to_numpy(),
            "Average clean lap": table["pace"].map(lap_time).to_numpy(),
            "Degradation (s/lap)": table["deg"]
            .map(lambda v: MISSING if pd.isna(v) else f"{v / 1000:+.3f}")
            .to_numpy(),
        }
    )
