#!/usr/bin/env bash
# make verify-gold: dbt deps + build (every model and test, blue/green swap), then row counts of
# every served silver/gold table and the five latest best laps. Exits non-zero if a dbt test
# fails, a served table is empty or the warehouse is missing. Honours EXTERNAL_DATA_ROOT
# (environment, then .env, then ./data — the settings' own order).
# Extra arguments go to `python -m transform verify` (e.g. --skip-build, --full-refresh).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$repo/.venv/bin/python}"
cd "$repo"
exec "$python" -m transform verify "$@"
