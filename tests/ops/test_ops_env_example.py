""".env.example documents exactly what the services' Settings and the compose files read."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from pydantic import AliasChoices
from pydantic_settings import BaseSettings

from tests.ops.ops_support import (
    OPTIONAL_KEY,
    REPO_ROOT,
    compose_variables,
    env_example_documented,
    env_example_values,
)

SETTINGS_MODULES = (
    "f1lake.settings",
    "ingestion.settings",
    "transform.settings",
    "ai.settings",
    "dashboard.settings",
    "ml.settings",
)


def settings_classes() -> list[type[BaseSettings]]:
    """The Settings classes each module defines (imported ones, like CoreSettings, counted once)."""
    found: list[type[BaseSettings]] = []
    for name in SETTINGS_MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseSettings) and cls.__module__ == name:
                found.append(cls)
    return found


def env_names(cls: type[BaseSettings]) -> set[str]:
    """Environment variables a Settings class reads: aliases as given, else env_prefix + field."""
    prefix = str(cls.model_config.get("env_prefix", ""))
    names: set[str] = set()
    for field_name, field in cls.model_fields.items():
        alias = field.validation_alias or field.alias
        if isinstance(alias, str):
            names.add(alias)
        elif isinstance(alias, AliasChoices):
            names |= {choice for choice in alias.choices if isinstance(choice, str)}
        else:
            names.add(prefix + field_name)
    if not cls.model_config.get("case_sensitive", False):
        names = {n.upper() for n in names}
    return names


def settings_variables() -> set[str]:
    return set().union(*(env_names(cls) for cls in settings_classes()))


def test_every_service_module_defines_a_settings_class() -> None:
    modules = {cls.__module__ for cls in settings_classes()}
    assert modules == set(SETTINGS_MODULES)


def test_every_settings_variable_is_documented() -> None:
    missing = settings_variables() - env_example_documented()
    assert not missing, f"read by Settings but not in .env.example: {sorted(missing)}"


def test_every_compose_variable_is_documented() -> None:
    missing = compose_variables() - env_example_documented()
    assert not missing, f"read by docker-compose*.yml but not in .env.example: {sorted(missing)}"


def test_nothing_undocumented_or_unused() -> None:
    unused = env_example_documented() - settings_variables() - compose_variables()
    assert not unused, f"in .env.example but read by nothing: {sorted(unused)}"


def test_every_key_is_explained_by_a_comment() -> None:
    """Each key sits under a comment (keys of one group may share it)."""
    lines = (REPO_ROOT / ".env.example").read_text().splitlines()

    def is_key(line: str) -> bool:
        return bool(line) and (not line.startswith("#") or bool(OPTIONAL_KEY.match(line)))

    for i, line in enumerate(lines):
        if is_key(line):
            j = i - 1
            while j >= 0 and is_key(lines[j]):
                j -= 1  # step over the other keys of the group
            assert j >= 0 and lines[j].startswith("#"), f"no comment above {line!r}"


def test_example_values_are_valid_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every class accepts .env.example as its .env file, and takes its values from it."""
    values = env_example_values()
    for key in values:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text((REPO_ROOT / ".env.example").read_text())
    for cls in settings_classes():
        dumped = cls().model_dump()
        assert dumped["log_level"] == values["LOG_LEVEL"], cls
        assert Path(dumped["external_data_root"]) == Path(values["EXTERNAL_DATA_ROOT"]), cls
