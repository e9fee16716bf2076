"""Histories show values as the pages do: money with its currency, choices by label, 年度, dates, yes/no, names."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from tests.conftest import client_for
from tests.factories import BudgetLineFactory, OrganisationFactory, ProjectFactory
from tsunagu.core.display import display_value, format_money
from tsunagu.core.history import history_entries
from tsunagu.portfolio.history import project_history
from tsunagu.portfolio.models import BudgetLine, Project
from tsunagu.programs.models import Application, Program

pytestmark = pytest.mark.django_db


def history_section(page: str) -> str:
    return page[page.find('id="history-heading"'):]


def changes_of(entry) -> dict[str, tuple[str, str]]:
    return {change.label: (change.old, change.new) for change in entry.changes}


def test_the_granted_amount_shows_in_yen_in_the_history_as_on_the_page(env_bureau, coordinator):
    project = ProjectFactory(lead_department=env_bureau)
    provider = OrganisationFactory(name_ja="自治体国際化協会", name_en="CLAIR")
    program = Program.objects.create(code="clair-model", provider=provider, name_ja="モデル事業", name_en="Model")
    application = Application.objects.create(project=project, program=program, fiscal_year=2025)
    application.amount_granted_jpy = 3_000_000
    application.decided_on = datetime.date(2025, 6, 30)
    application.save()

    with translation.override("ja"):
        changes = changes_of(history_entries(application)[0])
    assert changes["交付決定額（円）"] == ("—", "¥3,000,000")
    assert changes["決定日"] == ("—", "2025-06-30")
    page = client_for(coordinator).get(f"/programs/applications/{application.pk}/").content.decode()
    assert "¥3,000,000" in page.split('id="history-heading"')[0]  # the page itself
    assert "— → ¥3,000,000" in history_section(page)
    assert "3000000" not in history_section(page)


def test_a_foreign_amount_shows_with_its_currency_like_the_budget_table(env_bureau, as_env_editor):
    project = ProjectFactory(lead_department=env_bureau)
    BudgetLineFactory(
        project=project, fiscal_year=2024, source=BudgetLine.Source.PARTNER, currency="VND",
        amount_foreign=Decimal("100000000.00"), exchange_rate=Decimal("0.006"), rate_date=datetime.date(2024, 5, 1),
        amount_jpy=600_000,
    )
    page = as_env_editor.get(project.get_absolute_url()).content.decode()
    history = history_section(page)
    assert "VND 100,000,000" in page.split('id="history-heading"')[0]  # the budget table
    assert "— → VND 100,000,000" in history
    assert "— → ¥600,000" in history
    assert "2024年度（令和6年度）" in history  # the 年度, not 2024
    assert "2024-05-01" in history
    assert "100000000" not in history


def test_choices_dates_booleans_and_foreign_keys_are_shown_by_label(env_bureau, water_bureau, env_editor):
    project = ProjectFactory(lead_department=env_bureau, status=Project.Status.PLANNED, end_date=None)
    project.status = Project.Status.RUNNING
    project.end_date = datetime.date(2027, 3, 31)
    project.is_sample = True
    project.lead_department = water_bureau
    project._history_user = env_editor
    project.save()
    with translation.override("ja"):
        changes = changes_of(project_history(project)[0])
    assert changes["状態"] == ("計画中", "実施中")
    assert changes["終了日"] == ("—", "2027-03-31")
    assert changes["サンプルデータ"] == ("いいえ", "はい")
    assert changes["主管部署"] == (env_bureau.name_ja, water_bureau.name_ja)


def test_one_rule_for_money_dates_and_decimals():
    field = BudgetLine._meta.get_field
    assert display_value(field("amount_jpy"), 3_000_000) == "¥3,000,000"
    row = BudgetLine(currency="USD")
    assert display_value(field("amount_foreign"), Decimal("1234.50"), row=row) == "USD 1,234.50"
    assert display_value(field("exchange_rate"), Decimal("150.250000")) == "150.25"
    assert display_value(field("rate_date"), datetime.date(2026, 4, 1)) == "2026-04-01"
    assert display_value(field("amount_jpy"), None) == "—"
    assert format_money(Decimal("100000000.00"), "VND") == "VND 100,000,000"
    assert format_money(3_000_000, "JPY") == "¥3,000,000"
