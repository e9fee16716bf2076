"""Overlaps are computed without a query per project: the coordinator's start page, the list, a dossier and a
project page cost the same number of queries in a small world and in one ten times larger."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DepartmentFactory, PlaceFactory, country
from tsunagu.core.fiscal import FiscalYear
from tsunagu.org.models import Department
from tsunagu.portfolio.models import Field, Project, ProjectPartner

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(water_bureau, water_section, env_bureau):
    bureaus = [water_bureau, env_bureau, DepartmentFactory(code="fire", name_ja="消防局"),
               DepartmentFactory(code="port", name_ja="港湾空港局")]
    sections = [DepartmentFactory(code=f"{b.code}-intl", kind=Department.Kind.SECTION, parent=b) for b in bureaus]
    places = [PlaceFactory(country=country(code), name_en=f"City {code}{n}", name_ja=f"都市{code}{n}")
              for code in ("VN", "TH", "CN") for n in range(3)]
    return {"departments": bureaus + sections + [water_section], "places": places,
            "fields": list(Field.objects.all()[:4])}


def add_projects(world, count: int) -> None:
    """``count`` projects spread over departments, places, fields and 年度 around this one."""
    this_year = FiscalYear.current().year
    departments = itertools.cycle(world["departments"])
    start = Project.objects.count()
    projects = Project.objects.bulk_create(
        Project(
            title_ja=f"生成事業{start + n}",
            lead_department=next(departments),
            status=Project.Status.RUNNING,
            start_date=datetime.date(this_year - n % 3, 4, 1),
            end_date=datetime.date(this_year + 1 + n % 2, 3, 31) if n % 5 else None,
        )
        for n in range(count)
    )
    places = world["places"]
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=p, place=places[(n // 2) % len(places)]) for n, p in enumerate(projects)
    )
    through = Project.fields.through
    through.objects.bulk_create(
        through(project_id=p.pk, field_id=world["fields"][n % len(world["fields"])].pk)
        for n, p in enumerate(projects)
    )


def count(client, url: str, expect: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert expect in response.content.decode()
    return len(queries)


@pytest.mark.parametrize(
    "page",
    ["start", "list", "list-department", "dossier", "project"],
)
def test_query_count_is_the_same_for_40_and_400_projects(as_coordinator, world, page):
    place = world["places"][0]

    def url():
        first = Project.objects.filter(partners__place=place).order_by("pk").first()
        return {
            "start": "/",
            "list": "/coordination/overlaps/?status=",
            "list-department": f"/coordination/overlaps/?status=&department={world['departments'][1].pk}",
            "dossier": f"/partners/places/{place.pk}/",
            "project": f"/projects/{first.pk}/",
        }[page]

    add_projects(world, 40)
    small = count(as_coordinator, url(), 'data-testid="overlap-warning"')
    add_projects(world, 360)
    assert Project.objects.count() == 400
    large = count(as_coordinator, url(), 'data-testid="overlap-warning"')
    assert large == small, f"{small} queries for 40 projects, {large} for 400"


def test_the_widget_alone_costs_a_handful_of_queries(coordinator, world, django_assert_max_num_queries, rf):
    from tsunagu.coordination.overlaps.registrations import OverlapsWidget

    add_projects(world, 400)
    request = rf.get("/")
    request.user = coordinator
    with django_assert_max_num_queries(12):
        context = OverlapsWidget().context(request)
    assert context["count"] > 0 and context["warnings"]
