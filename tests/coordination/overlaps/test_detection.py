"""Overlap detection on its edge cases: who overlaps with whom, where and in which 年度."""

import datetime

import pytest

from tests.factories import (
    DepartmentFactory,
    PlaceFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    country,
)
from tsunagu.coordination.overlaps.detection import detect
from tsunagu.coordination.overlaps.models import OverlapKind
from tsunagu.portfolio.models import Field, Project

pytestmark = pytest.mark.django_db

D = datetime.date


FY2026 = (D(2026, 4, 1), D(2027, 3, 31))


def project(department, places, *, fields=(), start=FY2026[0], end=FY2026[1], **extra):
    p = ProjectFactory(lead_department=department, start_date=start, end_date=end, **extra)
    for place in places:
        ProjectPartnerFactory(project=p, place=place)
    if fields:
        p.fields.set(Field.objects.filter(code__in=fields))
    return p


@pytest.fixture
def haiphong(db):
    return PlaceFactory(name_ja="ハイフォン", name_en="Hai Phong", country=country("VN"))


@pytest.fixture
def danang(db):
    return PlaceFactory(name_ja="ダナン", name_en="Da Nang", country=country("VN"))


def kinds(warnings):
    return sorted((w.kind, w.fiscal_year) for w in warnings)


def test_same_place_two_departments_warns(haiphong, water_bureau, env_bureau):
    a = project(water_bureau, [haiphong], fields=["water"])
    b = project(env_bureau, [haiphong], fields=["environment"])
    [warning] = detect([2026])
    assert warning.kind == OverlapKind.PLACE
    assert warning.place_id == haiphong.pk
    assert warning.project_ids == {a.pk, b.pk}
    assert warning.department_ids == {water_bureau.pk, env_bureau.pk}


def test_same_department_twice_does_not_warn(haiphong, water_bureau, water_section):
    # The bureau and one of its sections are one bureau: it coordinates itself.
    project(water_bureau, [haiphong], fields=["water"])
    project(water_section, [haiphong], fields=["water"])
    assert detect([2026]) == []


def test_same_country_other_field_does_not_warn(haiphong, danang, water_bureau, env_bureau):
    project(water_bureau, [haiphong], fields=["water"])
    project(env_bureau, [danang], fields=["environment"])
    assert detect([2026]) == []


def test_same_field_same_country_warns(haiphong, danang, water_bureau, env_bureau):
    a = project(water_bureau, [haiphong], fields=["water", "environment"])
    b = project(env_bureau, [danang], fields=["environment"])
    [warning] = detect([2026])
    assert warning.kind == OverlapKind.FIELD_COUNTRY
    assert warning.field_id == Field.objects.get(code="environment").pk
    assert warning.country_id == country("VN").pk
    assert warning.project_ids == {a.pk, b.pk}


def test_same_field_at_the_same_place_is_one_warning_not_two(haiphong, water_bureau, env_bureau):
    project(water_bureau, [haiphong], fields=["environment"])
    project(env_bureau, [haiphong], fields=["environment"])
    assert kinds(detect([2026])) == [(OverlapKind.PLACE, 2026)]


def test_other_fiscal_year_does_not_warn(haiphong, water_bureau, env_bureau):
    project(water_bureau, [haiphong], start=D(2025, 4, 1), end=D(2026, 3, 31))
    project(env_bureau, [haiphong], start=D(2026, 4, 1), end=D(2027, 3, 31))
    assert detect([2025, 2026]) == []


def test_deleted_project_does_not_warn(haiphong, water_bureau, env_bureau):
    project(water_bureau, [haiphong])
    gone = project(env_bureau, [haiphong])
    gone.mark_deleted()
    gone.save()
    assert detect([2026]) == []


def test_dropped_project_does_not_warn(haiphong, water_bureau, env_bureau):
    project(water_bureau, [haiphong])
    project(env_bureau, [haiphong], status=Project.Status.DROPPED)
    assert detect([2026]) == []


def test_project_spanning_a_fiscal_year_boundary_counts_in_both_years(haiphong, water_bureau, env_bureau):
    # January to June 2026 is the end of 2025年度 and the start of 2026年度.
    project(water_bureau, [haiphong], start=D(2026, 1, 10), end=D(2026, 6, 30))
    project(env_bureau, [haiphong], start=D(2025, 4, 1), end=D(2026, 3, 31))
    project(DepartmentFactory(code="fire"), [haiphong], start=D(2026, 4, 1), end=D(2026, 9, 30))
    warnings = detect([2024, 2025, 2026, 2027])
    assert kinds(warnings) == [(OverlapKind.PLACE, 2025), (OverlapKind.PLACE, 2026)]
    assert all(len(w.department_ids) == 2 for w in warnings)


def test_thirty_first_of_march_belongs_to_the_year_before(haiphong, water_bureau, env_bureau):
    project(water_bureau, [haiphong], start=D(2025, 4, 1), end=D(2026, 3, 31))
    project(env_bureau, [haiphong], start=D(2026, 4, 1), end=None)
    assert detect([2025, 2026, 2027]) == []


def test_open_ended_project_overlaps_in_every_later_year(haiphong, water_bureau, env_bureau):
    project(water_bureau, [haiphong], start=D(2020, 4, 1), end=None)
    project(env_bureau, [haiphong], start=D(2027, 4, 1), end=D(2028, 3, 31))
    assert kinds(detect([2026, 2027, 2028])) == [(OverlapKind.PLACE, 2027)]


def test_our_own_city_is_no_partner_place(water_bureau, env_bureau):
    home = PlaceFactory(name_en="Kitakyushu", country=country("JP"), is_home=True)
    project(water_bureau, [home], fields=["water"])
    project(env_bureau, [home], fields=["water"])
    assert detect([2026]) == []


def test_narrowed_to_a_project_and_to_places(haiphong, danang, water_bureau, env_bureau):
    a = project(water_bureau, [haiphong], fields=["water"])
    project(env_bureau, [haiphong], fields=["environment"])
    c = project(water_bureau, [danang], fields=["trade"])
    d = project(env_bureau, [danang], fields=["trade"])
    assert {w.place_id for w in detect([2026], project_id=a.pk)} == {haiphong.pk}
    assert {w.place_id for w in detect([2026], place_ids=[danang.pk])} == {danang.pk}
    assert detect([2026], project_id=c.pk)[0].project_ids == {c.pk, d.pk}
