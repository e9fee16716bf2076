"""A small catalogue built in each test: one provider and ``make_program`` for the rest."""

import datetime
from decimal import Decimal

import pytest

from tests.factories import OrganisationFactory
from tsunagu.partners.models import Country, Organisation
from tsunagu.portfolio.models import ActivityType, Field
from tsunagu.programs.matching import Plan
from tsunagu.programs.models import ApplicationWindow, Program, ProgramTerms

AS_OF = datetime.date(2026, 6, 1)
CITY_ROLES = ("applicant", "partner", "beneficiary")
LOCAL = ["prefecture", "designated_city", "city", "town_village"]


@pytest.fixture
def provider(db):
    return OrganisationFactory(name_ja="自治体国際化協会", name_en="CLAIR", abbreviation="CLAIR",
                               kind=Organisation.Kind.AGENCY)


@pytest.fixture
def make_program(provider):
    """A programme open to the city, any country, with a yearly window (Jul–Sep, for the next 年度)."""

    def make(code, *, fields=(), activities=(), excluded_activities=(), countries=(), terms=(), windows=None,
             **values):
        data = {
            "name_ja": f"{code}の事業",
            "name_en": f"{code} programme",
            "funding_forms": ["grant"],
            "city_roles": ["applicant"],
            "eligible_applicants": LOCAL + ["intl_association"],
            "region_scope": Program.RegionScope.ANY,
            "status": Program.Status.ACTIVE,
        }
        data.update(values)
        program = Program.objects.create(code=code, provider=provider, **data)
        program.fields.set(Field.objects.filter(code__in=fields))
        program.activity_types.set(ActivityType.objects.filter(code__in=activities))
        program.excluded_activity_types.set(ActivityType.objects.filter(code__in=excluded_activities))
        program.countries.set(Country.objects.filter(code__in=countries))
        for row in terms:
            ProgramTerms.objects.create(program=program, **row)
        if windows is None:
            windows = [{"kind": "recurring", "fiscal_year": 2025, "open_month": 7, "open_day": 1,
                        "close_month": 9, "close_day": 30, "lead_years": 1}]
        for row in windows:
            ApplicationWindow.objects.create(program=program, **row)
        return program

    return make


def city_plan(**values) -> Plan:
    """A plan of the city (a designated city) starting in 2027年度, looked at on 2026-06-01."""
    data = {
        "applicant_type": "designated_city",
        "start_date": datetime.date(2027, 4, 1),
        "end_date": datetime.date(2028, 3, 31),
        "as_of": AS_OF,
        "text": "環境分野の研修員受入",
    }
    data.update(values)
    return Plan(**data)


def two_thirds_terms(**values):
    data = {"fiscal_year": 2026, "rate": Decimal("0.6667"), "cap_jpy": 3_000_000, "cap_basis": "per_project"}
    data.update(values)
    return data
