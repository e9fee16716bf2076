"""Coordinators shape the tree; editors attach only their own department's projects; viewers read."""

import pytest

from tests.formpage import form_values, select_options
from tsunagu.coordination.policy.models import PolicyLink, PolicyNode

from .conftest import link

pytestmark = pytest.mark.django_db

NODE_PAGES = ["/coordination/policy/new/", "/coordination/policy/{pk}/edit/", "/coordination/policy/{pk}/delete/"]


@pytest.mark.parametrize("client_name", ["as_water_editor", "as_viewer"])
@pytest.mark.parametrize("url", NODE_PAGES)
def test_editors_and_viewers_cannot_open_or_post_node_forms(request, client_name, url, framework):
    client = request.getfixturevalue(client_name)
    target = url.format(pk=framework["water"].pk)
    assert client.get(target).status_code == 403
    before = PolicyNode.history.count()
    response = client.post(target, {"level": "measure", "name_ja": "勝手な施策", "sort_order": "0"})
    assert response.status_code == 403
    assert PolicyNode.history.count() == before
    assert PolicyNode.objects.filter(pk=framework["water"].pk).exists()


def test_editors_and_viewers_see_no_edit_buttons(as_water_editor, framework):
    page = as_water_editor.get(f"/coordination/policy/{framework['water'].pk}/").content.decode()
    assert f"/coordination/policy/{framework['water'].pk}/edit/" not in page
    assert "/coordination/policy/new/" not in page


def test_coordinator_creates_a_node_by_submitting_the_form_as_shown(as_coordinator, coordinator, framework):
    page = as_coordinator.get(f"/coordination/policy/new/?parent={framework['cooperation'].pk}").content.decode()
    data = form_values(page, action="")
    data.update(name_ja="専門家派遣", name_en="Expert dispatch")
    response = as_coordinator.post("/coordination/policy/new/", data)
    assert response.status_code == 302
    created = PolicyNode.objects.get(name_ja="専門家派遣")
    assert created.parent == framework["cooperation"]
    assert created.history.get().history_user == coordinator


def test_editor_can_attach_only_own_departments_projects_on_the_node_page(
    as_water_editor, water_editor, framework, water_project, env_project
):
    url = f"/coordination/policy/{framework['water'].pk}/"
    page = as_water_editor.get(url).content.decode()
    choices = select_options(page, "project", testid="link-project-form")
    assert str(water_project.pk) in choices and str(env_project.pk) not in choices

    data = form_values(page, testid="link-project-form")
    data["project"] = str(water_project.pk)
    assert as_water_editor.post(f"{url}link/", data).status_code == 302
    attached = PolicyLink.objects.get()
    assert attached.project == water_project
    assert attached.history.get().history_user == water_editor


def test_editor_cannot_attach_another_departments_project_by_direct_post(as_water_editor, framework, env_project):
    url = f"/coordination/policy/{framework['water'].pk}/"
    response = as_water_editor.post(f"{url}link/", {"project": env_project.pk}, follow=True)
    assert not PolicyLink.objects.exists()
    assert "選択したプロジェクト" in response.content.decode() or "正しく選択" in response.content.decode()


def test_editor_cannot_attach_another_departments_project_from_its_project_page(as_water_editor, framework, env_project):
    page = as_water_editor.get(f"/projects/{env_project.pk}/").content.decode()
    assert 'data-testid="link-node-form"' not in page
    response = as_water_editor.post(
        f"/coordination/policy/project/{env_project.pk}/link/", {"node": framework["water"].pk}
    )
    assert response.status_code == 403
    assert not PolicyLink.objects.exists()


def test_editor_cannot_detach_another_departments_project(as_water_editor, framework, env_project):
    attached = link(framework["network"], env_project)
    assert as_water_editor.post(f"/coordination/policy/links/{attached.pk}/remove/").status_code == 403
    assert PolicyLink.objects.filter(pk=attached.pk).exists()


def test_viewer_reads_the_tree_and_nodes_but_cannot_attach(as_viewer, framework, water_project):
    assert as_viewer.get("/coordination/policy/").status_code == 200
    page = as_viewer.get(f"/coordination/policy/{framework['water'].pk}/").content.decode()
    assert 'data-testid="link-project-form"' not in page
    response = as_viewer.post(f"/coordination/policy/{framework['water'].pk}/link/", {"project": water_project.pk})
    assert response.status_code == 302
    assert not PolicyLink.objects.exists()
    assert as_viewer.post(
        f"/coordination/policy/project/{water_project.pk}/link/", {"node": framework["water"].pk}
    ).status_code == 403
    assert not PolicyLink.objects.exists()


def test_coordinator_attaches_any_project(as_coordinator, framework, env_project):
    response = as_coordinator.post(f"/coordination/policy/{framework['water'].pk}/link/", {"project": env_project.pk})
    assert response.status_code == 302
    assert PolicyLink.objects.filter(project=env_project, node=framework["water"]).exists()
