"""Meetings and decisions are found by search, by their minutes and text."""

from django.urls import reverse


def test_meeting_found_by_its_minutes_and_decision_by_its_text(as_viewer, past_meeting, agenda, decision):
    page = as_viewer.get(reverse("search:search"), {"q": "進捗"}).content.decode()
    assert past_meeting.get_absolute_url() in page
    page = as_viewer.get(reverse("search:search"), {"q": "専門家派遣"}).content.decode()
    assert f"{past_meeting.get_absolute_url()}#decision-{decision.pk}" in page


def test_deleted_meeting_is_not_found(as_viewer, past_meeting, agenda):
    past_meeting.mark_deleted()
    past_meeting.save()
    page = as_viewer.get(reverse("search:search"), {"q": "進捗"}).content.decode()
    assert past_meeting.get_absolute_url() not in page
