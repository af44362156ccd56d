#!/usr/bin/env bash
# The README's main job (run by `make demo` after `make setup`, the checks below and `make init`):
#   0. check, before any work and writing nothing, that COPILOT_PORT and DASHBOARD_PORT are free
#      and that EXTERNAL_DATA_ROOT can be written (scripts/preflight.sh);
#   1. ingest — replay F1_CACHE_FROM offline (every session it holds: the whole Fast-F1 cache
#      folder, HTTP sqlite + .ff1pkl tree; INGEST_IGNORE_CACHE_VERSION=true for caches of older
#      Fast-F1 versions), or, with network, download a small recent race weekend
#      (SEASON/ROUNDS/SESSIONS, default 2024 round 10) through Fast-F1 (no network: exit 4);
#   2. build + verify the warehouse (scripts/check_gold.sh);
#   3. serve the copilot and the dashboard (scripts/serve.sh) until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
SEASON=${SEASON:-2024}
ROUNDS=${ROUNDS:-10}
SESSIONS=${SESSIONS:-FP1,FP2,FP3,SQ,SS,S,Q,R}
F1_CACHE_FROM=${F1_CACHE_FROM:-}

bash scripts/preflight.sh demo "${EXTERNAL_DATA_ROOT:-./data}"

if [[ -n "$F1_CACHE_FROM" ]]; then
  # one or more Fast-F1 cache folders (':'-separated): HTTP sqlite + .ff1pkl tree, copied in
  IFS=: read -ra folders <<<"$F1_CACHE_FROM"
  cache_args=()
  for folder in "${folders[@]}"; do cache_args+=(--cache-from "$folder"); done
  echo "demo: replaying the Fast-F1 cache $F1_CACHE_FROM offline (every session it holds)"
  "$PYTHON" -m ingestion run --season 2018-2026 --rounds all --sessions all --offline \
    "${cache_args[@]}"
else
  # without network the CLI says so in one line and exits 4, before writing anything
  echo "demo: downloading season $SEASON round(s) $ROUNDS ($SESSIONS) through Fast-F1"
  "$PYTHON" -m ingestion run --season "$SEASON" --rounds "$ROUNDS" --sessions "$SESSIONS"
fi

bash scripts/check_gold.sh
exec bash scripts/serve.sh
