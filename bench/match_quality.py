#!/usr/bin/env python
"""How good is the matcher? Labelled plans against the real catalogue, beside a plain BM25 baseline.

    .venv/bin/python bench/match_quality.py            # every plan in bench/plans
    .venv/bin/python bench/match_quality.py -v         # and each plan's top 3

The catalogue of tsunagu/programs/data/programs.yaml is loaded with the
catalogue's own loader (``manage.py load_programs``) into a throw-away SQLite
database. Each plan file of bench/plans is an ordinary plan file (see
docs/plan-format.md) whose ``bench`` key holds its labels, written from the
catalogue's facts and the seed article:

- ``expected``: the programmes a coordinator should be shown first;
- ``traps``: programmes that cannot fund the plan by the catalogue's facts
  (closed window, applicant not eligible, region not covered, double
  funding, new projects only…), with the reason.

Besides the labelled traps, two facts of the reference file make a programme
ineligible for every plan they concern, and are added to each plan's traps:
a historical status, and — for a plan of the city that does not accept the
indirect role — a programme the city only reaches through others
(``city_role: indirect``). They are read from the reference file itself,
not from the matcher.

Printed for the matcher and for the baseline, over the same plans:

- recall@3: share of a plan's expected programmes found in its top 3
  (out of at most 3), averaged over the plans;
- MRR: mean of 1 / rank of the first expected programme (0 if none is ranked);
- ineligible in top 3: share of plans whose top 3 holds a trap.

The baseline is Okapi BM25 (k1 = 1.2, b = 0.75) with the matcher's own
index and analyser (``catalogue.Snapshot.bm25``) over the same programme
text, with the same query text (the plan's title, text and the names of its
fields and activity types), ranking every programme. It has no notion of
eligibility.

Both are run twice in the same run: with the kernel analyser the matcher uses
(``tsunagu.text``) and with the matcher's former bigram analyser and hand
glossary (bench/bigram_analyser.py), so the choice of analyser stays measured.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bigram_analyser  # noqa: E402 (bench/, next to this script)
from throwaway import run_on_throwaway_database  # noqa: E402

PLANS = ROOT / "bench" / "plans"

GOALS = {"recall@3": 0.97, "MRR": 0.90, "ineligible in top 3": 0.0}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every plan's top 3")
    parser.add_argument("--plans", type=Path, default=PLANS, help="folder of labelled plan files")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    return run_on_throwaway_database("tsunagu-match-quality-", lambda var_dir: run(args))


def reference_ineligible() -> tuple[set[str], set[str]]:
    """(historical codes, codes the city reaches only through others), from the reference file."""
    from tsunagu.programs.transfer.seed import read_reference

    historical, indirect = set(), set()
    for entry in read_reference().get("programs", []):
        roles = entry.get("city_role")
        roles = roles if isinstance(roles, list) else [roles]
        if str(entry.get("status", "")).startswith("historical"):
            historical.add(entry["id"])
        if roles == ["indirect"]:
            indirect.add(entry["id"])
    return historical, indirect


def metrics(rankings: list[list[str]], labels: list[dict]) -> dict[str, float]:
    recall, reciprocal, trapped = 0.0, 0.0, 0
    for ranked, label in zip(rankings, labels, strict=True):
        expected = set(label["expected"])
        top3 = ranked[:3]
        recall += len(expected & set(top3)) / min(3, len(expected))
        first = next((i for i, code in enumerate(ranked, start=1) if code in expected), None)
        reciprocal += 1 / first if first else 0.0
        trapped += bool(set(top3) & label["ineligible"])
    count = len(labels)
    return {"recall@3": recall / count, "MRR": reciprocal / count, "ineligible in top 3": trapped / count}


@contextmanager
def analysed_by(analyser):
    """The matcher with ``analyser`` in place of its own text module, on a fresh snapshot."""
    from tsunagu.programs.matching import catalogue, engine

    saved = catalogue.document, engine.Query
    catalogue.document, engine.Query = analyser.document, analyser.Query
    catalogue.invalidate()
    try:
        yield
    finally:
        catalogue.document, engine.Query = saved
        catalogue.invalidate()


def run(args) -> int:
    from collections import Counter

    from django.core.management import call_command

    from tsunagu.programs.matching import catalogue, read_plan_file
    from tsunagu.programs.matching import text as kernel_text
    from tsunagu.programs.matching.engine import match, plan_query_text
    from tsunagu.programs.matching.plan import Vocabulary
    from tsunagu.programs.models import CityRole

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_programs", verbosity=0)
    codes = [item.code for item in catalogue.snapshot().programs]
    known = set(codes)
    print(f"catalogue: {len(codes)} programmes (tsunagu/programs/data/programs.yaml via load_programs)")

    historical, indirect = reference_ineligible()
    vocabulary = Vocabulary.load()
    files = sorted(args.plans.glob("*.yaml"))
    labels, names, plans = [], [], []
    languages: Counter = Counter()
    for path in files:
        plan, raw = read_plan_file(path, vocabulary)
        bench = raw.get("bench") or {}
        expected = list(bench.get("expected") or [])
        traps = {trap["code"] for trap in bench.get("traps") or []}
        unknown = (set(expected) | traps) - known
        if not expected or unknown:
            raise SystemExit(f"{path.name}: labels need expected codes of the catalogue (unknown: {sorted(unknown)})")
        ineligible = traps | historical
        if plan.is_city_plan and CityRole.INDIRECT not in plan.city_roles:
            ineligible |= indirect
        if set(expected) & ineligible:
            raise SystemExit(f"{path.name}: a programme is both expected and ineligible: {sorted(set(expected) & ineligible)}")
        labels.append({"expected": expected, "ineligible": ineligible, "traps": traps})
        languages[bench.get("language", "?")] += 1
        names.append(path.name)

        plans.append(plan)

    def rank_all(analyser) -> tuple[list, list]:
        """The matcher's and BM25's rankings of every plan with ``analyser`` (a module with
        ``document`` and ``Query``), on a snapshot built with it."""
        with analysed_by(analyser):
            snapshot = catalogue.snapshot()
            ours, base = [], []
            for plan in plans:
                ours.append([item.code for item in match(plan).ranked])
                scores = snapshot.bm25(analyser.Query(plan_query_text(plan, snapshot.names_for(plan))).terms)
                base.append(sorted(codes, key=lambda code: (-scores[snapshot.by_code[code].position], code)))
        return ours, base

    matcher_rankings, baseline_rankings = rank_all(kernel_text)
    bigram_rankings, bigram_baseline_rankings = rank_all(bigram_analyser)

    print(f"plans: {len(files)} ({', '.join(f'{lang}: {n}' for lang, n in sorted(languages.items()))}), "
          f"traps labelled: {sum(len(label['traps']) for label in labels)}")
    ours, baseline = metrics(matcher_rankings, labels), metrics(baseline_rankings, labels)
    bigram, bigram_baseline = metrics(bigram_rankings, labels), metrics(bigram_baseline_rankings, labels)
    print("\nanalyser: kernel = tsunagu.text (the matcher's); bigram = bench/bigram_analyser.py (former)")
    print(f"{'':<22}{'matcher':>10}{'BM25':>10}{'matcher':>10}{'BM25':>10}{'goal':>10}")
    print(f"{'':<22}{'kernel':>10}{'kernel':>10}{'bigram':>10}{'bigram':>10}")
    for key, goal in GOALS.items():
        sign = "≤" if key == "ineligible in top 3" else "≥"
        print(f"{key:<22}{ours[key]:>10.3f}{baseline[key]:>10.3f}{bigram[key]:>10.3f}{bigram_baseline[key]:>10.3f}"
              f"{sign + format(goal, '.2f'):>10}")
    met = ours["recall@3"] >= GOALS["recall@3"] and ours["MRR"] >= GOALS["MRR"] and ours["ineligible in top 3"] == 0
    ahead = (ours["recall@3"] > baseline["recall@3"] and ours["MRR"] > baseline["MRR"]
             and ours["ineligible in top 3"] < baseline["ineligible in top 3"])
    bigram_met = (bigram["recall@3"] >= GOALS["recall@3"] and bigram["MRR"] >= GOALS["MRR"]
                  and bigram["ineligible in top 3"] == 0)
    print(f"\ngoals met (kernel): {'yes' if met else 'NO'}; ahead of BM25 on all three: {'yes' if ahead else 'NO'}")
    print(f"goals met with the former bigram analyser: {'yes' if bigram_met else 'NO'}")

    print("\nplans where the matcher misses an expected programme in its top 3 or ranks a trap there:")
    misses = 0
    for name, ranked, label, base, bigram_top3 in zip(names, matcher_rankings, labels, baseline_rankings,
                                                     bigram_rankings, strict=True):
        top3 = ranked[:3]
        missing = [code for code in label["expected"][:3] if code not in top3]
        trapped = [code for code in top3 if code in label["ineligible"]]
        if args.verbose or missing or trapped:
            flag = "" if not (missing or trapped) else "  <-"
            print(f"  {name}{flag}")
            print(f"      expected {label['expected']}")
            print(f"      matcher  {top3}  (expected not in top 3: {missing or '—'}; traps: {trapped or '—'})")
            print(f"      BM25     {base[:3]}")
            print(f"      bigram   {bigram_top3[:3]}")
        misses += bool(missing or trapped)
    if not misses:
        print("  none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
