"""Coordinators run councils through the forms: GET the page, submit what it shows."""

import datetime

from django.urls import reverse

from tests.formpage import form_values
from tsunagu.coordination.meetings.models import (
    ActionItem,
    AgendaItem,
    Council,
    Decision,
    Meeting,
    Membership,
)


def _submit(client, url, **changes):
    data = form_values(client.get(url).content.decode(), action=url)
    data.update(changes)
    return client.post(url, data)


def test_coordinator_creates_a_council_and_its_meeting(as_coordinator):
    response = _submit(as_coordinator, reverse("coordination:meetings:council_create"), name_ja="国際化推進連絡会議", kind="liaison")
    assert response.status_code == 302, response.content.decode()[:2000]
    council = Council.objects.get(name_ja="国際化推進連絡会議")
    response = _submit(
        as_coordinator, reverse("coordination:meetings:meeting_create", args=[council.pk]),
        title="第1回 連絡会議", starts_at="2026-06-10T14:00", place="国際政策課",
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(council=council)
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.history.count() == 1


def test_member_needs_a_user_or_a_name(as_coordinator, council):
    url = reverse("coordination:meetings:member_create", args=[council.pk])
    response = _submit(as_coordinator, url, from_date="2026-04-01")
    assert response.status_code == 400
    assert "利用者を選ぶか、氏名を入力してください" in response.content.decode()
    assert not Membership.objects.exists()
    response = _submit(as_coordinator, url, person_name="北九 一郎", post="課長", from_date="2026-04-01")
    assert response.status_code == 302


def test_decision_names_departments_and_action_item_is_assigned(as_coordinator, past_meeting, agenda, water_bureau):
    response = _submit(
        as_coordinator, reverse("coordination:meetings:decision_create", args=[past_meeting.pk]),
        text="JICA草の根の申請を検討する", departments=[str(water_bureau.pk)],
    )
    assert response.status_code == 302
    decision = Decision.objects.get(text="JICA草の根の申請を検討する")
    assert list(decision.departments.all()) == [water_bureau]
    response = _submit(as_coordinator, reverse("coordination:meetings:action_create", args=[past_meeting.pk]), text="担当者を決める")
    assert response.status_code == 400  # no assignee
    assert "部署または担当者" in response.content.decode()
    response = _submit(
        as_coordinator, reverse("coordination:meetings:action_create", args=[past_meeting.pk]),
        text="担当者を決める", assignee_department=str(water_bureau.pk), due_on="2026-07-01",
    )
    assert response.status_code == 302
    assert ActionItem.objects.get(text="担当者を決める").due_on == datetime.date(2026, 7, 1)


def test_stale_form_is_refused_and_nothing_is_overwritten(as_coordinator, past_meeting):
    url = reverse("coordination:meetings:meeting_edit", args=[past_meeting.pk])
    data = form_values(as_coordinator.get(url).content.decode(), action=url)
    Meeting.objects.filter(pk=past_meeting.pk).update(title="他の人の変更", version=past_meeting.version + 1)
    data["title"] = "私の変更"
    response = as_coordinator.post(url, data)
    assert response.status_code == 409
    past_meeting.refresh_from_db()
    assert past_meeting.title == "他の人の変更"


def test_delete_and_restore_an_agenda_item(as_coordinator, past_meeting, agenda):
    item = agenda[2]
    assert as_coordinator.post(reverse("coordination:meetings:delete", args=["item", item.pk])).status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    page = as_coordinator.get(past_meeting.get_absolute_url()).content.decode()
    restore_url = reverse("coordination:meetings:restore", args=["item", item.pk])
    assert restore_url in page
    assert as_coordinator.post(restore_url).status_code == 302
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    kinds = [h.history_type for h in AgendaItem.history.filter(id=item.pk).order_by("history_date")]
    assert kinds == ["+", "~", "~"]


def test_unknown_kind_to_delete_is_404(as_coordinator):
    assert as_coordinator.post(reverse("coordination:meetings:delete", args=["user", 1])).status_code == 404



def test_full_history_of_a_meeting(as_viewer, past_meeting, coordinator):
    from tsunagu.coordination.meetings.actions import save_record

    for n in range(7):
        past_meeting.title = f"改題{n}"
        save_record(past_meeting, acting_user=coordinator, seen_version=past_meeting.version)
    page = as_viewer.get(past_meeting.get_absolute_url()).content.decode()
    url = reverse("coordination:meetings:history", args=["meeting", past_meeting.pk])
    assert url in page
    full = as_viewer.get(url)
    assert full.status_code == 200 and "改題0" in full.content.decode()
    assert as_viewer.get(reverse("coordination:meetings:history", args=["item", 1])).status_code == 404


def test_restoring_an_attendance_recorded_again_meanwhile_is_refused_with_a_message(
    as_coordinator, past_meeting, members
):
    from tsunagu.coordination.meetings.models import Attendance

    old = Attendance.objects.create(meeting=past_meeting, membership=members["water_chief"])
    assert as_coordinator.post(reverse("coordination:meetings:delete", args=["attendance", old.pk])).status_code == 302
    Attendance.objects.create(meeting=past_meeting, membership=members["water_chief"], status="apologies")
    response = as_coordinator.post(reverse("coordination:meetings:restore", args=["attendance", old.pk]), follow=True)
    assert response.status_code == 400
    assert "復元できません" in response.content.decode()
    assert not Attendance.objects.filter(pk=old.pk).exists()
    assert Attendance.objects.filter(meeting=past_meeting).count() == 1
