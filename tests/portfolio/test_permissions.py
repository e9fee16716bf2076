"""Who may create, edit, delete and restore a project: owner, other department, outsider.

The issue's must-show: an editor of 上下水道局 cannot edit an 環境局 project —
by the form, by a direct POST, or through the admin.
"""

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from tests.factories import ProjectFactory
from tests.portfolio.conftest import project_post_data
from tsunagu.org.models import User
from tsunagu.portfolio import actions
from tsunagu.portfolio.models import BudgetLine, Project

pytestmark = pytest.mark.django_db


def reload(project):
    return Project.all_objects.get(pk=project.pk)


# --- the must-show: 上下水道局 editor vs an 環境局 project -------------------------------------


def test_water_editor_gets_403_on_the_edit_page_of_an_environment_project(as_water_editor, env_project):
    response = as_water_editor.get(f"/projects/{env_project.pk}/edit/")
    assert response.status_code == 403
    assert "権限がありません" in response.content.decode()


def test_water_editor_direct_post_to_an_environment_project_is_refused_and_changes_nothing(
    as_water_editor, env_project
):
    data = project_post_data(env_project, title_ja="書き換えられた事業名")
    data["budget-0-amount_jpy"] = "999"
    response = as_water_editor.post(f"/projects/{env_project.pk}/edit/", data)
    assert response.status_code == 403
    stored = reload(env_project)
    assert stored.title_ja == "海防市環境協力"
    assert stored.version == env_project.version
    assert list(stored.budget_lines.values_list("amount_jpy", flat=True)) == [3_000_000]


def test_water_editor_is_refused_by_the_admin(water_editor, env_project, client):
    client.force_login(water_editor)
    url = f"/admin/portfolio/project/{env_project.pk}/change/"
    assert client.get(url).status_code == 302  # not staff: sent to the admin login
    response = client.post(url, {"title_ja": "書き換えられた事業名"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert reload(env_project).title_ja == "海防市環境協力"


def test_water_editor_flagged_as_staff_is_still_refused_by_the_admin(water_editor, env_project, client):
    # Even if someone gave the editor admin access, the admin asks the same rules as the views.
    User.objects.filter(pk=water_editor.pk).update(is_staff=True)
    client.force_login(water_editor)
    url = f"/admin/portfolio/project/{env_project.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="title_ja"' not in response.content.decode()  # read-only view
    response = client.post(url, {"title_ja": "書き換えられた事業名"})
    assert response.status_code == 403
    assert reload(env_project).title_ja == "海防市環境協力"
    assert client.post(f"/admin/portfolio/project/{env_project.pk}/delete/", {"post": "yes"}).status_code == 403
    assert not reload(env_project).is_deleted


def test_admin_permission_methods_follow_the_department_rule(water_editor, env_editor, coordinator, env_project):
    admin = site._registry[Project]
    for user in (water_editor, env_editor):
        User.objects.filter(pk=user.pk).update(is_staff=True)
    request = RequestFactory().get("/")

    request.user = User.objects.get(pk=water_editor.pk)
    assert not admin.has_change_permission(request, env_project)
    assert not admin.has_delete_permission(request, env_project)
    request.user = User.objects.get(pk=env_editor.pk)
    assert admin.has_change_permission(request, env_project)
    request.user = coordinator
    assert admin.has_change_permission(request, env_project)
    assert admin.has_delete_permission(request, env_project)


def test_update_action_refuses_another_departments_editor(water_editor, env_project):
    env_project.title_ja = "書き換えられた事業名"
    with pytest.raises(PermissionDenied):
        actions.update_project(env_project, acting_user=water_editor, seen_version=env_project.version)
    assert reload(env_project).title_ja == "海防市環境協力"


# --- edit: owner / other / outsider / coordinator ------------------------------------------


def test_owner_editor_edits_their_departments_project(as_env_editor, env_project):
    assert as_env_editor.get(f"/projects/{env_project.pk}/edit/").status_code == 200
    response = as_env_editor.post(
        f"/projects/{env_project.pk}/edit/", project_post_data(env_project, title_ja="海防市環境協力（改）")
    )
    assert response.status_code == 302
    assert reload(env_project).title_ja == "海防市環境協力（改）"


def test_editor_of_a_bureau_edits_projects_of_its_sections(as_water_editor, water_section):
    project = ProjectFactory(lead_department=water_section)
    response = as_water_editor.post(f"/projects/{project.pk}/edit/", project_post_data(project, title_ja="課の事業"))
    assert response.status_code == 302
    assert reload(project).title_ja == "課の事業"


def test_viewer_can_read_but_not_edit(as_viewer, env_project):
    assert as_viewer.get(f"/projects/{env_project.pk}/").status_code == 200
    assert as_viewer.get(f"/projects/{env_project.pk}/edit/").status_code == 403
    response = as_viewer.post(f"/projects/{env_project.pk}/edit/", project_post_data(env_project, title_ja="x"))
    assert response.status_code == 403
    assert reload(env_project).title_ja == "海防市環境協力"


def test_anonymous_visitor_is_sent_to_the_login_page(client, env_project):
    response = client.get(f"/projects/{env_project.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_coordinator_edits_any_departments_project(as_coordinator, env_project):
    response = as_coordinator.post(
        f"/projects/{env_project.pk}/edit/", project_post_data(env_project, title_ja="調整課による修正")
    )
    assert response.status_code == 302
    assert reload(env_project).title_ja == "調整課による修正"


def test_editor_cannot_hand_their_project_to_another_department(as_env_editor, env_project, water_bureau):
    response = as_env_editor.post(
        f"/projects/{env_project.pk}/edit/",
        project_post_data(env_project, lead_department=water_bureau.pk),
    )
    assert response.status_code == 400
    assert "正しく選択してください" in response.content.decode()
    assert reload(env_project).lead_department_id == env_project.lead_department_id


def test_edit_and_detail_pages_show_buttons_only_to_who_may_use_them(
    as_env_editor, as_water_editor, as_viewer, env_project
):
    edit_url = f"/projects/{env_project.pk}/edit/"
    assert edit_url in as_env_editor.get(f"/projects/{env_project.pk}/").content.decode()
    assert edit_url not in as_water_editor.get(f"/projects/{env_project.pk}/").content.decode()
    assert edit_url not in as_viewer.get(f"/projects/{env_project.pk}/").content.decode()


# --- create ------------------------------------------------------------------------------------


def test_editor_creates_a_project_for_their_department(as_env_editor, env_bureau):
    response = as_env_editor.post("/projects/new/", project_post_data(lead_department=env_bureau.pk))
    assert response.status_code == 302
    assert Project.objects.get(title_ja="新規事業").lead_department == env_bureau


def test_editor_cannot_create_a_project_for_another_department(as_water_editor, env_bureau):
    response = as_water_editor.post("/projects/new/", project_post_data(lead_department=env_bureau.pk))
    assert response.status_code == 400
    assert not Project.objects.filter(title_ja="新規事業").exists()


def test_lead_department_choices_are_only_the_editors_departments(as_water_editor, water_section, env_bureau):
    page = as_water_editor.get("/projects/new/").content.decode()
    lead_select = page[page.find('name="lead_department"'):]
    lead_select = lead_select[: lead_select.find("</select>")]
    assert "上下水道局" in lead_select and "海外事業課" in lead_select
    assert "環境局" not in lead_select


def test_viewer_cannot_create(as_viewer, env_bureau):
    assert as_viewer.get("/projects/new/").status_code == 403
    assert as_viewer.post("/projects/new/", project_post_data(lead_department=env_bureau.pk)).status_code == 403
    assert not Project.objects.exists()


def test_create_action_refuses_another_department(water_editor, env_bureau):
    project = Project(title_ja="x", lead_department=env_bureau, start_date="2025-04-01")
    with pytest.raises(PermissionDenied):
        actions.create_project(acting_user=water_editor, project=project)
    assert not Project.objects.exists()


# --- delete and restore ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("as_env_editor", True), ("as_coordinator", True), ("as_water_editor", False), ("as_viewer", False)],
)
def test_delete_is_for_the_owner_editor_or_a_coordinator(request, who, allowed, env_project):
    client = request.getfixturevalue(who)
    get = client.get(f"/projects/{env_project.pk}/delete/")
    response = client.post(f"/projects/{env_project.pk}/delete/")
    if allowed:
        assert get.status_code == 200
        assert response.status_code == 302
        assert reload(env_project).is_deleted
    else:
        assert get.status_code == 403
        assert response.status_code == 403
        assert not reload(env_project).is_deleted


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("as_coordinator", True), ("as_env_editor", False), ("as_water_editor", False), ("as_viewer", False)],
)
def test_restore_is_for_coordinators_only(request, who, allowed, env_project, env_editor):
    actions.delete_project(env_project, acting_user=env_editor)
    client = request.getfixturevalue(who)
    response = client.post(f"/projects/{env_project.pk}/restore/")
    if allowed:
        assert response.status_code == 302
        assert not reload(env_project).is_deleted
    else:
        assert response.status_code == 403
        assert reload(env_project).is_deleted


def test_deleted_list_is_for_coordinators_only(as_coordinator, as_env_editor, env_project, env_editor):
    actions.delete_project(env_project, acting_user=env_editor)
    page = as_coordinator.get("/projects/deleted/")
    assert page.status_code == 200
    assert "海防市環境協力" in page.content.decode()
    assert as_env_editor.get("/projects/deleted/").status_code == 403


def test_deleted_project_is_hidden_from_editors_but_shown_to_coordinators(
    as_env_editor, as_coordinator, env_project, env_editor
):
    actions.delete_project(env_project, acting_user=env_editor)
    assert as_env_editor.get(f"/projects/{env_project.pk}/").status_code == 404
    assert as_env_editor.get(f"/projects/{env_project.pk}/edit/").status_code == 404
    page = as_coordinator.get(f"/projects/{env_project.pk}/")
    assert page.status_code == 200
    assert "この事業は" in page.content.decode() and f"/projects/{env_project.pk}/restore/" in page.content.decode()


# --- admin for coordinators ----------------------------------------------------------------------


def test_coordinator_edits_in_the_admin_with_history_and_a_new_version(as_coordinator, env_project, coordinator):
    url = f"/admin/portfolio/project/{env_project.pk}/change/"
    assert as_coordinator.get(url).status_code == 200
    data = {
        "title_ja": "管理画面で修正",
        "title_en": env_project.title_en,
        "summary": "",
        "lead_department": env_project.lead_department_id,
        "status": "running",
        "start_date": "2024-04-01",
        "end_date": "2027-03-31",
        "results": "",
        "seen_version": env_project.version,
    }
    for prefix in ("partners", "budget_lines", "links"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    # The inline rows stay as they are: declare them unchanged.
    rows = {"partners": env_project.partners.all(), "budget_lines": env_project.budget_lines.all()}
    for prefix, items in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = len(items)
        for index, item in enumerate(items):
            data[f"{prefix}-{index}-id"] = item.pk
            data[f"{prefix}-{index}-project"] = env_project.pk
            for field in ("place", "organisation", "role", "fiscal_year", "source", "amount_jpy", "currency"):
                if hasattr(item, field):
                    value = getattr(item, f"{field}_id", None) if field in ("place", "organisation") else getattr(item, field)
                    data[f"{prefix}-{index}-{field}"] = "" if value is None else value
    response = as_coordinator.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = reload(env_project)
    assert stored.title_ja == "管理画面で修正"
    assert stored.version == env_project.version + 1
    assert stored.history.first().history_user == coordinator
    # A stale form (the version seen before) is refused.
    data["title_ja"] = "古い版からの上書き"
    response = as_coordinator.post(url, data)
    assert response.status_code == 200
    assert reload(env_project).title_ja == "管理画面で修正"


def test_admin_delete_is_a_soft_delete(as_coordinator, env_project):
    response = as_coordinator.post(f"/admin/portfolio/project/{env_project.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    stored = reload(env_project)
    assert stored.is_deleted
    assert BudgetLine.objects.filter(project=stored).count() == 1


def test_reference_data_in_the_admin_is_changed_by_coordinators(coordinator, water_editor):
    from tsunagu.portfolio.models import Field

    admin = site._registry[Field]
    request = RequestFactory().get("/")
    request.user = coordinator
    assert admin.has_change_permission(request) and admin.has_add_permission(request)
    User.objects.filter(pk=water_editor.pk).update(is_staff=True)
    request.user = User.objects.get(pk=water_editor.pk)
    assert admin.has_view_permission(request)
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)


def test_an_editor_with_one_department_finds_it_chosen_on_the_new_project_form(as_env_editor, env_bureau):
    page = as_env_editor.get("/projects/new/").content.decode()
    assert f'<option value="{env_bureau.pk}" selected>環境局</option>' in page


@pytest.mark.parametrize(
    "path",
    [
        "/admin/portfolio/project/",
        "/admin/portfolio/project/add/",
        "/admin/portfolio/project/{pk}/change/",
        "/admin/portfolio/project/{pk}/history/",
        "/admin/portfolio/field/",
        "/admin/portfolio/activitytype/",
        "/admin/portfolio/sdggoal/{goal}/change/",
    ],
)
def test_admin_pages_open_for_coordinators(as_coordinator, env_project, path):
    from tsunagu.portfolio.models import SdgGoal

    url = path.format(pk=env_project.pk, goal=SdgGoal.objects.get(number=1).pk)
    assert as_coordinator.get(url).status_code == 200


def test_admin_refuses_a_new_projects_budget_year_outside_its_period(as_coordinator, env_bureau):
    """The admin's add form runs the same 年度 check as the project form, though the project has no id yet."""
    from tsunagu.portfolio.models import Project

    data = {
        "title_ja": "管理画面で新規", "title_en": "", "summary": "", "lead_department": env_bureau.pk,
        "status": "planned", "start_date": "2027-04-01", "end_date": "2028-03-31", "results": "",
        "partners-TOTAL_FORMS": 0, "partners-INITIAL_FORMS": 0,
        "links-TOTAL_FORMS": 0, "links-INITIAL_FORMS": 0,
        "budget_lines-TOTAL_FORMS": 1, "budget_lines-INITIAL_FORMS": 0,
        "budget_lines-0-fiscal_year": 2024, "budget_lines-0-source": "city",
        "budget_lines-0-amount_jpy": 1000000, "budget_lines-0-currency": "JPY",
    }
    response = as_coordinator.post("/admin/portfolio/project/add/", data)
    assert response.status_code == 200
    assert "この年度は事業期間の範囲外です。" in response.content.decode()
    assert not Project.all_objects.filter(title_ja="管理画面で新規").exists()
    data["budget_lines-0-fiscal_year"] = 2027
    response = as_coordinator.post("/admin/portfolio/project/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Project.objects.get(title_ja="管理画面で新規").budget_lines.get().fiscal_year == 2027


@pytest.mark.parametrize(
    "url",
    ["/projects/deleted/", "/partners/places/deleted/", "/partners/organisations/deleted/", "/programs/deleted/"],
)
def test_an_editor_opening_a_deleted_records_list_is_told_why_not_about_changing(as_env_editor, url):
    response = as_env_editor.get(url)
    assert response.status_code == 403
    page = response.content.decode()
    assert "削除された記録の一覧は国際政策課" in page
    assert "変更する権限がありません" not in page


def test_a_refused_change_still_explains_who_may_change_what(as_water_editor, env_project):
    page = as_water_editor.get(f"/projects/{env_project.pk}/edit/").content.decode()
    assert "この記録を変更する権限がありません" in page
