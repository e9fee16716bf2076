"""The city's policy framework (政策体系) as a tree, and the projects attached to its nodes.

A node is a plan (基本構想・基本計画), an outline (大綱), a basic policy (基本方針) or a
measure (施策); its parent is the node it serves. A project (``portfolio.Project``) is
attached to one or more nodes through ``PolicyLink``; a node's figures count the
projects of its whole subtree, each project once (``queries.rollup``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tsunagu.core.i18n import pick
from tsunagu.core.models import SoftDeleteModel, TextColumnsModel, VersionedModel
from tsunagu.portfolio.models import Project


class PolicyNode(SoftDeleteModel, VersionedModel, TextColumnsModel):
    class Level(models.TextChoices):
        PLAN = "plan", _("Plan (基本構想・基本計画)")
        OUTLINE = "outline", _("Sector plan / outline (大綱)")
        BASIC_POLICY = "basic_policy", _("Basic policy (基本方針)")
        MEASURE = "measure", _("Measure (施策)")

    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.MEASURE)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=250, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=pgettext_lazy("policy framework", "part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The plan or policy this node serves. Empty for a top-level plan."),
    )
    description = models.TextField(_("description"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0, help_text=_("Smaller numbers come first."))
    is_sample = models.BooleanField(_("sample data"), default=False, help_text=_("Invented for the demonstration."))

    history = HistoricalRecords(excluded_fields=["version", "name_sort", "search_text"])

    SORT_FIELDS = ("name_ja", "name_en")
    SEARCH_FIELDS = ("name_ja", "name_en", "description")

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("policy framework node")
        verbose_name_plural = _("policy framework nodes")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_ja, self.name_en)

    def get_absolute_url(self):
        return reverse("coordination:policy:node", args=[self.pk])

    def ancestor_ids(self) -> list[int]:
        """The ids above this node, nearest first (one query per level; a tree is a few levels deep)."""
        found: list[int] = []
        parent_id = self.parent_id
        while parent_id is not None and parent_id not in found:
            found.append(parent_id)
            parent_id = PolicyNode.all_objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
        return found

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.pk is not None and self.pk in self.ancestor_ids():  # the new parent's chain reaches back here
            raise ValidationError(
                {
                    "parent": _(
                        "A node cannot be placed under itself or under one of the nodes below it: "
                        "that would make a loop. Choose a node outside its own branch."
                    )
                }
            )
        parent = PolicyNode.all_objects.filter(pk=self.parent_id).only("deleted_at").first()
        if parent is not None and parent.is_deleted:
            raise ValidationError({"parent": _("The chosen parent node is deleted. Restore it first or choose another.")})


class PolicyLink(models.Model):
    """A project attached to a node of the policy framework (added and removed by the project's owners)."""

    node = models.ForeignKey(
        PolicyNode, verbose_name=_("policy framework node"), on_delete=models.CASCADE, related_name="links"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="policy_links"
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("How the project serves this policy."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["node__sort_order", "node_id", "pk"]
        verbose_name = _("policy link")
        verbose_name_plural = _("policy links")
        constraints = [
            models.UniqueConstraint(
                fields=["node", "project"],
                name="policy_link_once_per_node",
                violation_error_message=_("This project is already attached to this node."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.node} ← {self.project}"
