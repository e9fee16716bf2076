"""Who may manage which subscription, and every write to one.

- anyone signed in manages their own user subscription;
- a department's subscription is managed by the editors of that department
  (or of a department above it);
- coordinators manage every subscription.

Writes are atomic and recorded in the history with the acting user.
Unsubscribing from the digest through the e-mail's signed link needs no
login (``unsubscribe_by_token``): the signature is the proof.
"""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from tsunagu.org.models import Department
from tsunagu.org.permissions import can_coordinate, can_edit_department_records, require

from ..models import Subscription

UNSUBSCRIBE_SALT = "tsunagu.programs.digest.unsubscribe"


def may_manage_subscription(user, subscription: Subscription) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if can_coordinate(user):
        return True
    if subscription.user_id is not None:
        return subscription.user_id == user.pk
    return can_edit_department_records(user, {subscription.department_id})


def may_manage_department_subscription(user, department: Department) -> bool:
    return can_edit_department_records(user, {department.pk})


def manageable_departments(user) -> QuerySet[Department]:
    """Departments whose subscription this user may create or change."""
    if can_coordinate(user):
        return Department.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Department.objects.none()
    return Department.objects.filter(pk__in=user.editable_department_ids)


def subscription_queryset() -> QuerySet[Subscription]:
    return Subscription.objects.select_related("department", "user").prefetch_related(
        "fields", "providers", "activity_types"
    )


def visible_subscriptions(user) -> list[Subscription]:
    """Own subscription, the subscriptions of the user's departments (read-only for viewers), or all (coordinators)."""
    queryset = subscription_queryset()
    if not can_coordinate(user):
        own_departments = Department.subtree_ids(set(user.departments.values_list("pk", flat=True)))
        queryset = queryset.filter(user=user) | queryset.filter(
            department_id__in=own_departments | set(user.editable_department_ids)
        )
    return sorted(queryset, key=lambda s: (s.user_id is None, s.department.sort_order if s.department else 0, s.pk))


def get_subscription_for_user(user, pk) -> Subscription:
    """A subscription the user may manage; 404 when it does not exist, 403 when not theirs."""
    try:
        subscription = subscription_queryset().get(pk=pk)
    except (Subscription.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such subscription.")) from None
    if not may_manage_subscription(user, subscription):
        raise PermissionDenied
    return subscription


def save_subscription(subscription: Subscription, *, acting_user, m2m: dict[str, list]) -> Subscription:
    """Create or change a subscription with what it follows."""
    require(may_manage_subscription(acting_user, subscription))
    with transaction.atomic():
        if subscription.pk:
            stored = Subscription.objects.filter(pk=subscription.pk).first()
            if stored is None:
                raise Http404(_("No such subscription."))
            require(may_manage_subscription(acting_user, stored))
        subscription.full_clean()
        subscription._history_user = acting_user
        subscription.save()
        for name in ("fields", "providers", "activity_types"):
            if name in m2m:
                getattr(subscription, name).set(m2m[name])
    return subscription


def regenerate_feed_token(subscription: Subscription, *, acting_user) -> str:
    """A new secret feed address; the old one stops working at once."""
    require(may_manage_subscription(acting_user, subscription))
    with transaction.atomic():
        subscription.regenerate_token()
        subscription._history_user = acting_user
        subscription.save(update_fields=["feed_token"])
    return subscription.feed_token


def delete_subscription(subscription: Subscription, *, acting_user) -> None:
    require(may_manage_subscription(acting_user, subscription))
    with transaction.atomic():
        subscription._history_user = acting_user
        subscription.delete()


# -- the e-mail's unsubscribe link -------------------------------------------------------------


def unsubscribe_token(subscription: Subscription) -> str:
    """A signed token naming the subscription (with its creation time, so it never names a later one)."""
    return signing.dumps({"s": subscription.pk, "c": _created(subscription)}, salt=UNSUBSCRIBE_SALT)


def _created(subscription: Subscription) -> int:
    return int(subscription.created_at.timestamp())


def subscription_from_unsubscribe_token(token: str) -> Subscription:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        subscription = Subscription.objects.select_related("department", "user").get(pk=int(data["s"]))
    except (signing.BadSignature, Subscription.DoesNotExist, KeyError, TypeError, ValueError):
        raise Http404(_("This unsubscribe link is not valid (any more).")) from None
    if _created(subscription) != data.get("c"):
        raise Http404(_("This unsubscribe link is not valid (any more)."))
    return subscription


def unsubscribe_by_token(token: str) -> Subscription:
    """Turn the digest off for the subscription the signed token names."""
    with transaction.atomic():
        subscription = subscription_from_unsubscribe_token(token)
        if subscription.digest_enabled:
            subscription.digest_enabled = False
            subscription._change_reason = "unsubscribe link"
            subscription.save(update_fields=["digest_enabled"])
    return subscription
