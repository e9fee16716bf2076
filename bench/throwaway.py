"""The database every benchmark runs on: a throw-away SQLite file (or a given PostgreSQL database).

    from throwaway import run_on_throwaway_database
    sys.exit(run_on_throwaway_database("tsunagu-match-speed-", run, args))

The settings read the environment when Django starts, so the database is
chosen here, before ``django.setup()``; the folder is removed afterwards
unless ``keep`` (or ``reuse``, a folder kept before) says otherwise.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def run_on_throwaway_database(
    prefix: str,
    run: Callable[[str], int],
    *,
    database_url: str = "",
    keep: bool = False,
    reuse: str | None = None,
) -> int:
    """Set up Django on a new database and return ``run(var_dir)``."""
    var_dir = reuse or tempfile.mkdtemp(prefix=prefix)
    os.environ["TSUNAGU_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "tsunagu.settings"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)  # SQLite, the default database

    import django

    django.setup()
    try:
        return run(var_dir)
    finally:
        if (keep or reuse) and not database_url:
            print(f"\nDatabase kept in {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
