"""The project page: facts, partners with links to their dossiers, budget by 年度 × source, links."""

import datetime
from decimal import Decimal

import pytest

from tests.factories import BudgetLineFactory, ProjectPartnerFactory
from tsunagu.portfolio.models import (
    ActivityType,
    BudgetLine,
    Field,
    ProjectLink,
    ProjectPartner,
    SdgGoal,
    SdgTarget,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def detailed_project(env_project, jica, water_section):
    env_project.summary = "海防市の廃棄物管理を支援する。"
    env_project.is_sample = True
    env_project.save()
    env_project.co_departments.add(water_section)
    env_project.fields.add(Field.objects.get(code="environment"))
    env_project.activity_types.add(ActivityType.objects.get(code="expert-dispatch"))
    env_project.sdg_goals.add(SdgGoal.objects.get(number=11))
    env_project.sdg_targets.add(SdgTarget.objects.get(code="11.6"))
    ProjectPartnerFactory(project=env_project, place=None, organisation=jica, role=ProjectPartner.Role.FUNDER)
    BudgetLineFactory(project=env_project, fiscal_year=2025, amount_jpy=2_000_000)
    BudgetLineFactory(
        project=env_project, fiscal_year=2024, source=BudgetLine.Source.PROGRAM, funder=jica,
        source_name="草の根技術協力", amount_jpy=10_000_000,
    )
    BudgetLineFactory(
        project=env_project, fiscal_year=2025, source=BudgetLine.Source.PROGRAM,
        source_name="CLAIRモデル事業", amount_jpy=4_000_000,
    )
    BudgetLineFactory(
        project=env_project, fiscal_year=2025, source=BudgetLine.Source.PARTNER, amount_jpy=1_505_000,
        currency="USD", amount_foreign=Decimal("10000"), exchange_rate=Decimal("150.5"),
        rate_date=datetime.date(2025, 5, 1),
    )
    ProjectLink.objects.create(project=env_project, title="覚書", url="https://example.org/mou.pdf")
    ProjectLink.objects.create(project=env_project, title="報告書", file_reference="共有/環境局/報告書.docx")
    return env_project


def test_page_shows_all_facts(as_viewer, detailed_project):
    page = as_viewer.get(f"/projects/{detailed_project.pk}/").content.decode()
    for text in (
        "海防市環境協力",
        "Hai Phong environmental cooperation",
        "海防市の廃棄物管理を支援する。",
        "環境局",
        "海外事業課",  # co-department
        "2024-04-01（令和6年4月1日）",
        "2024年度（令和6年度）〜2026年度（令和8年度）",
        "実施中",
        "環境",
        "専門家派遣",
        "11. 住み続けられるまちづくりを",
        "11.6",
        "サンプルデータ",
    ):
        assert text in page, text


def test_partners_link_to_their_dossier_pages_with_roles(as_viewer, detailed_project, hai_phong, jica):
    page = as_viewer.get(f"/projects/{detailed_project.pk}/").content.decode()
    assert f'href="/partners/places/{hai_phong.pk}/"' in page
    assert f'href="/partners/organisations/{jica.pk}/"' in page
    assert "Hải Phòng" in page
    assert "相手方" in page and "資金提供者" in page


def test_budget_table_by_fiscal_year_and_source_with_totals(as_viewer, detailed_project):
    response = as_viewer.get(f"/projects/{detailed_project.pk}/")
    table = response.context["budget"]
    assert [column.label for column in table.columns] == [
        "市の予算", "CLAIRモデル事業", "草の根技術協力（国際協力機構（JICA））", "相手方負担",
    ]
    assert [(row.fiscal_year.year, row.cells, row.total) for row in table.rows] == [
        (2024, [3_000_000, None, 10_000_000, None], 13_000_000),
        (2025, [2_000_000, 4_000_000, None, 1_505_000], 7_505_000),
        (2026, [None, None, None, None], 0),
    ]
    assert table.column_totals == [5_000_000, 4_000_000, 10_000_000, 1_505_000]
    assert table.total == 20_505_000
    assert table.external_total == 15_505_000
    page = response.content.decode()
    assert "¥20,505,000" in page and "¥13,000,000" in page


def test_foreign_currency_amount_is_shown_with_currency_rate_and_rate_date(as_viewer, detailed_project):
    page = as_viewer.get(f"/projects/{detailed_project.pk}/").content.decode()
    assert "USD 10,000" in page and "USD 10,000.00" not in page  # no decimals when there are none (core.display)
    assert "1 USD = ¥150.5（2025-05-01 時点のレート）" in page


def test_links_and_attachment_metadata(as_viewer, detailed_project):
    page = as_viewer.get(f"/projects/{detailed_project.pk}/").content.decode()
    assert '<a href="https://example.org/mou.pdf" rel="noopener noreferrer">覚書</a>' in page
    assert "共有/環境局/報告書.docx" in page


def test_page_in_english(as_viewer, detailed_project):
    page = as_viewer.get(f"/projects/{detailed_project.pk}/", {"lang": "en"}).content.decode()
    assert "FY2024 – FY2026" in page
    assert "City budget" in page and "Sample data" in page


def test_edit_form_lists_rows_and_offers_empty_ones(as_env_editor, detailed_project):
    response = as_env_editor.get(f"/projects/{detailed_project.pk}/edit/")
    page = response.content.decode()
    assert 'name="budget-TOTAL_FORMS" value="8"' in page  # 5 lines + 3 empty rows
    assert 'name="partners-TOTAL_FORMS" value="4"' in page
    assert 'name="links-TOTAL_FORMS" value="3"' in page
    assert f'name="version" value="{detailed_project.version}"' in page
    assert "2026年度（令和8年度）" in page  # a 年度 choice of the budget rows


def test_add_row_endpoint_returns_the_next_row_and_bumps_the_total(as_env_editor, detailed_project):
    response = as_env_editor.get(
        "/projects/rows/budget/", {"budget-TOTAL_FORMS": "7", "project": detailed_project.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="budget-7-amount_jpy"' in html
    assert 'id="id_budget-TOTAL_FORMS" value="8" hx-swap-oob="true"' in html


def test_add_row_endpoint_refuses_viewers_and_unknown_kinds(as_viewer, as_env_editor):
    assert as_viewer.get("/projects/rows/budget/", {"budget-TOTAL_FORMS": "1"}).status_code == 403
    assert as_env_editor.get("/projects/rows/secrets/", {"secrets-TOTAL_FORMS": "1"}).status_code == 404
    assert as_env_editor.get("/projects/rows/links/", {"links-TOTAL_FORMS": "x"}).status_code == 404


def test_add_row_endpoint_refuses_another_departments_project(as_water_editor, env_project):
    response = as_water_editor.get("/projects/rows/budget/", {"budget-TOTAL_FORMS": "1", "project": env_project.pk})
    assert response.status_code == 403
