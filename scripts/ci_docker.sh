#!/usr/bin/env bash
# The container tests' set-up for CI (.ci/run):
#   start: install Docker's Debian packages, debootstrap and prometheus when missing, and start
#          `dockerd` when no Docker engine answers (remembering that this script started it);
#   stop:  stop the dockerd that `start` started (nothing else).
set -euo pipefail
state="${F1_CI_STATE:-${TMPDIR:-/tmp}/f1-lakehouse-ci}"
pidfile="$state/dockerd.pid"
say() { echo "ci_docker: $*" >&2; }

start() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v prometheus >/dev/null || missing+=(prometheus)
  if ((${#missing[@]})); then
    [[ $(id -u) == 0 ]] || { say "need root to apt-get install ${missing[*]}"; exit 1; }
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if docker info >/dev/null 2>&1; then
    say "a Docker engine is running already"
    return
  fi
  [[ $(id -u) == 0 ]] || { say "no Docker engine answers and starting dockerd needs root"; exit 1; }
  mkdir -p "$state"
  setsid dockerd >"$state/dockerd.log" 2>&1 < /dev/null &
  echo $! >"$pidfile"
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && { say "dockerd started (pid $(cat "$pidfile"), log $state/dockerd.log)"; return; }
    sleep 1
  done
  say "dockerd did not come up; see $state/dockerd.log"
  tail -n 20 "$state/dockerd.log" >&2
  exit 1
}

stop() {
  [[ -f "$pidfile" ]] || return 0
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    say "dockerd (pid $pid) stopped"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: scripts/ci_docker.sh start|stop" >&2; exit 2 ;;
esac
