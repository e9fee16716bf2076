"""The project list: search, filters (department subtree, country, field, status, 年度…), sorting, pages."""

import datetime

import pytest

from tests.factories import (
    BudgetLineFactory,
    DepartmentFactory,
    PlaceFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    country,
)
from tsunagu.org.models import Department
from tsunagu.portfolio.models import ActivityType, Field, Project, SdgGoal

pytestmark = pytest.mark.django_db


def titles(client, **params) -> list[str]:
    response = client.get("/projects/", params)
    assert response.status_code == 200
    return [project.title_ja for project in response.context["projects"]]


def project(title, start, end=None, **kwargs):
    return ProjectFactory(
        title_ja=title,
        start_date=datetime.date.fromisoformat(start),
        end_date=datetime.date.fromisoformat(end) if end else None,
        **kwargs,
    )


# --- 年度 -----------------------------------------------------------------------------------------


@pytest.fixture
def around_fy_boundary(env_bureau):
    project("ends 31 March 2020", "2019-04-01", "2020-03-31", lead_department=env_bureau)
    project("starts 1 April 2020", "2020-04-01", "2021-03-31", lead_department=env_bureau)
    project("over the boundary", "2020-03-31", "2020-04-01", lead_department=env_bureau)
    project("open-ended since 2018", "2018-05-01", None, lead_department=env_bureau)
    project("ended 2019-03-31", "2017-04-01", "2019-03-31", lead_department=env_bureau)


def test_fiscal_year_filter_counts_31_march_in_the_year_before(as_viewer, around_fy_boundary):
    assert sorted(titles(as_viewer, fiscal_year=2019)) == sorted(
        ["ends 31 March 2020", "over the boundary", "open-ended since 2018"]
    )


def test_fiscal_year_filter_counts_1_april_in_the_new_year(as_viewer, around_fy_boundary):
    assert sorted(titles(as_viewer, fiscal_year=2020)) == sorted(
        ["starts 1 April 2020", "over the boundary", "open-ended since 2018"]
    )


def test_fiscal_year_choices_are_labelled_across_the_heisei_reiwa_change(as_viewer, around_fy_boundary):
    page = as_viewer.get("/projects/").content.decode()
    assert '<option value="2019">2019年度（令和元年度）</option>' in page
    assert '<option value="2018">2018年度（平成30年度）</option>' in page
    assert '<option value="2017">2017年度（平成29年度）</option>' in page


def test_fiscal_year_choices_are_fy_labels_in_english(as_viewer, around_fy_boundary):
    page = as_viewer.get("/projects/", {"lang": "en"}).content.decode()
    assert '<option value="2019">FY2019</option>' in page


def test_list_shows_the_fiscal_year_span(as_viewer, around_fy_boundary):
    page = as_viewer.get("/projects/").content.decode()
    assert "2019年度（平成31年度）" not in page
    assert "2019年度（令和元年度）〜2019年度（令和元年度）" not in page  # one year shown once
    assert "2020年度（令和2年度）" in page
    assert "2018年度（平成30年度）〜（継続中）" in page
    assert "2017年度（平成29年度）〜2018年度（平成30年度）" in page


def test_an_unknown_fiscal_year_is_reported_not_crashed(as_viewer, around_fy_boundary):
    response = as_viewer.get("/projects/", {"fiscal_year": "abc"})
    assert response.status_code == 200
    assert "正しく選択してください。" in response.content.decode()


# --- departments: lead or co-department, a bureau includes its sections ----------------------------


def test_department_filter_includes_sections_and_co_departments(
    as_viewer, water_bureau, water_section, env_bureau
):
    project("led by the bureau", "2024-04-01", lead_department=water_bureau)
    project("led by its section", "2024-04-01", lead_department=water_section)
    shared = project("environment with water help", "2024-04-01", lead_department=env_bureau)
    shared.co_departments.add(water_section)
    project("environment only", "2024-04-01", lead_department=env_bureau)

    assert sorted(titles(as_viewer, department=water_bureau.pk)) == sorted(
        ["led by the bureau", "led by its section", "environment with water help"]
    )
    assert sorted(titles(as_viewer, department=water_section.pk)) == sorted(
        ["led by its section", "environment with water help"]
    )


def test_department_choices_are_indented_under_their_bureau(as_viewer, water_bureau, water_section):
    page = as_viewer.get("/projects/").content.decode()
    assert f'<option value="{water_section.pk}">\u3000海外事業課</option>' in page


# --- partners: country and place --------------------------------------------------------------------


def test_country_and_place_filters_go_through_partner_places(as_viewer, env_bureau, hai_phong, phnom_penh):
    vietnam = project("with Hai Phong", "2024-04-01", lead_department=env_bureau)
    ProjectPartnerFactory(project=vietnam, place=hai_phong)
    cambodia = project("with Phnom Penh", "2024-04-01", lead_department=env_bureau)
    ProjectPartnerFactory(project=cambodia, place=phnom_penh)
    district = PlaceFactory(country=country("KH"), name_ja="チャンカーモン区", parent=phnom_penh)
    in_district = project("in a district of Phnom Penh", "2024-04-01", lead_department=env_bureau)
    ProjectPartnerFactory(project=in_district, place=district)
    # Two partner places in the same country: the project is listed once.
    ProjectPartnerFactory(project=cambodia, place=district)

    assert titles(as_viewer, country=country("VN").pk) == ["with Hai Phong"]
    assert sorted(titles(as_viewer, country=country("KH").pk)) == ["in a district of Phnom Penh", "with Phnom Penh"]
    assert sorted(titles(as_viewer, place=phnom_penh.pk)) == ["in a district of Phnom Penh", "with Phnom Penh"]
    assert titles(as_viewer, place=hai_phong.pk) == ["with Hai Phong"]


# --- classifications, status and search ------------------------------------------------------------------


def test_field_activity_type_and_sdg_filters(as_viewer, env_bureau):
    water = project("water", "2024-04-01", lead_department=env_bureau)
    water.fields.add(Field.objects.get(code="water"))
    water.sdg_goals.add(SdgGoal.objects.get(number=6))
    training = project("training", "2024-04-01", lead_department=env_bureau)
    training.activity_types.add(ActivityType.objects.get(code="trainee-acceptance"))
    training.fields.add(Field.objects.get(code="environment"), Field.objects.get(code="water"))

    assert sorted(titles(as_viewer, field=Field.objects.get(code="water").pk)) == ["training", "water"]
    assert titles(as_viewer, field=Field.objects.get(code="environment").pk) == ["training"]
    assert titles(as_viewer, activity_type=ActivityType.objects.get(code="trainee-acceptance").pk) == ["training"]
    assert titles(as_viewer, sdg=SdgGoal.objects.get(number=6).pk) == ["water"]


def test_status_filter(as_viewer, env_bureau):
    project("running", "2024-04-01", lead_department=env_bureau, status=Project.Status.RUNNING)
    project("dropped", "2024-04-01", lead_department=env_bureau, status=Project.Status.DROPPED)
    assert titles(as_viewer, status="dropped") == ["dropped"]


def test_search_looks_in_japanese_and_english_titles_and_summary(as_viewer, env_bureau):
    project("カンボジア水道計画", "2024-04-01", lead_department=env_bureau, title_en="Cambodia water master plan")
    project("研修", "2024-04-01", lead_department=env_bureau, summary="UNIDOと協力したビジネス研修")
    project("その他", "2024-04-01", lead_department=env_bureau)
    assert titles(as_viewer, q="水道") == ["カンボジア水道計画"]
    assert titles(as_viewer, q="master plan") == ["カンボジア水道計画"]
    assert titles(as_viewer, q="unido") == ["研修"]


def test_filters_combine(as_viewer, env_bureau, water_bureau, hai_phong):
    a = project("env in VN", "2024-04-01", lead_department=env_bureau)
    ProjectPartnerFactory(project=a, place=hai_phong)
    b = project("water in VN", "2024-04-01", lead_department=water_bureau)
    ProjectPartnerFactory(project=b, place=hai_phong)
    assert titles(as_viewer, country=country("VN").pk, department=water_bureau.pk) == ["water in VN"]


# --- sorting and pages -----------------------------------------------------------------------------------------


def test_sorting_by_budget_total_start_status_and_department(as_viewer, env_bureau):
    water = DepartmentFactory(code="w2", name_ja="上下水道局2", sort_order=1)
    env = Department.objects.filter(pk=env_bureau.pk)
    env.update(sort_order=2)
    small = project("small", "2020-04-01", lead_department=water, status=Project.Status.FINISHED)
    big = project("big", "2022-04-01", lead_department=env_bureau, status=Project.Status.IDEA)
    none = project("none", "2021-04-01", lead_department=env_bureau, status=Project.Status.RUNNING)
    for year in (2022, 2023):
        BudgetLineFactory(project=big, fiscal_year=year, amount_jpy=5_000_000)
    BudgetLineFactory(project=small, fiscal_year=2020, amount_jpy=1_000)
    assert none.budget_lines.count() == 0

    assert titles(as_viewer, sort="-budget") == ["big", "small", "none"]
    assert titles(as_viewer, sort="budget") == ["none", "small", "big"]
    assert titles(as_viewer) == ["big", "none", "small"]  # newest start first by default
    assert titles(as_viewer, sort="status") == ["big", "none", "small"]  # idea → running → finished
    assert titles(as_viewer, sort="department")[0] == "small"


def test_list_shows_the_budget_total_in_yen(as_viewer, env_project):
    BudgetLineFactory(project=env_project, fiscal_year=2025, amount_jpy=1_234_567)
    page = as_viewer.get("/projects/").content.decode()
    assert "¥4,234,567" in page
    assert "海防" in page and "環境局" in page


def test_pagination_shows_50_projects_a_page(as_viewer, env_bureau):
    Project.objects.bulk_create(
        Project(title_ja=f"事業{n:03}", lead_department=env_bureau, start_date=datetime.date(2024, 4, 1))
        for n in range(120)
    )
    first = as_viewer.get("/projects/", {"sort": "title"})
    assert len(first.context["projects"]) == 50
    third = as_viewer.get("/projects/", {"sort": "title", "page": 3})
    assert [p.title_ja for p in third.context["projects"]][0] == "事業100"
    assert len(third.context["projects"]) == 20
    assert "page=2" in third.content.decode() and "sort=title" in third.content.decode()


def test_deleted_projects_are_not_listed(as_viewer, env_project, env_editor):
    from tsunagu.portfolio import actions

    actions.delete_project(env_project, acting_user=env_editor)
    assert titles(as_viewer) == []


def test_the_start_page_links_to_the_project_list(as_viewer, client):
    response = as_viewer.get("/")
    assert response.status_code == 200
    assert 'href="/projects/"' in response.content.decode()
    assert client.get("/")["Location"].startswith("/login/")
