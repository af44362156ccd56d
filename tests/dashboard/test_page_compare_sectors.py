"""Compare page: best sectors, ideal lap and speed traps against Fast-F1's laps (bronze)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.formatting import lap_time, sector_time
from tests.dashboard.test_compare_gaps import bronze, compare

pytestmark = pytest.mark.realdata


@pytest.mark.parametrize(
    ("session_id", "first", "second"),
    [("2024-01-Q", "VER", "LEC"), ("2025-04-R", "PIA", "RUS")],
)
def test_sectors_and_speed_traps(app_env: Path, session_id: str, first: str, second: str) -> None:
    season, round_number, code = session_id.split("-")
    laps = bronze(app_env, "laps", int(season), int(round_number), code)
    at = compare(session_id, first, second)
    table = next(df.value for df in at.dataframe if "Sector 1" in set(df.value.iloc[:, 0]))
    rows = table.set_index(table.columns[0])
    for driver in (first, second):
        own = laps[laps["driver"] == driver]
        kept = own[~own["deleted"].astype("boolean").fillna(False)]
        bests = [round(kept[f"sector{n}_time_us"].min() / 1000) for n in (1, 2, 3)]
        for n, best in enumerate(bests, 1):
            assert rows.loc[f"Sector {n}", driver] == sector_time(best), (driver, n)
        assert rows.loc["Ideal lap (best sectors)", driver] == lap_time(sum(bests))
        assert rows.loc["Speed trap", driver] == f"{own['speed_st'].max():.0f} km/h"
        assert rows.loc["Intermediate 1", driver] == f"{own['speed_i1'].max():.0f} km/h"
