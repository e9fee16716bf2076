"""Base models shared by every domain app.

- ``SoftDeleteModel``: deleting hides a record instead of erasing it, so a
  coordinator can restore it with everything that hangs off it. The default
  manager shows live records; ``all_objects`` shows deleted ones too.
- ``VersionedModel``: an integer bumped on every save through the actions
  layer, so that two people editing the same record cannot silently
  overwrite each other (see ``tsunagu.core.concurrency``).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LiveManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeleteModel(models.Model):
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    # The live-only manager comes first so that it is the default manager.
    objects = LiveManager()
    all_objects = models.Manager()  # noqa: DJ012 (a manager, not a field)

    class Meta:
        abstract = True
        # Related lookups (project.lead_department, place.country …) must still
        # reach a deleted record, so the unfiltered manager is the base manager.
        base_manager_name = "all_objects"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def mark_deleted(self) -> None:
        self.deleted_at = timezone.now()

    def mark_restored(self) -> None:
        self.deleted_at = None


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True
