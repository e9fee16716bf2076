"""The project panel, the plan form and the command line give the same ranking for the same plan."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import BudgetLineFactory, ProjectFactory, ProjectPartnerFactory
from tsunagu.portfolio.models import ActivityType, Field
from tsunagu.programs.matching import dump_plan, match, plan_from_project
from tsunagu.programs.matching.panel import PANEL_SIZE, MatchingProgramsPanel

from .conftest import two_thirds_terms


@pytest.fixture
def catalogue(make_program):
    make_program("clair-like", fields=("water",), activities=("trainee-acceptance",), terms=[two_thirds_terms()],
                 purpose="上下水道分野の研修員受入を支援する")
    make_program("jica-like", region_scope="developing", fields=(), activities=("technical-cooperation",),
                 funding_forms=["commission"], purpose="途上国の上下水道の技術協力",
                 terms=[two_thirds_terms(rate=None, cap_jpy=60_000_000)])
    make_program("partner-like", city_roles=["partner"], eligible_applicants=["company"], region_scope="developing",
                 fields=("environment",), activities=("survey",), purpose="脱炭素の都市間連携")
    make_program("in-kind", city_roles=["beneficiary"], funding_forms=["in_kind"], windows=[],
                 purpose="アドバイザー派遣")
    make_program("ngo-only", city_roles=["indirect"], eligible_applicants=["ngo"], purpose="NGOの技術協力")
    make_program("domestic", region_scope="domestic", purpose="多文化共生")
    make_program("asia-experts", city_roles=["partner"], eligible_applicants=["foreign_body"], region_scope="countries",
                 countries=("VN", "CN"), fields=("water",), activities=("expert-dispatch",), windows=[])


@pytest.fixture
def project(catalogue):
    today = timezone.localdate()
    project = ProjectFactory(title_ja="ハイフォン市上水道研修員受入", title_en="Hai Phong water trainees",
                             summary="ベトナム・ハイフォン市の水道職員を受け入れる", status="planned",
                             start_date=today + datetime.timedelta(days=200),
                             end_date=today + datetime.timedelta(days=600))
    project.fields.set(Field.objects.filter(code="water"))
    project.activity_types.set(ActivityType.objects.filter(code__in=["trainee-acceptance", "technical-cooperation"]))
    ProjectPartnerFactory(project=project)  # a place in Viet Nam
    year = project.start_date.year if project.start_date.month >= 4 else project.start_date.year - 1
    BudgetLineFactory(project=project, fiscal_year=year, amount_jpy=2_500_000)
    return project


def ranking(items):
    return [(item.code, item.score, item.confidence) for item in items]


def test_plan_from_project_reads_the_project(project):
    plan = plan_from_project(project)
    assert plan.fields == ("water",)
    assert set(plan.activity_types) == {"trainee-acceptance", "technical-cooperation"}
    assert plan.countries == ("VN",)
    assert plan.money_needed_jpy == 2_500_000
    assert plan.applicant_type == "designated_city"
    assert not plan.continuing and not plan.national_funding


def test_panel_form_and_command_line_agree(project, as_viewer, tmp_path):
    expected = ranking(match(plan_from_project(project)).ranked)
    assert len(expected) >= 4

    panel = MatchingProgramsPanel().context(project, None)
    assert ranking(panel["matches"]) == expected[:PANEL_SIZE]

    response = as_viewer.get(f"/programs/match/?project={project.pk}")
    assert response.status_code == 200
    assert ranking(response.context["result"].ranked) == expected
    shown = re.findall(r'<li class="match" data-code="([^"]+)"', response.content.decode())
    assert shown == [code for code, _score, _confidence in expected]

    # The same plan typed into the form (a GET of its fields) …
    form = response.context["form"]
    typed = as_viewer.get("/programs/match/", {k: v for k, v in form.data.items() if v not in ("", [])})
    assert ranking(typed.context["result"].ranked) == expected

    # … and written to a plan file for the command line.
    path = tmp_path / "plan.yaml"
    path.write_text(dump_plan(plan_from_project(project)), encoding="utf-8")
    out = StringIO()
    call_command("match_programs", "--plan", str(path), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert [(r["code"], r["score"], r["confidence"]) for r in data["ranked"]] == expected
