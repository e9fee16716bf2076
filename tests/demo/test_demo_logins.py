"""Every demo login works with the documented password and gives the documented role."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tsunagu.demo import kitakyushu as story
from tsunagu.demo.logins import pad, render_logins, width
from tsunagu.org.models import User

DOCUMENTED = [
    ("admin", User.Role.ADMINISTRATOR, []),
    ("kokusai", User.Role.COORDINATOR, ["国際政策課"]),
    ("kankyo", User.Role.EDITOR, ["環境局"]),
    ("suido", User.Role.EDITOR, ["上下水道局"]),
    ("shobo", User.Role.EDITOR, ["消防局"]),
    ("etsuran", User.Role.VIEWER, []),
]


@pytest.mark.parametrize(("username", "role", "departments"), DOCUMENTED)
def test_each_demo_user_logs_in_through_the_login_page(demo, username, role, departments):
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    response = client.post(reverse("login"), {"username": username, "password": story.DEMO_PASSWORD})
    assert response.status_code == 302, response.content[:500]
    user = User.objects.get(username=username)
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.role == role
    if departments:
        assert [d.name_ja for d in user.departments.all()] == departments


def test_the_wrong_password_does_not_log_in(demo):
    assert not Client().login(username="kokusai", password="wrong-password")


def test_roles_give_the_documented_powers(demo):
    users = {u.username: u for u in User.objects.all()}
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert users["kokusai"].is_coordinator and users["kokusai"].is_staff
    kankyo = users["kankyo"]
    editable = {d.code for d in kankyo.departments.model.objects.filter(pk__in=kankyo.editable_department_ids)}
    assert {"kankyo", "asia-low-carbon", "kankyo-kokusai-senryaku"} <= editable
    assert "suido" not in editable
    assert not users["etsuran"].is_editor and not users["etsuran"].is_coordinator


def test_demo_logins_prints_both_languages(demo, capsys):
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "デモ用ログイン" in out and "Demo logins" in out
    for username, _role, _departments in DOCUMENTED:
        assert username in out
    assert story.DEMO_PASSWORD in out
    assert "取りまとめ担当（国際政策課）" in out and "Coordinator (International Policy Division)" in out
    assert "上下水道局" in out and "Water and Sewer Bureau" in out
    assert "Not in the database" not in out


def test_demo_logins_before_loading_says_what_to_run(db):
    out = render_logins()
    assert "load_demo" in out
    assert "kokusai" in out


def test_table_columns_line_up_with_japanese_text():
    assert width("国際政策課") == 10
    assert width(pad("環境局", 10)) == 10
    assert width("admin") == 5


def _role_names(role: str) -> tuple[str, str]:
    with translation.override("ja"):
        ja = str(User.Role(role).label)
    with translation.override("en"):
        en = str(User.Role(role).label)
    return ja, en


def test_the_header_and_demo_logins_name_each_role_alike(demo, capsys):
    call_command("demo_logins")
    lines = capsys.readouterr().out.splitlines()
    for username, role, _departments in DOCUMENTED:
        ja, en = _role_names(role)
        japanese_row, english_row = [line for line in lines if line.startswith(f"{username} ")]
        assert f"  {ja}  " in japanese_row
        assert f"  {en}  " in english_row
        client = Client(HTTP_ACCEPT_LANGUAGE="ja")
        client.force_login(User.objects.get(username=username))
        page = client.get("/").content.decode()
        badge = re.search(r'<p class="user-badge">(.*?)</p>', page, re.S).group(1)
        assert badge.strip().endswith(f"（{ja}）"), badge


def test_the_readme_names_the_roles_as_the_ui_does():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| ([^|]+) \|", readme, re.M))
    assert set(rows) == {username for username, _role, _departments in DOCUMENTED}
    for username, role, _departments in DOCUMENTED:
        ja, en = _role_names(role)
        assert rows[username].strip() == f"{ja} / {en}"
