#!/usr/bin/env bash
# Serve the AI copilot API and the dashboard together on loopback, natively (no Docker).
# Ctrl-C stops both; if either one exits, the other is stopped too.
# Ports: COPILOT_PORT (default 8000), DASHBOARD_PORT (default 8501). The dashboard is pointed at
# this copilot (AI_SERVICE_URL). Data: EXTERNAL_DATA_ROOT's warehouse (`make gold` builds it).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
HOST=127.0.0.1
COPILOT_PORT=${COPILOT_PORT:-8000}
DASHBOARD_PORT=${DASHBOARD_PORT:-8501}
export AI_SERVICE_URL="http://$HOST:$COPILOT_PORT"

bash scripts/preflight.sh serve  # both ports free, or one line naming the variable

# The services' own chatter (uvicorn, streamlit) goes to their logs under the data root.
logs="${EXTERNAL_DATA_ROOT:-./data}/logs/serve"
mkdir -p "$logs"
# Each service in its own process group, so stopping one also stops anything it started.
set -m
"$PYTHON" -m ai serve --host "$HOST" --port "$COPILOT_PORT" >>"$logs/copilot.log" 2>&1 &
ai_pid=$!
"$PYTHON" -m dashboard serve --host "$HOST" --port "$DASHBOARD_PORT" >>"$logs/dashboard.log" 2>&1 &
dashboard_pid=$!
set +m

stop_all() {
  trap - EXIT INT TERM
  kill -TERM -- "-$ai_pid" "-$dashboard_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Wait until both answer over HTTP (or one of them dies), then print where they are.
"$PYTHON" - "$ai_pid" "$dashboard_pid" "$AI_SERVICE_URL/docs" \
  "http://$HOST:$DASHBOARD_PORT/_stcore/health" <<'PY' || { tail -n 5 "$logs"/*.log >&2; echo "serve: a service failed to start (logs: $logs)" >&2; exit 1; }
import os, sys, time, urllib.error, urllib.request
pids, urls = [int(p) for p in sys.argv[1:3]], sys.argv[3:]
pending = set(urls)
for _ in range(240):
    for url in list(pending):
        try:
            urllib.request.urlopen(url, timeout=2).close()
            pending.discard(url)
        except (urllib.error.URLError, OSError):
            pass
    if not pending:
        sys.exit(0)
    for pid in pids:  # gone, or a zombie its parent has not reaped yet: it died
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    sys.exit(1)
        except FileNotFoundError:
            sys.exit(1)
    time.sleep(0.5)
sys.exit(1)
PY
# the two URLs are the console's last lines: what a person looks for
echo "serve: both services answer (logs: $logs); Ctrl-C stops both"
echo "serve: copilot API   $AI_SERVICE_URL   (OpenAPI docs: $AI_SERVICE_URL/docs)"
echo "serve: dashboard     http://$HOST:$DASHBOARD_PORT"

set +e
wait -n "$ai_pid" "$dashboard_pid"
status=$?
echo "serve: a service exited (status $status; logs: $logs); stopping the other" >&2
exit "$status"
