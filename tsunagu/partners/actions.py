"""Every write to partners records: create, update, delete (soft) and restore.

Each function takes the acting user as a keyword, checks permission through
``tsunagu.org.permissions``, validates the whole record (``full_clean``), runs
in one transaction, records the acting user in the history, and refuses to
save over a change someone else made since the form was rendered (the
``seen_version`` the form carried; see ``tsunagu.core.concurrency``).

The partners views and admin write through here; other writers (importers,
the API) should too, so that the rules hold whatever the entry point.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tsunagu.core.concurrency import claim_version
from tsunagu.org.permissions import can_coordinate, can_edit_reference_data, require
from tsunagu.partners.models import Agreement, Network, NetworkMembership, Organisation, Place

Record = TypeVar("Record", Place, Organisation, Agreement, Network)


def editable_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The fields a user may set on a record (not its id, version or deletion mark)."""
    return tuple(
        f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key
    )


@contextmanager
def _atomic_write() -> Iterator[None]:
    """One transaction; a database constraint that still fires becomes a validation error."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        # Validation runs first, so this only happens when two people create the
        # same record at the same moment.
        raise ValidationError(
            _("This would duplicate an existing record, or another record was changed at the same time. Nothing was saved.")
        ) from error


def _apply(instance: models.Model, values: Mapping[str, Any]) -> None:
    allowed = editable_fields(type(instance))
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"not editable on {type(instance).__name__}: {sorted(unknown)}")
    for name, value in values.items():
        setattr(instance, name, value)


def _save(instance: models.Model, *, acting_user, seen_version: int | None, creating: bool) -> None:
    instance.full_clean()
    if not creating:
        claim_version(instance, seen_version)
    instance._history_user = acting_user
    instance.save()


def _create(model: type[Record], values: Mapping[str, Any], *, acting_user, allowed: bool) -> Record:
    require(allowed)
    instance = model()
    _apply(instance, values)
    with _atomic_write():
        _save(instance, acting_user=acting_user, seen_version=None, creating=True)
    return instance


def _update(
    instance: Record, changes: Mapping[str, Any], *, acting_user, seen_version: int | None, allowed: bool
) -> Record:
    require(allowed)
    if instance.is_deleted:
        raise ValidationError(_("This record has been deleted; restore it before editing."))
    _apply(instance, changes)
    with _atomic_write():
        _save(instance, acting_user=acting_user, seen_version=seen_version, creating=False)
    return instance


def _delete(
    instance: Record,
    *,
    acting_user,
    seen_version: int | None,
    blockers: Callable[[Record], list[str]] | None = None,
) -> None:
    require(can_coordinate(acting_user))
    if instance.is_deleted:
        raise ValidationError(_("This record is already deleted."))
    with _atomic_write():
        reasons = blockers(instance) if blockers else []
        if reasons:
            raise ValidationError(
                _("It cannot be deleted while other records refer to it (%(what)s). Delete or change them first.")
                % {"what": "、".join(reasons)}
            )
        claim_version(instance, seen_version)
        instance.mark_deleted()
        instance._history_user = acting_user
        instance.save()


def deleted_references(instance: models.Model) -> list[str]:
    """The deleted records this one points at (its parent place, its partner…)."""
    targets = [
        (field.verbose_name, getattr(instance, field.name))
        for field in instance._meta.concrete_fields
        if field.many_to_one
    ]
    return [f"{label}: {target}" for label, target in targets if getattr(target, "is_deleted", False)]


def _restore(instance: Record, *, acting_user, seen_version: int | None) -> None:
    require(can_coordinate(acting_user))
    if not instance.is_deleted:
        raise ValidationError(_("This record is not deleted."))
    if references := deleted_references(instance):
        raise ValidationError(
            _("Restore first the deleted records it refers to (%(what)s).") % {"what": "、".join(references)}
        )
    with _atomic_write():
        claim_version(instance, seen_version)
        instance.mark_restored()
        instance._history_user = acting_user
        instance.save()


# Places -------------------------------------------------------------------


def place_blockers(place: Place) -> list[str]:
    """Live records that would point at the place if it were deleted."""
    reasons = []
    if n := place.agreements.count():
        reasons.append(ngettext("%(count)d agreement", "%(count)d agreements", n) % {"count": n})
    if n := place.children.count():
        reasons.append(
            ngettext("%(count)d place within it", "%(count)d places within it", n) % {"count": n}
        )
    if n := place.organisations.count():
        reasons.append(ngettext("%(count)d organisation", "%(count)d organisations", n) % {"count": n})
    if n := place.network_memberships.filter(network__deleted_at__isnull=True).count():
        reasons.append(
            ngettext("%(count)d network membership", "%(count)d network memberships", n) % {"count": n}
        )
    return reasons


def create_place(values: Mapping[str, Any], *, acting_user) -> Place:
    return _create(Place, values, acting_user=acting_user, allowed=can_edit_reference_data(acting_user))


def update_place(place: Place, changes: Mapping[str, Any], *, acting_user, seen_version: int | None) -> Place:
    return _update(
        place, changes, acting_user=acting_user, seen_version=seen_version,
        allowed=can_edit_reference_data(acting_user),
    )


def delete_place(place: Place, *, acting_user, seen_version: int | None = None) -> None:
    _delete(place, acting_user=acting_user, seen_version=seen_version, blockers=place_blockers)


def restore_place(place: Place, *, acting_user, seen_version: int | None = None) -> None:
    _restore(place, acting_user=acting_user, seen_version=seen_version)


# Organisations ----------------------------------------------------------------


def organisation_blockers(organisation: Organisation) -> list[str]:
    n = organisation.agreements.count()
    return [ngettext("%(count)d agreement", "%(count)d agreements", n) % {"count": n}] if n else []


def create_organisation(values: Mapping[str, Any], *, acting_user) -> Organisation:
    return _create(
        Organisation, values, acting_user=acting_user, allowed=can_edit_reference_data(acting_user)
    )


def update_organisation(
    organisation: Organisation, changes: Mapping[str, Any], *, acting_user, seen_version: int | None
) -> Organisation:
    return _update(
        organisation, changes, acting_user=acting_user, seen_version=seen_version,
        allowed=can_edit_reference_data(acting_user),
    )


def delete_organisation(organisation: Organisation, *, acting_user, seen_version: int | None = None) -> None:
    _delete(organisation, acting_user=acting_user, seen_version=seen_version, blockers=organisation_blockers)


def restore_organisation(organisation: Organisation, *, acting_user, seen_version: int | None = None) -> None:
    _restore(organisation, acting_user=acting_user, seen_version=seen_version)


# Agreements ----------------------------------------------------------------------


def create_agreement(values: Mapping[str, Any], *, acting_user) -> Agreement:
    return _create(Agreement, values, acting_user=acting_user, allowed=can_coordinate(acting_user))


def update_agreement(
    agreement: Agreement, changes: Mapping[str, Any], *, acting_user, seen_version: int | None
) -> Agreement:
    return _update(
        agreement, changes, acting_user=acting_user, seen_version=seen_version,
        allowed=can_coordinate(acting_user),
    )


def delete_agreement(agreement: Agreement, *, acting_user, seen_version: int | None = None) -> None:
    _delete(agreement, acting_user=acting_user, seen_version=seen_version)


def restore_agreement(agreement: Agreement, *, acting_user, seen_version: int | None = None) -> None:
    _restore(agreement, acting_user=acting_user, seen_version=seen_version)


# Networks and their members ---------------------------------------------------------


@dataclass(frozen=True)
class MembershipChange:
    """One row of a network's member list as edited: a new member, a change, or a removal."""

    place: Place | None
    role: str = NetworkMembership.Role.MEMBER
    joined_on: datetime.date | None = None
    left_on: datetime.date | None = None
    membership_id: int | None = None
    remove: bool = False


def _apply_memberships(network: Network, changes: list[MembershipChange], acting_user) -> None:
    existing = {m.pk: m for m in network.memberships.all()}
    unknown = {c.membership_id for c in changes if c.membership_id is not None} - set(existing)
    if unknown:
        raise ValidationError(_("A member row does not belong to this network. Reload the page and try again."))
    # Removals first, so that a place removed and added again in one edit does not clash.
    for change in changes:
        if change.remove and change.membership_id is not None:
            membership = existing[change.membership_id]
            membership._history_user = acting_user
            membership.delete()
    errors: list[ValidationError] = []
    for change in changes:
        if change.remove:
            continue
        if change.membership_id is not None:
            membership = existing[change.membership_id]
        else:
            membership = NetworkMembership(network=network)
        membership.place = change.place
        membership.role = change.role
        membership.joined_on = change.joined_on
        membership.left_on = change.left_on
        try:
            membership.full_clean()
        except ValidationError as error:
            errors.append(error)
            continue
        membership._history_user = acting_user
        membership.save()
    if errors:
        raise ValidationError(errors)


def create_network(
    values: Mapping[str, Any], *, acting_user, memberships: list[MembershipChange] | None = None
) -> Network:
    require(can_coordinate(acting_user))
    network = Network()
    _apply(network, values)
    with _atomic_write():
        _save(network, acting_user=acting_user, seen_version=None, creating=True)
        _apply_memberships(network, memberships or [], acting_user)
    return network


def update_network(
    network: Network,
    changes: Mapping[str, Any],
    *,
    acting_user,
    seen_version: int | None,
    memberships: list[MembershipChange] | None = None,
) -> Network:
    require(can_coordinate(acting_user))
    if network.is_deleted:
        raise ValidationError(_("This record has been deleted; restore it before editing."))
    _apply(network, changes)
    with _atomic_write():
        # The network's version also guards its member list.
        _save(network, acting_user=acting_user, seen_version=seen_version, creating=False)
        _apply_memberships(network, memberships or [], acting_user)
    return network


def delete_network(network: Network, *, acting_user, seen_version: int | None = None) -> None:
    _delete(network, acting_user=acting_user, seen_version=seen_version)


def restore_network(network: Network, *, acting_user, seen_version: int | None = None) -> None:
    _restore(network, acting_user=acting_user, seen_version=seen_version)
