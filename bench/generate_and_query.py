#!/usr/bin/env python
"""Generate the synthetic city into a throw-away SQLite database and time the main pages.

    .venv/bin/python bench/generate_and_query.py            # default size (3,000 projects …)
    .venv/bin/python bench/generate_and_query.py --projects 10000 --repeat 5 --keep

Prints how long migrating and generating took, then for each page the median
time of ``--repeat`` requests (through Django's test client, logged in as
the generated coordinator) and its number of SQL queries. A page that fails
is reported with its status and the run goes on. ``--database-url`` runs
against PostgreSQL instead (the database must exist and be empty or already
migrated; nothing is deleted there).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from throwaway import run_on_throwaway_database  # noqa: E402 (bench/, next to this script)

SIZE_OPTIONS = ("departments", "projects", "fiscal_years", "places", "countries", "organisations",
                "agreements", "networks")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    for name in SIZE_OPTIONS:
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=None,
                            help="default: as `manage.py generate`")
    parser.add_argument("--repeat", type=int, default=3, help="requests per page (median is shown)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and print its folder")
    parser.add_argument("--database-url", default="", help="use this PostgreSQL database instead of SQLite")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    return run_on_throwaway_database(
        "tsunagu-bench-", lambda var_dir: run(args, var_dir), database_url=args.database_url, keep=args.keep
    )


def run(args, var_dir: str) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tsunagu.demo.generate import CitySize, generate_city
    from tsunagu.org.models import User
    from tsunagu.partners.models import Place

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate              {time.perf_counter() - started:8.1f} s")

    defaults = CitySize()
    size = CitySize(**{
        name: getattr(args, name) if getattr(args, name) is not None else getattr(defaults, name)
        for name in SIZE_OPTIONS
    })
    result = generate_city(args.seed, size)
    if result.skipped:
        print(f"generate             seed {args.seed} already in this database; timing the pages only")
    else:
        print(f"generate             {result.seconds:8.1f} s   {result.summary()}")

    busiest = Place.objects.annotate(n=Count("project_links")).order_by("-n", "pk").first()
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    client.force_login(User.objects.get(username=f"gen{args.seed}-coordinator"))
    pages = [
        ("project list", reverse("portfolio:list")),
        ("project list, page 20", reverse("portfolio:list") + "?page=20"),
        ("project list, FY2010", reverse("portfolio:list") + "?fiscal_year=2010"),
        ("project page", reverse("portfolio:project", args=[busiest.project_links.first().project_id])),
        (f"dossier ({busiest.n} projects)", reverse("partners:place", args=[busiest.pk])),
        ("country page", reverse("partners:country", args=[busiest.country.code])),
        ("place list", reverse("partners:place_list")),
        ("agreement list", reverse("partners:agreement_list")),
        ("organisation list", reverse("partners:organisation_list")),
    ]
    print(f"\n{'page':32} {'median ms':>10} {'queries':>8}")
    failures = 0
    for name, url in pages:
        timings, queries, status = [], 0, 200
        for _ in range(max(1, args.repeat)):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            queries, status = len(captured), response.status_code
        if status != 200:
            failures += 1
            print(f"{name:32} {'HTTP ' + str(status):>10} {'':>8}  {url}")
            continue
        print(f"{name:32} {statistics.median(timings):10.0f} {queries:8d}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
