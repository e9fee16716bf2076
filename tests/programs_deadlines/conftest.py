"""Fixtures of the deadline tests: programmes with windows around today, subscriptions, a project per bureau."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import OrganisationFactory, ProjectFactory
from tsunagu.portfolio.models import ActivityType, Field
from tsunagu.programs.models import Application, ApplicationWindow, Program, Subscription


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def clair(db):
    return OrganisationFactory(name_ja="自治体国際化協会", name_en="CLAIR", abbreviation="CLAIR")


@pytest.fixture
def jica(db):
    return OrganisationFactory(name_ja="国際協力機構", name_en="JICA", abbreviation="JICA")


@pytest.fixture
def environment(db):
    return Field.objects.get(code="environment")


@pytest.fixture
def water(db):
    return Field.objects.get(code="water")


@pytest.fixture
def env_program(clair, environment, today):
    """A CLAIR environment programme: a dated window closing in 10 days, and one every year in June–July."""
    program = Program.objects.create(code="clair-env", provider=clair, name_ja="環境協力モデル事業", name_en="Env model")
    program.fields.set([environment])
    ApplicationWindow.objects.create(
        program=program, kind=ApplicationWindow.Kind.DATED, fiscal_year=today.year + 1,
        opens_on=today - datetime.timedelta(days=20), closes_on=today + datetime.timedelta(days=10),
    )
    ApplicationWindow.objects.create(
        program=program, kind=ApplicationWindow.Kind.RECURRING, fiscal_year=today.year,
        open_month=6, open_day=1, close_month=7, close_day=31,
    )
    return program


@pytest.fixture
def water_program(jica, water, today):
    """A JICA water programme opening in 5 days and closing in 40."""
    program = Program.objects.create(code="jica-water", provider=jica, name_ja="水道技術協力事業", name_en="Water")
    program.fields.set([water])
    program.activity_types.set([ActivityType.objects.get(code="technical-cooperation")])
    ApplicationWindow.objects.create(
        program=program, kind=ApplicationWindow.Kind.DATED, fiscal_year=today.year + 1,
        opens_on=today + datetime.timedelta(days=5), closes_on=today + datetime.timedelta(days=40),
    )
    return program


@pytest.fixture
def env_project(env_bureau):
    return ProjectFactory(
        title_ja="海防市環境協力", lead_department=env_bureau,
        start_date=datetime.date(2024, 4, 1), end_date=datetime.date(2030, 3, 31),
    )


@pytest.fixture
def water_project(water_bureau):
    return ProjectFactory(
        title_ja="プノンペン水道事業", lead_department=water_bureau,
        start_date=datetime.date(2024, 4, 1), end_date=datetime.date(2030, 3, 31),
    )


@pytest.fixture
def env_application_due(env_project, env_program, today):
    """The 環境局 project's application in preparation, due in 7 days."""
    return Application.objects.create(
        project=env_project, program=env_program, fiscal_year=today.year + 1 if today.month >= 4 else today.year,
        status=Application.Status.DRAFTING, due_on=today + datetime.timedelta(days=7),
    )


@pytest.fixture
def water_application_due(water_project, water_program, today):
    return Application.objects.create(
        project=water_project, program=water_program, fiscal_year=2026,
        status=Application.Status.PLANNED, due_on=today + datetime.timedelta(days=3),
    )


@pytest.fixture
def env_subscription(env_bureau, environment):
    subscription = Subscription.objects.create(department=env_bureau, email="kankyo@city.example.jp")
    subscription.fields.set([environment])
    return subscription
