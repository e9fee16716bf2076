"""Overseas projects (海外事業) of every department, with budgets by 年度 and source."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tsunagu.core.fiscal import FiscalYear
from tsunagu.core.i18n import BilingualName, pick
from tsunagu.core.models import SoftDeleteModel, TextColumnsModel, VersionedModel
from tsunagu.org.models import Department
from tsunagu.partners.models import Organisation, Place

from .reference import sdg_target_texts


class Field(BilingualName, models.Model):
    """分野: environment, water and sewerage, trade, fire and disaster…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=80)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self) -> str:
        return self.name


class ActivityType(BilingualName, models.Model):
    """事業形態: trainee acceptance, expert dispatch, technical cooperation…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=80)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")

    def __str__(self) -> str:
        return self.name


class SdgGoal(BilingualName, models.Model):
    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class SdgTarget(models.Model):
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(
        _("code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{1,2}\.(\d{1,2}|[a-z])$")],
    )

    class Meta:
        ordering = ["goal__number", "pk"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        """The target's Japanese text (外務省 仮訳), or "" for a code the translation does not have."""
        return sdg_target_texts().get(self.code, "")


class Project(SoftDeleteModel, VersionedModel, TextColumnsModel):
    class Status(models.TextChoices):
        # A project made from a department's answer to an inquiry (照会), not yet reviewed by it.
        DRAFT = "draft", _("Draft")
        IDEA = "idea", _("Idea")
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        DROPPED = "dropped", _("Dropped")

    # Contexts: "title (Japanese)" alone is an agreement's 名称 in the partners catalogue.
    title_ja = models.CharField(pgettext_lazy("project", "title (Japanese)"), max_length=200)
    title_en = models.CharField(pgettext_lazy("project", "title (English)"), max_length=250, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    lead_department = models.ForeignKey(
        Department,
        verbose_name=_("lead department"),
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    co_departments = models.ManyToManyField(
        Department, verbose_name=_("co-operating departments"), blank=True, related_name="co_projects"
    )
    fields = models.ManyToManyField(Field, verbose_name=_("fields"), blank=True, related_name="projects")
    activity_types = models.ManyToManyField(
        ActivityType, verbose_name=_("activity types"), blank=True, related_name="projects"
    )
    sdg_goals = models.ManyToManyField(
        SdgGoal, verbose_name=_("SDG goals"), blank=True, related_name="projects"
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, verbose_name=_("SDG targets"), blank=True, related_name="projects"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.IDEA)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty while open-ended."))
    results = models.TextField(_("results"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Invented for the demonstration.")
    )

    history = HistoricalRecords(
        excluded_fields=["version", "name_sort", "search_text"],
        m2m_fields=[co_departments, fields, activity_types, sdg_goals, sdg_targets],
    )

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [
            # The project list filters by 年度 (period overlap) and sorts by start.
            models.Index(fields=["start_date", "end_date"], name="project_period_idx"),
            models.Index(fields=["status"], name="project_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_ja, self.title_en)

    SORT_FIELDS = ("title_ja", "title_en")
    SEARCH_FIELDS = ("title_ja", "title_en", "summary")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    @property
    def first_fiscal_year(self) -> FiscalYear:
        return FiscalYear.of(self.start_date)

    @property
    def last_fiscal_year(self) -> FiscalYear | None:
        return FiscalYear.of(self.end_date) if self.end_date else None

    def fiscal_years(self, until: FiscalYear | None = None) -> list[FiscalYear]:
        """The 年度 the project spans (an open-ended one up to ``until`` or the current year)."""
        last = self.last_fiscal_year or max(until or FiscalYear.current(), self.first_fiscal_year)
        return FiscalYear.range(self.first_fiscal_year, last)

    def fiscal_year_span_label(self) -> str:
        """``2024年度（令和6年度）〜2026年度（令和8年度）`` / ``FY2024–FY2026``; one year shown once."""
        first, last = self.first_fiscal_year, self.last_fiscal_year
        if last is None:
            return gettext("%(first)s – (open-ended)") % {"first": first.label()}
        if last == first:
            return first.label()
        return gettext("%(first)s – %(last)s") % {"first": first.label(), "last": last.label()}

    def spans_fiscal_year(self, year: int) -> bool:
        fy = FiscalYear(year)
        return self.start_date <= fy.end and (self.end_date is None or self.end_date >= fy.start)

    def owning_department_ids(self) -> set[int]:
        return {self.lead_department_id}

    def get_absolute_url(self):
        return reverse("portfolio:project", args=[self.pk])


class ProjectPartner(models.Model):
    """A place or organisation taking part in a project, with its role."""

    class Role(models.TextChoices):
        COUNTERPART = "counterpart", pgettext_lazy("partner role", "Counterpart")
        IMPLEMENTER = "implementer", pgettext_lazy("partner role", "Implementer")
        FUNDER = "funder", pgettext_lazy("partner role", "Funder")
        BENEFICIARY = "beneficiary", pgettext_lazy("partner role", "Beneficiary")
        PARTNER = "partner", pgettext_lazy("partner role", "Partner")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="project_links",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="project_links",
    )
    # A context: "role" alone is a user's role (権限) in the shared catalogue.
    role = models.CharField(
        pgettext_lazy("partner in a project", "role"),
        max_length=12,
        choices=Role.choices,
        default=Role.COUNTERPART,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(place__isnull=False) | models.Q(organisation__isnull=False),
                name="project_partner_has_place_or_organisation",
                violation_error_message=_("Choose a place or an organisation."),
            )
        ]

    def __str__(self) -> str:
        return str(self.place or self.organisation)

    def clean(self):
        super().clean()
        if not self.place_id and not self.organisation_id:
            raise ValidationError(_("Choose a place or an organisation."))


class BudgetLine(models.Model):
    """Money for one 年度 from one source, in yen; foreign amounts keep their currency and rate."""

    class Source(models.TextChoices):
        CITY = "city", pgettext_lazy("budget source", "City budget")
        PROGRAM = "program", pgettext_lazy("budget source", "External programme")
        PARTNER = "partner", pgettext_lazy("budget source", "Partner")
        OTHER = "other", pgettext_lazy("budget source", "Other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funded_budget_lines",
        help_text=_("The provider of an external programme, or the partner that pays."),
    )
    source_name = models.CharField(
        _("programme or source name"), max_length=200, blank=True, help_text=_("e.g. CLAIR model project")
    )
    amount_jpy = models.PositiveBigIntegerField(_("amount (yen)"))
    currency = models.CharField(
        _("original currency"),
        max_length=3,
        default="JPY",
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter ISO currency code."))],
    )
    amount_foreign = models.DecimalField(
        _("amount in original currency"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    exchange_rate = models.DecimalField(
        _("yen per unit"),
        max_digits=12,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.000001"))],
    )
    rate_date = models.DateField(_("rate date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["fiscal_year", "source", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{FiscalYear(self.fiscal_year).label()} {self.get_source_display()} ¥{self.amount_jpy:,}"

    @property
    def is_foreign(self) -> bool:
        return bool(self.currency) and self.currency != "JPY"

    @property
    def exchange_rate_display(self) -> str:
        """The rate without trailing zeros: ``150.25`` rather than ``150.250000``."""
        if self.exchange_rate is None:
            return ""
        return format(self.exchange_rate.normalize(), "f")

    def clean(self):
        super().clean()
        errors = {}
        if self.currency and self.currency != "JPY":
            missing = [
                name
                for name in ("amount_foreign", "exchange_rate", "rate_date")
                if getattr(self, name) in (None, "")
            ]
            for name in missing:
                errors[name] = _("Required for an amount in a foreign currency.")
            if not missing:
                expected = (self.amount_foreign * self.exchange_rate).quantize(
                    Decimal(1), rounding=ROUND_HALF_UP
                )
                if self.amount_jpy in (None, ""):
                    self.amount_jpy = int(expected)
                elif abs(int(self.amount_jpy) - expected) > 1:
                    errors["amount_jpy"] = _(
                        "The yen amount does not match the foreign amount times the rate (¥%(expected)s)."
                    ) % {"expected": f"{int(expected):,}"}
        if self.source == self.Source.PROGRAM and not (self.funder_id or self.source_name):
            errors["source_name"] = _("Name the programme or its provider.")
        # A project being created (e.g. with its budget rows in the admin) has no id
        # yet but is already attached to the row: check against it all the same.
        project = self.project if self.project_id or BudgetLine.project.is_cached(self) else None
        if self.fiscal_year and project is not None and project.start_date:
            try:
                in_period = project.spans_fiscal_year(int(self.fiscal_year))
            except ValueError:
                in_period = False
            if not in_period:
                errors["fiscal_year"] = _("This fiscal year is outside the project's period.")
        if errors:
            raise ValidationError(errors)


class ProjectLink(models.Model):
    """A link or attachment reference (metadata only: the file stays where it is kept)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    file_reference = models.CharField(
        _("file location"), max_length=300, blank=True, help_text=_("e.g. shared-drive path or document number")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if not self.url and not self.file_reference:
            raise ValidationError(_("Give a link or a file location."))
