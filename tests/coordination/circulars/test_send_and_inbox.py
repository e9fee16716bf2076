"""A coordinator writes and sends a circular; departments see it, read it, acknowledge it."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import DepartmentFactory, UserFactory
from tsunagu.coordination.circulars import actions
from tsunagu.coordination.circulars.models import Circular, Reading, Recipient
from tsunagu.org.models import User
from tsunagu.portfolio.models import Field
from tsunagu.programs.models import Subscription

pytestmark = pytest.mark.django_db


def test_coordinator_writes_and_sends_a_circular_through_the_pages(
    as_coordinator, water_bureau, env_bureau, water_editor, django_capture_on_commit_callbacks
):
    water_editor.email = "suido@example.org"
    water_editor.save()
    page = as_coordinator.get(reverse("coordination:circulars:create"))
    assert page.status_code == 200
    response = as_coordinator.post(reverse("coordination:circulars:create"), {
        "kind": "notice", "title": "JICA 草の根技術協力 募集開始", "body": "募集が始まりました。",
        "answer_format": "table", "targeting": "picked", "departments": [water_bureau.pk, env_bureau.pk],
        "columns-TOTAL_FORMS": "0", "columns-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    circular = Circular.objects.get()
    assert circular.status == Circular.Status.DRAFT
    assert circular.history.count() >= 1
    confirm = as_coordinator.get(reverse("coordination:circulars:send", args=[circular.pk]))
    assert "上下水道局" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_coordinator.post(reverse("coordination:circulars:send", args=[circular.pk]),
                                       {"version": circular.version})
    assert response.status_code == 302
    circular.refresh_from_db()
    assert circular.status == Circular.Status.SENT
    assert set(circular.recipients.values_list("department__code", flat=True)) == {"water", "env"}
    assert len(mail.outbox) == 1  # only the water editor has an address
    assert mail.outbox[0].to == ["suido@example.org"]
    assert "JICA 草の根技術協力" in mail.outbox[0].subject


def test_sending_twice_is_refused(coordinator, notice):
    actions.send_circular(notice, acting_user=coordinator)
    with pytest.raises(ValidationError):
        actions.send_circular(notice, acting_user=coordinator)
    assert Recipient.objects.count() == 2


def test_editor_sees_it_in_the_inbox_and_on_the_start_page(coordinator, notice, as_water_editor, as_viewer):
    actions.send_circular(notice, acting_user=coordinator)
    inbox = as_water_editor.get(reverse("coordination:circulars:list")).content.decode()
    assert "JICA 草の根技術協力" in inbox
    home = as_water_editor.get(reverse("home")).content.decode()
    assert 'data-testid="circulars-widget"' in home and "JICA 草の根技術協力" in home
    # A viewer without a department receives nothing, and cannot open it.
    assert "JICA 草の根技術協力" not in as_viewer.get(reverse("coordination:circulars:list")).content.decode()
    assert as_viewer.get(notice.get_absolute_url()).status_code == 404


def test_a_draft_is_not_in_any_inbox(notice, as_water_editor):
    assert "JICA" not in as_water_editor.get(reverse("coordination:circulars:list")).content.decode()
    assert as_water_editor.get(notice.get_absolute_url()).status_code == 404


def test_first_view_is_recorded_once_and_shown_to_the_coordinator(coordinator, notice, as_water_editor, water_editor, as_coordinator):
    actions.send_circular(notice, acting_user=coordinator)
    as_water_editor.get(notice.get_absolute_url())
    first = Reading.objects.get(user=water_editor).first_read_at
    as_water_editor.get(notice.get_absolute_url())
    assert Reading.objects.filter(user=water_editor).count() == 1
    assert Reading.objects.get(user=water_editor).first_read_at == first
    page = as_coordinator.get(notice.get_absolute_url()).content.decode()
    row = page.split('data-testid="status-water"')[1].split("</tr>")[0]
    assert str(water_editor) in row
    env_row = page.split('data-testid="status-env"')[1].split("</tr>")[0]
    assert "未読" in env_row or "not read" in env_row


def test_editor_acknowledges_for_own_department_only(coordinator, notice, as_water_editor, water_editor, env_bureau, water_bureau):
    actions.send_circular(notice, acting_user=coordinator)
    page = as_water_editor.get(notice.get_absolute_url()).content.decode()
    ack_url = reverse("coordination:circulars:acknowledge", args=[notice.pk, water_bureau.pk])
    assert ack_url in page
    assert as_water_editor.post(ack_url).status_code == 302
    recipient = Recipient.objects.get(department=water_bureau)
    assert recipient.acknowledged_by == water_editor and recipient.acknowledged_at
    assert recipient.history.first().history_user == water_editor
    # Another department's acknowledgement by direct POST: refused, nothing written.
    other = reverse("coordination:circulars:acknowledge", args=[notice.pk, env_bureau.pk])
    assert as_water_editor.post(other).status_code == 403
    assert Recipient.objects.get(department=env_bureau).acknowledged_at is None


def test_viewer_of_a_recipient_department_reads_but_cannot_acknowledge(coordinator, notice, water_bureau):
    viewer = UserFactory(username="w-viewer", role=User.Role.VIEWER, departments=[water_bureau])
    actions.send_circular(notice, acting_user=coordinator)
    client = client_for(viewer)
    assert client.get(notice.get_absolute_url()).status_code == 200
    url = reverse("coordination:circulars:acknowledge", args=[notice.pk, water_bureau.pk])
    assert client.post(url).status_code == 403


def test_editor_of_a_section_receives_what_its_bureau_receives(coordinator, notice, water_section):
    section_editor = UserFactory(username="section", role=User.Role.EDITOR, departments=[water_section])
    actions.send_circular(notice, acting_user=coordinator)
    assert client_for(section_editor).get(notice.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("who", ["as_water_editor", "as_viewer"])
def test_only_coordinators_write_send_and_remind(request, who, coordinator, notice, water_bureau):
    client = request.getfixturevalue(who)
    assert client.get(reverse("coordination:circulars:create")).status_code == 403
    assert client.post(reverse("coordination:circulars:create"), {
        "kind": "notice", "title": "x", "targeting": "all", "answer_format": "table",
        "columns-TOTAL_FORMS": "0", "columns-INITIAL_FORMS": "0",
    }).status_code == 403
    assert client.post(reverse("coordination:circulars:send", args=[notice.pk])).status_code in (403, 404)
    notice.refresh_from_db()
    assert notice.status == Circular.Status.DRAFT
    actions.send_circular(notice, acting_user=coordinator)
    assert client.post(reverse("coordination:circulars:remind", args=[notice.pk])).status_code == 403
    assert client.post(reverse("coordination:circulars:delete", args=[notice.pk])).status_code == 403
    assert Circular.objects.filter(pk=notice.pk).exists()


def test_editors_cannot_reach_the_admin(as_water_editor):
    response = as_water_editor.get("/admin/coordination/")
    assert response.status_code in (302, 403, 404)


def test_targeting_by_field_subscription(coordinator, water_bureau, env_bureau):
    fire = DepartmentFactory(code="fire", name_ja="消防局")
    water_field = Field.objects.get(code="water")
    env_field = Field.objects.get(code="environment")
    Subscription.objects.create(department=water_bureau).fields.set([water_field])
    Subscription.objects.create(department=env_bureau).fields.set([env_field])
    Subscription.objects.create(department=fire)  # no field: follows every field
    circular = Circular(kind="notice", title="水道分野の研修", targeting=Circular.Targeting.FIELDS)
    actions.save_circular(circular, acting_user=coordinator, m2m={"fields": [water_field]})
    assert {d.code for d in actions.target_departments(circular)} == {"water", "fire"}


def test_targeting_all_sends_to_every_top_department_but_the_division(coordinator, water_bureau, env_bureau, water_section):
    circular = Circular(kind="notice", title="全庁向け", targeting=Circular.Targeting.ALL)
    actions.save_circular(circular, acting_user=coordinator, m2m={})
    assert {d.code for d in actions.target_departments(circular)} == {"water", "env"}


def test_reminder_button_reminds_only_those_who_did_not_acknowledge(
    coordinator, notice, water_bureau, env_bureau, water_editor, env_editor, as_coordinator,
    django_capture_on_commit_callbacks,
):
    for user, address in ((water_editor, "suido@example.org"), (env_editor, "kankyo@example.org")):
        user.email = address
        user.save()
    actions.send_circular(notice, acting_user=coordinator)
    actions.acknowledge(Recipient.objects.get(department=water_bureau), acting_user=water_editor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_coordinator.post(reverse("coordination:circulars:remind", args=[notice.pk]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["kankyo@example.org"]]
    assert "督促" in mail.outbox[0].subject or "Reminder" in mail.outbox[0].subject
    assert Recipient.objects.get(department=env_bureau).last_reminded_at is not None
    assert Recipient.objects.get(department=water_bureau).last_reminded_at is None


def test_delete_and_restore(coordinator, notice, as_coordinator, as_water_editor):
    actions.send_circular(notice, acting_user=coordinator)
    as_coordinator.post(reverse("coordination:circulars:delete", args=[notice.pk]))
    assert "JICA" not in as_water_editor.get(reverse("coordination:circulars:list")).content.decode()
    as_coordinator.post(reverse("coordination:circulars:restore", args=[notice.pk]))
    assert "JICA" in as_water_editor.get(reverse("coordination:circulars:list")).content.decode()


def test_the_coordinator_page_has_a_constant_number_of_queries(coordinator, django_assert_max_num_queries, as_coordinator):
    departments = [DepartmentFactory(code=f"d{i}", name_ja=f"部署{i}") for i in range(12)]
    circular = Circular(kind="notice", title="多数の部署へ")
    actions.save_circular(circular, acting_user=coordinator, m2m={"departments": departments})
    actions.send_circular(circular, acting_user=coordinator)
    for department in departments:
        client_for(UserFactory(username=f"u-{department.code}", role="editor", departments=[department])).get(
            circular.get_absolute_url()
        )
    with django_assert_max_num_queries(30):
        assert as_coordinator.get(circular.get_absolute_url()).status_code == 200


def test_the_start_page_widget_counts_unread_and_open_in_few_queries(
    coordinator, water_bureau, water_editor, django_assert_max_num_queries
):
    """The widget runs on every start page: its queries do not grow with the department's history."""
    from types import SimpleNamespace

    from tsunagu.coordination.circulars.widgets import SHOWN, CircularInboxWidget

    def send(title, kind="notice"):
        circular = Circular(kind=kind, title=title)
        actions.save_circular(circular, acting_user=coordinator, m2m={"departments": [water_bureau]})
        actions.send_circular(circular, acting_user=coordinator)
        return circular

    sent = [send(f"情報提供 {i}") for i in range(SHOWN + 4)]
    actions.mark_read(sent[0], water_editor)
    actions.mark_read(sent[1], water_editor)
    actions.acknowledge(Recipient.objects.get(circular=sent[2]), acting_user=water_editor)
    widget = CircularInboxWidget()
    request = SimpleNamespace(user=water_editor)
    with django_assert_max_num_queries(8):
        context = widget.context(request)
    assert context["unread"] == len(sent) - 2
    assert context["open"] == len(sent) - 1
    assert [entry["circular"] for entry in context["inbox"]] == sent[::-1][:SHOWN]
    assert context["outstanding"] is None
