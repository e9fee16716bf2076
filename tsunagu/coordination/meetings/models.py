"""Councils and their meetings: groups, members, agendas, minutes, decisions and action items.

The seed article's 国際戦略会議 (three groups of section chiefs) and the staff-level
国際化推進連絡会議 are ``Council`` rows; a ``Meeting`` has an agenda of ``AgendaItem`` rows
(each with its minutes, attached documents, and links to what it is about), the
``Decision`` rows taken and the ``ActionItem`` rows given to departments or people.

Every record keeps its history (django-simple-history), is soft-deleted (restorable)
and carries a version for optimistic locking; every write goes through ``actions``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tsunagu.core.i18n import BilingualName
from tsunagu.core.models import SoftDeleteModel, VersionedModel

HISTORY_EXCLUDED = ["version"]


class Council(BilingualName, SoftDeleteModel, VersionedModel):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("Strategy council (国際戦略会議)")
        LIAISON = "liaison", _("Liaison meeting (国際化推進連絡会議)")
        OTHER = "other", _("Other council or meeting")

    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.STRATEGY)
    purpose = models.TextField(_("purpose"), blank=True)
    secretariat = models.ForeignKey(
        "org.Department", verbose_name=_("secretariat"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        ordering = ["kind", "name_ja", "pk"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def get_absolute_url(self) -> str:
        return reverse("coordination:meetings:council", args=[self.pk])


class CouncilGroup(BilingualName, SoftDeleteModel, VersionedModel):
    """A working group of a council (経済・産業振興, 国際協力, 多文化共生)."""

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="groups")
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("council group")
        verbose_name_plural = _("council groups")

    def get_absolute_url(self) -> str:
        return self.council.get_absolute_url()


class Membership(SoftDeleteModel, VersionedModel):
    """A seat on a council: a user of tsunagu, or a named person with department and post, for a period."""

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(
        CouncilGroup, verbose_name=_("group"), null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="council_memberships",
    )
    person_name = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("For a member who does not use tsunagu.")
    )
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="council_memberships",
    )
    post = models.CharField(_("post"), max_length=100, blank=True, help_text=_("e.g. 課長 (section chief)"))
    chair = models.BooleanField(_("chair"), default=False)
    from_date = models.DateField(_("from"))
    to_date = models.DateField(_("to"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        ordering = ["-chair", "group__sort_order", "from_date", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        who = str(self.user) if self.user_id else self.person_name
        return f"{who}（{self.post}）" if self.post else who

    def clean(self):
        errors = {}
        if not self.user_id and not self.person_name.strip():
            errors["person_name"] = _("Pick a user or write the member's name.")
        if self.user_id and self.person_name.strip():
            errors["person_name"] = _("Pick a user or write a name, not both.")
        if self.to_date and self.from_date and self.to_date < self.from_date:
            errors["to_date"] = _("The end date is before the start date.")
        if self.group_id and self.council_id and self.group.council_id != self.council_id:
            errors["group"] = _("This group belongs to another council.")
        if errors:
            raise ValidationError(errors)

    def is_current(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.from_date <= today and (self.to_date is None or self.to_date >= today)


class MeetingSeries(SoftDeleteModel, VersionedModel):
    """A recurring meeting (e.g. the liaison meeting every second month): makes its next meetings."""

    class Unit(models.TextChoices):
        WEEKS = "weeks", _("weeks")
        MONTHS = "months", _("months")

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="series")
    group = models.ForeignKey(
        CouncilGroup, verbose_name=_("group"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    every = models.PositiveSmallIntegerField(_("every"), default=1)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.MONTHS)
    first_starts_at = models.DateTimeField(_("first meeting"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=90)
    place = models.CharField(pgettext_lazy("meeting venue", "place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting address"), blank=True)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.every is not None and self.every < 1:
            raise ValidationError({"every": _("Repeat at least every 1.")})
        if self.group_id and self.council_id and self.group.council_id != self.council_id:
            raise ValidationError({"group": _("This group belongs to another council.")})

    def get_absolute_url(self) -> str:
        return reverse("coordination:meetings:series", args=[self.pk])

    def occurrence(self, index: int) -> datetime.datetime:
        """The start of the ``index``-th meeting (0 = the first), in local time.

        Months keep the day of the month, clamped to the month's last day (31 Jan → 28/29 Feb).
        """
        start = timezone.localtime(self.first_starts_at)
        if self.unit == self.Unit.WEEKS:
            return start + datetime.timedelta(weeks=self.every * index)
        months = start.month - 1 + self.every * index
        year, month = start.year + months // 12, months % 12 + 1
        next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
        last_day = (next_month - datetime.timedelta(days=1)).day
        return start.replace(year=year, month=month, day=min(start.day, last_day))


class Meeting(SoftDeleteModel, VersionedModel):
    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="meetings")
    group = models.ForeignKey(
        CouncilGroup, verbose_name=_("group"), null=True, blank=True, on_delete=models.PROTECT, related_name="meetings",
        help_text=_("Leave empty for a plenary meeting."),
    )
    series = models.ForeignKey(
        MeetingSeries, verbose_name=_("series"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(pgettext_lazy("meeting venue", "place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting address"), blank=True)
    other_attendees = models.TextField(
        _("other attendees"), blank=True, help_text=_("Guests and observers who are not members, one a line.")
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["council", "starts_at"], name="meeting_council_start")]  # the council page

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The meeting ends before it starts.")
        if self.group_id and self.council_id and self.group.council_id != self.council_id:
            errors["group"] = _("This group belongs to another council.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("coordination:meetings:meeting", args=[self.pk])

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()

    @property
    def day(self) -> datetime.date:
        """The local date of the meeting (for 年度 and 和暦 labels)."""
        return timezone.localdate(self.starts_at)


class Attendance(SoftDeleteModel, VersionedModel):
    """Whether a member came to a meeting or sent apologies (欠席)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        APOLOGIES = "apologies", _("apologies")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("attendance"), max_length=12, choices=Status.choices, default=Status.PRESENT)
    substitute = models.CharField(_("substitute"), max_length=100, blank=True, help_text=_("Who came instead (代理出席)."))

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        ordering = ["status", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], condition=models.Q(deleted_at__isnull=True), name="one_attendance_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_status_display()}"


class AgendaItem(SoftDeleteModel, VersionedModel):
    """One item of a meeting's 次第, with its minutes.

    What it is about: a project, a support programme, a partner place (nullable links).
    Circulars will be linked the same way (a nullable ``circular`` key) once that
    sub-capability lands: ``linked_records`` is the one place that lists the links.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DISCUSSED = "discussed", _("discussed")
        NOT_REACHED = "not_reached", _("not reached")
        CARRIED_OVER = "carried_over", _("carried over")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=300)
    presenter = models.CharField(_("presenter"), max_length=100, blank=True)
    presenter_department = models.ForeignKey(
        "org.Department", verbose_name=_("presenting department"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(
        _("kind"), max_length=20, blank=True,
        help_text=_("e.g. 報告 (report), 協議 (discussion), 勉強会 (study session), 情報交換 (information exchange)"),
    )
    project = models.ForeignKey(
        "portfolio.Project", verbose_name=_("project"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    program = models.ForeignKey(
        "programs.Program", verbose_name=_("support programme"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.ForeignKey(
        "partners.Place", verbose_name=_("partner place"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    # circular: added with the circulars sub-capability (a nullable ForeignKey, listed in linked_records).
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField(_("minutes"), blank=True)
    carried_from = models.ForeignKey(
        "self", verbose_name=_("carried over from"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="carried_to", editable=False,
    )

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#item-{self.pk}"

    def linked_records(self) -> list:
        return [record for record in (self.project, self.program, self.place) if record is not None]


def _document_path(instance: AgendaDocument, filename: str) -> str:
    return f"meetings/{instance.agenda_item.meeting_id}/{filename}"


class AgendaDocument(SoftDeleteModel, VersionedModel):
    """A document attached to an agenda item (資料): checked for size and type on upload (``forms``)."""

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    content_type = models.CharField(_("type"), max_length=120, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        ordering = ["pk"]
        verbose_name = pgettext_lazy("meeting", "document")
        verbose_name_plural = pgettext_lazy("meeting", "documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coordination:meetings:document", args=[self.pk])


class Decision(SoftDeleteModel, VersionedModel):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="decisions",
    )
    text = models.TextField(_("decision"))
    departments = models.ManyToManyField(
        "org.Department", verbose_name=_("departments concerned"), blank=True, related_name="council_decisions"
    )

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED, m2m_fields=[departments])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#decision-{self.pk}"


class ActionItem(SoftDeleteModel, VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="action_items")
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="action_items",
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="action_items",
    )
    text = models.TextField(_("action"))
    assignee_department = models.ForeignKey(
        "org.Department", verbose_name=_("assigned department"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="council_action_items",
    )
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="council_action_items",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    done_note = models.TextField(_("what was done"), blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=HISTORY_EXCLUDED)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [
            # The start-page widget and the reminder run: open items by assignee and due date.
            models.Index(fields=["status", "due_on"], name="action_status_due"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def clean(self):
        if not self.assignee_department_id and not self.assignee_user_id:
            raise ValidationError(_("Assign the action to a department or a person."))
        if self.agenda_item_id and self.meeting_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": _("This agenda item belongs to another meeting.")})

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#action-{self.pk}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.due_on is not None and self.due_on < today

    def days_overdue(self, today: datetime.date | None = None) -> int:
        today = today or timezone.localdate()
        return (today - self.due_on).days if self.is_overdue(today) else 0
