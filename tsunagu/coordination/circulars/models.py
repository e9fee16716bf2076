"""Circulars (情報提供) and inquiries (照会) from the International Policy Division to departments.

- ``Circular``: written by a coordinator, sent to departments (picked, by their field
  subscriptions, or all). An inquiry is a circular that asks each department for an answer
  by a deadline, as free questions (one answer row) or a table of typed columns (many rows).
- ``Recipient``: one targeted department of a sent circular: who acknowledged and when,
  when it answered, when it was last reminded.
- ``Reading``: the first time a user opened a circular (per user; the coordinator's table
  groups them by the recipient departments the user belongs to).
- ``InquiryColumn``: a typed question / column of an inquiry.
- ``Answer`` and ``AnswerRow``: a department's answer, its rows holding one value per column
  (JSON, keyed by column id), and the draft project a row became.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tsunagu.core.models import SoftDeleteModel, VersionedModel


class Circular(SoftDeleteModel, VersionedModel):
    class Kind(models.TextChoices):
        NOTICE = "notice", _("Circular (for information)")
        INQUIRY = "inquiry", _("Inquiry (asks for an answer)")

    class Targeting(models.TextChoices):
        PICKED = "picked", _("Departments picked by hand")
        FIELDS = "fields", _("Departments subscribed to its fields")
        ALL = "all", _("All departments")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")

    class AnswerFormat(models.TextChoices):
        QUESTIONS = "questions", _("Questions (one answer each)")
        TABLE = "table", _("Table (rows of typed columns)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTICE)
    title = models.CharField(pgettext_lazy("circular", "title"), max_length=200)
    body = models.TextField(pgettext_lazy("circular", "text"), blank=True)
    programs = models.ManyToManyField(
        "programs.Program", verbose_name=_("support programmes"), blank=True, related_name="circulars"
    )
    projects = models.ManyToManyField(
        "portfolio.Project", verbose_name=_("projects"), blank=True, related_name="circulars"
    )
    targeting = models.CharField(
        _("recipients"), max_length=10, choices=Targeting.choices, default=Targeting.PICKED
    )
    departments = models.ManyToManyField(
        "org.Department", verbose_name=_("departments"), blank=True, related_name="+",
        help_text=_("The departments picked by hand."),
    )
    fields = models.ManyToManyField(
        "portfolio.Field", verbose_name=_("fields"), blank=True, related_name="+",
        help_text=_("Departments whose subscription follows one of these fields receive it."),
    )
    deadline = models.DateField(
        _("answer deadline"), null=True, blank=True, help_text=_("Required for an inquiry.")
    )
    answer_format = models.CharField(
        _("answer format"), max_length=10, choices=AnswerFormat.choices, default=AnswerFormat.TABLE
    )
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(
        excluded_fields=["version"], m2m_fields=[programs, projects, departments, fields]
    )

    class Meta:
        ordering = ["-sent_at", "-created_at", "-pk"]
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coordination:circulars:detail", args=[self.pk])

    @property
    def is_inquiry(self) -> bool:
        return self.kind == self.Kind.INQUIRY

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def is_table(self) -> bool:
        return self.answer_format == self.AnswerFormat.TABLE


class Recipient(models.Model):
    """A department a circular was sent to, and what it has done about it."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="recipients")
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("acknowledged by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["department__sort_order", "department__code"]
        verbose_name = _("recipient department")
        verbose_name_plural = _("recipient departments")
        constraints = [
            models.UniqueConstraint(fields=["circular", "department"], name="circular_recipient_once")
        ]

    def __str__(self) -> str:
        return f"{self.circular} → {self.department}"

    def is_pending(self) -> bool:
        """Still owes something: an answer (inquiry) or an acknowledgement (circular)."""
        if self.circular.is_inquiry:
            return self.answered_at is None
        return self.acknowledged_at is None


class Reading(models.Model):
    """The first time a user opened a sent circular."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="readings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    first_read_at = models.DateTimeField(_("first read at"), auto_now_add=True)

    class Meta:
        ordering = ["first_read_at"]
        constraints = [models.UniqueConstraint(fields=["circular", "user"], name="circular_read_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.circular}"


class InquiryColumn(models.Model):
    class Type(models.TextChoices):
        TEXT = "text", _("Text")
        NUMBER = "number", _("Number")
        MONEY = "money", _("Amount (yen)")
        DATE = "date", _("Date")
        CHOICE = "choice", _("Choice")
        YESNO = "yesno", _("Yes / no")
        DEPARTMENT = "department", _("Department")
        FIELD = "field", _("Field")

    class ProjectField(models.TextChoices):
        NONE = "", _("(not used for projects)")
        TITLE = "title", _("Project title")
        SUMMARY = "summary", _("Project summary")
        START = "start_date", _("Project start date")
        END = "end_date", _("Project end date")
        BUDGET = "budget", _("Project budget (city, yen)")

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="columns")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("question or column"), max_length=200)
    type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("For a choice: one choice a line."))
    required = models.BooleanField(_("required"), default=False)
    project_field = models.CharField(
        _("becomes"), max_length=12, choices=ProjectField.choices, blank=True, default="",
        help_text=_("What this column fills in when a row is turned into a draft project."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("inquiry column")
        verbose_name_plural = _("inquiry columns")

    def __str__(self) -> str:
        return self.label

    @property
    def key(self) -> str:
        return str(self.pk)

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Answer(SoftDeleteModel, VersionedModel):
    """One department's answer to an inquiry."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="answers")
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    via_excel = models.BooleanField(_("uploaded as Excel"), default=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["department__sort_order", "department__code"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["circular", "department"], name="inquiry_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.circular} / {self.department}"

    def has_projects(self) -> bool:
        """Rows of it became draft projects: the department may no longer replace it."""
        return self.rows.filter(project__isnull=False).exists()


ANSWER_HAS_PROJECTS = _(
    "Rows of this answer have already become draft projects; ask the International Policy Division before "
    "changing it."
)


class AnswerRow(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveSmallIntegerField(_("row"), default=0)
    values = models.JSONField(_("values"), default=dict, blank=True)
    project = models.ForeignKey(
        "portfolio.Project", verbose_name=_("draft project"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("answer row")
        verbose_name_plural = _("answer rows")

    def __str__(self) -> str:
        return f"{self.answer} #{self.position + 1}"

    def typed(self, column: InquiryColumn):
        """The stored value of ``column`` as a Python value (str, Decimal, int, date, bool, pk)."""
        return from_json(column, self.values.get(column.key))


def to_json(column: InquiryColumn, value):
    """A cleaned form / Excel value as stored in ``AnswerRow.values``."""
    if value in (None, ""):
        return None
    if column.type == InquiryColumn.Type.NUMBER:
        return str(value)
    if column.type == InquiryColumn.Type.MONEY:
        return int(value)
    if column.type == InquiryColumn.Type.DATE:
        return value.isoformat()
    if column.type == InquiryColumn.Type.YESNO:
        return bool(value)
    if column.type in (InquiryColumn.Type.DEPARTMENT, InquiryColumn.Type.FIELD):
        return value.pk if hasattr(value, "pk") else int(value)
    return str(value)


def from_json(column: InquiryColumn, value):
    if value is None:
        return None
    try:
        if column.type == InquiryColumn.Type.NUMBER:
            return Decimal(value)
        if column.type == InquiryColumn.Type.DATE:
            return datetime.date.fromisoformat(value)
    except (InvalidOperation, ValueError):
        return None
    return value


def yes_no(value) -> str:
    return gettext("Yes") if value else gettext("No")
