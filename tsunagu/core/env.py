"""Strict parsing of environment variables for settings.

Ambiguous values are refused at start-up rather than guessed: "yes" is not a
boolean here, and a typo in DATABASE_URL stops the server instead of silently
falling back to SQLite.
"""

import os
from collections.abc import Mapping


class ConfigError(ValueError):
    """A setting from the environment cannot be used as given."""


def env_str(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    value = environ.get(name)
    if value is None:
        return default
    value = value.strip()
    if not value:
        raise ConfigError(f"{name} is set but empty; unset it to use the default")
    return value


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    value = environ.get(name)
    if value is None:
        return default
    if value in ("True", "true", "1"):
        return True
    if value in ("False", "false", "0"):
        return False
    raise ConfigError(f"{name} must be one of True/true/1/False/false/0, not {value!r}")


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    value = environ.get(name)
    if value is None:
        return default
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        raise ConfigError(f"{name} has an empty item in {value!r}")
    return items
