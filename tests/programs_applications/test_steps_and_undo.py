"""Status steps as a person takes them: the page offers the next step only, a jump goes through a
confirmation naming the skipped steps, nothing is pre-filled, a coordinator undoes the last step."""

import datetime

import pytest
from django.urls import reverse

from tests.formpage import form_values, select_options
from tsunagu.core.fiscal import FiscalYear
from tsunagu.programs.applications import actions
from tsunagu.programs.models import Application

Status = Application.Status
TODAY = datetime.date.today()  # noqa: DTZ011


def detail(client, application) -> str:
    return client.get(reverse("programs:application", args=[application.pk])).content.decode()


def set_status(application, status, **values):
    Application.objects.filter(pk=application.pk).update(status=status, **values)
    application.refresh_from_db()


@pytest.mark.parametrize(
    ("status", "values", "offered"),
    [
        (Status.PLANNED, {}, ["drafting"]),
        (Status.DRAFTING, {}, ["submitted"]),
        (Status.SUBMITTED, {"submitted_on": datetime.date(2024, 11, 20)}, ["adopted", "rejected"]),
        (Status.REJECTED, {"submitted_on": datetime.date(2024, 11, 20), "decided_on": datetime.date(2025, 3, 1)},
         ["closed"]),
    ],
)
def test_the_page_offers_only_the_next_step(as_env_editor, env_application, status, values, offered):
    set_status(env_application, status, **values)
    page = detail(as_env_editor, env_application)
    shown = [s for s in Status.values if f'data-testid="step-{s}"' in page]
    assert shown == offered


def test_closed_is_not_a_button_on_a_planned_application_but_a_confirmed_jump(as_env_editor, env_application):
    page = detail(as_env_editor, env_application)
    assert 'data-testid="step-closed"' not in page
    url = reverse("programs:application_jump", args=[env_application.pk])
    assert select_options(page, "status", testid="jump-choice") == [
        "submitted", "adopted", "rejected", "running", "reported", "closed"
    ]
    confirm = as_env_editor.get(url, {"status": "closed"}).content.decode()
    skipped = confirm[confirm.index('data-testid="skipped-steps"'):confirm.index("</section>", confirm.index('data-testid="skipped-steps"'))]
    assert ["作成中", "申請済み", "「採択」または「不採択」", "実施中", "実績報告済み"] == [
        part.split("</li>")[0].strip("「」") if "または" not in part else part.split("</li>")[0]
        for part in skipped.split("<li>")[1:]
    ]
    data = form_values(confirm, action=url)
    response = as_env_editor.post(url, data)  # the box is not ticked
    assert response.status_code == 400
    assert "飛ばす段階を確認したら、チェックを入れてください。" in response.content.decode()
    env_application.refresh_from_db()
    assert env_application.status == Status.PLANNED
    data["confirm"] = "on"
    assert as_env_editor.post(url, data).status_code == 302
    env_application.refresh_from_db()
    assert env_application.status == Status.CLOSED
    assert (env_application.submitted_on, env_application.decided_on, env_application.amount_granted_jpy) == (
        None, None, None
    )


def test_a_jump_to_adopted_asks_the_dates_and_the_amount_and_fills_in_nothing(as_env_editor, env_application):
    url = reverse("programs:application_jump", args=[env_application.pk])
    page = as_env_editor.get(url, {"status": "adopted"}).content.decode()
    data = form_values(page, action=url)
    assert data["submitted_on"] == "" and data["decided_on"] == ""
    assert data["amount_granted_jpy"] == ""  # not the amount requested
    assert "申請額：¥3,000,000" in page  # shown beside the field, for reference
    data["confirm"] = "on"
    response = as_env_editor.post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "この段階の日付を入力してください（自動では入りません）。" in text
    assert "交付決定額" in text
    env_application.refresh_from_db()
    assert env_application.status == Status.PLANNED
    data.update(submitted_on="2024-11-20", decided_on="2025-03-10", amount_granted_jpy="2,500,000")
    assert as_env_editor.post(url, data).status_code == 302
    env_application.refresh_from_db()
    assert (env_application.status, env_application.submitted_on, env_application.decided_on,
            env_application.amount_granted_jpy) == (
        Status.ADOPTED, datetime.date(2024, 11, 20), datetime.date(2025, 3, 10), 2_500_000
    )


def test_the_next_step_asks_its_date_and_refuses_without_it(as_env_editor, env_application):
    set_status(env_application, Status.DRAFTING)
    url = reverse("programs:application_transition", args=[env_application.pk])
    data = form_values(detail(as_env_editor, env_application), testid="step-submitted")
    assert data["submitted_on"] == ""
    response = as_env_editor.post(url, data)
    assert response.status_code == 400
    assert "この段階の日付を入力してください（自動では入りません）。" in response.content.decode()
    data["submitted_on"] = "2024-11-20"
    assert as_env_editor.post(url, data).status_code == 302
    env_application.refresh_from_db()
    assert (env_application.status, env_application.submitted_on) == (Status.SUBMITTED, datetime.date(2024, 11, 20))


def test_an_unconfirmed_jump_is_refused_by_the_action(env_application, env_editor):
    with pytest.raises(actions.TransitionRefused):
        actions.transition_application(env_application, Status.CLOSED, acting_user=env_editor,
                                       seen_version=env_application.version)
    env_application.refresh_from_db()
    assert env_application.status == Status.PLANNED


def test_a_fiscal_2027_application_cannot_be_reported_today(as_env_editor, env_project, model_program):
    env_project.end_date = datetime.date(2030, 3, 31)
    env_project.save()
    year = FiscalYear.current().year + 1
    application = Application.objects.create(project=env_project, program=model_program, fiscal_year=year)
    url = reverse("programs:application_jump", args=[application.pk])
    data = form_values(as_env_editor.get(url, {"status": "reported"}).content.decode(), action=url)
    data.update(confirm="on", submitted_on=(TODAY - datetime.timedelta(days=2)).isoformat(),
                decided_on=TODAY.isoformat(), reported_on=TODAY.isoformat(), amount_granted_jpy="1000000")
    response = as_env_editor.post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    start = FiscalYear(year).start.isoformat()
    assert f"実績報告日（{TODAY.isoformat()}）を対象年度 {FiscalYear(year).label_ja} の開始（{start}）より前にすることはできません。" in text
    assert f"まだ「実績報告済み」にはできません。対象年度 {FiscalYear(year).label_ja} は {start} に始まります。" in text
    application.refresh_from_db()
    assert application.status == Status.PLANNED


def last_history_entry(client, application) -> str:
    page = detail(client, application)
    body = page[page.index("<tbody>", page.index('class="history-table"')):]
    return body[:body.index("</tr>")]


def test_a_coordinator_undoes_the_last_step_and_the_history_says_who(
    as_env_editor, as_coordinator, env_application, env_editor
):
    actions.transition_application(env_application, Status.DRAFTING, acting_user=env_editor,
                                   seen_version=env_application.version)
    url = reverse("programs:application_transition", args=[env_application.pk])
    data = form_values(detail(as_env_editor, env_application), testid="step-submitted")
    data["submitted_on"] = "2024-11-20"
    assert as_env_editor.post(url, data).status_code == 302

    editor_page = detail(as_env_editor, env_application)
    assert 'data-testid="undo"' not in editor_page  # editors cannot undo
    assert "国際政策課が取り消せます" in editor_page

    page = detail(as_coordinator, env_application)
    assert "直前の段階：「作成中」→「申請済み」（env" in page
    response = as_coordinator.post(reverse("programs:application_undo", args=[env_application.pk]),
                                   form_values(page, testid="undo"))
    assert response.status_code == 302
    env_application.refresh_from_db()
    assert (env_application.status, env_application.submitted_on) == (Status.DRAFTING, None)
    entry = last_history_entry(as_coordinator, env_application)
    assert "coordinator" in entry and "直前の段階の取り消し" in entry
    assert "申請済み → 作成中" in entry
    # An undo is not undone in turn: take the step again instead.
    assert 'data-testid="undo"' not in detail(as_coordinator, env_application)


def test_an_editor_cannot_undo(as_env_editor, env_application, env_editor):
    actions.transition_application(env_application, Status.DRAFTING, acting_user=env_editor,
                                   seen_version=env_application.version)
    response = as_env_editor.post(reverse("programs:application_undo", args=[env_application.pk]),
                                  {"version": env_application.version})
    assert response.status_code == 403
    env_application.refresh_from_db()
    assert env_application.status == Status.DRAFTING


def test_undo_puts_back_the_decision_date_and_amount(env_application, env_editor, coordinator):
    for status, values in ((Status.DRAFTING, {}), (Status.SUBMITTED, {"on": datetime.date(2024, 11, 20)})):
        actions.transition_application(env_application, status, acting_user=env_editor,
                                       seen_version=env_application.version, **values)
    actions.transition_application(env_application, Status.ADOPTED, acting_user=env_editor,
                                   seen_version=env_application.version, on=datetime.date(2025, 3, 1),
                                   amount_granted_jpy=900_000)
    step = actions.undo_last_step(env_application, acting_user=coordinator, seen_version=env_application.version)
    assert (step.old_status, step.new_status, step.who) == (Status.SUBMITTED, Status.ADOPTED, env_editor)
    env_application.refresh_from_db()
    assert (env_application.status, env_application.decided_on, env_application.amount_granted_jpy) == (
        Status.SUBMITTED, None, None
    )
    assert env_application.history.first().history_user == coordinator
    with pytest.raises(Exception, match="取り消せる段階はありません|There is no step to undo"):
        actions.undo_last_step(env_application, acting_user=coordinator, seen_version=env_application.version)
