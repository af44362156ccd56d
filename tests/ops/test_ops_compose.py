"""docker-compose.yml (+ the dev override) as Compose v2 itself reads it (`config`)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.ops.ops_support import BUILT_SERVICES, LONG_RUNNING, REPO_ROOT, compose_config

SERVICES = {"ingestion", "dbt", "ml", "ai", "dashboard", "ollama", "llm"}
MONITORING = {"prometheus", "grafana"}


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return compose_config("docker-compose.yml")


def data_root_source(config: dict[str, Any], service: str) -> str | None:
    for volume in config["services"][service].get("volumes", []):
        if volume["target"] == "/opt/data":
            return str(volume["source"])
    return None


def test_config_passes_with_env_example(config: dict[str, Any]) -> None:
    assert set(config["services"]) == SERVICES | MONITORING


def test_every_service_mounts_the_data_root_at_opt_data(config: dict[str, Any]) -> None:
    expected = str(REPO_ROOT / "data")  # .env.example's ./data, resolved by compose
    for service in SERVICES:
        assert data_root_source(config, service) == expected, service
    for service, target in (("prometheus", "/prometheus"), ("grafana", "/var/lib/grafana")):
        mounts = {v["target"]: v["source"] for v in config["services"][service]["volumes"]}
        assert mounts[target] == f"{expected}/{service}", service


def test_data_root_follows_env(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("EXTERNAL_DATA_ROOT=/mnt/f1-data\nCOPILOT_PORT=18000\n")
    config = compose_config("docker-compose.yml", env_file=env)
    for service in SERVICES:
        assert data_root_source(config, service) == "/mnt/f1-data", service
    ollama_models = {v["target"]: v["source"] for v in config["services"]["ollama"]["volumes"]}
    assert ollama_models["/root/.ollama"] == "/mnt/f1-data/ollama"
    assert config["services"]["ai"]["ports"][0]["published"] == "18000"


def test_containers_see_the_data_root_as_opt_data(config: dict[str, Any]) -> None:
    for service in BUILT_SERVICES:
        assert config["services"][service]["environment"]["EXTERNAL_DATA_ROOT"] == "/opt/data"


def test_jobs_run_once_and_stay_out_of_up(config: dict[str, Any]) -> None:
    for service in ("ingestion", "dbt", "ml"):
        spec = config["services"][service]
        assert spec["profiles"] == ["jobs"], service
        assert spec.get("restart", "no") == "no", service
        assert "ports" not in spec and "healthcheck" not in spec, service


def test_ports_bound_to_loopback(config: dict[str, Any]) -> None:
    published = {
        name: [(p["host_ip"], p["target"]) for p in spec.get("ports", [])]
        for name, spec in config["services"].items()
    }
    assert published == {
        "ingestion": [],
        "dbt": [],
        "ml": [],
        "ai": [("127.0.0.1", 8000)],
        "dashboard": [("127.0.0.1", 8501)],
        "ollama": [("127.0.0.1", 11434)],
        "llm": [("127.0.0.1", 8080)],
        "prometheus": [("127.0.0.1", 9090)],
        "grafana": [("127.0.0.1", 3000)],
    }


def test_long_running_services_have_healthchecks(config: dict[str, Any]) -> None:
    for service in (*LONG_RUNNING, "ollama", "llm"):
        test = config["services"][service]["healthcheck"]["test"]
        assert test[0] == "CMD", service
    ai_probe = " ".join(config["services"]["ai"]["healthcheck"]["test"])
    assert "urllib.request" in ai_probe and "127.0.0.1:8000" in ai_probe
    dashboard_probe = " ".join(config["services"]["dashboard"]["healthcheck"]["test"])
    assert "127.0.0.1:8501/_stcore/health" in dashboard_probe


def test_optional_services_block_nothing(config: dict[str, Any]) -> None:
    """ollama (the model) and the monitoring pair sit behind profiles: a plain `up` never pulls
    them, and the copilot does not wait for its model (library mode without it)."""
    services = config["services"]
    assert services["ollama"]["profiles"] == ["model"]
    assert services["llm"]["profiles"] == ["model"]  # llama.cpp's server (docker/model/)
    for name in MONITORING:
        assert services[name]["profiles"] == ["monitoring"], name
    for name in ("ai", "dashboard"):
        assert "profiles" not in services[name], name
    assert "depends_on" not in services["ai"]


def test_builds_take_the_base_image_and_uid_as_arguments(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("APP_UID=0\nBASE_IMAGE=f1-lakehouse/python-base:3.11-bookworm\n")
    services = compose_config("docker-compose.yml", env_file=env)["services"]
    for service in BUILT_SERVICES:
        args = services[service]["build"]["args"]
        assert args["APP_UID"] == "0"
        assert args["BASE_IMAGE"] == "f1-lakehouse/python-base:3.11-bookworm"
    # unset, BASE_IMAGE is not passed: docker/Dockerfile's pinned default applies
    default = compose_config("docker-compose.yml")["services"]["ai"]["build"]["args"]
    assert "BASE_IMAGE" not in default


def test_prometheus_scrapes_the_copilot_and_grafana_is_provisioned(
    config: dict[str, Any],
) -> None:
    services = config["services"]
    prometheus = {v["target"]: v["source"] for v in services["prometheus"]["volumes"]}
    scrape = Path(prometheus["/etc/prometheus/prometheus.yml"])
    assert scrape == REPO_ROOT / "monitoring" / "prometheus.yml"
    assert "ai:8000" in scrape.read_text()
    grafana = {v["target"]: v["source"] for v in services["grafana"]["volumes"]}
    provisioning = Path(grafana["/etc/grafana/provisioning"])
    assert (provisioning / "datasources" / "prometheus.yml").is_file()
    assert "http://prometheus:9090" in (provisioning / "datasources" / "prometheus.yml").read_text()
    assert (Path(grafana["/etc/grafana/dashboards"]) / "copilot.json").is_file()


def test_start_order_waits_for_health(config: dict[str, Any]) -> None:
    services = config["services"]
    assert services["dashboard"]["depends_on"] == {
        "ai": {"condition": "service_healthy", "required": True}
    }
    assert services["ai"]["environment"]["OLLAMA_HOST"] == "http://ollama:11434"
    assert services["dashboard"]["environment"]["AI_SERVICE_URL"] == "http://ai:8000"


def test_ollama_image_pinned_and_models_on_the_data_root(config: dict[str, Any]) -> None:
    ollama = config["services"]["ollama"]
    name, _, tag = ollama["image"].partition(":")
    assert name == "ollama/ollama"
    assert tag and tag != "latest" and tag[0].isdigit()
    targets = {v["target"]: v["source"] for v in ollama["volumes"]}
    assert targets["/root/.ollama"] == str(REPO_ROOT / "data" / "ollama")
    assert ollama["environment"]["OLLAMA_MODEL"] == "llama3.2:3b"


def test_settings_come_from_dot_env(tmp_path: Path) -> None:
    """A project with a .env: every Python service gets its values, but the container-specific
    ones compose sets (data root, Ollama and copilot addresses) win over it."""
    shutil.copy(REPO_ROOT / "docker-compose.yml", tmp_path)
    dot_env = tmp_path / ".env"
    dot_env.write_text(
        (REPO_ROOT / ".env.example").read_text() + "\nLOG_LEVEL=DEBUG\nEXTERNAL_DATA_ROOT=/srv/f1\n"
    )
    services = compose_config("docker-compose.yml", env_file=dot_env, project_dir=tmp_path)[
        "services"
    ]
    for service in BUILT_SERVICES:
        env = services[service]["environment"]
        assert env["LOG_LEVEL"] == "DEBUG", service
        assert env["EXTERNAL_DATA_ROOT"] == "/opt/data", service
        assert data_root_source({"services": services}, service) == "/srv/f1", service
    assert services["ai"]["environment"]["OLLAMA_HOST"] == "http://ollama:11434"
    assert services["dashboard"]["environment"]["AI_SERVICE_URL"] == "http://ai:8000"
    # Ollama's own OLLAMA_HOST is its bind address: the .env's client URL must not reach it.
    assert services["ollama"]["environment"]["OLLAMA_HOST"] == "0.0.0.0:11434"


def test_builds_use_the_service_targets_of_the_one_dockerfile(config: dict[str, Any]) -> None:
    for service, (target, _, _) in BUILT_SERVICES.items():
        build = config["services"][service]["build"]
        assert build["context"] == str(REPO_ROOT)
        assert (build["dockerfile"], build["target"]) == ("docker/Dockerfile", target)
    llm = config["services"]["llm"]["build"]
    assert (llm["dockerfile"], llm["target"]) == ("docker/Dockerfile", "llm")


def test_dev_override_mounts_live_sources() -> None:
    config = compose_config("docker-compose.yml", "docker-compose.dev.yml")
    for service, (_, _, module) in BUILT_SERVICES.items():
        mounts = {v["target"]: v["source"] for v in config["services"][service]["volumes"]}
        assert mounts[f"/opt/app/{module}"] == str(REPO_ROOT / module), service
        assert mounts["/opt/app/f1lake"] == str(REPO_ROOT / "f1lake"), service
        assert mounts["/opt/data"] == str(REPO_ROOT / "data"), service
