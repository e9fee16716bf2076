"""Moves in the tree, deleting and restoring nodes, and the history of every change."""

import pytest

from tests.formpage import form_values
from tsunagu.coordination.policy import actions
from tsunagu.coordination.policy.models import PolicyLink, PolicyNode

from .conftest import link

pytestmark = pytest.mark.django_db


def edit_page(client, node):
    return client.get(f"/coordination/policy/{node.pk}/edit/").content.decode()


def test_moving_a_node_under_another_branch_keeps_its_children(as_coordinator, framework):
    data = form_values(edit_page(as_coordinator, framework["cooperation"]), action="")
    data["parent"] = str(framework["economy"].pk)
    assert as_coordinator.post(f"/coordination/policy/{framework['cooperation'].pk}/edit/", data).status_code == 302
    framework["cooperation"].refresh_from_db()
    assert framework["cooperation"].parent == framework["economy"]
    assert PolicyNode.objects.get(pk=framework["water"].pk).parent == framework["cooperation"]


@pytest.mark.parametrize("below", ["water", "cooperation"])
def test_moving_a_node_under_its_own_descendant_is_refused_with_a_clear_message(as_coordinator, framework, below):
    outline = framework["outline"] if below == "cooperation" else framework["cooperation"]
    data = form_values(edit_page(as_coordinator, outline), action="")
    data["parent"] = str(framework[below].pk)
    response = as_coordinator.post(f"/coordination/policy/{outline.pk}/edit/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "ループ" in page  # 「…その下にあるノードの下には置けません（ループになります）」
    outline.refresh_from_db()
    assert outline.parent_id != framework[below].pk
    assert outline.version == 1


def test_the_action_refuses_a_loop_too(coordinator, framework):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        actions.update_node(framework["plan"], {"parent": framework["network"]}, acting_user=coordinator, seen_version=1)
    assert "parent" in refused.value.error_dict
    framework["plan"].refresh_from_db()
    assert framework["plan"].parent is None


def test_a_node_with_children_cannot_be_deleted(as_coordinator, framework):
    page = as_coordinator.get(f"/coordination/policy/{framework['cooperation'].pk}/delete/").content.decode()
    assert "海外水ビジネス" in page
    as_coordinator.post(f"/coordination/policy/{framework['cooperation'].pk}/delete/", {"seen_version": "1"})
    assert PolicyNode.objects.filter(pk=framework["cooperation"].pk).exists()


def test_delete_and_restore_a_node_with_its_links_and_history(as_coordinator, coordinator, framework, water_project):
    water = framework["water"]
    link(water, water_project)
    page = as_coordinator.get(f"/coordination/policy/{water.pk}/delete/").content.decode()
    response = as_coordinator.post(f"/coordination/policy/{water.pk}/delete/", form_values(page, action=""))
    assert response.status_code == 302
    assert not PolicyNode.objects.filter(pk=water.pk).exists()
    tree = as_coordinator.get("/coordination/policy/").content.decode()
    assert "海外水ビジネス" not in tree.split('data-testid="policy-tree"')[1]
    assert "海外水ビジネス" in as_coordinator.get("/coordination/policy/deleted/").content.decode()

    page = as_coordinator.get(f"/coordination/policy/{water.pk}/restore/").content.decode()
    assert as_coordinator.post(f"/coordination/policy/{water.pk}/restore/", form_values(page, action="")).status_code == 302
    assert PolicyNode.objects.filter(pk=water.pk).exists()
    assert PolicyLink.objects.filter(node=water, project=water_project).exists()

    kinds = [r.history_type for r in PolicyNode.history.filter(id=water.pk).order_by("history_date")]
    assert kinds == ["+", "~", "~"]
    history = as_coordinator.get(f"/coordination/policy/{water.pk}/").content.decode()
    assert "削除" in history and "復元" in history and "coordinator" in history


def test_deleted_nodes_are_hidden_from_editors_and_viewers(as_water_editor, as_viewer, coordinator, framework):
    actions.delete_node(framework["network"], acting_user=coordinator)
    for client in (as_water_editor, as_viewer):
        assert client.get(f"/coordination/policy/{framework['network'].pk}/").status_code == 404
        assert client.get("/coordination/policy/deleted/").status_code == 403
        assert client.post(f"/coordination/policy/{framework['network'].pk}/restore/").status_code == 403


def test_a_node_under_a_deleted_node_cannot_be_restored_first(coordinator, framework):
    from django.core.exceptions import ValidationError

    actions.delete_node(framework["network"], acting_user=coordinator)
    actions.delete_node(framework["economy"], acting_user=coordinator)
    with pytest.raises(ValidationError):
        actions.restore_node(framework["network"], acting_user=coordinator)
    actions.restore_node(framework["economy"], acting_user=coordinator)
    actions.restore_node(framework["network"], acting_user=coordinator)


def test_an_edit_over_someone_elses_change_is_refused(as_coordinator, coordinator, framework):
    page = edit_page(as_coordinator, framework["water"])
    actions.update_node(framework["water"], {"name_ja": "上下水道の海外展開"}, acting_user=coordinator, seen_version=1)
    data = form_values(page, action="")
    data["name_ja"] = "水ビジネス"
    response = as_coordinator.post(f"/coordination/policy/{framework['water'].pk}/edit/", data)
    assert response.status_code == 409
    assert PolicyNode.objects.get(pk=framework["water"].pk).name_ja == "上下水道の海外展開"


def test_edits_are_in_the_history_with_who_and_what(as_coordinator, framework):
    data = form_values(edit_page(as_coordinator, framework["water"]), action="")
    data["name_ja"] = "上下水道の海外展開"
    as_coordinator.post(f"/coordination/policy/{framework['water'].pk}/edit/", data)
    page = as_coordinator.get(f"/coordination/policy/{framework['water'].pk}/").content.decode()
    history = page[page.find('id="history-heading"'):]
    assert "海外水ビジネス → 上下水道の海外展開" in history
    assert "coordinator" in history


def test_attaching_and_detaching_are_recorded_with_who(as_water_editor, water_editor, framework, water_project):
    water = framework["water"]
    as_water_editor.post(f"/coordination/policy/{water.pk}/link/", {"project": water_project.pk})
    attached = PolicyLink.objects.get()
    as_water_editor.post(f"/coordination/policy/links/{attached.pk}/remove/")
    assert not PolicyLink.objects.exists()
    records = list(PolicyLink.history.order_by("history_date"))
    assert [(r.history_type, r.history_user) for r in records] == [("+", water_editor), ("-", water_editor)]
    page = as_water_editor.get(f"/coordination/policy/{water.pk}/").content.decode()
    assert "ハイフォン下水道協力" in page.split("id=\"links-heading\"")[1]


def test_a_delete_over_someone_elses_change_is_refused_with_a_clear_message(as_coordinator, coordinator, framework):
    url = f"/coordination/policy/{framework['network'].pk}/delete/"
    data = form_values(as_coordinator.get(url).content.decode(), action="")
    actions.update_node(framework["network"], {"name_ja": "東アジア都市ネットワーク"}, acting_user=coordinator, seen_version=1)
    page = as_coordinator.post(url, data, follow=True).content.decode()
    assert "他の職員がこの記録を保存しました" in page
    assert not PolicyNode.all_objects.get(pk=framework["network"].pk).is_deleted
    data = form_values(as_coordinator.get(url).content.decode(), action="")  # the page shows the new version
    assert as_coordinator.post(url, data).status_code == 302
    assert PolicyNode.all_objects.get(pk=framework["network"].pk).is_deleted
