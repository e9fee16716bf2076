"""Every change is recorded with who and what; a deleted project comes back whole."""

import pytest

from tests.factories import ProjectPartnerFactory
from tests.portfolio.conftest import add_row, project_post_data
from tsunagu.portfolio import actions
from tsunagu.portfolio.models import BudgetLine, Field, Project, ProjectPartner

pytestmark = pytest.mark.django_db


def history_section(response) -> str:
    page = response.content.decode()
    return page[page.find('id="history-heading"'):]


def test_creating_writes_one_history_record_with_the_author_and_classifications(
    as_env_editor, env_editor, env_bureau, hai_phong
):
    environment = Field.objects.get(code="environment")
    data = project_post_data(lead_department=env_bureau.pk, fields=environment.pk)
    add_row(data, "partners", place=hai_phong.pk, role="implementer")
    add_row(data, "budget", fiscal_year=2025, source="city", currency="JPY", amount_jpy="2000000")
    assert as_env_editor.post("/projects/new/", data).status_code == 302

    project = Project.objects.get()
    records = list(project.history.all())
    assert len(records) == 1
    assert records[0].history_type == "+"
    assert records[0].history_user == env_editor
    assert [row.field_id for row in records[0].fields.all()] == [environment.pk]
    assert BudgetLine.history.get().history_user == env_editor
    assert ProjectPartner.history.get().history_user == env_editor


def test_project_page_shows_who_changed_what_including_budget_and_partner_rows(
    as_env_editor, env_project, hai_phong
):
    data = project_post_data(env_project, title_ja="海防市環境協力（第2期）")
    data["budget-0-amount_jpy"] = "4500000"
    add_row(data, "partners", organisation="", place=hai_phong.pk, role="funder")
    assert as_env_editor.post(f"/projects/{env_project.pk}/edit/", data).status_code == 302

    history = history_section(as_env_editor.get(f"/projects/{env_project.pk}/"))
    assert "env" in history  # the editor's user name
    assert "変更" in history
    assert "事業名（日本語）" in history
    assert "海防市環境協力 → 海防市環境協力（第2期）" in history
    assert "予算行を変更" in history
    assert "¥3,000,000 → ¥4,500,000" in history
    assert "相手を追加" in history
    assert "資金提供者" in history


def test_an_edit_that_changes_nothing_adds_no_visible_entry(as_env_editor, env_project):
    before = history_section(as_env_editor.get(f"/projects/{env_project.pk}/")).count("<tr>")
    assert as_env_editor.post(f"/projects/{env_project.pk}/edit/", project_post_data(env_project)).status_code == 302
    after = history_section(as_env_editor.get(f"/projects/{env_project.pk}/")).count("<tr>")
    assert after == before


def test_deleting_hides_the_project_and_is_recorded(as_env_editor, as_coordinator, env_project, env_editor):
    assert as_env_editor.post(f"/projects/{env_project.pk}/delete/").status_code == 302
    assert list(as_env_editor.get("/projects/").context["projects"]) == []
    record = Project.all_objects.get(pk=env_project.pk).history.first()
    assert record.history_user == env_editor
    assert record.deleted_at is not None
    history = history_section(as_coordinator.get(f"/projects/{env_project.pk}/"))
    assert "削除" in history


def test_restore_brings_back_the_project_with_its_budget_lines_and_partners(
    as_env_editor, as_coordinator, coordinator, env_project, jica
):
    ProjectPartnerFactory(project=env_project, place=None, organisation=jica, role=ProjectPartner.Role.FUNDER)
    partners_before = set(env_project.partners.values_list("pk", "place_id", "organisation_id", "role"))
    budget_before = set(env_project.budget_lines.values_list("pk", "fiscal_year", "amount_jpy"))

    as_env_editor.post(f"/projects/{env_project.pk}/delete/")
    assert as_env_editor.get(f"/projects/{env_project.pk}/").status_code == 404

    confirm = as_coordinator.get(f"/projects/{env_project.pk}/restore/")
    assert confirm.status_code == 200
    response = as_coordinator.post(f"/projects/{env_project.pk}/restore/")
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{env_project.pk}/"

    restored = Project.objects.get(pk=env_project.pk)
    assert set(restored.partners.values_list("pk", "place_id", "organisation_id", "role")) == partners_before
    assert set(restored.budget_lines.values_list("pk", "fiscal_year", "amount_jpy")) == budget_before
    assert list(as_env_editor.get("/projects/").context["projects"]) == [restored]
    assert restored.history.first().history_user == coordinator
    history = history_section(as_env_editor.get(f"/projects/{env_project.pk}/"))
    assert "復元" in history


def test_deleting_then_editing_from_a_stale_form_is_refused(as_env_editor, env_project, env_editor):
    data = project_post_data(env_project, title_ja="削除後の編集")
    actions.delete_project(env_project, acting_user=env_editor)
    assert as_env_editor.post(f"/projects/{env_project.pk}/edit/", data).status_code == 404
    assert Project.all_objects.get(pk=env_project.pk).title_ja == "海防市環境協力"
