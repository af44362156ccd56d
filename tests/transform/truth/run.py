"""Run the truth checks against any warehouse, outside pytest:
    python -m tests.transform.truth.run /tmp/devroot/warehouse/f1.duckdb [name-substring ...]
Fast-F1 is loaded offline from a copy of the shared `full/` cache (F1_TRUTH_CACHE, default
/tmp/truth-fastf1). Prints each check's "N of M agree" line; exit 1 when any check fails."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path

from tests.transform.truth import (
    test_careers,
    test_dimensions,
    test_integrity,
    test_pit_stops,
    test_qualifying,
    test_results,
    test_standings,
)
from tests.transform.truth.fastf1_support import fastf1_loader

MODULES = (
    test_results,
    test_qualifying,
    test_pit_stops,
    test_standings,
    test_careers,
    test_dimensions,
    test_integrity,
)


def main(argv: list[str]) -> int:
    warehouse, wanted = Path(argv[0]), argv[1:]
    load = fastf1_loader(Path(os.environ.get("F1_TRUTH_CACHE", "/tmp/truth-fastf1")))
    failed = 0
    for module in MODULES:
        for name, check in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("check_") or (wanted and not any(w in name for w in wanted)):
                continue
            args = [warehouse, load][: len(inspect.signature(check).parameters)]
            try:
                report = check(*args)
                report.print()
                failed += bool(report.unexplained) or report.total == 0
            except Exception as error:  # a missing mart or column: it fails, the rest run
                failed += 1
                print(f"{name}: ERROR {type(error).__name__}: {str(error).splitlines()[0]}")
    print(f"{failed} failing checks")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
