"""Unreached agenda items carry over to the next meeting; a series makes its next meetings."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.coordination.meetings.conftest import aware
from tsunagu.coordination.meetings.models import AgendaItem, Meeting, MeetingSeries


def test_carry_over_copies_unreached_items_linked_to_originals(as_coordinator, past_meeting, agenda, next_meeting):
    AgendaItem.objects.create(meeting=next_meeting, order=1, title="新しい議題")
    url = reverse("coordination:meetings:carry_over", args=[past_meeting.pk])
    page = as_coordinator.get(url).content.decode()
    assert "JICA草の根技術協力の募集" in page and "海防市上下水道協力の報告" not in page
    response = as_coordinator.post(url)
    assert response.status_code == 302 and response["Location"] == next_meeting.get_absolute_url()
    copies = list(next_meeting.agenda_items.order_by("order"))
    assert [c.title for c in copies] == ["新しい議題", "JICA草の根技術協力の募集", "多文化共生の勉強会"]
    assert [c.order for c in copies] == [1, 2, 3]
    assert copies[1].carried_from == agenda[1] and copies[2].carried_from == agenda[2]
    agenda[1].refresh_from_db()
    assert agenda[1].status == AgendaItem.Status.CARRIED_OVER
    # Carrying again does not duplicate.
    as_coordinator.post(url)
    assert next_meeting.agenda_items.count() == 3
    page = as_coordinator.get(next_meeting.get_absolute_url()).content.decode()
    assert "国際協力部会 第1回」から繰り越し" in page


def test_carry_over_without_a_next_meeting_says_so(as_coordinator, past_meeting, agenda):
    response = as_coordinator.post(reverse("coordination:meetings:carry_over", args=[past_meeting.pk]))
    assert response.status_code == 400
    assert "次回の会議がありません" in response.content.decode()
    assert AgendaItem.objects.count() == 3


def test_series_creates_next_meetings(as_coordinator, council):
    series = MeetingSeries.objects.create(
        council=council, title="国際化推進連絡会議", every=2, unit=MeetingSeries.Unit.MONTHS,
        first_starts_at=aware(2026, 1, 31, 14), duration_minutes=60, place="国際政策課",
    )
    url = reverse("coordination:meetings:series", args=[series.pk])
    assert as_coordinator.post(url, {"count": "3"}).status_code == 302
    assert as_coordinator.post(url, {"count": "1"}).status_code == 302
    days = [timezone.localtime(m.starts_at).date() for m in Meeting.objects.filter(series=series).order_by("starts_at")]
    assert days == [datetime.date(2026, 1, 31), datetime.date(2026, 3, 31), datetime.date(2026, 5, 31), datetime.date(2026, 7, 31)]


@pytest.mark.parametrize(
    "first,every,unit,index,expected",
    [
        ((2026, 1, 31), 1, "months", 1, datetime.date(2026, 2, 28)),
        ((2028, 1, 31), 1, "months", 1, datetime.date(2028, 2, 29)),
        ((2026, 11, 15), 3, "months", 1, datetime.date(2027, 2, 15)),
        ((2026, 4, 1), 2, "weeks", 3, datetime.date(2026, 5, 13)),
    ],
)
def test_occurrence_day_arithmetic(council, first, every, unit, index, expected):
    series = MeetingSeries(council=council, title="x", every=every, unit=unit, first_starts_at=aware(*first))
    assert timezone.localtime(series.occurrence(index)).date() == expected


def test_series_refuses_too_many(as_coordinator, council):
    series = MeetingSeries.objects.create(council=council, title="勉強会", first_starts_at=aware(2026, 4, 1))
    response = as_coordinator.post(reverse("coordination:meetings:series", args=[series.pk]), {"count": "100"})
    assert response.status_code == 400
    assert not Meeting.objects.exists()
