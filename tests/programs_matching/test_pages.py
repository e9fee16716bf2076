"""The plan form works for every role; the panel shows on the project page, read-only for a viewer."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import ProjectFactory
from tsunagu.partners.models import Country
from tsunagu.portfolio.models import Field

from .conftest import two_thirds_terms

PLAN = {
    "title": "上水道研修", "applicant_type": "designated_city", "start_date": "2027-04-01",
    "end_date": "2028-03-31", "fields": ["water"], "countries": ["VN"], "money_needed_jpy": "3000000",
}


@pytest.fixture
def programmes(make_program):
    # Rolling: the page checks the windows against the real today.
    make_program("water-training", fields=("water",), terms=[two_thirds_terms()], purpose="上下水道の研修",
                 windows=[{"kind": "rolling", "fiscal_year": 2025}])
    make_program("ngo-only", city_roles=["indirect"], eligible_applicants=["ngo"])


@pytest.mark.parametrize("client_name", ["as_coordinator", "as_water_editor", "as_env_editor", "as_viewer"])
def test_match_page_works_for_every_role(request, programmes, client_name):
    client = request.getfixturevalue(client_name)
    assert client.get("/programs/match/").status_code == 200
    response = client.get("/programs/match/", PLAN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-code="water-training"' in html
    assert "分野が一致" in html  # reasons in Japanese
    assert 'data-code="ngo-only"' in html and "申請できるのは" in html  # refused, with the reason


def test_match_page_for_the_administrator(programmes, admin_user):
    from tests.conftest import client_for

    assert client_for(admin_user).get("/programs/match/", PLAN).status_code == 200


def test_match_page_needs_a_login(client, db):
    response = client.get("/programs/match/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_bad_plan_form_says_what_is_wrong_in_japanese(as_viewer, programmes):
    response = as_viewer.get("/programs/match/", {**PLAN, "start_date": "いつか", "money_needed_jpy": "-5"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "日付" in html or "正しい" in html
    assert response.context["result"] is None


def test_plan_form_needs_something_to_match(as_viewer, programmes):
    response = as_viewer.get("/programs/match/", {"applicant_type": "designated_city", "start_date": "2027-04-01"})
    assert response.status_code == 400
    assert "計画の内容" in response.content.decode()


def test_unknown_or_deleted_project_is_404(as_viewer, programmes):
    assert as_viewer.get("/programs/match/?project=999999").status_code == 404
    assert as_viewer.get("/programs/match/?project=abc").status_code == 404
    project = ProjectFactory()
    project.mark_deleted()
    project.save()
    assert as_viewer.get(f"/programs/match/?project={project.pk}").status_code == 404


def test_project_page_shows_the_panel_to_a_viewer(as_viewer, programmes):
    today = timezone.localdate()
    project = ProjectFactory(status="planned", start_date=today + datetime.timedelta(days=300),
                             end_date=today + datetime.timedelta(days=700), title_ja="上水道研修員受入")
    project.fields.set(Field.objects.filter(code="water"))
    response = as_viewer.get(project.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="panel-program-matches"' in html
    assert "活用できそうな支援メニュー" in html
    assert 'data-code="water-training"' in html
    assert 'data-code="ngo-only"' not in html  # refused ones are not in the panel
    assert f"/programs/match/?project={project.pk}" in html
    # Read-only: the viewer sees no editing button for the project.
    assert f"/projects/{project.pk}/edit/" not in html


def test_panel_left_out_for_a_deleted_project(programmes):
    from tsunagu.programs.matching.panel import MatchingProgramsPanel

    project = ProjectFactory()
    project.mark_deleted()
    assert MatchingProgramsPanel().context(project, None) is None


def test_form_shows_the_best_and_links_to_all(as_viewer, make_program, monkeypatch):
    from tsunagu.programs.matching import views

    for number in range(4):
        make_program(f"rolling-{number}", fields=("water",), windows=[{"kind": "rolling", "fiscal_year": 2025}])
    monkeypatch.setattr(views, "FORM_SIZE", 2)
    html = as_viewer.post("/programs/match/", PLAN).content.decode()
    assert html.count('<li class="match"') == 2
    assert 'form="plan-form" name="all" value="1"' in html and "上位2件" in html
    html = as_viewer.post("/programs/match/", {**PLAN, "all": "1"}).content.decode()
    assert html.count('<li class="match"') == 4


@pytest.mark.parametrize(
    ("status", "ends_in_days", "shown"),
    [
        ("idea", 700, True),
        ("planned", 700, True),
        ("running", 700, True),
        ("running", None, True),  # open-ended
        ("finished", -3000, False),
        ("dropped", 700, False),
        ("running", -3000, False),  # still marked running, but its end date passed years ago
    ],
)
def test_panel_only_for_projects_still_to_fund(as_viewer, programmes, status, ends_in_days, shown):
    today = timezone.localdate()
    end = today + datetime.timedelta(days=ends_in_days) if ends_in_days is not None else None
    start = min(today, end) - datetime.timedelta(days=400) if end else today - datetime.timedelta(days=400)
    project = ProjectFactory(status=status, start_date=start, end_date=end, title_ja="上水道研修員受入")
    project.fields.set(Field.objects.filter(code="water"))
    html = as_viewer.get(project.get_absolute_url()).content.decode()
    assert ('id="panel-program-matches"' in html) is shown
    assert ("活用できそうな支援メニュー" in html) is shown


def _plan_form(html):
    from tests.htmlforms import forms_of

    (form,) = [f for f in forms_of(html) if f.attrs.get("id") == "plan-form"]
    return form


def test_the_plan_is_sent_by_post_even_a_long_one(as_viewer, programmes):
    form = _plan_form(as_viewer.get("/programs/match/").content.decode())
    assert form.method == "post" and "csrfmiddlewaretoken" in form.names()
    long_text = "上下水道の技術研修と浄水場の運転管理に関する協力。" * 320  # 8,000 Japanese characters
    assert len(long_text) == 8000
    response = as_viewer.post("/programs/match/", {**PLAN, "text": long_text})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-code="water-training"' in html
    # No address carries the plan's text: it is too long to offer one.
    assert response.context["share_url"] is None
    assert "長すぎる" in html
    assert "%E4%B8%8A%E4%B8%8B%E6%B0%B4" not in html  # 上下水 percent-encoded


def test_a_short_plan_has_an_address_that_shows_the_same_result(as_viewer, programmes):
    response = as_viewer.post("/programs/match/", {**PLAN, "all": "1"})
    share_url = response.context["share_url"]
    assert share_url.startswith("/programs/match/?") and "all=" not in share_url and "csrf" not in share_url
    assert f'href="{share_url.replace("&", "&amp;")}"' in response.content.decode()
    again = as_viewer.get(share_url)
    assert again.status_code == 200
    assert [m.code for m in again.context["result"].ranked] == [m.code for m in response.context["result"].ranked]


def test_country_box_finds_countries_by_japanese_and_english_name_without_javascript(as_viewer, programmes):
    html = as_viewer.get("/programs/match/").content.decode()
    form = _plan_form(html)
    (countries,) = [c for c in form.controls if c.name == "countries"]
    assert countries.tag == "select" and countries.multiple  # a plain select without JavaScript
    assert len(countries.options) > 200
    vietnam = Country.objects.get(code="VN")  # names as partners/countries.py gives them
    assert f'data-search="{vietnam.name_ja} {vietnam.name_en} VN VNM"' in html
    response = as_viewer.post("/programs/match/", {**PLAN, "countries": ["VN", "KH"]})
    assert response.context["form"].cleaned_data["countries"] == ["VN", "KH"]
