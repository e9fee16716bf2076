"""The project list and the dossier's project section cost the same queries for 10 or 1,000 projects."""

import datetime
import itertools

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from tests.factories import DepartmentFactory, OrganisationFactory, PlaceFactory, country
from tsunagu.partners.dossier import sections
from tsunagu.portfolio.models import BudgetLine, Field, Project, ProjectPartner

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(env_bureau, water_bureau, water_section):
    """Departments, places and an organisation to hang generated projects on."""
    return {
        "departments": [env_bureau, water_bureau, water_section, DepartmentFactory(code="fire")],
        "places": [
            PlaceFactory(country=country(code), name_en=f"City {code}", name_ja=f"都市{code}")
            for code in ("VN", "KH", "TH", "CN")
        ],
        "organisation": OrganisationFactory(),
        "fields": list(Field.objects.all()[:3]),
    }


def add_projects(city, count: int) -> None:
    """Bulk-create ``count`` projects, each with two partners, two budget lines and two fields."""
    departments = itertools.cycle(city["departments"])
    statuses = itertools.cycle(Project.Status.values)
    start = Project.objects.count()
    projects = Project.objects.bulk_create(
        Project(
            title_ja=f"生成事業{start + n}",
            lead_department=next(departments),
            status=next(statuses),
            start_date=datetime.date(2000 + n % 25, 4, 1),
            end_date=datetime.date(2002 + n % 25, 3, 31) if n % 3 else None,
        )
        for n in range(count)
    )
    places = city["places"]
    ProjectPartner.objects.bulk_create(
        itertools.chain.from_iterable(
            (
                ProjectPartner(project=p, place=places[n % len(places)]),
                ProjectPartner(project=p, organisation=city["organisation"], role=ProjectPartner.Role.FUNDER),
            )
            for n, p in enumerate(projects)
        )
    )
    BudgetLine.objects.bulk_create(
        itertools.chain.from_iterable(
            (
                BudgetLine(project=p, fiscal_year=p.start_date.year, source="city", amount_jpy=1_000_000),
                BudgetLine(project=p, fiscal_year=p.start_date.year, source="partner", amount_jpy=500_000),
            )
            for p in projects
        )
    )
    through = Project.fields.through
    through.objects.bulk_create(
        through(project_id=p.pk, field_id=f.pk) for p in projects for f in city["fields"][:2]
    )


def count_queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def list_page(client, **params):
    def call():
        response = client.get("/projects/", params)
        assert response.status_code == 200
        assert len(response.context["projects"]) > 0

    return call


@pytest.mark.parametrize(
    "params",
    [{}, {"sort": "-budget"}, {"country": "VN"}, {"fiscal_year": 2010, "sort": "status"}],
    ids=["plain", "by-budget", "country", "fiscal-year"],
)
def test_project_list_query_count_is_the_same_for_10_and_1000_projects(as_coordinator, city, params):
    if "country" in params:
        params = {**params, "country": country(params["country"]).pk}
    add_projects(city, 10)
    small = count_queries(list_page(as_coordinator, **params))
    add_projects(city, 990)
    assert Project.objects.count() == 1000
    large = count_queries(list_page(as_coordinator, **params))
    assert large == small, f"{small} queries for 10 projects, {large} for 1,000"


def projects_section():
    return next(section for section in sections() if section.key == "projects")


def render_section(place_ids, user):
    def call():
        section = projects_section()
        context = section.context(place_ids, user)
        html = render_to_string(section.template, {**context, "section": section, "place_ids": place_ids})
        assert "生成事業" in html
        assert section.timeline(place_ids, user)

    return call


def test_dossier_project_section_query_count_is_the_same_for_10_and_1000_projects(city, viewer):
    place_ids = [city["places"][0].pk]
    add_projects(city, 10)
    small = count_queries(render_section(place_ids, viewer))
    add_projects(city, 990)
    large = count_queries(render_section(place_ids, viewer))
    assert large == small, f"{small} queries for 10 projects, {large} for 1,000"
    assert small <= 8


def test_dossier_page_query_count_is_the_same_for_10_and_1000_projects(as_coordinator, city):
    place = city["places"][0]

    def call():
        response = as_coordinator.get(f"/partners/places/{place.pk}/")
        assert response.status_code == 200
        assert "生成事業" in response.content.decode()

    add_projects(city, 10)
    small = count_queries(call)
    add_projects(city, 990)
    large = count_queries(call)
    assert large == small, f"{small} queries for 10 projects, {large} for 1,000"
