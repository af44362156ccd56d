#!/bin/sh
# The build stage of every service image: its venv in /opt/venv, versions from poetry.lock only,
# holding only the Poetry groups named (never the project itself: the source is copied later, so
# code edits keep this layer cached), then cut by slim_venv.sh. Poetry stays in this stage.
# Usage (in /opt/app beside pyproject.toml and poetry.lock):
#   build_venv.sh GROUPS [DISTRIBUTION ...]     e.g. build_venv.sh main,ai
# DISTRIBUTIONs are passed on to slim_venv.sh (installed by the group, imported by no code).
set -eu
groups="$1"
shift
export PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 POETRY_NO_INTERACTION=1 \
  VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
python -m venv /opt/poetry
/opt/poetry/bin/pip install --no-cache-dir "poetry==2.5.1"
python -m venv --without-pip /opt/venv
/opt/poetry/bin/poetry install --only "$groups" --no-root --no-ansi
rm -rf /root/.cache
sh "$(dirname "$0")/slim_venv.sh" /opt/venv "$@"
