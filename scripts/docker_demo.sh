#!/usr/bin/env bash
# The main job in containers (`make docker-demo F1_CACHE_FROM=<Fast-F1 cache folder>`):
#   1. base image (scripts/docker_base_image.sh) + build every image;
#   2. data root: init, the cache folder copied onto <data root>/cache, owned by APP_UID;
#   3. `ingestion` job replays the cache offline (every session it holds);
#   4. `dbt verify` job builds, tests and swaps in the warehouse;
#   5. scripts/docker_up.sh: services up (ollama when its image is available), healthy, URLs.
# `make down` stops the services; the data root keeps everything.
# Environment: EXTERNAL_DATA_ROOT, APP_UID, COMPOSE, F1_CACHE_FROM, COPILOT_PORT, DASHBOARD_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."

COMPOSE=${COMPOSE:-.venv/bin/docker-compose}
F1_CACHE_FROM=${F1_CACHE_FROM:-}
root="${EXTERNAL_DATA_ROOT:-./data}"
export APP_UID="${APP_UID:-$(id -u)}" DOCKER_BUILDKIT=0
say() { echo "docker-demo: $*"; }

if [[ -z "$F1_CACHE_FROM" || ! -f "$F1_CACHE_FROM/fastf1_http_cache.sqlite" ]]; then
  echo "docker-demo: F1_CACHE_FROM='$F1_CACHE_FROM' holds no fastf1_http_cache.sqlite (give a Fast-F1 cache folder)" >&2
  exit 1
fi
docker info >/dev/null 2>&1 || { echo "docker-demo: no Docker engine answers (start dockerd)" >&2; exit 1; }

started=$SECONDS
BASE_IMAGE="$(bash scripts/docker_base_image.sh)"
export BASE_IMAGE
$COMPOSE --profile jobs build --quiet
say "images built from $BASE_IMAGE in $((SECONDS - started)) s"
docker image ls --filter 'reference=f1-lakehouse/*' --format '{{.Repository}}:{{.Tag}} {{.Size}}' |
  while read -r image size; do say "image $image $size"; done

bash scripts/init_external.sh "$root"
# The whole cache folder (HTTP layer and parsed .ff1pkl tree) onto the data root; the original
# stays untouched. Files belong to the uid the containers run as.
cp -R "$F1_CACHE_FROM/." "$root/cache/"
if [[ $(id -u) == 0 && "$APP_UID" != 0 ]]; then
  chown -R "$APP_UID:$APP_UID" "$root"
fi

say "ingestion: replaying $F1_CACHE_FROM offline"
# compose_job.sh: the job's own exit code (compose run alone returns 0 when a job fails)
COMPOSE="$COMPOSE" bash scripts/compose_job.sh ingestion run --season 2018-2026 --rounds all \
  --sessions all --offline
say "dbt: build + verify the warehouse"
COMPOSE="$COMPOSE" bash scripts/compose_job.sh dbt verify

COPILOT_PORT="${COPILOT_PORT:-8000}" DASHBOARD_PORT="${DASHBOARD_PORT:-8501}" bash scripts/docker_up.sh
say "done in $((SECONDS - started)) s; stop with: make down (the data root keeps everything)"
