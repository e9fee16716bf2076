"""A coordinator's review of an overlap warning.

The warnings themselves are not stored: they are computed from the projects
(``detection.py``), so they can never be stale. What is stored is the
coordinator's judgement: "these departments know of each other" with a note,
and the *fingerprint* of what was reviewed: the projects and the departments
(bureaus) that overlapped then. A warning stays quiet while what overlaps now
is part of what was reviewed; a new project or a new department brings it
back, a project that left the set does not.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tsunagu.core.models import SoftDeleteModel, VersionedModel


class OverlapKind(models.TextChoices):
    PLACE = "place", _("Same place")
    FIELD_COUNTRY = "field", _("Same field in the same country")


class OverlapReview(SoftDeleteModel, VersionedModel):
    """Reviewed (確認済み) with a note; withdrawing the review deletes it softly (it can be restored)."""

    # The warning's identity, as ``detection.warning_key`` writes it: "2026-place-12", "2026-field-3-45".
    key = models.CharField(_("warning"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=OverlapKind.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    place = models.ForeignKey(
        "partners.Place", verbose_name=_("place"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    field = models.ForeignKey(
        "portfolio.Field", verbose_name=_("field"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    country = models.ForeignKey(
        "partners.Country", verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    # The fingerprint: sorted ids of what overlapped when the coordinator reviewed it.
    project_ids = models.JSONField(_("projects reviewed"), default=list)
    department_ids = models.JSONField(_("departments reviewed"), default=list)
    note = models.TextField(_("note"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.PROTECT, related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"))

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-reviewed_at", "pk"]
        verbose_name = _("overlap review")
        verbose_name_plural = _("overlap reviews")
        constraints = [
            # One review in force per warning; withdrawn (deleted) ones stay in the history.
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(deleted_at__isnull=True), name="one_live_review_per_overlap"
            ),
        ]
        indexes = [models.Index(fields=["fiscal_year"], name="overlapreview_fy_idx")]

    def __str__(self) -> str:
        return self.key

    def covers(self, project_ids, department_ids) -> bool:
        """Whether what overlaps now was all there when reviewed (nothing new has joined)."""
        return set(project_ids) <= set(self.project_ids) and set(department_ids) <= set(self.department_ids)

    def get_absolute_url(self):
        return reverse("coordination:overlaps:warning", args=[self.key])
