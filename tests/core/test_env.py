"""Settings read from the environment are parsed strictly: ambiguous values stop the start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tsunagu.core.env import ConfigError, database_from_url, env_bool, env_list, env_str


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


def test_settings_refuse_a_database_url_that_is_not_postgresql_or_sqlite(tmp_path):
    result = _import_settings(DATABASE_URL="mysql://u@localhost/db", TSUNAGU_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DATABASE_URL must point to PostgreSQL (postgres://" in result.stderr
    assert "or SQLite (sqlite:///" in result.stderr


@pytest.mark.parametrize("url", ["sqlite:////srv/tsunagu/db.sqlite3", "sqlite:///relative.sqlite3"])
def test_a_sqlite_database_url_gets_the_embedded_defaults_options(url):
    config = database_from_url(url, sqlite_options={"timeout": 20, "transaction_mode": "IMMEDIATE"})
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"].endswith(".sqlite3")
    assert config["OPTIONS"] == {"timeout": 20, "transaction_mode": "IMMEDIATE"}


@pytest.mark.parametrize("url", ["postgres://u:p@db:5432/tsunagu", "postgresql://u@%2Ftmp%2Fsock/tsunagu",
                                 "pgsql://u@db/tsunagu"])
def test_every_postgresql_spelling_that_dj_database_url_knows_is_accepted(url):
    assert database_from_url(url, sqlite_options={})["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.parametrize(("url", "message"), [
    ("nonsense", "DATABASE_URL is not a database URL"),
    ("sqlite://", "must name a file"),
    ("oracle://u@db/x", "must point to PostgreSQL"),
])
def test_an_unusable_database_url_is_refused_in_one_sentence(url, message):
    with pytest.raises(ConfigError, match=message):
        database_from_url(url, sqlite_options={})


@pytest.mark.parametrize("program", [["manage.py", "check"], ["-m", "tsunagu.cli", "programs", "match", "--plan", "x"]])
def test_commands_print_a_configuration_error_without_a_traceback(tmp_path, program):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(DATABASE_URL="mysql://u@localhost/db", TSUNAGU_VAR_DIR=str(tmp_path))
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, *program], cwd=Path(__file__).resolve().parents[2], env=env,
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "configuration error: DATABASE_URL must point to" in result.stderr


def test_settings_refuse_an_ambiguous_debug_value(tmp_path):
    result = _import_settings(DEBUG="yes", TSUNAGU_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_settings_import_with_production_values(tmp_path):
    result = _import_settings(
        DEBUG="False", SECRET_KEY="a-long-random-production-key", TSUNAGU_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
