"""The home page: "closing soon" for the user's department and its projects, through core's dashboard registry."""

import datetime

from django.urls import reverse

from tsunagu.core import dashboard
from tsunagu.programs.deadlines.closing import closing_soon
from tsunagu.programs.models import Subscription


def test_home_shows_the_windows_and_the_departments_applications_closing_within_14_days(
    as_env_editor, env_subscription, env_program, water_program, env_application_due, water_application_due, today
):
    response = as_env_editor.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="closing-soon"' in page
    assert "環境協力モデル事業" in page  # followed programme closing in 10 days
    assert (today + datetime.timedelta(days=10)).isoformat() in page
    assert "水道技術協力事業" not in page  # another field, and it closes in 40 days
    assert reverse("programs:application", args=[env_application_due.pk]) in page
    assert reverse("programs:application", args=[water_application_due.pk]) not in page


def test_without_any_subscription_every_programme_closing_soon_is_shown(as_water_editor, env_program, water_application_due):
    page = as_water_editor.get("/").content.decode()
    assert "環境協力モデル事業" in page
    assert reverse("programs:subscriptions") in page
    assert reverse("programs:application", args=[water_application_due.pk]) in page


def _closing_soon_text(page: str) -> str:
    start = page.index('data-testid="closing-soon"')
    return page[start:page.index("</section>", start)]


def test_without_any_subscription_the_empty_list_does_not_speak_of_subscriptions(as_water_editor, db):
    section = _closing_soon_text(as_water_editor.get("/").content.decode())
    assert "現行のすべての支援メニューを表示しています" in section
    assert "この期間に締切を迎える現行の支援メニューはありません。" in section
    assert "購読中" not in section


def test_a_departments_subscription_is_named_as_such(as_env_editor, env_subscription, env_bureau):
    section = _closing_soon_text(as_env_editor.get("/").content.decode())
    assert f"所属（{env_bureau.name}）の購読" in section
    assert "この期間に締切を迎える購読中の支援メニューはありません。" in section
    assert "すべての支援メニュー" not in section


def test_a_users_own_subscription_takes_precedence(env_editor, env_subscription, env_program, water_program, jica, today):
    own = Subscription.objects.create(user=env_editor)
    own.providers.set([jica])
    context = closing_soon(env_editor, today=today + datetime.timedelta(days=30))
    assert [d.program.code for d in context["windows"]] == ["jica-water"]


def test_coordinators_see_the_deadlines_of_every_department(coordinator, env_application_due, water_application_due):
    context = closing_soon(coordinator)
    assert {d.application.pk for d in context["deadlines"]} == {env_application_due.pk, water_application_due.pk}
    assert context["all_departments"] is True


def test_home_shows_the_departments_projects_and_recent_changes(as_env_editor, env_project, water_project, env_bureau):
    page = as_env_editor.get("/").content.decode()
    assert 'data-testid="department-projects"' in page
    assert 'data-testid="department-project-count">1<' in page
    assert f"?department={env_bureau.pk}" in page


def test_the_widgets_come_from_the_registry(as_viewer, db):
    keys = [w.key for w in dashboard.widgets()]
    assert keys[:2] == ["programs-closing-soon", "portfolio-department-projects"]
    widget = dashboard.widgets()[0]
    dashboard.unregister(widget.key)
    try:
        page = as_viewer.get("/").content.decode()
        assert 'data-testid="closing-soon"' not in page
    finally:
        dashboard.register(widget)


def test_strangers_are_sent_to_the_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
