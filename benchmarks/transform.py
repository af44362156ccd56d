"""Transform benchmark: scale the real bronze to >= 10 synthetic seasons, then measure

  1. full build seconds (`python -m transform build --full-refresh`, models + every test + swap),
  2. after-one-new-round build / full build (incremental from the served file; target <= 0.3),
  3. p95 of the heaviest gold query at one season (target <= 100 ms),
  4. publishing silver + gold as Parquet (lake/<version>/) as a share of each build.

Usage: .venv/bin/python benchmarks/transform.py [--source-root ROOT] [--seasons 10,76]
       [--history-csv ../shared/data/ergast/tracinginsights-racedata]  (76 seasons of history)
Each scale is measured in the same run; the table at the end compares them.
ROOT must hold real bronze (e.g. after `make ingest`); default: EXTERNAL_DATA_ROOT.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from f1lake.settings import CoreSettings
from f1lake.warehouse import read_connection

FIRST_SYNTHETIC_SEASON = 3001
ROUNDS_PER_SEASON = 24

# Representative dashboard/copilot queries over one season (the heaviest p95 is reported).
GOLD_QUERIES = {
    "standings_by_round": """
        select s.round, s.driver_code, d.driver_full_name, s.points, s.position
        from gold.fct_driver_standings s join gold.dim_drivers d using (driver_ref)
        where s.season = $season order by s.round, s.position""",
    "session_summary_labels": """
        select ses.event_name, ses.session_name, dss.driver_code, dss.team_name, dss.laps,
               dss.pit_stops, dss.best_lap_ms, dss.best_lap_rank, t.team_colour_hex
        from gold.driver_session_summary dss
        join gold.dim_sessions ses using (session_id)
        left join gold.dim_teams t on t.season = dss.season and t.team_name = dss.team_name
        where dss.season = $season order by ses.session_start_at, dss.best_lap_rank""",
    "lap_time_distribution": """
        select driver_code, compound, count(*) as laps,
               quantile_cont(lap_time_ms, 0.5) as median_ms, min(lap_time_ms) as best_ms
        from gold.fct_laps where season = $season and is_clean_lap
        group by all order by median_ms""",
    "degradation_by_compound": """
        select compound, team_name, avg(degradation_ms_per_lap) as deg, sum(clean_laps) as laps
        from gold.fct_stints where season = $season and degradation_ms_per_lap is not null
        group by all order by deg""",
    "team_event_table": """
        select e.event_name, t.team_name, t.laps, t.pit_stops, t.best_lap_ms, t.race_points
        from gold.team_event_summary t join gold.dim_events e using (event_id)
        where t.season = $season order by e.round, t.race_points desc""",
    "lap_by_lap_gaps": """
        select lap_number, driver_code, lap_time_ms, gap_to_session_best_ms,
               sum(lap_time_ms) over (partition by driver_code order by lap_number) as elapsed_ms
        from gold.fct_laps where season = $season and round = 1 and session_code = 'R'
        order by driver_code, lap_number""",
    "season_fastest_laps": """
        select s.event_name, s.session_name, l.driver_code, l.lap_time_ms, l.compound
        from gold.fct_laps l join gold.dim_sessions s using (session_id)
        where l.season = $season and not l.is_deleted and l.is_accurate
        qualify row_number() over (partition by l.session_id order by l.lap_time_ms) = 1
        order by s.session_start_at""",
}


PRACTICE, QUALIFYING = ("FP1", "FP2", "FP3"), ("Q", "SQ", "SS")


def real_sessions_with_laps(bronze: Path) -> dict[str, dict[str, list[tuple[str, str, str]]]]:
    """Real sessions that have laps, per real season, pooled as practice / qualifying / race
    (only seasons that have all three)."""
    seasons: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
    for folder in sorted(bronze.glob("laps/season=*/round=*/session=*")):
        key = (folder.parent.parent.name, folder.parent.name, folder.name)
        code = folder.name.split("=")[1]
        pool = "practice" if code in PRACTICE else "qualifying" if code in QUALIFYING else None
        pool = "race" if code == "R" else pool
        if pool is not None:
            pools = seasons.setdefault(key[0], {"practice": [], "qualifying": [], "race": []})
            pools[pool].append(key)
    complete = {season: pools for season, pools in seasons.items() if all(pools.values())}
    if not complete:
        raise SystemExit(f"no real season has practice, qualifying and race laps: {seasons}")
    return complete


def scale(source: Path, target: Path, seasons: int) -> tuple[int, list[Path]]:
    """Copy real bronze into target plus `seasons` synthetic seasons of realistic weekends:
    every round gets FP1, FP2, FP3, Q and R, each a copy of a real session (all its tables)
    that has laps, all from ONE real season per synthetic season (a season's car numbers and
    codes name one driver each, as in reality; mixing seasons would not). Returns the number of
    synthetic rounds and the last round's partitions.
    """
    bronze = target / "bronze"
    shutil.copytree(source / "bronze", bronze, ignore=shutil.ignore_patterns("_*"))
    real_seasons = itertools.cycle(sorted(real_sessions_with_laps(bronze).items()))
    tables = [p.name for p in bronze.iterdir() if p.is_dir() and p.name != "events"]
    schedule = max(  # the real schedule with the most rounds (the 24-round 2024 one)
        (bronze / "events").glob("season=*"),
        key=lambda p: (pq.read_table(p, columns=["round_number"]).num_rows, p.name),
    )
    last = FIRST_SYNTHETIC_SEASON + seasons - 1
    held_back: list[Path] = []
    rounds = 0
    for season in range(FIRST_SYNTHETIC_SEASON, last + 1):
        shutil.copytree(schedule, bronze / "events" / f"season={season}")
        pools = next(real_seasons)[1]
        cycles = {name: itertools.cycle(keys) for name, keys in pools.items()}
        for rnd in range(1, ROUNDS_PER_SEASON + 1):
            rounds += 1
            weekend = {"FP1": "practice", "FP2": "practice", "FP3": "practice"}
            weekend |= {"Q": "qualifying", "R": "race"}
            for code, pool in weekend.items():
                src_season, src_round, src_session = next(cycles[pool])
                for table in tables:
                    src = bronze / table / src_season / src_round / src_session
                    if not src.is_dir():
                        continue
                    dest = bronze / table / f"season={season}" / f"round={rnd:02d}"
                    dest = dest / f"session={code}"
                    shutil.copytree(src, dest)
                    if season == last and rnd == ROUNDS_PER_SEASON:
                        held_back.append(dest)
    return rounds, held_back


def dbt_breakdown(root: Path) -> dict[str, float]:
    """Seconds dbt spent per node kind in the last build (summed over threads), and wall."""
    results = json.loads((root / "logs" / "dbt" / "target" / "run_results.json").read_text())
    out: dict[str, float] = {"dbt_wall": round(results["elapsed_time"], 2)}
    for result in results["results"]:
        kind = result["unique_id"].split(".")[0]
        out[kind] = round(out.get(kind, 0.0) + result["execution_time"], 2)
    slowest = sorted(results["results"], key=lambda r: -r["execution_time"])[:5]
    for result in slowest:
        out[result["unique_id"].split(".", 2)[-1]] = round(result["execution_time"], 2)
    return out


PUBLISHED = re.compile(r"published silver \+ gold Parquet -> .*?\(([0-9.]+)\s+s\)", re.S)
PUBLISH_SECONDS: list[float] = []  # the publishing seconds of each timed build, in order


def timed_build(root: Path, *args: str) -> float:
    env = {**os.environ, "EXTERNAL_DATA_ROOT": str(root)}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "transform", "build", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}")
    published = PUBLISHED.search(result.stdout)
    PUBLISH_SECONDS.append(float(published.group(1)) if published else float("nan"))
    return seconds


def query_p95(warehouse: Path, season: int, repeats: int) -> dict[str, float]:
    p95 = {}
    with read_connection(warehouse) as con:
        for name, sql in GOLD_QUERIES.items():
            sql = sql.replace("$season", str(season))
            con.execute(sql).fetchall()  # warm-up
            samples = []
            for _ in range(repeats):
                start = time.perf_counter()
                con.execute(sql).fetchall()
                samples.append((time.perf_counter() - start) * 1000)
            p95[name] = statistics.quantiles(samples, n=20)[18]
    return p95


def ingest_history(root: Path, dump: Path | None) -> int:
    """Ergast history from a CSV dump into the bench root (`--history-csv`); seasons held."""
    if dump is not None:
        env = {**os.environ, "EXTERNAL_DATA_ROOT": str(root)}
        args = [sys.executable, "-m", "ingestion", "history", "--from-csv", str(dump)]
        result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"history ingestion failed:\n{result.stderr[-2000:]}")
    return len(list((root / "bronze" / "history" / "races").glob("season=*")))


def measure(
    source: Path, seasons: int, repeats: int, history_csv: Path | None = None
) -> dict[str, Any]:
    """Scale real bronze to `seasons` synthetic seasons; full build, one-new-round build, p95."""
    with tempfile.TemporaryDirectory(prefix="f1-bench-transform-") as tmp:
        root = Path(tmp)
        rounds, held_back = scale(source, root, seasons)
        history_seasons = ingest_history(root, history_csv)
        parked = root / "parked"
        for i, folder in enumerate(held_back):
            shutil.move(folder, parked / str(i))
        (root / "warehouse").mkdir()
        full = timed_build(root, "--full-refresh")
        full_breakdown = dbt_breakdown(root)
        for i, folder in enumerate(held_back):
            shutil.move(parked / str(i), folder)
        incremental = timed_build(root)
        incremental_breakdown = dbt_breakdown(root)
        warehouse = root / "warehouse" / "f1.duckdb"
        with read_connection(warehouse) as con:
            laps, sessions = con.execute(
                "select (select count(*) from gold.fct_laps), "
                "(select count(*) from gold.dim_sessions)"
            ).fetchone() or (0, 0)
        p95 = query_p95(warehouse, FIRST_SYNTHETIC_SEASON, repeats)
        heaviest = max(p95, key=lambda k: p95[k])
        return {
            "synthetic_seasons": seasons,
            "synthetic_rounds": rounds,
            "history_seasons": history_seasons,
            "sessions": sessions,
            "laps": laps,
            "warehouse_mb": round(warehouse.stat().st_size / 1e6, 1),
            "full_build_seconds": round(full, 2),
            "one_new_round_build_seconds": round(incremental, 2),
            "incremental_over_full": round(incremental / full, 3),
            "publish_share_of_full_build": round(PUBLISH_SECONDS[-2] / full, 3),
            "publish_share_of_one_round_build": round(PUBLISH_SECONDS[-1] / incremental, 3),
            "full_build_dbt_seconds": full_breakdown,
            "one_new_round_dbt_seconds": incremental_breakdown,
            "heaviest_gold_query": heaviest,
            "heaviest_gold_query_p95_ms": round(p95[heaviest], 2),
            "query_p95_ms": {k: round(v, 2) for k, v in p95.items()},
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-root", type=Path, default=None)
    parser.add_argument(
        "--seasons",
        default="10,76",
        help="comma-separated scales, each >= 10 synthetic seasons (76 = 1950-2025's count)",
    )
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument(
        "--history-csv",
        type=Path,
        default=None,
        help="Ergast CSV dump to ingest as history (76 seasons for the real one) before building",
    )
    args = parser.parse_args()
    scales = [int(part) for part in args.seasons.split(",")]
    if min(scales) < 10:
        raise SystemExit("--seasons: every scale must be >= 10 synthetic seasons")
    source = args.source_root or CoreSettings().layout.root
    if not (source / "bronze" / "laps").is_dir():
        raise SystemExit(f"no real bronze under {source} (run `make ingest` first)")
    reports = [measure(source, seasons, args.repeats, args.history_csv) for seasons in scales]
    print(json.dumps(reports, indent=2))
    print("seasons  sessions       laps  full s  one-round s  ratio (<= 0.3)  heaviest p95 ms")
    for r in reports:
        verdict = "ok" if r["incremental_over_full"] <= 0.3 else "MISSED"
        print(
            f"{r['synthetic_seasons']:>7}  {r['sessions']:>8}  {r['laps']:>9,}"
            f"  {r['full_build_seconds']:>6.1f}  {r['one_new_round_build_seconds']:>11.1f}"
            f"  {r['incremental_over_full']:>6.2f} {verdict:<7}"
            f"  {r['heaviest_gold_query_p95_ms']:>6.1f} ({r['heaviest_gold_query']})"
        )
    for r in reports:
        print(
            f"publishing Parquet at {r['synthetic_seasons']} seasons: "
            f"{r['publish_share_of_full_build']:.1%} of the full build, "
            f"{r['publish_share_of_one_round_build']:.1%} of the one-round build"
        )
    print(
        "A one-new-round build costs dbt's fixed floor (import, parse, ~190 data tests) plus the "
        "new round; a full build grows with history, so the ratio falls as seasons are added."
    )


if __name__ == "__main__":
    main()
