"""Viewers read only; editors only mark their own department's action items; coordinators edit all."""

import pytest
from django.urls import reverse

from tsunagu.coordination.meetings.models import ActionItem, Meeting


def test_viewer_reads_but_cannot_open_or_post_edit_forms(as_viewer, past_meeting, agenda, water_action):
    assert as_viewer.get(reverse("coordination:meetings:meeting", args=[past_meeting.pk])).status_code == 200
    for name, args in [
        ("meeting_edit", [past_meeting.pk]), ("item_create", [past_meeting.pk]), ("item_edit", [agenda[0].pk]),
        ("decision_create", [past_meeting.pk]), ("action_create", [past_meeting.pk]), ("carry_over", [past_meeting.pk]),
        ("action_mark", [water_action.pk]), ("council_create", []),
    ]:
        url = reverse(f"coordination:meetings:{name}", args=args)
        assert as_viewer.get(url).status_code == 403, name
        assert as_viewer.post(url, {"title": "x", "text": "x"}).status_code == 403, name
    assert as_viewer.post(reverse("coordination:meetings:delete", args=["meeting", past_meeting.pk])).status_code == 403
    assert Meeting.objects.filter(pk=past_meeting.pk).exists()


def test_editor_marks_own_departments_action_done(as_water_editor, water_action, water_editor):
    url = reverse("coordination:meetings:action_mark", args=[water_action.pk])
    page = as_water_editor.get(url)
    assert page.status_code == 200
    response = as_water_editor.post(url, {"version": water_action.version, "done_note": "計画を提出した"})
    assert response.status_code == 302
    water_action.refresh_from_db()
    assert water_action.status == ActionItem.Status.DONE and water_action.done_at is not None
    assert water_action.history.first().history_user == water_editor


def test_editor_of_a_section_below_may_not_mark_the_bureaus_item(water_section, water_action):
    from tests.conftest import client_for
    from tests.factories import UserFactory
    from tsunagu.org.models import User

    section_editor = UserFactory(username="section", role=User.Role.EDITOR, departments=[water_section])
    response = client_for(section_editor).post(
        reverse("coordination:meetings:action_mark", args=[water_action.pk]), {"version": water_action.version}
    )
    assert response.status_code == 403


def test_editor_cannot_mark_another_departments_action(as_env_editor, water_action):
    url = reverse("coordination:meetings:action_mark", args=[water_action.pk])
    assert as_env_editor.get(url).status_code == 403
    assert as_env_editor.post(url, {"version": water_action.version}).status_code == 403
    water_action.refresh_from_db()
    assert water_action.status == ActionItem.Status.OPEN


def test_editor_cannot_edit_even_their_own_action_item(as_water_editor, water_action):
    url = reverse("coordination:meetings:action_edit", args=[water_action.pk])
    assert as_water_editor.post(url, {"text": "書き換え", "assignee_department": water_action.assignee_department_id}).status_code == 403
    water_action.refresh_from_db()
    assert water_action.text == "派遣計画を次回までに提出する"


def test_meeting_page_offers_mark_done_only_where_allowed(as_env_editor, as_water_editor, past_meeting, water_action, env_action):
    url = reverse("coordination:meetings:meeting", args=[past_meeting.pk])
    mark_water = reverse("coordination:meetings:action_mark", args=[water_action.pk])
    mark_env = reverse("coordination:meetings:action_mark", args=[env_action.pk])
    water_html = as_water_editor.get(url).content.decode()
    assert mark_water in water_html and mark_env not in water_html
    assert reverse("coordination:meetings:item_create", args=[past_meeting.pk]) not in water_html
    env_html = as_env_editor.get(url).content.decode()
    assert mark_env in env_html and mark_water not in env_html


@pytest.mark.parametrize("name", ["council_create"])
def test_coordinator_opens_every_form(as_coordinator, name):
    assert as_coordinator.get(reverse(f"coordination:meetings:{name}")).status_code == 200


def test_marking_from_the_department_page_goes_back_there_and_never_off_site(as_water_editor, water_action, water_bureau):
    import re

    from tests.formpage import form_values

    department_url = reverse("coordination:meetings:department", args=[water_bureau.pk])
    page = as_water_editor.get(department_url).content.decode()
    mark_url = re.search(rf'href="([^"]*/actions/{water_action.pk}/mark/[^"]*)"', page).group(1).replace("&amp;", "&")
    data = form_values(as_water_editor.get(mark_url).content.decode(), action=mark_url)
    response = as_water_editor.post(mark_url, data)
    assert response.status_code == 302 and response["Location"] == department_url

    response = as_water_editor.post(
        reverse("coordination:meetings:action_mark", args=[water_action.pk]) + "?next=https://evil.example/",
        {"version": water_action.version + 1},
    )
    assert response.status_code == 302 and response["Location"] == water_action.get_absolute_url()
