"""The projects section of a place's dossier: every department's projects, past and current."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.factories import (
    BudgetLineFactory,
    PlaceFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    country,
)
from tsunagu.partners.dossier import sections
from tsunagu.portfolio import actions
from tsunagu.portfolio.models import Field, Project, ProjectPartner

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return next(s for s in sections() if s.key == "projects")


@pytest.fixture
def hai_phong_projects(env_project, water_bureau, hai_phong, phnom_penh):
    """Two departments' projects with Hai Phong (one finished) and one elsewhere."""
    finished = ProjectFactory(
        title_ja="海防上水道研修", lead_department=water_bureau, status=Project.Status.FINISHED,
        start_date=datetime.date(2012, 7, 1), end_date=datetime.date(2015, 3, 31), is_sample=True,
    )
    finished.fields.add(Field.objects.get(code="water"))
    ProjectPartnerFactory(project=finished, place=hai_phong, role=ProjectPartner.Role.BENEFICIARY)
    BudgetLineFactory(project=finished, fiscal_year=2013, amount_jpy=700_000)
    elsewhere = ProjectFactory(title_ja="プノンペン事業", lead_department=water_bureau)
    ProjectPartnerFactory(project=elsewhere, place=phnom_penh)
    return env_project, finished


def render(section, place_ids, user):
    context = section.context(place_ids, user)
    return render_to_string(section.template, {**context, "section": section, "place_ids": place_ids})


def test_section_is_registered_for_the_dossier(section):
    assert section.template == "portfolio/dossier_projects.html"
    with translation.override("ja"):
        assert str(section.title) == "海外事業"


def test_section_lists_every_departments_projects_past_and_current(section, hai_phong_projects, hai_phong, viewer):
    current, finished = hai_phong_projects
    context = section.context([hai_phong.pk], viewer)
    assert [p.pk for p in context["current_projects"]] == [current.pk]
    assert [p.pk for p in context["past_projects"]] == [finished.pk]
    assert context["department_count"] == 2
    assert context["budget_total"] == 3_700_000

    with translation.override("ja"):
        html = render(section, [hai_phong.pk], viewer)
    assert "海防市環境協力" in html and "海防上水道研修" in html
    assert "プノンペン事業" not in html
    assert "環境局" in html and "上下水道局" in html
    assert "2012年度（平成24年度）〜2014年度（平成26年度）" in html
    assert "終了" in html and '<span class="tag">上下水道</span>' in html
    assert "受益者" in html  # the place's role in the project
    assert "¥700,000" in html and "¥3,000,000" in html
    assert "サンプルデータ" in html
    assert f"/projects/{finished.pk}/" in html


def test_section_covers_the_places_under_a_province(section, hai_phong, viewer, env_bureau):
    district = PlaceFactory(country=country("VN"), name_ja="海防市内の区", parent=hai_phong)
    project = ProjectFactory(title_ja="区の事業", lead_department=env_bureau)
    ProjectPartnerFactory(project=project, place=district)
    with translation.override("ja"):
        html = render(section, [hai_phong.pk, district.pk], viewer)
    assert "区の事業" in html
    assert "（海防市内の区）" in html  # several places: say which one takes part


def test_deleted_projects_leave_the_dossier(section, env_project, env_editor, hai_phong, viewer):
    actions.delete_project(env_project, acting_user=env_editor)
    assert section.context([hai_phong.pk], viewer)["projects"] == []
    with translation.override("ja"):
        assert "この相手との事業はまだありません。" in render(section, [hai_phong.pk], viewer)


def test_timeline_has_dated_labelled_start_and_end_entries(section, hai_phong_projects, hai_phong, viewer):
    current, finished = hai_phong_projects
    with translation.override("ja"):
        entries = section.timeline([hai_phong.pk], viewer)
    by_label = {(e.label, e.kind): e for e in entries}
    assert by_label[("海防上水道研修", "事業開始")].date == datetime.date(2012, 7, 1)
    assert by_label[("海防上水道研修", "事業終了")].date == datetime.date(2015, 3, 31)
    assert by_label[("海防市環境協力", "事業開始")].url == f"/projects/{current.pk}/"
    assert len(entries) == 4


def test_dossier_page_shows_the_projects_section(as_viewer, hai_phong_projects, hai_phong):
    page = as_viewer.get(f"/partners/places/{hai_phong.pk}/").content.decode()
    assert 'id="section-projects"' in page
    assert "海防上水道研修" in page and "海防市環境協力" in page


def test_a_programme_for_several_places_is_labelled_not_counted_as_this_places(
    section, hai_phong_projects, hai_phong, phnom_penh, viewer, env_bureau
):
    shared = ProjectFactory(title_ja="アジア低炭素化センターの運営", lead_department=env_bureau)
    ProjectPartnerFactory(project=shared, place=hai_phong, role=ProjectPartner.Role.BENEFICIARY)
    ProjectPartnerFactory(project=shared, place=phnom_penh, role=ProjectPartner.Role.BENEFICIARY)
    BudgetLineFactory(project=shared, fiscal_year=2024, amount_jpy=931_600_000)

    context = section.context([hai_phong.pk], viewer)
    assert context["budget_total"] == 3_700_000  # only the projects with Hai Phong alone
    assert (context["shared_count"], context["shared_total"]) == (1, 931_600_000)
    shares = {p.title_ja: p.budget_share for p in context["projects"]}
    assert shares["アジア低炭素化センターの運営"].known is False
    assert shares["海防市環境協力"].known is True and shares["海防市環境協力"].amount == 3_000_000

    with translation.override("ja"):
        html = render(section, [hai_phong.pk], viewer)
    assert "この相手都市だけの事業の予算総額 ¥3,700,000" in html
    assert "複数の相手都市を含む事業が1件" in html and "¥931,600,000" in html
    assert html.count("複数の相手都市を含む事業の総額") == 1  # the shared row's amount is labelled

    # Seen from the whole country with both places, the programme is wholly theirs.
    both = section.context([hai_phong.pk, phnom_penh.pk], viewer)
    assert both["shared_count"] == 0
    assert both["budget_total"] == 3_700_000 + 931_600_000  # (the Phnom Penh project has no budget)
