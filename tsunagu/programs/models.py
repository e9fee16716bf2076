"""Support programmes (支援メニュー) of CLAIR, JICA, the ministries and others.

- ``Program``: one programme with its provider, who may apply, how the city
  takes part (``city_roles``), fields, activity types, regions, requirements,
  sources, and the list of facts that are not confirmed (``unconfirmed``).
  Its texts are in Japanese; where they translate a source written in English,
  the original is kept beside them (``purpose_en``, ``requirements_en``…,
  ``ORIGINAL_TEXTS``) and shown one click away.
  Its stable ``code`` (e.g. ``clair-model-cooperation``) is used across
  import, export, the API and the command line.
- ``ProgramTerms``: the funding terms that applied in one 年度 (rate, cap,
  duration, in-kind support), each with the wording of the source, a
  confidence and an ``uncertain`` flag. Terms change yearly, so a programme
  keeps one row per 年度 that changed; ``Program.terms_for(fy)`` picks the
  terms in force in a year.
- ``ApplicationWindow``: a dated window (2025-07-14 〜 2025-09-30 for 2026年度),
  a recurring yearly one ("every year, June–July") or a rolling one (随時).
- ``Application`` (+ ``ApplicationDocument``): a project's application to a
  programme, with its status flow in ``Application.TRANSITIONS``.
- ``Subscription``: a department or a user following fields, providers and
  activity types (iCalendar feed and weekly digest).
"""

from __future__ import annotations

import calendar
import datetime
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tsunagu.core.fiscal import FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR, FiscalYear
from tsunagu.core.i18n import BilingualName, pick
from tsunagu.core.models import SoftDeleteModel, TextColumnsModel, VersionedModel

fiscal_year_validators = [MinValueValidator(FIRST_SUPPORTED_YEAR), MaxValueValidator(LAST_SUPPORTED_YEAR)]


# -- vocabularies stored in JSON lists ---------------------------------------------------


class FundingForm(models.TextChoices):
    GRANT = "grant", _("Grant (助成・補助)")
    COMMISSION = "commission", _("Commission contract (委託)")
    IN_KIND = "in_kind", _("In-kind support")
    FISCAL_MEASURE = "fiscal_measure", _("Fiscal measure (地方交付税措置)")
    PERSONNEL = "personnel", _("Personnel exchange or dispatch")


class CityRole(models.TextChoices):
    APPLICANT = "applicant", _("The city applies")
    PARTNER = "partner", _("The city is a named partner")
    BENEFICIARY = "beneficiary", _("The city receives a service")
    INDIRECT = "indirect", _("Only through others (association, NGO, company)")


class ApplicantType(models.TextChoices):
    PREFECTURE = "prefecture", _("Prefecture")
    DESIGNATED_CITY = "designated_city", _("Designated city (政令指定都市)")
    CITY = "city", _("City, ward")
    TOWN_VILLAGE = "town_village", _("Town or village")
    INTL_ASSOCIATION = "intl_association", _("Regional international association (地域国際化協会)")
    NGO = "ngo", _("NGO / NPO")
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University / research institute")
    CONSORTIUM = "consortium", _("Consortium")
    FOREIGN_BODY = "foreign_body", _("Body abroad (partner city, institution)")


class Confidence(models.TextChoices):
    HIGH = "high", _("High (provider's official page)")
    MEDIUM = "medium", _("Medium (secondary official source)")
    LOW = "low", _("Low (third party or old round)")


# Facts of a programme that can be marked unconfirmed (未確認), with their labels.
UNCONFIRMABLE = {
    "provider": _("provider"),
    "funding_forms": _("funding forms"),
    "city_roles": _("how the city takes part"),
    "eligible_applicants": _("eligible applicants"),
    "fields": _("fields"),
    "activity_types": _("activity types"),
    "region": _("target countries and regions"),
    "requirements": _("requirements"),
    "exclusions": _("exclusions"),
    "windows": _("application windows"),
    "terms": _("funding terms"),
    "status": _("status"),
    "contact": _("contact"),
}


def _validate_choice_list(value, choices, label) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("%(label)s must be a list.") % {"label": label})
    allowed = set(choices.values)
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise ValidationError(
            _("Unknown value(s) in %(label)s: %(values)s.") % {"label": label, "values": ", ".join(map(str, unknown))}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("%(label)s lists a value twice.") % {"label": label})


def choice_labels(values: list[str], choices) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels.get(v, v)) for v in values]


# -- the programme -------------------------------------------------------------------------


def check_excluded_activity_types(funded, excluded) -> None:
    """An activity type is either funded or not funded on its own, never both (many-to-many
    values are checked by the form and the importer, before they are saved)."""
    both = [str(name) for name in funded if name in set(excluded)]
    if both:
        raise ValidationError(
            _("%(names)s is ticked both as funded and as not funded: keep it in one list only."),
            params={"names": "、".join(both)},
            code="activity_type_funded_and_excluded",
        )


# Japanese text fields of a programme and the field keeping their English original.
ORIGINAL_TEXTS = {
    "purpose": "purpose_en",
    "city_role_note": "city_role_note_en",
    "applicants_note": "applicants_note_en",
    "activities_note": "activities_note_en",
    "region_note": "region_note_en",
    "requirements": "requirements_en",
    "exclusions": "exclusions_en",
    "application_note": "application_note_en",
    "notes": "notes_en",
}


class Program(BilingualName, SoftDeleteModel, VersionedModel, TextColumnsModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ACTIVE_UNVERIFIED = "active_unverified", _("Active (not verified)")
        HISTORICAL = "historical", _("Historical")
        HISTORICAL_UNVERIFIED = "historical_unverified", _("Historical (current status unknown)")

    class RegionScope(models.TextChoices):
        ANY = "any", _("Any country")
        DEVELOPING = "developing", _("Developing countries")
        COUNTRIES = "countries", _("Listed countries")
        DOMESTIC = "domestic", _("Within Japan")

    code = models.SlugField(
        _("code"),
        max_length=80,
        unique=True,
        help_text=_("Stable identifier used by import, export and the command line, e.g. clair-model-cooperation."),
    )
    provider = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="programs",
    )
    provider_note = models.CharField(
        _("provider as written"),
        max_length=200,
        blank=True,
        help_text=_("Joint providers or the executing body, e.g. 総務省・自治体国際化協会."),
    )
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=250, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    funding_forms = models.JSONField(_("funding forms"), default=list, blank=True)
    city_roles = models.JSONField(_("how the city takes part"), default=list, blank=True)
    city_role_note = models.TextField(_("note on the city's role"), blank=True)
    city_role_note_en = models.TextField(_("note on the city's role (English original)"), blank=True)
    eligible_applicants = models.JSONField(_("eligible applicants"), default=list, blank=True)
    applicants_note = models.TextField(_("eligible applicants as written"), blank=True)
    activities_note = models.TextField(_("eligible activities as written"), blank=True)
    applicants_note_en = models.TextField(_("eligible applicants (English original)"), blank=True)
    activities_note_en = models.TextField(_("eligible activities (English original)"), blank=True)
    fields = models.ManyToManyField(
        "portfolio.Field", verbose_name=_("fields"), blank=True, related_name="programs"
    )
    activity_types = models.ManyToManyField(
        "portfolio.ActivityType", verbose_name=_("activity types"), blank=True, related_name="programs"
    )
    excluded_activity_types = models.ManyToManyField(
        "portfolio.ActivityType",
        verbose_name=_("activity types not funded"),
        blank=True,
        related_name="programs_excluding",
        help_text=_("A plan made only of these activity types is refused (e.g. friendship visits, survey-only projects)."),
    )
    region_scope = models.CharField(
        _("target region"), max_length=12, choices=RegionScope.choices, default=RegionScope.ANY
    )
    countries = models.ManyToManyField(
        "partners.Country", verbose_name=_("target countries"), blank=True, related_name="programs"
    )
    region_note = models.TextField(_("regions as written"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    exclusions = models.TextField(_("exclusions"), blank=True)
    region_note_en = models.TextField(_("regions (English original)"), blank=True)
    requirements_en = models.TextField(_("requirements (English original)"), blank=True)
    exclusions_en = models.TextField(_("exclusions (English original)"), blank=True)
    excludes_double_funding = models.BooleanField(
        _("no double funding"), default=False, help_text=_("Projects funded by the state or similar bodies are excluded.")
    )
    new_projects_only = models.BooleanField(_("new projects only"), default=False)
    application_note = models.TextField(_("how to apply"), blank=True)
    application_note_en = models.TextField(_("how to apply (English original)"), blank=True)
    contact = models.TextField(_("contact"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True, help_text=_("A list of {title, url}."))
    sources = models.JSONField(
        _("sources"), default=list, blank=True, help_text=_("A list of {url, type, seen, note}.")
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.ACTIVE)
    unconfirmed = models.JSONField(
        _("unconfirmed facts"),
        default=list,
        blank=True,
        help_text=_("Facts whose value is uncertain and must be re-checked (shown as unconfirmed)."),
    )
    notes = models.TextField(_("notes"), blank=True)
    notes_en = models.TextField(_("notes (English original)"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False, help_text=_("Invented for the demonstration."))
    # What load_programs last wrote from the reference file (hashes of the entry and of each
    # key), so that a later file updates what nobody edited and keeps what a coordinator did
    # (programs/transfer/seed_update.py). Bookkeeping, not a fact: no form shows it, history skips it.
    seeded = models.JSONField(default=dict, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["version", "seeded", "name_sort", "search_text"],
        m2m_fields=[fields, activity_types, excluded_activity_types, countries],
    )

    class Meta:
        ordering = ["name_sort", "name_ja", "code"]
        verbose_name = _("support programme")
        verbose_name_plural = _("support programmes")
        indexes = [models.Index(fields=["status"], name="program_status_idx")]

    def __str__(self) -> str:
        return self.name

    SEARCH_FIELDS = ("code", "name_ja", "name_en", "purpose", "purpose_en", "activities_note")

    @property
    def purpose_text(self) -> str:
        return pick(self.purpose, self.purpose_en)

    def clean(self):
        super().clean()
        errors = {}
        for name, choices in (
            ("funding_forms", FundingForm),
            ("city_roles", CityRole),
            ("eligible_applicants", ApplicantType),
        ):
            try:
                _validate_choice_list(getattr(self, name), choices, self._meta.get_field(name).verbose_name)
            except ValidationError as error:
                errors[name] = error
        unknown = [v for v in self.unconfirmed or [] if v not in UNCONFIRMABLE]
        if not isinstance(self.unconfirmed, list) or unknown:
            errors["unconfirmed"] = _("Unknown fact(s): %(values)s.") % {"values": ", ".join(map(str, unknown))}
        for name, required in (("links", ("url",)), ("sources", ("url",))):
            value = getattr(self, name)
            if not isinstance(value, list) or any(
                not isinstance(item, dict) or any(not item.get(key) for key in required) for item in value
            ):
                errors[name] = _("Each entry needs a URL.")
        if errors:
            raise ValidationError(errors)

    # -- display helpers --------------------------------------------------------------

    def is_unconfirmed(self, fact: str) -> bool:
        return fact in (self.unconfirmed or [])

    @property
    def is_historical(self) -> bool:
        return self.status in (self.Status.HISTORICAL, self.Status.HISTORICAL_UNVERIFIED)

    def funding_form_labels(self) -> list[str]:
        return choice_labels(self.funding_forms, FundingForm)

    def city_role_labels(self) -> list[str]:
        return choice_labels(self.city_roles, CityRole)

    def applicant_labels(self) -> list[str]:
        return choice_labels(self.eligible_applicants, ApplicantType)

    def unconfirmed_labels(self) -> list[str]:
        return [str(UNCONFIRMABLE[v]) for v in self.unconfirmed or [] if v in UNCONFIRMABLE]

    # -- terms and windows (use the prefetched rows when there are) -----------------------

    def terms_for(self, fiscal_year: FiscalYear | int) -> ProgramTerms | None:
        """The terms in force in ``fiscal_year``: the latest row with fiscal_year <= it."""
        year = fiscal_year.year if isinstance(fiscal_year, FiscalYear) else int(fiscal_year)
        rows = [t for t in self.terms.all() if t.fiscal_year <= year]
        return max(rows, key=lambda t: t.fiscal_year) if rows else None

    def current_terms(self) -> ProgramTerms | None:
        return self.terms_for(FiscalYear.current())

    def latest_terms(self) -> ProgramTerms | None:
        rows = list(self.terms.all())
        return max(rows, key=lambda t: t.fiscal_year) if rows else None

    def window_status(self, today: datetime.date | None = None) -> str:
        """``open``, ``upcoming``, ``closed`` or ``unknown`` (no window known) on ``today``."""
        today = today or datetime.date.today()  # noqa: DTZ011 (a local date is meant)
        statuses = {w.status_on(today) for w in self.windows.all()}
        for status in (WindowStatus.OPEN, WindowStatus.UPCOMING, WindowStatus.CLOSED):
            if status in statuses:
                return status
        return WindowStatus.UNKNOWN

    def get_window_status_display(self, today: datetime.date | None = None) -> str:
        return str(WindowStatus(self.window_status(today)).label)

    def get_absolute_url(self):
        return reverse("programs:detail", args=[self.code])


class ProgramTerms(models.Model):
    """The funding terms of a programme in one 年度 (and the following ones until changed)."""

    class CapBasis(models.TextChoices):
        PER_YEAR = "per_year", _("per year")
        PER_PROJECT = "per_project", _("per project")
        PER_ORGANISATION = "per_organisation", _("per organisation")
        PER_PERSON = "per_person", _("per person")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="terms")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), validators=fiscal_year_validators)
    year_is_assumed = models.BooleanField(
        _("fiscal year assumed"),
        default=False,
        help_text=_("The source does not say which 年度 these terms are for."),
    )
    rate = models.DecimalField(
        _("subsidy rate"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Share of the costs covered, 0 to 1 (½ = 0.5). Empty when unknown or not applicable."),
    )
    rate_text = models.CharField(_("rate as written"), max_length=200, blank=True)
    cap_jpy = models.PositiveBigIntegerField(_("cap (yen)"), null=True, blank=True)
    cap_basis = models.CharField(_("cap applies"), max_length=20, choices=CapBasis.choices, blank=True)
    cap_variants = models.JSONField(
        _("other caps"),
        default=list,
        blank=True,
        help_text=_("Caps that depend on the applicant or the project: a list of {label, amount_jpy}."),
    )
    min_jpy = models.PositiveBigIntegerField(_("minimum (yen)"), null=True, blank=True)
    duration_years = models.PositiveSmallIntegerField(
        _("duration (years)"), null=True, blank=True, validators=[MaxValueValidator(20)]
    )
    duration_text = models.CharField(_("duration as written"), max_length=300, blank=True)
    in_kind = models.TextField(_("in-kind support"), blank=True)
    as_written = models.TextField(_("terms as written"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=8, choices=Confidence.choices, blank=True)
    uncertain = models.BooleanField(_("unconfirmed"), default=False)
    source_url = models.URLField(pgettext_lazy("web page", "source"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "-fiscal_year"]
        verbose_name = _("funding terms")
        verbose_name_plural = _("funding terms")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "fiscal_year"],
                name="unique_terms_per_program_year",
                violation_error_message=_("This programme already has terms for this fiscal year."),
            ),
            models.CheckConstraint(
                condition=models.Q(rate__isnull=True) | (models.Q(rate__gte=0) & models.Q(rate__lte=1)),
                name="terms_rate_between_0_and_1",
                violation_error_message=_("The rate must be between 0 and 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} {FiscalYear(self.fiscal_year).label()}"

    @property
    def fiscal_year_label(self) -> str:
        return FiscalYear(self.fiscal_year).label()

    def clean(self):
        super().clean()
        errors = {}
        if not isinstance(self.cap_variants, list) or any(
            not isinstance(v, dict)
            or not v.get("label")
            or not isinstance(v.get("amount_jpy"), int)
            or isinstance(v.get("amount_jpy"), bool)
            or v["amount_jpy"] < 0
            for v in self.cap_variants
        ):
            errors["cap_variants"] = _("Each cap needs a label and a whole amount in yen.")
        if self.cap_jpy is not None and self.min_jpy is not None and self.min_jpy > self.cap_jpy:
            errors["min_jpy"] = _("The minimum cannot be above the cap.")
        if self.cap_jpy is not None and not self.cap_basis:
            errors["cap_basis"] = _("Say what the cap applies to.")
        if errors:
            raise ValidationError(errors)


class WindowStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("window status", "Open")
    UPCOMING = "upcoming", pgettext_lazy("window status", "Upcoming")
    CLOSED = "closed", pgettext_lazy("window status", "Closed")
    UNKNOWN = "unknown", pgettext_lazy("window status", "No known window")


@dataclass(frozen=True)
class WindowOccurrence:
    """One concrete period of a window: dates, and the 年度 it is for."""

    window: ApplicationWindow
    opens: datetime.date
    closes: datetime.date | None
    fiscal_year: int


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


class ApplicationWindow(models.Model):
    """When applications are taken: dated, recurring every year, or rolling (随時)."""

    class Kind(models.TextChoices):
        DATED = "dated", _("Dated")
        RECURRING = "recurring", _("Every year")
        ROLLING = "rolling", _("Any time (随時)")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="windows")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DATED)
    fiscal_year = models.PositiveSmallIntegerField(
        _("for fiscal year"),
        validators=fiscal_year_validators,
        help_text=_("The 年度 of the projects applied for (a window in autumn 2025 is often for 2026年度)."),
    )
    label = models.CharField(pgettext_lazy("window", "round"), max_length=100, blank=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    open_month = models.PositiveSmallIntegerField(
        _("opens in month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    open_day = models.PositiveSmallIntegerField(
        _("opens on day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    close_month = models.PositiveSmallIntegerField(
        _("closes in month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    close_day = models.PositiveSmallIntegerField(
        _("closes on day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    lead_years = models.PositiveSmallIntegerField(
        _("years ahead"),
        default=0,
        validators=[MaxValueValidator(3)],
        help_text=_("For a yearly window: 1 when it takes applications for the next 年度."),
    )
    as_written = models.CharField(_("window as written"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=8, choices=Confidence.choices, blank=True)
    uncertain = models.BooleanField(_("unconfirmed"), default=False)
    source_url = models.URLField(pgettext_lazy("web page", "source"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "-fiscal_year", "opens_on", "pk"]
        verbose_name = _("application window")
        verbose_name_plural = _("application windows")
        indexes = [models.Index(fields=["kind", "closes_on"], name="window_kind_closes_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_on__isnull=True)
                | models.Q(closes_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="window_closes_after_opening",
                violation_error_message=_("A window cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.fiscal_year_label} {self.label}".strip()

    @property
    def recurring(self) -> bool:
        return self.kind == self.Kind.RECURRING

    @property
    def rolling(self) -> bool:
        return self.kind == self.Kind.ROLLING

    @property
    def fiscal_year_label(self) -> str:
        return FiscalYear(self.fiscal_year).label()

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.DATED:
            if self.closes_on is None:
                errors["closes_on"] = _("A dated window needs its closing date (the deadline).")
            if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
                errors["closes_on"] = _("A window cannot close before it opens.")
        elif self.kind == self.Kind.RECURRING:
            if self.close_month is None:
                errors["close_month"] = _("A yearly window needs at least the month it closes.")
            if self.open_month is None and self.open_day is not None:
                errors["open_month"] = _("Give the month it opens, or leave the day empty.")
            for month_name, day_name in (("open_month", "open_day"), ("close_month", "close_day")):
                month, day = getattr(self, month_name), getattr(self, day_name)
                if month and day and day > _last_day(2024, month):  # 2024: a leap year allows 29 Feb
                    errors[day_name] = _("This month has no such day.")
        if errors:
            raise ValidationError(errors)

    # -- concrete dates --------------------------------------------------------------------

    def _yearly_period(self, year: int) -> tuple[datetime.date, datetime.date]:
        """The recurring window that opens in calendar ``year``.

        A yearly window that gives only its deadline ("every year by 31 October")
        is a period of one day, the deadline, like a dated window without opening date.
        """
        if self.open_month is None:
            closes = datetime.date(
                year, self.close_month, min(self.close_day or 31, _last_day(year, self.close_month))
            )
            return closes, closes
        opens = datetime.date(year, self.open_month, min(self.open_day or 1, _last_day(year, self.open_month)))
        close_year = year if (self.close_month, self.close_day or 31) >= (self.open_month, self.open_day or 1) else year + 1
        closes = datetime.date(
            close_year,
            self.close_month,
            min(self.close_day or _last_day(close_year, self.close_month), _last_day(close_year, self.close_month)),
        )
        return opens, closes

    def occurrences_between(self, start: datetime.date, end: datetime.date) -> Iterator[WindowOccurrence]:
        """The periods of this window that overlap ``start``–``end`` (inclusive), oldest first.

        A rolling window is open all along, so it yields the requested period
        itself (from its opening date, when it has one).
        """
        if self.kind == self.Kind.DATED:
            opens = self.opens_on or self.closes_on
            closes = self.closes_on
            if opens <= end and (closes is None or closes >= start):
                yield WindowOccurrence(self, opens, closes, self.fiscal_year)
        elif self.kind == self.Kind.RECURRING:
            if self.close_month is None:
                return
            for year in range(start.year - 1, end.year + 1):
                opens, closes = self._yearly_period(year)
                if opens <= end and closes >= start:
                    yield WindowOccurrence(self, opens, closes, FiscalYear.of(opens).year + self.lead_years)
        else:
            opens = max(start, self.opens_on) if self.opens_on else start
            closes = min(end, self.closes_on) if self.closes_on else end
            if opens <= closes:
                yield WindowOccurrence(self, opens, closes, FiscalYear.of(opens).year)

    def windows_between(self, start: datetime.date, end: datetime.date) -> Iterator[tuple]:
        """``(opens, closes)`` date pairs of this window that overlap ``start``–``end``."""
        for occurrence in self.occurrences_between(start, end):
            yield occurrence.opens, occurrence.closes

    def next_occurrence(self, today: datetime.date) -> WindowOccurrence | None:
        """The period open on ``today`` or the next one to open (a yearly window always has one)."""
        for occurrence in self.occurrences_between(today, today + datetime.timedelta(days=366)):
            return occurrence
        if self.kind == self.Kind.DATED and self.closes_on and self.closes_on >= today:
            return WindowOccurrence(self, self.opens_on or self.closes_on, self.closes_on, self.fiscal_year)
        return None

    def status_on(self, today: datetime.date) -> str:
        """``open`` (taking applications on ``today``), ``upcoming`` (a later opening or deadline
        is known) or ``closed``. Kept in step with ``queries.window_status_annotation``.

        A dated window that gives only its deadline counts as upcoming until the
        deadline: it is not known to be open yet.
        """
        if self.kind == self.Kind.DATED:
            if self.closes_on is None or self.closes_on < today:
                return WindowStatus.CLOSED
            if self.opens_on is not None and self.opens_on <= today:
                return WindowStatus.OPEN
            return WindowStatus.UPCOMING
        if self.kind == self.Kind.RECURRING:
            if self.close_month is None:
                return WindowStatus.CLOSED
            if self.open_month is None:
                return WindowStatus.UPCOMING  # a yearly deadline: always one ahead
            occurrence = self.next_occurrence(today)
            return WindowStatus.OPEN if occurrence and occurrence.opens <= today else WindowStatus.UPCOMING
        if self.closes_on and self.closes_on < today:
            return WindowStatus.CLOSED
        if self.opens_on and self.opens_on > today:
            return WindowStatus.UPCOMING
        return WindowStatus.OPEN

    def get_status_display(self, today: datetime.date | None = None) -> str:
        return str(WindowStatus(self.status_on(today or datetime.date.today())).label)  # noqa: DTZ011


# -- applications (申請) -----------------------------------------------------------------


class Application(SoftDeleteModel, VersionedModel):
    """A project's application to a programme, from the plan to the closing report."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DRAFTING = "drafting", _("Drafting")
        SUBMITTED = "submitted", _("Submitted")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        RUNNING = "running", _("Running")
        REPORTED = "reported", _("Reported (実績報告)")
        CLOSED = "closed", _("Closed")

    # The flow, one step at a time: the steps the application page offers.
    # Anything further along (recording an application late, withdrawing or ending
    # early, which is a jump to closed) is a jump: it needs an explicit confirmation
    # naming the skipped steps (``programs.applications.actions``). Going back is the
    # coordinators' "undo the last step".
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.PLANNED: (Status.DRAFTING,),
        Status.DRAFTING: (Status.SUBMITTED,),
        Status.SUBMITTED: (Status.ADOPTED, Status.REJECTED),
        Status.ADOPTED: (Status.RUNNING,),
        Status.REJECTED: (Status.CLOSED,),
        Status.RUNNING: (Status.REPORTED,),
        Status.REPORTED: (Status.CLOSED,),
        Status.CLOSED: (),
    }

    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="program_applications",
    )
    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="applications"
    )
    window = models.ForeignKey(
        ApplicationWindow,
        verbose_name=_("application window"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), validators=fiscal_year_validators)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    due_on = models.DateField(_("due on"), null=True, blank=True, help_text=_("Deadline of the application."))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    report_due_on = models.DateField(_("report due on"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    amount_requested_jpy = models.PositiveBigIntegerField(_("amount requested (yen)"), null=True, blank=True)
    amount_granted_jpy = models.PositiveBigIntegerField(_("amount granted (yen)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False, help_text=_("Invented for the demonstration."))

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-fiscal_year", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["fiscal_year", "status"], name="application_year_status_idx"),
            models.Index(fields=["due_on"], name="application_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True)
                | models.Q(submitted_on__isnull=True)
                | models.Q(decided_on__gte=models.F("submitted_on")),
                name="application_decided_after_submission",
                violation_error_message=_("A decision cannot come before the submission."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.program} ({FiscalYear(self.fiscal_year).label()})"

    def can_transition(self, new: str) -> bool:
        """Whether ``new`` is the next step (a jump further along needs a confirmation)."""
        return new in self.TRANSITIONS.get(self.status, ())

    def allowed_transitions(self) -> list[str]:
        return list(self.TRANSITIONS.get(self.status, ()))

    def jump_targets(self) -> list[str]:
        """The statuses further along the flow than the next steps, in the order of the flow."""
        reached: list[str] = []
        frontier = list(self.TRANSITIONS.get(self.status, ()))
        while frontier:
            status = frontier.pop(0)
            if status in reached:
                continue
            reached.append(status)
            frontier.extend(self.TRANSITIONS.get(status, ()))
        order = list(self.Status.values)
        return sorted((s for s in reached if s not in self.TRANSITIONS.get(self.status, ())), key=order.index)

    @property
    def is_adopted(self) -> bool:
        return self.status in (self.Status.ADOPTED, self.Status.RUNNING, self.Status.REPORTED) or (
            self.status == self.Status.CLOSED and self.amount_granted_jpy is not None
        )

    def owning_department_ids(self) -> set[int]:
        return {self.project.lead_department_id}

    def clean(self):
        super().clean()
        if self.submitted_on and self.decided_on and self.decided_on < self.submitted_on:
            raise ValidationError({"decided_on": _("A decision cannot come before the submission.")})


class ApplicationDocument(models.Model):
    """A document of an application (metadata only: the file stays where it is kept)."""

    class Kind(models.TextChoices):
        APPLICATION_FORM = "application_form", _("Application form")
        DECISION = "decision", _("Decision notice")
        REPORT = "report", _("Report (実績報告書)")
        CORRESPONDENCE = "correspondence", _("Correspondence")
        OTHER = "other", _("Other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    dated_on = models.DateField(_("dated"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file_reference = models.CharField(
        _("file location"), max_length=300, blank=True, help_text=_("e.g. shared-drive path or document number")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["dated_on", "pk"]
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if not self.url and not self.file_reference:
            raise ValidationError(_("Give a link or a file location."))


# -- subscriptions (deadlines pushed to departments) --------------------------------------


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    """What a department or a user follows. Empty fields / providers / activity types = everything."""

    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="program_subscriptions",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="program_subscriptions",
    )
    fields = models.ManyToManyField("portfolio.Field", verbose_name=_("fields"), blank=True)
    providers = models.ManyToManyField("partners.Organisation", verbose_name=_("providers"), blank=True)
    activity_types = models.ManyToManyField("portfolio.ActivityType", verbose_name=_("activity types"), blank=True)
    feed_token = models.CharField(
        _("feed token"),
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$")],
    )
    digest_enabled = models.BooleanField(_("weekly digest e-mail"), default=True)
    email = models.EmailField(_("e-mail address"), blank=True, help_text=_("Where the digest goes."))
    last_digest_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[fields, providers, activity_types])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(department__isnull=False) & models.Q(user__isnull=True))
                | (models.Q(department__isnull=True) & models.Q(user__isnull=False)),
                name="subscription_department_xor_user",
                violation_error_message=_("A subscription belongs to a department or to a user."),
            ),
            models.UniqueConstraint(
                fields=["department"],
                condition=models.Q(department__isnull=False),
                name="unique_subscription_per_department",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(user__isnull=False), name="unique_subscription_per_user"
            ),
        ]

    def __str__(self) -> str:
        return str(self.department or self.user)

    def clean(self):
        super().clean()
        if (self.department_id is None) == (self.user_id is None):
            raise ValidationError(_("A subscription belongs to a department or to a user."))

    def regenerate_token(self) -> None:
        self.feed_token = new_token()
