"""Application pages: the project-page panel, the detail with its next steps, the edit form, documents."""

import datetime

from django.urls import reverse

from tsunagu.programs.models import Application

Status = Application.Status


def test_the_project_page_lists_applications_and_offers_add_to_its_editors(as_env_editor, env_application, env_project):
    page = as_env_editor.get(env_project.get_absolute_url()).content.decode()
    assert 'id="panel-program-applications"' in page
    assert reverse("programs:application", args=[env_application.pk]) in page
    assert 'data-testid="add-application"' in page


def test_the_project_page_offers_no_add_to_other_departments(as_water_editor, env_application, env_project):
    page = as_water_editor.get(env_project.get_absolute_url()).content.decode()
    assert reverse("programs:application", args=[env_application.pk]) in page
    assert 'data-testid="add-application"' not in page


def test_the_detail_offers_exactly_the_allowed_next_steps(as_env_editor, env_application):
    env_application.status = Status.SUBMITTED
    env_application.submitted_on = datetime.date(2024, 11, 20)
    env_application.save()
    page = as_env_editor.get(reverse("programs:application", args=[env_application.pk])).content.decode()
    assert 'data-testid="step-adopted"' in page
    assert 'data-testid="step-rejected"' in page
    assert 'data-testid="step-running"' not in page
    assert 'name="amount_granted_jpy"' in page  # the adoption step asks for the amount


def test_posting_a_jump_as_a_next_step_is_refused_and_sent_to_its_confirmation(as_env_editor, env_application):
    response = as_env_editor.post(
        reverse("programs:application_transition", args=[env_application.pk]),
        {"status": "adopted", "version": env_application.version, "amount_granted_jpy": "100"},
    )
    assert response.status_code == 400
    assert "「計画中」から「採択」への変更は「作成中」、「申請済み」を飛ばします" in response.content.decode()
    env_application.refresh_from_db()
    assert env_application.status == Status.PLANNED


def test_adopting_without_an_amount_shows_the_error_by_the_field(as_env_editor, env_application):
    Application.objects.filter(pk=env_application.pk).update(status=Status.SUBMITTED, submitted_on=datetime.date(2024, 11, 1))
    env_application.refresh_from_db()
    env_application.amount_requested_jpy = None
    env_application.save()
    response = as_env_editor.post(
        reverse("programs:application_transition", args=[env_application.pk]),
        {"status": "adopted", "version": env_application.version, "on": "2025-04-01"},
    )
    assert response.status_code == 400
    env_application.refresh_from_db()
    assert env_application.status == Status.SUBMITTED


def test_the_edit_form_saves_and_refuses_a_stale_version(as_env_editor, env_application, grassroots_program):
    url = reverse("programs:application_edit", args=[env_application.pk])
    assert as_env_editor.get(url).status_code == 200
    data = {"program": grassroots_program.pk, "fiscal_year": 2026, "version": env_application.version,
            "amount_requested_jpy": "¥2,500,000", "notes": "変更"}
    assert as_env_editor.post(url, data).status_code == 302
    env_application.refresh_from_db()
    assert (env_application.program, env_application.fiscal_year, env_application.amount_requested_jpy) == (
        grassroots_program, 2026, 2_500_000
    )
    assert as_env_editor.post(url, {**data, "notes": "古い"}).status_code == 409
    env_application.refresh_from_db()
    assert env_application.notes == "変更"


def test_documents_are_recorded_and_removed(as_env_editor, env_application):
    url = reverse("programs:application_document_add", args=[env_application.pk])
    missing = as_env_editor.post(url, {"document-kind": "application_form", "document-title": "申請書"})
    assert missing.status_code == 400  # neither link nor file location
    response = as_env_editor.post(
        url, {"document-kind": "application_form", "document-title": "申請書", "document-file_reference": "共有/申請書.docx"}
    )
    assert response.status_code == 302
    document = env_application.documents.get()
    page = as_env_editor.get(reverse("programs:application", args=[env_application.pk])).content.decode()
    assert "申請書" in page
    as_env_editor.post(reverse("programs:application_document_delete", args=[env_application.pk, document.pk]))
    assert not env_application.documents.exists()
    history = as_env_editor.get(reverse("programs:application", args=[env_application.pk])).content.decode()
    history = history[history.index('class="history-table"'):]
    assert history.count("申請書「申請書」") == 2  # added, then removed


def test_the_detail_shows_the_history_of_changes(as_env_editor, env_application):
    as_env_editor.post(
        reverse("programs:application_transition", args=[env_application.pk]),
        {"status": "drafting", "version": env_application.version},
    )
    page = as_env_editor.get(reverse("programs:application", args=[env_application.pk])).content.decode()
    assert 'class="history-table"' in page
    assert "env" in page  # the editor's name in the history


def test_pages_render_in_english_too(as_env_editor, env_application):
    as_env_editor.cookies["tsunagu_lang"] = "en"
    response = as_env_editor.get(reverse("programs:application", args=[env_application.pk]) + "?lang=en")
    assert response.status_code == 200
    assert "Next step" in response.content.decode()
