"""Every ranked programme says why it gained and lost points, in the active language."""

import datetime

from django.utils import translation

from tsunagu.programs.matching import match

from .conftest import city_plan, two_thirds_terms
from .test_eligibility_rules import ranked


def texts(reasons):
    return [reason.text for reason in reasons]


def test_gained_points_name_the_fields_activity_window_and_terms(make_program):
    make_program("env-training", fields=("environment",), activities=("trainee-acceptance",),
                 terms=[two_thirds_terms()], purpose="環境分野の研修員受入を支援する")
    plan = city_plan(fields=("environment",), activity_types=("trainee-acceptance",), money_needed_jpy=3_000_000,
                     text="環境 研修員受入")
    with translation.override("en"):
        item = ranked(match(plan), "env-training")
        gained = texts(item.gains)
        assert "Field matches: Environment." in gained
        assert "Activity type matches: Trainee acceptance." in gained
        assert "Covers up to ⅔ of the costs, up to ¥3,000,000 per project." in gained
        assert "Window for FY2027: opens on 2026-07-01, closes on 2026-09-30." in gained
        assert any(text.startswith("Similar wording:") and "研修員受入" in text for text in gained)
        assert item.score == round(sum(r.points for r in item.gains + item.losses), 1)
        assert all(r.points > 0 for r in item.gains)


def test_lost_points_are_listed_apart(make_program):
    make_program("trade-only", fields=("trade",), activities=("business-development",), funding_forms=["in_kind"])
    plan = city_plan(fields=("environment",), activity_types=("trainee-acceptance",), money_needed_jpy=1_000_000)
    with translation.override("en"):
        item = ranked(match(plan), "trade-only")
        codes = {r.code for r in item.losses}
        assert {"no_common_field", "no_common_activity", "no_money"} <= codes
        assert all(r.points < 0 for r in item.losses)


def test_cap_below_the_need_loses_a_point_and_says_how_much_is_covered(make_program):
    make_program("small-grant", terms=[two_thirds_terms()])
    with translation.override("en"):
        item = ranked(match(city_plan(money_needed_jpy=10_000_000)), "small-grant")
        assert "Covers at most ¥3,000,000 of the ¥10,000,000 needed (30%)." in texts(item.losses)


def test_partner_programme_says_the_money_goes_to_the_contractor(make_program):
    make_program("consultant", city_roles=["partner"], eligible_applicants=["company"], funding_forms=["commission"],
                 terms=[two_thirds_terms(rate=None, cap_jpy=20_000_000)])
    item = ranked(match(city_plan(money_needed_jpy=5_000_000)), "consultant")
    assert "paid_to_others" in {r.code for r in item.notes}
    assert not {"cap_covers", "terms"} & {r.code for r in item.gains}


def test_better_fit_ranks_first(make_program):
    make_program("a-unrelated", fields=("trade",), activities=("business-development",), purpose="物産展")
    make_program("b-fitting", fields=("water",), activities=("trainee-acceptance",), purpose="上下水道の研修員受入")
    plan = city_plan(fields=("water",), activity_types=("trainee-acceptance",), text="上下水道の研修員を受け入れる")
    assert [item.code for item in match(plan).ranked] == ["b-fitting", "a-unrelated"]


def test_reasons_are_japanese_in_the_japanese_ui(make_program):
    make_program("env-training", fields=("environment",), activities=("trainee-acceptance",),
                 terms=[two_thirds_terms()])
    make_program("domestic-only", region_scope="domestic")
    plan = city_plan(fields=("environment",), activity_types=("trainee-acceptance",), countries=("VN",),
                     money_needed_jpy=3_000_000)
    with translation.override("ja"):
        result = match(plan)
        gained = texts(ranked(result, "env-training").gains)
        assert "分野が一致: 環境。" in gained
        assert "事業形態が一致: 研修員受入。" in gained
        assert any("3分の2" in text and "¥3,000,000" in text for text in gained)
        assert any("2026年9月30日" in text for text in gained)
        refusal = next(r for r in result.ineligible if r.code == "domestic-only").reasons[0].text
        assert "国内" in refusal and "ベトナム" in refusal


def test_window_reason_for_a_deadline_only_window(make_program):
    make_program("deadline", windows=[{"kind": "dated", "fiscal_year": 2027,
                                       "closes_on": datetime.date(2026, 10, 31)}])
    with translation.override("en"):
        item = ranked(match(city_plan()), "deadline")
        assert "Window for FY2027: apply by 2026-10-31." in texts(item.gains)
