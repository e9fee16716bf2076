"""The status flow of an application: allowed steps, refused steps with a clear message, dates, amounts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.programs.applications import actions
from tsunagu.programs.models import Application

Status = Application.Status


def step(application, status, user, **kwargs):
    return actions.transition_application(
        application, status, acting_user=user, seen_version=application.version, **kwargs
    )


def test_an_application_goes_through_the_whole_flow_and_history_names_who_changed_what(env_application, env_editor):
    app = env_application
    step(app, Status.DRAFTING, env_editor)
    step(app, Status.SUBMITTED, env_editor, on=datetime.date(2024, 11, 20))
    step(app, Status.ADOPTED, env_editor, on=datetime.date(2025, 4, 18), amount_granted_jpy=2_800_000)
    step(app, Status.RUNNING, env_editor)
    step(app, Status.REPORTED, env_editor, on=datetime.date(2026, 4, 25))
    step(app, Status.CLOSED, env_editor)
    app.refresh_from_db()
    assert app.status == Status.CLOSED
    assert (app.submitted_on, app.decided_on, app.reported_on) == (
        datetime.date(2024, 11, 20), datetime.date(2025, 4, 18), datetime.date(2026, 4, 25)
    )
    assert app.amount_granted_jpy == 2_800_000
    records = list(app.history.order_by("history_date", "history_id"))
    assert [r.status for r in records] == [
        "planned", "drafting", "submitted", "adopted", "running", "reported", "closed"
    ]
    assert {r.history_user for r in records[1:]} == {env_editor}


def test_a_step_without_its_date_is_refused_not_dated_today(env_application, env_editor):
    step(env_application, Status.DRAFTING, env_editor)
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        step(env_application, Status.SUBMITTED, env_editor)
    assert error.value.message_dict["submitted_on"] == ["この段階の日付を入力してください（自動では入りません）。"]
    env_application.refresh_from_db()
    assert (env_application.status, env_application.submitted_on) == (Status.DRAFTING, None)


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.SUBMITTED, Status.DRAFTING),  # going back is the coordinators' undo
        (Status.ADOPTED, Status.REJECTED),
        (Status.REJECTED, Status.ADOPTED),
        (Status.REJECTED, Status.RUNNING),
        (Status.CLOSED, Status.PLANNED),
    ],
)
def test_steps_outside_the_flow_are_refused_and_nothing_changes(env_application, env_editor, start, target):
    Application.objects.filter(pk=env_application.pk).update(status=start)
    env_application.refresh_from_db()
    version = env_application.version
    with pytest.raises(actions.TransitionRefused):
        step(env_application, target, env_editor)
    env_application.refresh_from_db()
    assert env_application.status == start
    assert env_application.version == version


def test_a_refused_step_says_in_japanese_what_is_allowed(env_application, env_editor):
    Application.objects.filter(pk=env_application.pk).update(status=Status.REJECTED)
    env_application.refresh_from_db()
    with translation.override("ja"), pytest.raises(actions.TransitionRefused) as refused:
        step(env_application, Status.ADOPTED, env_editor)
    assert refused.value.messages[0] == "「不採択」の申請は「採択」に変更できません。変更できる状態は次のとおりです：「完了」。"


def test_a_closed_application_says_its_status_can_no_longer_change(env_application, env_editor):
    Application.objects.filter(pk=env_application.pk).update(status=Status.CLOSED)
    env_application.refresh_from_db()
    with translation.override("ja"), pytest.raises(actions.TransitionRefused) as refused:
        step(env_application, Status.DRAFTING, env_editor)
    assert "変更できません" in refused.value.messages[0]


def test_adoption_needs_the_amount_granted(env_application, env_editor):
    step(env_application, Status.DRAFTING, env_editor)
    step(env_application, Status.SUBMITTED, env_editor, on=datetime.date(2024, 11, 20))
    with pytest.raises(ValidationError) as error:
        step(env_application, Status.ADOPTED, env_editor, on=datetime.date(2025, 4, 1))
    assert "amount_granted_jpy" in error.value.message_dict
    env_application.refresh_from_db()
    assert env_application.status == Status.SUBMITTED


def test_a_decision_before_the_submission_is_refused(env_application, env_editor):
    step(env_application, Status.DRAFTING, env_editor)
    step(env_application, Status.SUBMITTED, env_editor, on=datetime.date(2024, 11, 20))
    with pytest.raises(ValidationError) as error:
        step(env_application, Status.REJECTED, env_editor, on=datetime.date(2024, 11, 1))
    assert "decided_on" in error.value.message_dict


def test_a_report_before_the_decision_is_refused(env_application, env_editor):
    env_application.status = Status.RUNNING
    env_application.submitted_on = datetime.date(2024, 11, 20)
    env_application.decided_on = datetime.date(2025, 4, 18)
    env_application.amount_granted_jpy = 1_000_000
    env_application.save()
    with pytest.raises(ValidationError) as error:
        step(env_application, Status.REPORTED, env_editor, on=datetime.date(2025, 4, 1))
    assert "reported_on" in error.value.message_dict


def test_a_granted_amount_on_a_rejected_or_planned_application_is_refused(env_project, model_program, env_editor):
    application = Application(
        project=env_project, program=model_program, fiscal_year=2025, status=Status.REJECTED,
        submitted_on=datetime.date(2024, 11, 1), decided_on=datetime.date(2025, 4, 1), amount_granted_jpy=100,
    )
    with pytest.raises(ValidationError) as error:
        actions.create_application(acting_user=env_editor, application=application)
    assert "amount_granted_jpy" in error.value.message_dict
    assert not Application.objects.exists()


def test_future_dates_of_past_events_and_years_outside_the_project_are_refused(env_project, model_program, env_editor):
    application = Application(
        project=env_project, program=model_program, fiscal_year=2030, status=Status.SUBMITTED,
        submitted_on=datetime.date.today() + datetime.timedelta(days=3),  # noqa: DTZ011
    )
    with pytest.raises(ValidationError) as error:
        actions.create_application(acting_user=env_editor, application=application)
    assert set(error.value.message_dict) >= {"fiscal_year", "submitted_on"}


def test_recording_an_old_adopted_application_needs_its_amount(env_project, model_program, env_editor):
    application = Application(
        project=env_project, program=model_program, fiscal_year=2024, status=Status.ADOPTED,
        submitted_on=datetime.date(2023, 11, 1), decided_on=datetime.date(2024, 4, 1),
    )
    with pytest.raises(ValidationError):
        actions.create_application(acting_user=env_editor, application=application)
    application.amount_granted_jpy = 2_000_000
    actions.create_application(acting_user=env_editor, application=application)
    assert application.history.get().history_user == env_editor


def test_a_step_on_a_stale_version_is_refused(env_application, env_editor, coordinator):
    stale = Application.objects.get(pk=env_application.pk)
    step(env_application, Status.DRAFTING, coordinator)
    with pytest.raises(ConcurrentEditError):
        actions.transition_application(stale, Status.CLOSED, acting_user=env_editor, seen_version=stale.version)
    env_application.refresh_from_db()
    assert env_application.status == Status.DRAFTING


def test_an_edit_cannot_change_the_status(env_application, env_editor):
    env_application.status = Status.ADOPTED
    env_application.notes = "メモ"
    actions.update_application(env_application, acting_user=env_editor, seen_version=env_application.version)
    env_application.refresh_from_db()
    assert env_application.status == Status.PLANNED
    assert env_application.notes == "メモ"


def test_delete_hides_and_a_coordinator_restores(env_application, env_editor, coordinator):
    actions.delete_application(env_application, acting_user=env_editor)
    assert not Application.objects.filter(pk=env_application.pk).exists()
    with pytest.raises(Exception):  # noqa: B017 (PermissionDenied)
        actions.restore_application(env_application, acting_user=env_editor)
    actions.restore_application(env_application, acting_user=coordinator)
    assert Application.objects.filter(pk=env_application.pk).exists()
