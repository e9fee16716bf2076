"""The project page shows the nodes the project serves; its owners attach and detach them there."""

import pytest

from tests.formpage import form_values
from tsunagu.coordination.policy.models import PolicyLink

from .conftest import link

pytestmark = pytest.mark.django_db


def test_panel_lists_the_nodes_and_lets_the_owner_attach_another(as_water_editor, framework, water_project):
    link(framework["water"], water_project)
    page = as_water_editor.get(f"/projects/{water_project.pk}/").content.decode()
    assert 'id="panel-policy"' in page and "海外水ビジネス" in page
    data = form_values(page, testid="link-node-form")
    data["node"] = str(framework["trainees"].pk)
    response = as_water_editor.post(f"/coordination/policy/project/{water_project.pk}/link/", data)
    assert response.status_code == 302 and response["Location"] == f"/projects/{water_project.pk}/"
    assert set(PolicyLink.objects.values_list("node_id", flat=True)) == {framework["water"].pk, framework["trainees"].pk}


def test_panel_detach_returns_to_the_project(as_water_editor, framework, water_project):
    attached = link(framework["water"], water_project)
    page = as_water_editor.get(f"/projects/{water_project.pk}/").content.decode()
    data = form_values(page, action=f"/coordination/policy/links/{attached.pk}/remove/")
    response = as_water_editor.post(f"/coordination/policy/links/{attached.pk}/remove/", data)
    assert response["Location"] == f"/projects/{water_project.pk}/"
    assert not PolicyLink.objects.exists()


def test_viewer_sees_the_panel_without_forms(as_viewer, framework, water_project):
    link(framework["water"], water_project)
    page = as_viewer.get(f"/projects/{water_project.pk}/").content.decode()
    assert "海外水ビジネス" in page
    assert 'data-testid="link-node-form"' not in page
    assert "/remove/" not in page


def test_attaching_twice_is_refused_with_a_message(as_water_editor, framework, water_project):
    link(framework["water"], water_project)
    response = as_water_editor.post(
        f"/coordination/policy/project/{water_project.pk}/link/", {"node": framework["water"].pk}, follow=True
    )
    assert PolicyLink.objects.count() == 1
    assert "既に" in response.content.decode()


def test_search_finds_a_node(as_viewer, framework):
    from tsunagu.search.index import rebuild_index

    rebuild_index(["policynode"])
    page = as_viewer.get("/search/", {"q": "大綱"}).content.decode()
    assert "北九州市国際政策推進大綱2011" in page
