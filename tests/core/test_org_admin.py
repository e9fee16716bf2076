"""The admin for departments and users: administrators change, coordinators only look."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import DepartmentFactory
from tsunagu.org.models import Department, User

pytestmark = pytest.mark.django_db

DEPARTMENTS = reverse("admin:org_department_changelist")
USERS = reverse("admin:org_user_changelist")


@pytest.fixture
def as_admin(admin_user):
    return client_for(admin_user)


def department_form(**overrides):
    data = {"name_ja": "国際課", "name_en": "International Section", "code": "intl-section",
            "kind": Department.Kind.SECTION, "parent": "", "sort_order": "0"}
    data.update(overrides)
    return data


# --- who may do what ---------------------------------------------------------


@pytest.mark.parametrize("url", [DEPARTMENTS, USERS])
def test_administrator_and_coordinator_see_the_lists(as_admin, as_coordinator, url):
    assert as_admin.get(url).status_code == 200
    assert as_coordinator.get(url).status_code == 200


@pytest.mark.parametrize("url", [DEPARTMENTS, USERS])
def test_editors_viewers_and_strangers_are_sent_to_the_admin_login(as_water_editor, as_viewer, url):
    for client in (as_water_editor, as_viewer, Client()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_the_coordinator_sees_a_department_but_cannot_change_it(as_coordinator, water_bureau):
    url = reverse("admin:org_department_change", args=[water_bureau.pk])
    page = as_coordinator.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # read-only view

    response = as_coordinator.post(url, department_form(name_ja="改名", code="water", kind="bureau"))
    assert response.status_code == 403
    water_bureau.refresh_from_db()
    assert water_bureau.name_ja == "上下水道局"


def test_the_coordinator_cannot_add_or_delete_departments(as_coordinator, water_bureau):
    assert as_coordinator.get(reverse("admin:org_department_add")).status_code == 403
    assert as_coordinator.post(reverse("admin:org_department_add"), department_form()).status_code == 403
    assert not Department.objects.filter(code="intl-section").exists()
    delete = reverse("admin:org_department_delete", args=[water_bureau.pk])
    assert as_coordinator.post(delete, {"post": "yes"}).status_code == 403
    assert Department.objects.filter(pk=water_bureau.pk).exists()


def test_the_coordinator_cannot_change_users_or_their_passwords(as_coordinator, water_editor):
    change = reverse("admin:org_user_change", args=[water_editor.pk])
    assert as_coordinator.get(change).status_code == 200
    response = as_coordinator.post(change, {"username": "water", "role": User.Role.ADMINISTRATOR})
    assert response.status_code == 403
    water_editor.refresh_from_db()
    assert water_editor.role == User.Role.EDITOR
    password = reverse("admin:auth_user_password_change", args=[water_editor.pk])
    assert as_coordinator.post(password, {"password1": "x-new-pass-9", "password2": "x-new-pass-9"}).status_code == 403
    assert as_coordinator.get(reverse("admin:org_user_add")).status_code == 403


def test_an_administrator_adds_a_department_and_history_records_who(as_admin, admin_user, water_bureau):
    response = as_admin.post(
        reverse("admin:org_department_add"), department_form(parent=str(water_bureau.pk))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    department = Department.objects.get(code="intl-section")
    assert department.parent == water_bureau
    assert department.history.get().history_user == admin_user


def test_an_administrator_adds_an_editor_with_departments(as_admin, water_bureau, env_bureau):
    response = as_admin.post(
        reverse("admin:org_user_add"),
        {
            "username": "suzuki",
            "usable_password": "true",
            "password1": "a-Long-pass-2026",
            "password2": "a-Long-pass-2026",
            "full_name": "鈴木 花子",
            "role": User.Role.EDITOR,
            "departments": [water_bureau.pk, env_bureau.pk],
            "language": "ja",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="suzuki")
    assert user.role == User.Role.EDITOR
    assert set(user.departments.all()) == {water_bureau, env_bureau}
    assert not user.is_staff
    assert user.check_password("a-Long-pass-2026")


def test_an_administrator_promotes_a_user_and_staff_follows_the_role(as_admin, viewer):
    change = reverse("admin:org_user_change", args=[viewer.pk])
    response = as_admin.post(
        change,
        {
            "username": "viewer",
            "full_name": "",
            "last_name": "",
            "first_name": "",
            "email": "",
            "role": User.Role.COORDINATOR,
            "language": "en",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    viewer.refresh_from_db()
    assert viewer.role == User.Role.COORDINATOR
    assert viewer.is_staff
    assert not viewer.is_superuser
    assert viewer.language == "en"


# --- the tree ----------------------------------------------------------------


def test_departments_are_listed_as_a_tree(as_admin):
    env = DepartmentFactory(code="env", name_ja="環境局", sort_order=2)
    water = DepartmentFactory(code="water", name_ja="上下水道局", sort_order=1)
    DepartmentFactory(code="env-intl", name_ja="環境国際課", kind="section", parent=env)
    DepartmentFactory(code="water-plan", name_ja="計画部", kind="department", parent=water, sort_order=2)
    plan_section = Department.objects.get(code="water-plan")
    DepartmentFactory(code="water-plan-intl", name_ja="海外事業課", kind="section", parent=plan_section)
    DepartmentFactory(code="water-a", name_ja="総務部", kind="department", parent=water, sort_order=1)

    html = as_admin.get(DEPARTMENTS).content.decode()
    names = ["上下水道局", "総務部", "計画部", "海外事業課", "環境局", "環境国際課"]
    positions = [html.index(f"{name}</span>") for name in names]
    assert positions == sorted(positions)
    assert re.search(r'padding-left: 3\.0em">└ 海外事業課', html)  # two levels down


def test_clicking_a_column_sorts_by_it_instead(as_admin):
    DepartmentFactory(code="b", name_ja="い局", sort_order=1)
    DepartmentFactory(code="a", name_ja="あ局", sort_order=2)
    html = as_admin.get(DEPARTMENTS + "?o=3").content.decode()  # by code
    assert html.index("あ局</span>") < html.index("い局</span>")


def test_the_user_list_costs_a_fixed_number_of_queries(as_admin):
    departments = [DepartmentFactory() for _ in range(3)]

    def count_for(n):
        for i in range(n):
            user = User.objects.create(username=f"u{n}-{i}", role=User.Role.EDITOR)
            user.departments.set(departments)
        with CaptureQueriesContext(connection) as queries:
            assert as_admin.get(USERS).status_code == 200
        return len(queries)

    assert count_for(2) == count_for(30)


def test_department_choices_show_their_place_in_the_tree(as_admin, water_section):
    DepartmentFactory(code="env", name_ja="環境局")
    DepartmentFactory(code="env-intl", name_ja="海外事業課", kind="section", parent=Department.objects.get(code="env"))
    html = as_admin.get(reverse("admin:org_user_add")).content.decode()
    assert "上下水道局 › 海外事業課" in html
    assert "環境局 › 海外事業課" in html
    html = as_admin.get(reverse("admin:org_department_add")).content.decode()
    assert "上下水道局 › 海外事業課" in html
