#!/usr/bin/env bash
# The README's main job (run by `make demo` after `make setup init`):
#   1. ingest — replay F1_CACHE_FROM offline (every session it holds), or, with network, download
#      a small recent race weekend (SEASON/ROUNDS/SESSIONS, default 2024 round 10) through Fast-F1;
#   2. build + verify the warehouse (scripts/check_gold.sh);
#   3. serve the copilot and the dashboard (scripts/serve.sh) until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
SEASON=${SEASON:-2024}
ROUNDS=${ROUNDS:-10}
SESSIONS=${SESSIONS:-FP1,FP2,FP3,SQ,SS,S,Q,R}
F1_CACHE_FROM=${F1_CACHE_FROM:-}

# Fast-F1 reads the F1 live-timing archive; a short TCP probe tells whether it is reachable.
# The probe runs in a thread so a hanging DNS lookup cannot stall it past 4 s either.
network_up() {
  "$PYTHON" - <<'PY'
import socket, sys, threading
done, reached = threading.Event(), []
def probe() -> None:
    try:
        socket.create_connection(("livetiming.formula1.com", 443), timeout=3).close()
        reached.append(True)
    except OSError:
        pass
    done.set()
threading.Thread(target=probe, daemon=True).start()
done.wait(4)
sys.exit(0 if reached else 1)
PY
}

if [[ -n "$F1_CACHE_FROM" ]]; then
  if [[ ! -f "$F1_CACHE_FROM/fastf1_http_cache.sqlite" ]]; then
    echo "demo: F1_CACHE_FROM='$F1_CACHE_FROM' holds no fastf1_http_cache.sqlite (give a Fast-F1 cache folder)" >&2
    exit 1
  fi
  echo "demo: replaying the Fast-F1 cache $F1_CACHE_FROM offline (every session it holds)"
  "$PYTHON" -m ingestion run --season 2018-2026 --rounds all --sessions all --offline \
    --cache-from "$F1_CACHE_FROM"
elif network_up; then
  echo "demo: downloading season $SEASON round(s) $ROUNDS ($SESSIONS) through Fast-F1"
  "$PYTHON" -m ingestion run --season "$SEASON" --rounds "$ROUNDS" --sessions "$SESSIONS"
else
  echo "demo: no network to reach Fast-F1 and no F1_CACHE_FROM given; run 'make demo F1_CACHE_FROM=<folder with fastf1_http_cache.sqlite>'" >&2
  exit 1
fi

bash scripts/check_gold.sh
exec bash scripts/serve.sh
