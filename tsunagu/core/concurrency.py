"""Optimistic locking: refuse to save over a change someone else made meanwhile."""

from django.db.models import F
from django.utils.translation import gettext as _

from tsunagu.core.models import VersionedModel


class ConcurrentEditError(Exception):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else saved this record while you were editing it. "
                "Your changes were not saved: reload the page to see theirs, then edit again."
            )
        )


def claim_version(instance: VersionedModel, seen_version: int | None) -> None:
    """Bump the stored version if it is still the one the editor saw; else raise.

    Call inside the write transaction, before saving the instance.
    """
    if seen_version is None:
        seen_version = instance.version
    updated = (
        type(instance)
        ._base_manager.filter(pk=instance.pk, version=seen_version)
        .update(version=F("version") + 1)
    )
    if updated != 1:
        raise ConcurrentEditError()
    instance.version = seen_version + 1
