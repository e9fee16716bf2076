#!/usr/bin/env python
"""Overlap warnings at demo size and at the generated large city: render time and queries, with ratios.

    .venv/bin/python bench/overlaps_speed.py                     # demo data, then 30,000 generated projects
    .venv/bin/python bench/overlaps_speed.py --projects 3000 --repeat 3

The baseline is the demo data (``load_demo``); the large world is ``manage.py generate --projects N``
(the synthetic city, seed 1). Each world runs in its own throw-away SQLite database (a child process,
since Django's settings pick the database at start-up), or in ``--database-url`` (PostgreSQL, which
must be empty: the demo and the generated city are loaded there one after the other, so the second
row is then demo + generated). Pages, as the coordinator sees them: the start page (with the
overlaps widget), the list of warnings of this 年度, and the dossier of the place with most projects.
Each line shows the median of ``--repeat`` requests, its SQL queries, and the ratio to the demo.

A run on 5 December 2026 (SQLite, 2 shared cores, --repeat 3), ms and queries, demo → 30,000 projects:
start page 119/29 → 738/28 (the other apps' widgets differ by one query; the overlaps widget alone
39/10 → 928/10), warning list 90/13 → 786/13, its page 2 94/13 → 880/13, dossier of the busiest place
152/24 → 6,762/24 (3,300 projects: the dossier's projects section, not measured apart).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=30000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--world", choices=("demo", "generated"), help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default="")
    return parser.parse_args(argv)


def measure(args) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tsunagu.org.models import User
    from tsunagu.partners.models import Place
    from tsunagu.portfolio.models import Project

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if args.world == "demo":
        call_command("load_demo", verbosity=0)
        coordinator = User.objects.get(username="kokusai")
    else:
        from tsunagu.demo.generate import CitySize, generate_city

        generate_city(1, CitySize(projects=args.projects))
        coordinator = User.objects.get(username="gen1-coordinator")
    loaded = time.perf_counter() - started

    busiest = Place.objects.annotate(n=Count("project_links")).order_by("-n", "pk").first()
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    client.force_login(coordinator)
    pages = [
        ("start page", "/"),
        ("warning list", reverse("coordination:overlaps:list") + "?status="),
        ("warning list, page 2", reverse("coordination:overlaps:list") + "?status=&page=2"),
        (f"dossier ({busiest.n} projects)", reverse("partners:place", args=[busiest.pk])),
    ]
    rows = []
    for name, url in pages:
        timings, queries, status = [], 0, 200
        client.get(url)  # warm-up (templates, caches)
        for _ in range(max(1, args.repeat)):
            with CaptureQueriesContext(connection) as captured:
                begun = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begun) * 1000)
            queries, status = len(captured), response.status_code
        warnings = response.content.decode().count('data-testid="overlap-warning"') if status == 200 else 0
        rows.append({"page": name.split(" (")[0], "label": name, "ms": statistics.median(timings),
                     "queries": queries, "status": status, "warnings_shown": warnings})
    # The overlaps widget alone (the start page also renders the other apps' widgets).
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from tsunagu.coordination.overlaps.registrations import OverlapsWidget

    request = RequestFactory().get("/")
    request.user = coordinator
    timings = []
    for _ in range(max(1, args.repeat)):
        with CaptureQueriesContext(connection) as captured:
            begun = time.perf_counter()
            widget = OverlapsWidget()
            html = render_to_string(widget.template, {**widget.context(request), "widget": widget}, request=request)
            timings.append((time.perf_counter() - begun) * 1000)
    rows.insert(1, {"page": "overlaps widget alone", "label": "overlaps widget alone", "ms": statistics.median(timings),
                    "queries": len(captured), "status": 200,
                    "warnings_shown": html.count('data-testid="overlap-warning"')})
    return {"world": args.world, "projects": Project.objects.count(), "load_seconds": loaded, "rows": rows}


def child(args) -> int:
    from throwaway import run_on_throwaway_database

    def run(_var_dir):
        print("RESULT " + json.dumps(measure(args)))
        return 0

    return run_on_throwaway_database("tsunagu-overlaps-", run, database_url=args.database_url)


def main() -> int:
    args = parse_args()
    if args.world:
        return child(args)
    results = {}
    for world in ("demo", "generated"):
        command = [sys.executable, __file__, "--world", world, "--projects", str(args.projects),
                   "--repeat", str(args.repeat)]
        if args.database_url:
            command += ["--database-url", args.database_url]
        output = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 (this script)
        line = next((x for x in output.stdout.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            print(output.stdout, output.stderr, sep="\n")
            return 1
        results[world] = json.loads(line[len("RESULT "):])
    demo, large = results["demo"], results["generated"]
    print(f"baseline: demo data, {demo['projects']:,} projects (loaded in {demo['load_seconds']:.0f} s)")
    print(f"large:    generated city, {large['projects']:,} projects (generated in {large['load_seconds']:.0f} s)\n")
    print(f"{'page':24} {'demo ms':>8} {'q':>4} {'large ms':>9} {'q':>4} {'ratio':>6}  warnings shown (demo/large)")
    baseline = {row["page"]: row for row in demo["rows"]}
    failures = 0
    for row in large["rows"]:
        base = baseline[row["page"]]
        if row["status"] != 200 or base["status"] != 200:
            failures += 1
        ratio = row["ms"] / base["ms"] if base["ms"] else float("nan")
        print(f"{row['page']:24} {base['ms']:8.0f} {base['queries']:4d} {row['ms']:9.0f} {row['queries']:4d} "
              f"{ratio:6.1f}  {base['warnings_shown']}/{row['warnings_shown']}  ({row['label']})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
