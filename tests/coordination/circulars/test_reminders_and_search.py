"""Scheduled reminders N days before the deadline, and circulars in search (kind 21)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tsunagu.coordination.circulars import actions
from tsunagu.coordination.circulars.models import Recipient
from tsunagu.search import registry

from .conftest import make_inquiry

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 12, 20)


@pytest.fixture
def addressed(water_editor, env_editor):
    for user, address in ((water_editor, "suido@example.org"), (env_editor, "kankyo@example.org")):
        user.email = address
        user.save()


@pytest.mark.parametrize(
    ("today", "days_before", "due"),
    [
        (datetime.date(2026, 12, 17), [3], True),  # exactly 3 days before
        (datetime.date(2026, 12, 16), [3], False),  # 4 days before
        (datetime.date(2026, 12, 18), [3], False),  # 2 days before
        (datetime.date(2026, 12, 20), [0], True),  # on the day
        (datetime.date(2026, 12, 13), [7, 1], True),
        (datetime.date(2026, 12, 19), [7, 1], True),
        (datetime.date(2026, 12, 21), [0, 1, 3], False),  # after the deadline
        # Across a month and a year end.
        (datetime.date(2026, 11, 30), [20], True),
    ],
)
def test_reminder_day_arithmetic(coordinator, water_bureau, today, days_before, due):
    inquiry = make_inquiry(coordinator, [water_bureau], deadline=DEADLINE)
    assert (inquiry in actions.circulars_due_for_reminder(today, days_before)) is due


def test_reminder_day_crosses_the_year():
    assert actions.reminder_day(datetime.date(2027, 1, 2), 3) == datetime.date(2026, 12, 30)


def test_command_reminds_only_departments_that_have_not_answered(
    coordinator, water_bureau, env_bureau, water_editor, addressed, django_capture_on_commit_callbacks
):
    inquiry = make_inquiry(coordinator, [water_bureau, env_bureau], deadline=DEADLINE)
    columns = list(inquiry.columns.all())
    actions.save_answer(Recipient.objects.get(department=water_bureau), [{columns[0].pk: "回答済み"}],
                        acting_user=water_editor)
    mail.outbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_circular_reminders", "--days-before", "3", "--today", "2026-12-17", stdout=out)
    assert [m.to for m in mail.outbox] == [["kankyo@example.org"]]
    assert "督促" in mail.outbox[0].subject
    assert "reminded 1 departments of 1 circulars" in out.getvalue()
    # Run twice the same day: nobody is reminded twice.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_circular_reminders", "--days-before", "3", "--today", "2026-12-17", stdout=StringIO())
    assert mail.outbox == []


def test_command_on_another_day_sends_nothing(coordinator, water_bureau, addressed, django_capture_on_commit_callbacks):
    make_inquiry(coordinator, [water_bureau], deadline=DEADLINE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_circular_reminders", "--days-before", "3", "--today", "2026-12-18", stdout=StringIO())
    assert mail.outbox == []


def test_circulars_are_search_kind_21_visible_to_recipients_only(coordinator, water_bureau, env_bureau, water_editor, env_editor, viewer):
    kind = registry.get("circular")
    assert kind.number == 21
    inquiry = make_inquiry(coordinator, [water_bureau])
    draft = make_inquiry(coordinator, [env_bureau], send=False)
    model = kind.model

    def found(user):
        rule = kind.visible(user)
        if rule is True:
            return set(model.objects.values_list("pk", flat=True))
        if rule is False:
            return set()
        return set(model.objects.filter(rule).values_list("pk", flat=True))

    assert found(coordinator) == {inquiry.pk, draft.pk}
    assert found(water_editor) == {inquiry.pk}
    assert found(env_editor) == set()  # a draft for them is not theirs yet
    assert found(viewer) == set()
    document = kind.document(inquiry, datetime.date(2026, 12, 1))
    assert document.title_ja == inquiry.title and "照会" in document.detail_ja
