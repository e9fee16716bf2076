"""Unknown or unconfirmed facts lower the confidence instead of refusing, and say so. An unconfirmed
fact that would refuse the programme (the plan conflicts with its stated purpose) ranks it below every
programme that fits, with the reason."""

import datetime

from tsunagu.programs.matching import match

from .conftest import city_plan, two_thirds_terms
from .test_eligibility_rules import ranked


def test_confirmed_programme_has_full_confidence(make_program):
    make_program("confirmed", terms=[two_thirds_terms()])
    item = ranked(match(city_plan(money_needed_jpy=2_000_000)), "confirmed")
    assert item.confidence == 1.0 and item.uncertainties == []
    assert item.confidence_level == "high"


def test_unconfirmed_applicants_do_not_refuse_but_lower_confidence(make_program):
    make_program("unsure-applicants", eligible_applicants=["ngo"], unconfirmed=["eligible_applicants"])
    item = ranked(match(city_plan()), "unsure-applicants")
    assert item.confidence < 1.0
    assert "applicants_unconfirmed" in {r.code for r in item.conflicts}


def test_unrecorded_applicants_and_roles_lower_confidence(make_program):
    make_program("unknown-everything", eligible_applicants=[], city_roles=[], windows=[])
    # The plan accepts only applying itself, so who may apply matters.
    item = ranked(match(city_plan(city_roles=("applicant",))), "unknown-everything")
    codes = {r.code for r in item.uncertainties}
    assert {"role_unknown", "applicants_unknown", "no_window"} <= codes
    assert item.confidence < 0.6


def test_unconfirmed_region_does_not_refuse(make_program):
    make_program("unsure-region", region_scope="developing", unconfirmed=["region"])
    item = ranked(match(city_plan(countries=("KR",))), "unsure-region")
    assert "region_unconfirmed" in {r.code for r in item.conflicts}


def test_unconfirmed_exclusions_do_not_refuse(make_program):
    make_program("unsure-exclusions", excludes_double_funding=True, unconfirmed=["exclusions"])
    item = ranked(match(city_plan(national_funding=True)), "unsure-exclusions")
    assert "double_funding_unconfirmed" in {r.code for r in item.conflicts}


def test_an_unconfirmed_conflict_ranks_below_every_programme_that_fits_whatever_its_score(make_program):
    # The unsure one shares the plan's field and activity type; the other shares nothing.
    make_program("unsure-region", region_scope="developing", unconfirmed=["region"], fields=["water"],
                 activities=["trainee-acceptance"])
    make_program("fits-poorly", fields=["trade"], activities=["business-development"])
    result = match(city_plan(countries=("KR",), fields=("water",), activity_types=("trainee-acceptance",)))
    codes = [item.code for item in result.ranked]
    assert codes.index("fits-poorly") < codes.index("unsure-region")
    unsure = ranked(result, "unsure-region")
    assert unsure.score > ranked(result, "fits-poorly").score
    assert unsure.as_dict()["does_not_fit"][0]["code"] == "region_unconfirmed"


def test_unverified_status_lowers_confidence(make_program):
    make_program("unverified", status="active_unverified")
    item = ranked(match(city_plan()), "unverified")
    assert "status_unverified" in {r.code for r in item.uncertainties}


def test_uncertain_terms_lower_confidence(make_program):
    make_program("unsure-terms", terms=[two_thirds_terms(uncertain=True)])
    item = ranked(match(city_plan(money_needed_jpy=1_000_000)), "unsure-terms")
    assert "terms_unconfirmed" in {r.code for r in item.uncertainties}


def test_only_older_rounds_known_means_next_call_unknown_not_closed(make_program):
    make_program("old-rounds", windows=[
        {"kind": "dated", "fiscal_year": 2024, "closes_on": datetime.date(2023, 10, 31)}])
    item = ranked(match(city_plan()), "old-rounds")
    assert "next_window_unknown" in {r.code for r in item.uncertainties}


def test_unconfirmed_window_that_probably_closed_loses_points_but_stays(make_program):
    make_program("unsure-window", windows=[
        {"kind": "recurring", "fiscal_year": 2025, "open_month": 10, "close_month": 10, "close_day": 31,
         "lead_years": 1, "uncertain": True}])
    plan = city_plan(start_date=datetime.date(2026, 10, 1), end_date=datetime.date(2027, 3, 31))
    item = ranked(match(plan), "unsure-window")
    assert "window_probably_closed" in {r.code for r in item.losses}
    assert item.confidence < 1.0


def test_uncertain_programme_ranks_below_an_equal_confirmed_one(make_program):
    make_program("a-unsure", unconfirmed=["city_roles"])
    make_program("b-sure")
    codes = [item.code for item in match(city_plan()).ranked]
    assert codes == ["b-sure", "a-unsure"]
