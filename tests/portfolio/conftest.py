"""Fixtures of the portfolio tests: partner places and a project of each bureau."""

import datetime

import pytest

from tests.factories import (
    BudgetLineFactory,
    OrganisationFactory,
    PlaceFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    country,
)
from tsunagu.portfolio.models import ProjectPartner


@pytest.fixture
def hai_phong(db):
    return PlaceFactory(country=country("VN"), name_ja="海防", name_en="Hai Phong", name_local="Hải Phòng")


@pytest.fixture
def phnom_penh(db):
    return PlaceFactory(country=country("KH"), name_ja="プノンペン", name_en="Phnom Penh")


@pytest.fixture
def jica(db):
    return OrganisationFactory(name_ja="国際協力機構", name_en="Japan International Cooperation Agency", abbreviation="JICA")


@pytest.fixture
def env_project(env_bureau, hai_phong):
    """An 環境局 project with Hai Phong, FY2024–FY2026, with a city budget line."""
    project = ProjectFactory(
        title_ja="海防市環境協力", title_en="Hai Phong environmental cooperation", lead_department=env_bureau,
        start_date=datetime.date(2024, 4, 1), end_date=datetime.date(2027, 3, 31),
    )
    ProjectPartnerFactory(project=project, place=hai_phong, role=ProjectPartner.Role.COUNTERPART)
    BudgetLineFactory(project=project, fiscal_year=2024, amount_jpy=3_000_000)
    return project


@pytest.fixture
def water_project(water_bureau, phnom_penh):
    """A 上下水道局 project with Phnom Penh."""
    project = ProjectFactory(
        title_ja="プノンペン水道事業", title_en="Phnom Penh water supply", lead_department=water_bureau,
        start_date=datetime.date(2023, 4, 1), end_date=datetime.date(2026, 3, 31),
    )
    ProjectPartnerFactory(project=project, place=phnom_penh, role=ProjectPartner.Role.COUNTERPART)
    return project


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def project_post_data(project=None, **overrides) -> dict:
    """A complete POST of the project form: the project's values (or a new one) and no rows."""
    data = {
        "title_ja": "新規事業",
        "title_en": "New project",
        "summary": "",
        "status": "planned",
        "start_date": "2025-04-01",
        "end_date": "2027-03-31",
        "results": "",
        **management("partners", 0),
        **management("budget", 0),
        **management("links", 0),
    }
    if project is not None:
        data.update(
            title_ja=project.title_ja,
            title_en=project.title_en,
            summary=project.summary,
            status=project.status,
            start_date=project.start_date.isoformat(),
            end_date=project.end_date.isoformat() if project.end_date else "",
            lead_department=str(project.lead_department_id),
            version=str(project.version),
        )
        rows = {
            "partners": list(project.partners.all()),
            "budget": list(project.budget_lines.all()),
            "links": list(project.links.all()),
        }
        for prefix, items in rows.items():
            data.update(management(prefix, len(items), len(items)))
            for index, item in enumerate(items):
                data[f"{prefix}-{index}-id"] = str(item.pk)
                data[f"{prefix}-{index}-project"] = str(project.pk)
                if prefix == "partners":
                    data[f"{prefix}-{index}-place"] = str(item.place_id or "")
                    data[f"{prefix}-{index}-organisation"] = str(item.organisation_id or "")
                    data[f"{prefix}-{index}-role"] = item.role
                elif prefix == "budget":
                    data[f"{prefix}-{index}-fiscal_year"] = str(item.fiscal_year)
                    data[f"{prefix}-{index}-source"] = item.source
                    data[f"{prefix}-{index}-amount_jpy"] = str(item.amount_jpy)
                    data[f"{prefix}-{index}-currency"] = item.currency
                    data[f"{prefix}-{index}-source_name"] = item.source_name
                else:
                    data[f"{prefix}-{index}-title"] = item.title
                    data[f"{prefix}-{index}-url"] = item.url
                    data[f"{prefix}-{index}-file_reference"] = item.file_reference
    data.update({key: str(value) for key, value in overrides.items()})
    return data


def add_row(data: dict, prefix: str, **values) -> dict:
    """Append one new row to a formset in POST data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for key, value in values.items():
        data[f"{prefix}-{index}-{key}"] = str(value)
    return data
