"""Who may add and change applications: the project's department editors and coordinators, by view and by POST."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tsunagu.programs.applications import actions
from tsunagu.programs.models import Application

Status = Application.Status


def test_water_editor_cannot_open_the_add_form_of_an_environment_project(as_water_editor, env_project):
    response = as_water_editor.get(reverse("programs:application_create", args=[env_project.pk]))
    assert response.status_code == 403


def test_water_editor_cannot_post_an_application_on_an_environment_project(as_water_editor, env_project, model_program):
    response = as_water_editor.post(
        reverse("programs:application_create", args=[env_project.pk]),
        {"program": model_program.pk, "fiscal_year": 2025, "status": "planned"},
    )
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_water_editor_cannot_step_or_edit_or_delete_an_environment_application(as_water_editor, env_application):
    pk = env_application.pk
    step = as_water_editor.post(
        reverse("programs:application_transition", args=[pk]),
        {"status": "drafting", "version": env_application.version},
    )
    edit = as_water_editor.post(
        reverse("programs:application_edit", args=[pk]),
        {"program": env_application.program_id, "fiscal_year": 2025, "version": env_application.version, "notes": "x"},
    )
    delete = as_water_editor.post(reverse("programs:application_delete", args=[pk]))
    document = as_water_editor.post(
        reverse("programs:application_document_add", args=[pk]),
        {"document-kind": "other", "document-title": "x", "document-file_reference": "x"},
    )
    assert [r.status_code for r in (step, edit, delete, document)] == [403, 403, 403, 403]
    assert as_water_editor.get(reverse("programs:application_edit", args=[pk])).status_code == 403
    env_application.refresh_from_db()
    assert (env_application.status, env_application.notes, env_application.is_deleted) == (Status.PLANNED, "", False)
    assert not env_application.documents.exists()


def test_water_editor_sees_no_step_buttons_on_an_environment_application(as_water_editor, env_application):
    page = as_water_editor.get(reverse("programs:application", args=[env_application.pk])).content.decode()
    assert 'data-testid="step-' not in page
    assert reverse("programs:application_edit", args=[env_application.pk]) not in page


def test_actions_refuse_other_departments_and_viewers(env_application, water_editor, viewer, water_project, model_program):
    with pytest.raises(PermissionDenied):
        actions.transition_application(
            env_application, Status.DRAFTING, acting_user=water_editor, seen_version=env_application.version
        )
    with pytest.raises(PermissionDenied):
        actions.create_application(
            acting_user=viewer, application=Application(project=water_project, program=model_program, fiscal_year=2025)
        )


def test_an_edit_cannot_move_an_application_to_another_departments_project(env_application, water_editor, water_project):
    env_application.project = water_project
    with pytest.raises(PermissionDenied):
        actions.update_application(env_application, acting_user=water_editor, seen_version=env_application.version)


def test_environment_editor_adds_and_steps_an_application_by_the_pages(as_env_editor, env_project, model_program, env_editor):
    response = as_env_editor.post(
        reverse("programs:application_create", args=[env_project.pk]),
        {"program": model_program.pk, "fiscal_year": 2025, "status": "planned", "amount_requested_jpy": "3,000,000",
         "due_on": "2024-11-30"},
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.amount_requested_jpy == 3_000_000
    assert application.history.get().history_user == env_editor
    response = as_env_editor.post(
        reverse("programs:application_transition", args=[application.pk]),
        {"status": "drafting", "version": application.version},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.DRAFTING


def test_coordinator_may_change_any_departments_application(as_coordinator, env_application):
    response = as_coordinator.post(
        reverse("programs:application_transition", args=[env_application.pk]),
        {"status": "drafting", "version": env_application.version},
    )
    assert response.status_code == 302
    env_application.refresh_from_db()
    assert env_application.status == Status.DRAFTING


def test_viewer_reads_but_cannot_add(as_viewer, env_application, env_project):
    assert as_viewer.get(reverse("programs:application", args=[env_application.pk])).status_code == 200
    assert as_viewer.get(reverse("programs:application_create", args=[env_project.pk])).status_code == 403


def test_unknown_and_deleted_ids_are_404(as_env_editor, env_application, env_editor):
    assert as_env_editor.get(reverse("programs:application", args=[999999])).status_code == 404
    assert as_env_editor.get(reverse("programs:application_create", args=[999999])).status_code == 404
    actions.delete_application(env_application, acting_user=env_editor)
    assert as_env_editor.get(reverse("programs:application", args=[env_application.pk])).status_code == 404


def test_anonymous_users_are_sent_to_the_login(client, env_application):
    response = client.get(reverse("programs:application", args=[env_application.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]
