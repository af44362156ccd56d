#!/usr/bin/env bash
# `make up`: build (on the base scripts/docker_base_image.sh prints) and start the services, wait
# until they are healthy and print the URLs. ollama joins when its image is available (profile
# `model`); otherwise the copilot answers from its query library and says so in /health.
# MONITORING=true adds prometheus + grafana (profile `monitoring`) when their images are available.
set -euo pipefail
cd "$(dirname "$0")/.."

COMPOSE=${COMPOSE:-.venv/bin/docker-compose}
export APP_UID="${APP_UID:-$(id -u)}" DOCKER_BUILDKIT=0
BASE_IMAGE="${BASE_IMAGE:-$(bash scripts/docker_base_image.sh)}"
export BASE_IMAGE
say() { echo "docker-up: $*"; }

available() { docker image inspect "$1" >/dev/null 2>&1 || timeout 60 docker pull -q "$1" >/dev/null 2>&1; }
# A service is available when compose can build it or its image is present or pullable.
service_ready() {
  local spec
  spec="$($COMPOSE --profile "$1" config --format json | python3 -c "import json, sys
s = json.load(sys.stdin)['services']['$2']
print('build' if 'build' in s else s['image'])")"
  [[ "$spec" == build ]] || available "$spec"
}
profiles=() services=(ai dashboard)
if service_ready model ollama; then
  profiles+=(--profile model) services+=(ollama)
else
  say "ollama image not available: the copilot runs in library mode (answers from its query library)"
fi
if [[ "${MONITORING:-false}" == true ]]; then
  if service_ready monitoring prometheus && service_ready monitoring grafana; then
    profiles+=(--profile monitoring) services+=(prometheus grafana)
  else
    say "prometheus/grafana images not available: monitoring left out (/metrics still served)"
  fi
fi
$COMPOSE "${profiles[@]}" up -d --build --wait "${services[@]}"
say "copilot API   http://127.0.0.1:${COPILOT_PORT:-8000}  (health: /health, metrics: /metrics)"
say "dashboard     http://127.0.0.1:${DASHBOARD_PORT:-8501}"
if [[ " ${services[*]} " == *" grafana "* ]]; then
  say "prometheus    http://127.0.0.1:${PROMETHEUS_PORT:-9090}"
  say "grafana       http://127.0.0.1:${GRAFANA_PORT:-3000}"
fi
