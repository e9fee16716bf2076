"""Every write of a review: coordinators only, atomic, recorded in the history, optimistic locking."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.core.concurrency import ConcurrentEditError, claim_version
from tsunagu.org.permissions import require

from .detection import OverlapWarning
from .models import OverlapReview
from .queries import may_review


def review_warning(warning: OverlapWarning, *, acting_user, note: str, seen_version: int | None = None) -> OverlapReview:
    """Mark a warning reviewed with a note, keeping what overlaps now as the fingerprint.

    A warning reviewed before (and back because something new overlaps) updates its review:
    ``seen_version`` is the version the coordinator saw, so two coordinators cannot overwrite each
    other's note; a review withdrawn meanwhile is refused the same way.
    """
    require(may_review(acting_user))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write what was checked or agreed.")})
    with transaction.atomic():
        review = OverlapReview.objects.select_for_update().filter(key=warning.key).first()
        if review is None:
            if seen_version is not None:
                raise ConcurrentEditError()  # the review the form showed was withdrawn meanwhile
            review = OverlapReview(
                key=warning.key, kind=warning.kind, fiscal_year=warning.fiscal_year,
                place_id=warning.place_id, field_id=warning.field_id, country_id=warning.country_id,
            )
        else:
            claim_version(review, seen_version)
        review.project_ids = sorted(warning.project_ids)
        review.department_ids = sorted(warning.department_ids)
        review.note = note
        review.reviewed_by = acting_user
        review.reviewed_at = timezone.now()
        review._history_user = acting_user
        review.full_clean(validate_constraints=False)
        review.save()
    return review


def withdraw_review(review: OverlapReview, *, acting_user, seen_version: int | None = None) -> None:
    """The warning shows again as not reviewed; the review stays in the history (restorable)."""
    require(may_review(acting_user))
    with transaction.atomic():
        claim_version(review, seen_version)
        review.mark_deleted()
        review._history_user = acting_user
        review.save(update_fields=["deleted_at", "version"])


def restore_review(review: OverlapReview, *, acting_user, seen_version: int | None = None) -> None:
    """Bring a withdrawn review back, unless another review of the warning is in force."""
    require(may_review(acting_user))
    with transaction.atomic():
        if OverlapReview.objects.filter(key=review.key).exists():
            raise ValidationError(_("This warning has a review in force already."))
        claim_version(review, seen_version)
        review.mark_restored()
        review._history_user = acting_user
        review.save(update_fields=["deleted_at", "version"])
