"""Fixtures of the search tests: providers, a programme factory and a few projects.

Records are created through the ORM (``save()``), so the index is kept up to
date by the signals under test; no test calls ``rebuild_index`` unless it is
about rebuilding.
"""

import datetime

import pytest

from tests.factories import OrganisationFactory, PlaceFactory, ProjectFactory
from tsunagu.portfolio.models import ActivityType, Field
from tsunagu.programs.models import ApplicationWindow, Program


@pytest.fixture
def jica(db):
    return OrganisationFactory(
        name_ja="国際協力機構", name_en="Japan International Cooperation Agency", abbreviation="JICA",
    )


@pytest.fixture
def clair(db):
    return OrganisationFactory(
        name_ja="自治体国際化協会", name_en="Council of Local Authorities for International Relations",
        abbreviation="CLAIR",
    )


@pytest.fixture
def make_program(clair):
    counter = iter(range(1, 100_000))

    def make(name_ja="支援事業", *, provider=None, fields=(), activities=(), countries=(), **values):
        program = Program.objects.create(
            code=values.pop("code", f"test-program-{next(counter)}"),
            provider=provider or clair,
            name_ja=name_ja,
            **values,
        )
        if fields:
            program.fields.set(Field.objects.filter(code__in=fields))
        if activities:
            program.activity_types.set(ActivityType.objects.filter(code__in=activities))
        if countries:
            from tsunagu.partners.models import Country

            program.countries.set(Country.objects.filter(code__in=countries))
        return program

    return make


@pytest.fixture
def make_window():
    def make(program, opens_on, closes_on, **values):
        return ApplicationWindow.objects.create(
            program=program, kind=ApplicationWindow.Kind.DATED, fiscal_year=values.pop("fiscal_year", 2026),
            opens_on=opens_on, closes_on=closes_on, **values,
        )

    return make


@pytest.fixture
def water_project(water_bureau):
    return ProjectFactory(
        title_ja="プノンペン上下水道整備事業", title_en="Phnom Penh water and sewerage development",
        summary="上下水道局による技術協力。", lead_department=water_bureau,
        start_date=datetime.date(2023, 4, 1), end_date=datetime.date(2027, 3, 31),
    )


@pytest.fixture
def waste_project(env_bureau):
    return ProjectFactory(
        title_ja="スラバヤ市ゴミ分別モデル事業", title_en="Surabaya waste separation model",
        summary="家庭ゴミの分別と堆肥化。", lead_department=env_bureau,
        start_date=datetime.date(2024, 4, 1), end_date=datetime.date(2026, 3, 31),
    )


@pytest.fixture
def dalian(db):
    return PlaceFactory(name_ja="大連市", name_en="Dalian", name_local="大连市")
