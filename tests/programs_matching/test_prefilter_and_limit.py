"""The set pre-filter agrees with the rules, and a limited match is the top of the complete one."""

import datetime
import random

import pytest

from tsunagu.programs.matching import catalogue, eligibility, match
from tsunagu.programs.models import Program

from .conftest import LOCAL, city_plan

ROLES = [["applicant"], ["partner"], ["beneficiary"], ["indirect"], [], ["partner", "applicant"]]
APPLICANTS = [LOCAL, ["ngo"], ["company", "university"], [], LOCAL + ["intl_association"], ["foreign_body"]]
SCOPES = [("any", ()), ("domestic", ()), ("developing", ()), ("countries", ("VN", "KH")), ("countries", ("BR",))]
UNCONFIRMED = [[], [], ["city_roles"], ["eligible_applicants"], ["region"], ["exclusions"], ["windows"]]
STATUSES = ["active", "active", "active", "active_unverified", "historical", "historical_unverified"]
FIELDS = ["environment", "water", "education", "trade", "multicultural"]
ACTIVITIES = ["trainee-acceptance", "expert-dispatch", "technical-cooperation", "survey"]


@pytest.fixture
def varied_catalogue(make_program):
    rng = random.Random(7)
    for number in range(120):
        scope, countries = rng.choice(SCOPES)
        make_program(
            f"p{number:03d}",
            city_roles=rng.choice(ROLES),
            eligible_applicants=rng.choice(APPLICANTS),
            region_scope=scope,
            countries=countries,
            status=rng.choice(STATUSES),
            unconfirmed=rng.choice(UNCONFIRMED),
            excludes_double_funding=rng.random() < 0.3,
            new_projects_only=rng.random() < 0.3,
            funding_forms=rng.choice([["grant"], ["in_kind"], ["commission"], ["personnel"]]),
            fields=rng.sample(FIELDS, rng.randint(0, 2)),
            activities=rng.sample(ACTIVITIES, rng.randint(0, 2)),
            excluded_activities=rng.choice([(), (), ("survey",), ("survey", "expert-dispatch")]),
            terms=rng.choice([[], [{"fiscal_year": 2026, "cap_jpy": rng.choice([1, 3, 9]) * 1_000_000,
                                    "cap_basis": "per_project"}]]),
            windows=rng.choice([
                None, [],
                [{"kind": "dated", "fiscal_year": 2027, "closes_on": datetime.date(2026, rng.randint(2, 12), 1)}],
                [{"kind": "rolling", "fiscal_year": 2026}],
            ]),
            purpose=rng.choice(["環境分野の研修員受入を支援", "上下水道の技術協力", "多文化共生のまちづくり", "trade fairs abroad"]),
        )


PLANS = [
    city_plan(),
    city_plan(countries=("VN",), fields=("environment",), activity_types=("trainee-acceptance",)),
    city_plan(countries=("KR",), national_funding=True),
    city_plan(countries=("JP",), continuing=True, city_roles=("applicant",)),
    city_plan(applicant_type="ngo", countries=("KH",), money_needed_jpy=5_000_000),
    city_plan(applicant_type="company", countries=("BR",), fields=("trade",)),
    city_plan(applicant_type="intl_association", city_roles=("beneficiary", "indirect")),
    city_plan(countries=("VN", "JP"), money_needed_jpy=2_000_000, text="上下水道 技術協力 water"),
    city_plan(activity_types=("survey",)),
    city_plan(activity_types=("survey", "expert-dispatch")),
    city_plan(activity_types=("survey", "trainee-acceptance")),
]


# One test per concern, looping over the plans: the 120-programme catalogue is built once per test.


def test_set_prefilter_keeps_exactly_what_the_rules_without_windows_accept(varied_catalogue):
    snapshot = catalogue.build(None)
    for number, plan in enumerate(PLANS):
        candidates = snapshot.candidates(plan)
        for item in snapshot.programs:
            verdict = eligibility.check(plan, item, snapshot.countries, windows=False)
            assert (item.position in candidates) == verdict.eligible, (
                number, item.code, [r.code for r in verdict.refusals])


def test_limited_match_is_the_top_of_the_complete_ranking(varied_catalogue):
    for number, plan in enumerate(PLANS):
        complete = match(plan)
        for limit in (1, 3, 5, 10):
            limited = match(plan, limit=limit)
            assert [(r.code, r.score, r.confidence) for r in limited.ranked] == [
                (r.code, r.score, r.confidence) for r in complete.ranked[:limit]
            ], (number, limit)
            assert [r.code for r in limited.ineligible] == [r.code for r in complete.ineligible]
            assert limited.complete == (len(complete.ranked) <= limit)


def test_every_programme_is_either_ranked_or_refused(varied_catalogue):
    for plan in PLANS:
        result = match(plan)
        codes = [r.code for r in result.ranked] + [r.code for r in result.ineligible]
        assert sorted(codes) == sorted(Program.objects.values_list("code", flat=True))
        assert all(item.reasons for item in result.ineligible)


def test_no_score_exceeds_the_bound_the_limited_match_relies_on(varied_catalogue):
    from tsunagu.programs.matching import scoring

    snapshot = catalogue.build(None)
    for plan in PLANS:
        names = snapshot.names_for(plan)
        static = scoring.static_scorer(plan, names)
        for item in match(plan).ranked:
            facts = snapshot.by_code[item.code]
            text = next((r.points for r in item.gains if r.code == "text_similarity"), 0.0)
            bound = static(facts) + text + scoring.most_from_window_and_money(plan, facts)
            assert item.score <= round(bound, 1) + 1e-9, item.code
