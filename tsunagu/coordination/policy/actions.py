"""Every write to the policy framework: checked, atomic, attributed in the history.

- nodes (create, update — including moves in the tree —, delete, restore) are the
  coordinator's; the signatures match ``partners.actions`` so the admin shares its base;
- attaching a project to a node and detaching it belong to whoever may edit the project
  (its department's editors, the coordinator): ``link_project`` / ``unlink_project``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tsunagu.core.concurrency import claim_version
from tsunagu.org.permissions import can_coordinate, require
from tsunagu.portfolio.models import Project
from tsunagu.portfolio.queries import may_edit_project

from .models import PolicyLink, PolicyNode

NODE_FIELDS = ("level", "name_ja", "name_en", "parent", "description", "adopted_on", "sort_order", "is_sample")


def _apply(node: PolicyNode, values: Mapping[str, Any]) -> None:
    unknown = set(values) - set(NODE_FIELDS)
    if unknown:
        raise TypeError(f"not editable on a policy node: {sorted(unknown)}")
    for name, value in values.items():
        setattr(node, name, value)


def _lock_tree() -> None:
    """Serialise tree moves: two moves checked at once could together make a loop."""
    list(PolicyNode.all_objects.select_for_update().values_list("pk", flat=True))


def create_node(values: Mapping[str, Any], *, acting_user) -> PolicyNode:
    require(can_coordinate(acting_user))
    node = PolicyNode()
    _apply(node, values)
    with transaction.atomic():
        node.full_clean()
        node._history_user = acting_user
        node.save()
    return node


def update_node(node: PolicyNode, values: Mapping[str, Any], *, acting_user, seen_version: int | None) -> PolicyNode:
    """Save new values (a new parent moves the node with its branch); a loop is refused."""
    require(can_coordinate(acting_user))
    if node.is_deleted:
        raise ValidationError(_("This record has been deleted; restore it before editing."))
    _apply(node, values)
    with transaction.atomic():
        _lock_tree()
        node.full_clean()
        claim_version(node, seen_version)
        node._history_user = acting_user
        node.save()
    return node


def node_blockers(node: PolicyNode) -> list[str]:
    """Why a node cannot be deleted now: live nodes below it."""
    children = list(PolicyNode.objects.filter(parent=node).values_list("name_ja", flat=True)[:5])
    if not children:
        return []
    return [_("nodes below it (%(names)s)") % {"names": "、".join(children)}]


def delete_node(node: PolicyNode, *, acting_user, seen_version: int | None = None) -> None:
    """Hide a node; its project links stay and come back with a restore. Refused while it has live children."""
    require(can_coordinate(acting_user))
    if node.is_deleted:
        raise ValidationError(_("This record is already deleted."))
    with transaction.atomic():
        _lock_tree()
        if reasons := node_blockers(node):
            raise ValidationError(
                _("It cannot be deleted while other records refer to it (%(what)s). Delete or change them first.")
                % {"what": "、".join(reasons)}
            )
        claim_version(node, seen_version)
        node.mark_deleted()
        node._history_user = acting_user
        node.save()


def restore_node(node: PolicyNode, *, acting_user, seen_version: int | None = None) -> None:
    require(can_coordinate(acting_user))
    if not node.is_deleted:
        raise ValidationError(_("This record is not deleted."))
    with transaction.atomic():
        _lock_tree()
        if node.parent_id and PolicyNode.all_objects.filter(pk=node.parent_id, deleted_at__isnull=False).exists():
            raise ValidationError(
                _("Restore first the deleted records it refers to (%(what)s).") % {"what": str(node.parent)}
            )
        claim_version(node, seen_version)
        node.mark_restored()
        node._history_user = acting_user
        node.save()


def link_project(node: PolicyNode, project: Project, *, acting_user, note: str = "") -> PolicyLink:
    """Attach ``project`` to ``node``: the project's department editors or a coordinator."""
    require(may_edit_project(acting_user, project))
    if node.is_deleted or project.is_deleted:
        raise ValidationError(_("A deleted node or project cannot be linked."))
    link = PolicyLink(node=node, project=project, note=note)
    try:
        with transaction.atomic():
            link.full_clean()
            link._history_user = acting_user
            link.save()
    except IntegrityError as error:  # the same link saved at the same moment by someone else
        raise ValidationError(_("This project is already attached to this node.")) from error
    return link


def unlink_project(link: PolicyLink, *, acting_user) -> None:
    """Detach a project from a node (the link's history keeps who did it and when)."""
    require(may_edit_project(acting_user, link.project))
    with transaction.atomic():
        link._history_user = acting_user
        link.delete()
