"""The council and meeting pages show what a reader relies on, in a fixed number of queries."""

import pytest
from django.urls import reverse


def test_council_page_lists_current_and_former_members(as_viewer, council, members):
    response = as_viewer.get(reverse("coordination:meetings:council", args=[council.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    current, _, past = html.partition('data-testid="past-members"')
    assert "海外事業課長" in current and "環境 花子" in current
    assert "前任 太郎" in past and "前任 太郎" not in current


def test_council_list_shows_councils_and_groups(as_viewer, council, groups):
    html = as_viewer.get(reverse("coordination:meetings:list")).content.decode()
    assert "国際戦略会議" in html and "多文化共生" in html


def test_meeting_page_shows_agenda_minutes_decisions_and_actions(
    as_viewer, past_meeting, agenda, decision, water_action, django_assert_max_num_queries
):
    url = reverse("coordination:meetings:meeting", args=[past_meeting.pk])
    with django_assert_max_num_queries(25):
        response = as_viewer.get(url)
    html = response.content.decode()
    assert "海防市上下水道協力の報告" in html
    assert "海防市との協力の進捗を報告した" in html
    assert "海防市への専門家派遣を継続する" in html
    assert "派遣計画を次回までに提出する" in html
    assert "期限超過" in html  # the overdue badge, in Japanese


def test_meeting_page_query_count_does_not_grow_with_the_agenda(
    as_viewer, past_meeting, agenda, decision, water_action, django_assert_num_queries, water_bureau
):
    from tsunagu.coordination.meetings.models import ActionItem, AgendaItem, Decision

    url = reverse("coordination:meetings:meeting", args=[past_meeting.pk])
    as_viewer.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        as_viewer.get(url)
    for n in range(10):
        item = AgendaItem.objects.create(meeting=past_meeting, order=10 + n, title=f"議題{n}")
        d = Decision.objects.create(meeting=past_meeting, agenda_item=item, text=f"決定{n}")
        d.departments.set([water_bureau])
        ActionItem.objects.create(meeting=past_meeting, agenda_item=item, text=f"宿題{n}", assignee_department=water_bureau)
    with CaptureQueriesContext(connection) as large:
        as_viewer.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("sheet,words", [("agenda", ["次第", "JICA草の根技術協力の募集"]), ("minutes", ["議事録", "決定事項", "宿題事項"])])
def test_print_sheets(as_viewer, past_meeting, agenda, decision, water_action, sheet, words):
    html = as_viewer.get(reverse("coordination:meetings:sheet", args=[past_meeting.pk, sheet])).content.decode()
    assert "size: A4" in html
    for word in words:
        assert word in html


def test_unknown_sheet_is_404(as_viewer, past_meeting):
    assert as_viewer.get(reverse("coordination:meetings:sheet", args=[past_meeting.pk, "other"])).status_code == 404
