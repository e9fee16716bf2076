"""Bad input gets a clear Japanese message and saves nothing (not even part of the form)."""

import datetime

import pytest

from tests.factories import BudgetLineFactory, ProjectFactory
from tests.portfolio.conftest import add_row, project_post_data
from tsunagu.core.fiscal import FiscalYear, accepted_dates
from tsunagu.portfolio.models import BudgetLine, Project, ProjectLink, ProjectPartner

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_project_data(env_bureau, hai_phong):
    """A valid new project (FY2025–FY2026) with one partner: each test spoils one thing."""
    data = project_post_data(lead_department=env_bureau.pk)
    add_row(data, "partners", place=hai_phong.pk, role="counterpart")
    return data


def assert_nothing_created(response, message: str):
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page, page[page.find("<main"):][:4000]
    assert "事業は保存されていません" in page
    assert not Project.all_objects.exists()
    assert not ProjectPartner.objects.exists()
    assert not BudgetLine.objects.exists()
    assert not ProjectLink.objects.exists()


def budget_row(data, **values):
    row = {"fiscal_year": 2025, "source": "city", "currency": "JPY", "amount_jpy": "1000000"}
    row.update(values)
    return add_row(data, "budget", **row)


def test_valid_form_saves_everything(as_env_editor, new_project_data):
    budget_row(new_project_data, amount_jpy="１，５００，０００円")  # full-width digits and commas
    add_row(new_project_data, "links", title="実施計画書", file_reference="共有フォルダ/環境局/2025")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.partners.count() == 1
    assert project.budget_lines.get().amount_jpy == 1_500_000
    assert project.links.get().file_reference == "共有フォルダ/環境局/2025"


def test_end_date_before_start_date(as_env_editor, new_project_data):
    new_project_data.update(start_date="2025-04-01", end_date="2025-03-31")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "終了日を開始日より前にすることはできません。")


def test_missing_title_and_start_date(as_env_editor, new_project_data):
    new_project_data.update(title_ja="", start_date="")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "このフィールドは必須です。")


@pytest.mark.parametrize("field", ["start_date", "end_date"])
@pytest.mark.parametrize("day", ["1900-01-01", "2199-06-01"])
def test_date_outside_the_accepted_years(as_env_editor, new_project_data, field, day):
    # The same years as a typed 年度: 昭和2年度 (1927) to 30 years after the current 年度.
    first, last = accepted_dates()
    assert first == datetime.date(1927, 4, 1)
    assert last == FiscalYear(FiscalYear.current().year + 30).end
    new_project_data.update({field: day})
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, f"{first.isoformat()} から {last.isoformat()} までの日付を入力してください。")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "金額にマイナスの値は入力できません。"),
        ("百万円", "金額は円単位の整数で入力してください（例：1500000）。"),
        ("12.5", "金額は円単位の整数で入力してください（例：1500000）。"),
        ("10000000000000", "金額が大きすぎます（上限は ¥1,000,000,000,000 です）。"),
        ("99999999999999999999999", "金額が大きすぎます（上限は ¥1,000,000,000,000 です）。"),
    ],
)
def test_bad_budget_amount(as_env_editor, new_project_data, amount, message):
    budget_row(new_project_data, amount_jpy=amount)
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, message)


def test_budget_line_without_amount(as_env_editor, new_project_data):
    budget_row(new_project_data, amount_jpy="")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "金額（円）を入力してください。")


def test_budget_fiscal_year_outside_the_new_projects_period(as_env_editor, new_project_data):
    budget_row(new_project_data, fiscal_year=2024)  # the project starts in FY2025
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "この年度は事業期間の範囲外です。")


def test_budget_fiscal_year_that_is_no_choice_at_all(as_env_editor, new_project_data):
    budget_row(new_project_data, fiscal_year=1800)
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "正しく選択してください。")


def test_foreign_currency_line_without_rate_or_rate_date(as_env_editor, new_project_data):
    budget_row(new_project_data, currency="USD", amount_foreign="10000", amount_jpy="1500000")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "外貨建ての金額には必須です。")


def test_foreign_currency_line_whose_yen_amount_disagrees(as_env_editor, new_project_data):
    budget_row(
        new_project_data, currency="USD", amount_foreign="10000", exchange_rate="150.5",
        rate_date="2025-05-01", amount_jpy="1000000",
    )
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "円の金額が、外貨額×レートの額（¥1,505,000）と一致しません。")


def test_foreign_currency_line_computes_a_missing_yen_amount(as_env_editor, new_project_data):
    budget_row(
        new_project_data, currency="usd", amount_foreign="10000", exchange_rate="150.5",
        rate_date="2025-05-01", amount_jpy="",
    )
    assert as_env_editor.post("/projects/new/", new_project_data).status_code == 302
    line = BudgetLine.objects.get()
    assert (line.currency, line.amount_jpy) == ("USD", 1_505_000)


def test_unknown_currency_code(as_env_editor, new_project_data):
    budget_row(new_project_data, currency="XYZ", amount_foreign="1", exchange_rate="1", rate_date="2025-05-01")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "「XYZ」はISO通貨コードではありません（例：USD、VND）。")


def test_foreign_amount_given_with_yen_as_currency(as_env_editor, new_project_data):
    budget_row(new_project_data, currency="JPY", amount_foreign="10000")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "外貨額の通貨を入力するか、外貨額・レート・レート日付を空欄にしてください。")


def test_programme_line_without_a_programme_name(as_env_editor, new_project_data):
    budget_row(new_project_data, source="program")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "支援制度名またはその実施主体を入力してください。")


def test_partner_row_with_neither_place_nor_organisation(as_env_editor, new_project_data):
    add_row(new_project_data, "partners", place="", organisation="", role="funder")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "相手都市または相手機関を選んでください。")


def test_same_partner_twice_with_the_same_role(as_env_editor, new_project_data, hai_phong):
    add_row(new_project_data, "partners", place=hai_phong.pk, role="counterpart")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "同じ相手が同じ役割で2回登録されています。")


def test_link_row_without_link_or_file_location(as_env_editor, new_project_data):
    add_row(new_project_data, "links", title="資料")
    response = as_env_editor.post("/projects/new/", new_project_data)
    assert_nothing_created(response, "リンクまたはファイルの保管場所を入力してください。")


def test_empty_extra_rows_are_ignored(as_env_editor, new_project_data):
    add_row(new_project_data, "partners", role="counterpart")  # untouched extra row
    add_row(new_project_data, "budget", currency="JPY")
    add_row(new_project_data, "links")
    assert as_env_editor.post("/projects/new/", new_project_data).status_code == 302
    assert Project.objects.get().partners.count() == 1


def test_shortening_the_period_past_a_budget_line_is_refused_and_changes_nothing(
    as_env_editor, env_project
):
    BudgetLineFactory(project=env_project, fiscal_year=2026, amount_jpy=2_000_000)
    data = project_post_data(env_project, end_date="2025-03-31")  # FY2024 only now
    response = as_env_editor.post(f"/projects/{env_project.pk}/edit/", data)
    assert response.status_code == 400
    assert "この年度は事業期間の範囲外です。" in response.content.decode()
    stored = Project.objects.get(pk=env_project.pk)
    assert stored.end_date == datetime.date(2027, 3, 31)
    assert stored.version == env_project.version


def test_bad_row_on_edit_leaves_the_project_untouched(as_env_editor, env_project):
    data = project_post_data(env_project, title_ja="新しい名前")
    data["budget-0-amount_jpy"] = "-1"
    response = as_env_editor.post(f"/projects/{env_project.pk}/edit/", data)
    assert response.status_code == 400
    assert "金額にマイナスの値は入力できません。" in response.content.decode()
    stored = Project.objects.get(pk=env_project.pk)
    assert stored.title_ja == "海防市環境協力"
    assert stored.budget_lines.get().amount_jpy == 3_000_000


def test_row_of_another_project_cannot_be_changed_through_the_form(as_env_editor, env_project):
    other = ProjectFactory(lead_department=env_project.lead_department)
    foreign_line = BudgetLineFactory(project=other, fiscal_year=2024, amount_jpy=5)
    data = project_post_data(env_project)
    data["budget-0-id"] = str(foreign_line.pk)
    data["budget-0-amount_jpy"] = "999"
    as_env_editor.post(f"/projects/{env_project.pk}/edit/", data)
    stored = BudgetLine.objects.get(pk=foreign_line.pk)
    assert (stored.project_id, stored.amount_jpy) == (other.pk, 5)


@pytest.mark.parametrize("path", ["/projects/999999/", "/projects/999999/edit/", "/projects/999999/delete/"])
def test_unknown_project_is_a_japanese_404(as_coordinator, path):
    response = as_coordinator.get(path)
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


def test_unknown_deleted_project_to_restore_is_a_404(as_coordinator, env_project):
    assert as_coordinator.post("/projects/999999/restore/").status_code == 404
    # A live project is not "deleted": nothing to restore.
    assert as_coordinator.post(f"/projects/{env_project.pk}/restore/").status_code == 404


def test_project_whose_partner_place_was_deleted_stays_editable(as_env_editor, env_project, hai_phong):
    hai_phong.mark_deleted()
    hai_phong.save()
    page = as_env_editor.get(f"/projects/{env_project.pk}/edit/").content.decode()
    assert "海防（ベトナム） （削除済み）" in page
    response = as_env_editor.post(
        f"/projects/{env_project.pk}/edit/", project_post_data(env_project, title_ja="削除された相手都市のある事業")
    )
    assert response.status_code == 302
    assert Project.objects.get(pk=env_project.pk).partners.get().place_id == hai_phong.pk


def test_a_deleted_place_cannot_be_newly_chosen(as_env_editor, env_project, phnom_penh):
    phnom_penh.mark_deleted()
    phnom_penh.save()
    data = add_row(project_post_data(env_project), "partners", place=phnom_penh.pk, role="counterpart")
    response = as_env_editor.post(f"/projects/{env_project.pk}/edit/", data)
    assert response.status_code == 400
    assert "正しく選択してください。" in response.content.decode()
