#!/usr/bin/env python
"""Search speed on a generated catalogue: the index beside a naive ``icontains`` scan, in one run.

    .venv/bin/python bench/search_speed.py                 # 5,000 programmes, 3,000 projects
    .venv/bin/python bench/search_speed.py --keep          # keep the database (printed at the end)
    .venv/bin/python bench/search_speed.py --reuse DIR     # time again on a kept database

Builds the synthetic city of ``tsunagu.demo.generate`` (3,000 projects, 800
places, 400 organisations) and 5,000 deterministic programmes
(``tsunagu.demo.bench.generate_programs``) in a throw-away SQLite database,
rebuilds the search index, then times each of ``tsunagu.demo.bench.QUERIES``
(Japanese and English) ``--repeat`` times for three jobs, each beside the
naive scan doing the same job:

1. ``search(q, limit=20)``: the 20 best hits across the four kinds, beside
   a scan of the typed words (count and first 20 rows of each kind: a scan
   cannot rank) and a scan that also looks for the related terms, as the
   index does (ゴミ → 廃棄物…);
2. the search page's groups: totals and the 5 best hits of each kind;
3. programmes with the six facet counts, beside the programme list's own
   plain scan (count and 20 rows).

Latencies are wall-clock: on a busy machine both sides slow down.

Prints p50/p95 in milliseconds and the scan/index ratio. The goal (issue 3):
search p95 ≤ 20 ms and at least 10× faster than the scan.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from throwaway import run_on_throwaway_database  # noqa: E402 (bench/, next to this script)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--programs", type=int, default=5000)
    parser.add_argument("--projects", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds over the queries")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and print its folder")
    parser.add_argument("--reuse", metavar="DIR", help="a folder kept by --keep: reuse its database")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    return run_on_throwaway_database(
        "tsunagu-search-bench-", lambda var_dir: run(args), keep=args.keep, reuse=args.reuse
    )


def run(args) -> int:
    from django.core.management import call_command
    from django.db import connection

    from tsunagu.demo.bench import QUERIES, build_catalogue, search_benchmark, widened_scan_timing

    call_command("migrate", verbosity=0)
    report = build_catalogue(args.seed, programs=args.programs, projects=args.projects)
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(
        f"Catalogue: {report.programs:,} programmes, {report.projects:,} projects, {report.places:,} places, "
        f"{report.organisations:,} organisations"
        + (" (reused)" if report.reused else f"; generated in {report.generate_seconds:.1f} s")
        + f"; index built in {report.index_seconds:.1f} s"
    )
    print(f"{len(QUERIES)} queries × {args.repeat} rounds: {', '.join(QUERIES)}\n")
    print(f"{'job':40} {'p50 ms':>8} {'p95 ms':>8}   {'naive icontains scan, same job':36} {'p50 ms':>8} {'p95 ms':>8}"
          f"  {'×p50':>6} {'×p95':>6}")
    timings = [(indexed, [scan]) for indexed, scan in search_benchmark(repeat=args.repeat)]
    timings[0][1].append(widened_scan_timing(repeat=args.repeat))
    for indexed, scans in timings:
        for number, scan in enumerate(scans):
            head = f"{indexed.name:40} {indexed.p50:8.2f} {indexed.p95:8.2f}" if number == 0 else " " * 58
            print(
                f"{head}   {scan.name:36} {scan.p50:8.2f} {scan.p95:8.2f}"
                f"  {scan.p50 / indexed.p50:6.1f} {scan.p95 / indexed.p95:6.1f}"
            )
    indexed, scans = timings[0]
    ratio = scans[0].p95 / indexed.p95
    met = indexed.p95 <= 20 and ratio >= 10
    print(
        f"\nGoal (search p95 <= 20 ms and >= 10x faster than the scan of the typed words): "
        f"{'met' if met else 'MISSED'} (p95 {indexed.p95:.2f} ms, {ratio:.1f}x at p95, "
        f"{scans[0].p50 / indexed.p50:.1f}x at p50)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
