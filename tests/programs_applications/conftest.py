"""Fixtures of the application tests: a programme of CLAIR and a project of each bureau."""

import datetime

import pytest

from tests.factories import OrganisationFactory, ProjectFactory
from tsunagu.programs.models import Application, Program


@pytest.fixture
def clair(db):
    return OrganisationFactory(name_ja="自治体国際化協会", name_en="CLAIR", abbreviation="CLAIR")


@pytest.fixture
def jica(db):
    return OrganisationFactory(name_ja="国際協力機構", name_en="JICA", abbreviation="JICA")


@pytest.fixture
def model_program(clair):
    return Program.objects.create(
        code="clair-model-cooperation", provider=clair, name_ja="自治体国際協力促進事業（モデル事業）",
        name_en="CLAIR model projects",
    )


@pytest.fixture
def grassroots_program(jica):
    return Program.objects.create(code="jica-grassroots", provider=jica, name_ja="草の根技術協力事業", name_en="JICA Partnership Program")


@pytest.fixture
def env_project(env_bureau):
    return ProjectFactory(
        title_ja="海防市環境協力", title_en="Hai Phong environmental cooperation", lead_department=env_bureau,
        start_date=datetime.date(2024, 4, 1), end_date=datetime.date(2027, 3, 31),
    )


@pytest.fixture
def water_project(water_bureau):
    return ProjectFactory(
        title_ja="プノンペン水道事業", title_en="Phnom Penh water supply", lead_department=water_bureau,
        start_date=datetime.date(2023, 4, 1), end_date=datetime.date(2027, 3, 31),
    )


@pytest.fixture
def env_application(env_project, model_program):
    """A planned application of the 環境局 project for FY2025."""
    return Application.objects.create(
        project=env_project, program=model_program, fiscal_year=2025, amount_requested_jpy=3_000_000,
        due_on=datetime.date(2024, 11, 30),
    )
