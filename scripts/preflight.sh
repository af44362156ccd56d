#!/usr/bin/env bash
# Checks before any work, writing nothing: the two service ports are free on 127.0.0.1 and, when
# given, the data root can be written (it exists and is writable, or its parent is).
# Usage: scripts/preflight.sh WHO [DATA_ROOT]   (WHO prefixes the one-line error: demo, serve)
# Ports: COPILOT_PORT (default 8000), DASHBOARD_PORT (default 8501); 0 means "any free port".
set -euo pipefail
cd "$(dirname "$0")/.."

who=${1:?usage: scripts/preflight.sh WHO [DATA_ROOT]}
root=${2:-}
PYTHON=${PYTHON:-.venv/bin/python}
HOST=127.0.0.1

port_free() {
  "$PYTHON" - "$1" <<'PY'
import socket, sys
with socket.socket() as s:
    try:
        s.bind(("127.0.0.1", int(sys.argv[1])))
    except OSError:
        sys.exit(1)
PY
}
for spec in "COPILOT_PORT:${COPILOT_PORT:-8000}" "DASHBOARD_PORT:${DASHBOARD_PORT:-8501}"; do
  if ! port_free "${spec#*:}"; then
    echo "$who: port ${spec#*:} on $HOST is already in use; stop what holds it or set ${spec%%:*}=<free port>" >&2
    exit 1
  fi
done

if [[ -n "$root" ]]; then
  if [[ -e "$root" ]]; then
    if [[ ! -d "$root" || ! -w "$root" ]]; then
      echo "$who: data root '$root' is not a writable folder; mount it writable or choose another EXTERNAL_DATA_ROOT" >&2
      exit 1
    fi
  else
    parent=$(dirname -- "$root")
    if [[ ! -d "$parent" || ! -w "$parent" ]]; then
      echo "$who: cannot create data root '$root' ('$parent' is missing or read-only; is the drive mounted?)" >&2
      exit 1
    fi
  fi
fi
