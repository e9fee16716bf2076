"""The in-memory catalogue is reused while nothing changes, rebuilt when anything does,
and a match costs a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tsunagu.programs.matching import catalogue, match
from tsunagu.programs.models import ApplicationWindow, Program

from .conftest import city_plan


@pytest.fixture
def fresh_cache():
    catalogue.invalidate()
    yield
    catalogue.invalidate()


@pytest.mark.django_db(transaction=True)
def test_snapshot_is_reused_and_rebuilt_after_a_change(make_program, fresh_cache):
    program = make_program("cached")
    first = catalogue.snapshot()
    assert catalogue.snapshot() is first  # nothing changed: one query, same snapshot

    ApplicationWindow.objects.create(program=program, kind="dated", fiscal_year=2027,
                                     closes_on=datetime.date(2027, 1, 31))
    second = catalogue.snapshot()
    assert second is not first
    assert len(second.by_code["cached"].windows) == 2


@pytest.mark.django_db(transaction=True)
def test_changes_made_without_signals_are_seen_through_the_stamp(make_program, fresh_cache):
    make_program("first")
    assert [p.code for p in catalogue.snapshot().programs] == ["first"]
    catalogue._stale = False  # as if the change came from another process
    Program.objects.bulk_create([Program(code="second", provider_id=Program.objects.get().provider_id,
                                         name_ja="二つ目", city_roles=["applicant"],
                                         eligible_applicants=["designated_city"])])
    assert [p.code for p in catalogue.snapshot().programs] == ["first", "second"]


@pytest.mark.django_db(transaction=True)
def test_a_cached_match_costs_one_query(make_program, fresh_cache):
    make_program("one")
    match(city_plan(countries=("VN",)))
    with CaptureQueriesContext(connection) as queries:
        match(city_plan(countries=("VN",)))
    assert len(queries.captured_queries) == 1


def test_queries_do_not_grow_with_the_catalogue(make_program):
    def count(n):
        for number in range(n):
            make_program(f"p{n}-{number:03d}", fields=("water",), countries=("VN",), region_scope="countries")
        with CaptureQueriesContext(connection) as queries:
            result = match(city_plan(countries=("VN",), fields=("water",)))
            result.ineligible  # noqa: B018 (the refusals are computed on access)
        Program.objects.all().delete()
        return len(queries.captured_queries)

    assert count(3) == count(60)
