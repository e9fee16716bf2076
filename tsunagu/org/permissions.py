"""Who may change what. Every view, form, action and admin page asks here.

- administrators and coordinators: every record;
- department editors: records owned by their departments (and departments below);
  shared reference data (places, organisations);
- viewers and anonymous users: nothing.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def can_edit_department_records(user, department_ids: Iterable[int | None]) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_coordinator:
        return True
    ids = {pk for pk in department_ids if pk is not None}
    return bool(ids) and ids <= user.editable_department_ids


def can_edit_reference_data(user) -> bool:
    """Places and organisations are shared: any editor may add or correct them."""
    return getattr(user, "is_authenticated", False) and (user.is_coordinator or user.is_editor)


def can_coordinate(user) -> bool:
    """Agreements, networks, restoring deleted records: the coordinator's work."""
    return getattr(user, "is_authenticated", False) and user.is_coordinator


def require(allowed: bool) -> None:
    """Refuse a change; the 403 page explains who may change what."""
    if not allowed:
        raise PermissionDenied(_("You do not have permission to change this record."))


# The 403 page shows this reason instead of its general "you may not change this record".
DELETED_RECORDS_REASON = gettext_lazy(
    "Deleted records are listed for the International Policy Division, which decides whether to "
    "restore them. You can read every record in use; ask the International Policy Division if "
    "you need a deleted one."
)


class ReadRefused(PermissionDenied):
    """A refusal to show something (not to change it): the 403 page shows ``reason`` as it is."""

    def __init__(self, reason) -> None:
        super().__init__(reason)
        self.reason = reason


def require_deleted_records_access(user) -> None:
    """Lists of deleted records are the coordinator's (they restore them); others are told so."""
    if not can_coordinate(user):
        raise ReadRefused(DELETED_RECORDS_REASON)


def is_administrator(user) -> bool:
    """The system administrator: manages accounts and the department tree."""
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == user.Role.ADMINISTRATOR
    )


def can_manage_accounts(user) -> bool:
    """Add, change or remove users and departments: administrators only."""
    return is_administrator(user)


def can_view_accounts(user) -> bool:
    """See users and departments in the admin: coordinators (who assign work) and administrators."""
    return can_coordinate(user)
