"""Each hard-eligibility rule refuses what it must, with its reason; unconfirmed facts do not refuse."""

import datetime

import pytest

from tsunagu.programs.matching import match

from .conftest import city_plan


def refusal_codes(result, code):
    refused = {item.code: item for item in result.ineligible}
    assert code in refused, f"{code} was not refused"
    assert code not in [item.code for item in result.ranked]
    return {reason.code for reason in refused[code].reasons}


def ranked(result, code):
    found = [item for item in result.ranked if item.code == code]
    assert found, f"{code} was not ranked; refused: {[(r.code, [x.code for x in r.reasons]) for r in result.ineligible]}"
    return found[0]


def test_an_open_programme_is_ranked(make_program):
    make_program("open-programme")
    assert [item.code for item in match(city_plan()).ranked] == ["open-programme"]


def test_ngo_only_programme_is_refused_for_the_city(make_program):
    make_program("ngo-only", city_roles=["applicant"], eligible_applicants=["ngo"])
    assert "applicant_type" in refusal_codes(match(city_plan()), "ngo-only")


def test_applicant_rule_does_not_apply_when_the_city_is_a_named_partner(make_program):
    make_program("consultant-contract", city_roles=["partner"], eligible_applicants=["company", "university"])
    assert ranked(match(city_plan()), "consultant-contract")


def test_programme_reached_only_through_others_is_refused_for_the_city(make_program):
    make_program("through-others", city_roles=["indirect"], eligible_applicants=["ngo"])
    codes = refusal_codes(match(city_plan()), "through-others")
    assert "city_role" in codes


def test_role_the_plan_does_not_accept_is_refused(make_program):
    make_program("in-kind-service", city_roles=["beneficiary"], funding_forms=["in_kind"])
    result = match(city_plan(city_roles=("applicant",)))
    assert "city_role" in refusal_codes(result, "in-kind-service")


def test_domestic_programme_is_refused_for_a_plan_abroad(make_program):
    make_program("domestic-only", region_scope="domestic")
    assert "region" in refusal_codes(match(city_plan(countries=("VN",))), "domestic-only")
    assert ranked(match(city_plan(countries=("JP",))), "domestic-only")


def test_developing_country_programme_is_refused_for_korea(make_program):
    make_program("developing-only", region_scope="developing")
    assert "region" in refusal_codes(match(city_plan(countries=("KR",))), "developing-only")
    assert ranked(match(city_plan(countries=("VN",))), "developing-only")


def test_listed_countries_programme_is_refused_outside_its_list(make_program):
    make_program("asia-only", region_scope="countries", countries=("CN", "VN"))
    assert "region" in refusal_codes(match(city_plan(countries=("BR",))), "asia-only")
    item = ranked(match(city_plan(countries=("VN",))), "asia-only")
    assert "country_listed" in {r.code for r in item.gains}


def test_window_closed_for_the_plans_year_is_refused(make_program):
    # Yearly July–September for the next 年度: the 2026年度 window closed on 2025-09-30.
    make_program("yearly-window")
    plan = city_plan(start_date=datetime.date(2026, 10, 1), end_date=datetime.date(2027, 2, 28))
    result = match(plan)
    assert "window_closed" in refusal_codes(result, "yearly-window")
    text = next(r for r in result.ineligible if r.code == "yearly-window").reasons[0].text
    assert "2025" in text and "2027" in text  # closed on …2025…; the next one is for 2027年度


def test_window_still_to_come_for_the_plans_year_is_usable(make_program):
    make_program("yearly-window")
    item = ranked(match(city_plan()), "yearly-window")  # 2027年度: July–September 2026
    window = next(r for r in item.gains if r.code == "window")
    assert window.points > 0 and "2026" in window.text


def test_dated_windows_all_closed_for_the_plans_year_are_refused(make_program):
    make_program("dated-window", windows=[
        {"kind": "dated", "fiscal_year": 2027, "opens_on": datetime.date(2026, 3, 1),
         "closes_on": datetime.date(2026, 4, 30)}])
    assert "window_closed" in refusal_codes(match(city_plan()), "dated-window")


def test_double_funding_is_refused_when_the_plan_is_already_funded(make_program):
    make_program("no-double-funding", excludes_double_funding=True)
    assert "double_funding" in refusal_codes(match(city_plan(national_funding=True)), "no-double-funding")
    assert ranked(match(city_plan(national_funding=False)), "no-double-funding")


def test_new_projects_only_is_refused_for_a_continuing_project(make_program):
    make_program("new-only", new_projects_only=True)
    assert "new_projects_only" in refusal_codes(match(city_plan(continuing=True)), "new-only")


def test_a_plan_made_only_of_excluded_activity_types_is_refused(make_program):
    # CLAIR model projects: "friendship visits, anniversary delegations, simple exchange" are excluded.
    make_program("model", activities=["technical-cooperation"], excluded_activities=["friendship-exchange", "survey"])
    anniversary = city_plan(activity_types=("friendship-exchange",), text="姉妹都市提携30周年の記念訪問団")
    assert "excluded_activity" in refusal_codes(match(anniversary), "model")
    survey_only = city_plan(activity_types=("survey", "friendship-exchange"))
    assert "excluded_activity" in refusal_codes(match(survey_only), "model")


def test_an_excluded_activity_type_beside_others_is_a_note_not_a_refusal(make_program):
    make_program("model", activities=["technical-cooperation"], excluded_activities=["survey"])
    item = ranked(match(city_plan(activity_types=("survey", "technical-cooperation"))), "model")
    assert [reason.code for reason in item.notes] == ["excluded_activity_part"]
    assert "調査" in str(item.notes[0].text) or "survey" in str(item.notes[0].text).lower()


def test_an_unconfirmed_activity_exclusion_lowers_confidence_instead_of_refusing(make_program):
    make_program("model", excluded_activities=["friendship-exchange"], unconfirmed=["exclusions"])
    item = ranked(match(city_plan(activity_types=("friendship-exchange",))), "model")
    assert "excluded_activity_unconfirmed" in [reason.code for reason in item.conflicts]
    assert item.confidence < 1


@pytest.mark.parametrize("status", ["historical", "historical_unverified"])
def test_historical_programmes_are_refused(make_program, status):
    make_program("old-subsidy", status=status)
    assert "historical" in refusal_codes(match(city_plan()), "old-subsidy")


def test_every_refusal_is_reported_not_only_the_first(make_program):
    make_program("many-refusals", status="historical", city_roles=["indirect"], eligible_applicants=["ngo"],
                 region_scope="domestic")
    codes = refusal_codes(match(city_plan(countries=("VN",))), "many-refusals")
    assert {"historical", "city_role", "applicant_type", "region"} <= codes


def test_a_companys_plan_gets_company_programmes(make_program):
    make_program("company-programme", city_roles=["indirect"], eligible_applicants=["company"])
    make_program("city-programme")
    result = match(city_plan(applicant_type="company"))
    assert ranked(result, "company-programme")
    assert "applicant_type" in refusal_codes(result, "city-programme")


def test_deleted_programmes_are_neither_ranked_nor_refused(make_program):
    program = make_program("deleted-programme")
    program.mark_deleted()
    program.save()
    result = match(city_plan())
    assert result.ranked == [] and result.ineligible == []
