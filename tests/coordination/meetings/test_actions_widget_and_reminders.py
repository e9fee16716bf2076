"""Action items reach their assignees: the start page, the department page, and a reminder when overdue."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tsunagu.coordination.meetings import reminders
from tsunagu.coordination.meetings.models import ActionItem


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_start_page_lists_the_departments_open_actions(as_water_editor, water_action, env_action):
    html = as_water_editor.get(reverse("home")).content.decode()
    assert 'data-testid="council-actions"' in html
    assert "派遣計画を次回までに提出する" in html and "期限超過" in html
    assert "低炭素事業の候補を整理する" not in html


def test_done_item_leaves_the_start_page(as_water_editor, water_action):
    water_action.status = ActionItem.Status.DONE
    water_action.save()
    assert "派遣計画を次回までに提出する" not in as_water_editor.get(reverse("home")).content.decode()


def test_department_page_lists_decisions_and_actions_concerning_it(
    as_viewer, water_bureau, decision, water_action, env_action, django_assert_max_num_queries
):
    url = reverse("coordination:meetings:department", args=[water_bureau.pk])
    with django_assert_max_num_queries(12):
        html = as_viewer.get(url).content.decode()
    assert "海防市への専門家派遣を継続する" in html
    assert "派遣計画を次回までに提出する" in html
    assert "低炭素事業の候補を整理する" not in html


def test_department_page_counts_a_section_below_the_bureau(as_viewer, water_bureau, water_section, past_meeting):
    ActionItem.objects.create(meeting=past_meeting, text="課の宿題", assignee_department=water_section)
    html = as_viewer.get(reverse("coordination:meetings:department", args=[water_bureau.pk])).content.decode()
    assert "課の宿題" in html


DUE = datetime.date(2026, 6, 1)


@pytest.mark.parametrize(
    "today,reminded_on,expected",
    [
        (datetime.date(2026, 6, 1), None, False),  # due today: not yet overdue
        (datetime.date(2026, 6, 2), None, True),  # the first day after the due date
        (datetime.date(2026, 6, 3), datetime.date(2026, 6, 2), False),  # reminded yesterday
        (datetime.date(2026, 6, 8), datetime.date(2026, 6, 2), False),  # 6 days later
        (datetime.date(2026, 6, 9), datetime.date(2026, 6, 2), True),  # a week later
        (datetime.date(2026, 6, 2), datetime.date(2026, 6, 2), False),  # the same day twice
    ],
)
def test_reminder_day_arithmetic(today, reminded_on, expected):
    item = ActionItem(due_on=DUE, status=ActionItem.Status.OPEN, reminded_on=reminded_on)
    assert reminders.is_due_for_reminder(item, today) is expected


def test_done_or_undated_item_is_never_chased():
    today = datetime.date(2026, 7, 1)
    assert not reminders.is_due_for_reminder(ActionItem(due_on=DUE, status=ActionItem.Status.DONE), today)
    assert not reminders.is_due_for_reminder(ActionItem(due_on=None, status=ActionItem.Status.OPEN), today)


def test_command_mails_the_assigned_department_once_a_week(water_action, env_action, water_editor, past_meeting):
    water_editor.email = "water@example.org"
    water_editor.save()
    done = ActionItem.objects.create(
        meeting=past_meeting, text="済んだ宿題", assignee_department=water_action.assignee_department,
        due_on=water_action.due_on, status=ActionItem.Status.DONE,
    )
    today = water_action.due_on + datetime.timedelta(days=1)
    call_command("send_action_reminders", today=today.isoformat(), stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["water@example.org"]
    assert "派遣計画を次回までに提出する" in message.body and "期限を1日過ぎています" in message.body
    assert water_action.get_absolute_url() in message.body
    water_action.refresh_from_db()
    assert water_action.reminded_on == today
    done.refresh_from_db()
    assert done.reminded_on is None
    # The same day again, then six days later: nothing; a week later: the second reminder.
    for days, expected in ((0, 1), (6, 1), (7, 2)):
        call_command("send_action_reminders", today=(today + datetime.timedelta(days=days)).isoformat(),
                     stdout=open("/dev/null", "w"))
        assert len(mail.outbox) == expected


def test_marking_done_stops_the_reminders(water_action, water_editor):
    from tsunagu.coordination.meetings.actions import mark_action

    water_editor.email = "water@example.org"
    water_editor.save()
    mark_action(water_action, acting_user=water_editor, done=True, seen_version=water_action.version)
    call_command("send_action_reminders", today=(water_action.due_on + datetime.timedelta(days=1)).isoformat(),
                 stdout=open("/dev/null", "w"))
    assert mail.outbox == []


def test_department_picker_goes_to_the_picked_department(as_viewer, env_bureau, water_bureau):
    response = as_viewer.get(reverse("coordination:meetings:my_department"), {"department": env_bureau.pk})
    assert response["Location"] == reverse("coordination:meetings:department", args=[env_bureau.pk])
