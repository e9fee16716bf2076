"""Settings read from the environment are parsed strictly: ambiguous values stop the start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tsunagu.core.env import ConfigError, env_bool, env_list, env_str


@pytest.mark.parametrize(
    ("raw", "value"),
    [("True", True), ("true", True), ("1", True), ("False", False), ("false", False), ("0", False)],
)
def test_env_bool_accepts_the_six_spellings(raw, value):
    assert env_bool("DEBUG", not value, {"DEBUG": raw}) is value


@pytest.mark.parametrize("raw", ["yes", "no", "on", "off", "TRUE", "y", "", " ", "2", "True "])
def test_env_bool_refuses_anything_else(raw):
    with pytest.raises(ConfigError, match="DEBUG must be one of"):
        env_bool("DEBUG", True, {"DEBUG": raw})


def test_env_bool_unset_gives_the_default():
    assert env_bool("DEBUG", True, {}) is True
    assert env_bool("DEBUG", False, {}) is False


def test_env_str_strips_and_defaults():
    assert env_str("SECRET_KEY", "dflt", {"SECRET_KEY": "  s3cret \n"}) == "s3cret"
    assert env_str("SECRET_KEY", "dflt", {}) == "dflt"


@pytest.mark.parametrize("raw", ["", "   ", "\n"])
def test_env_str_refuses_an_empty_value(raw):
    with pytest.raises(ConfigError, match="DATABASE_URL is set but empty"):
        env_str("DATABASE_URL", "", {"DATABASE_URL": raw})


def test_env_list_splits_on_commas_and_strips():
    assert env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": "a.example, b.example"}) == [
        "a.example",
        "b.example",
    ]
    assert env_list("ALLOWED_HOSTS", ["x"], {}) == ["x"]


@pytest.mark.parametrize("raw", ["", "a,,b", "a,", " , a"])
def test_env_list_refuses_empty_items(raw):
    with pytest.raises(ConfigError, match="ALLOWED_HOSTS has an empty item"):
        env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": raw})


def test_config_error_is_a_value_error():
    assert issubclass(ConfigError, ValueError)


def _import_settings(**overrides):
    """Import tsunagu.settings in a fresh interpreter with the given environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG", "SECRET_KEY")}
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "-c", "import tsunagu.settings"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_refuse_the_demo_secret_key_when_debug_is_off(tmp_path):
    result = _import_settings(DEBUG="False", TSUNAGU_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is False" in result.stderr


def test_settings_refuse_a_database_url_that_is_not_postgresql(tmp_path):
    result = _import_settings(DATABASE_URL="mysql://u@localhost/db", TSUNAGU_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DATABASE_URL must point to PostgreSQL" in result.stderr


def test_settings_refuse_an_ambiguous_debug_value(tmp_path):
    result = _import_settings(DEBUG="yes", TSUNAGU_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_settings_import_with_production_values(tmp_path):
    result = _import_settings(
        DEBUG="False", SECRET_KEY="a-long-random-production-key", TSUNAGU_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
