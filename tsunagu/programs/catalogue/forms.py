"""Forms of the catalogue: a programme, its terms for one 年度, an application window."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.core.fiscal import parse_fiscal_year
from tsunagu.partners.models import Country, Organisation
from tsunagu.portfolio.models import ActivityType, Field

from ..models import (
    UNCONFIRMABLE,
    ApplicantType,
    ApplicationWindow,
    CityRole,
    FundingForm,
    Program,
    ProgramTerms,
    check_excluded_activity_types,
)
from ..transfer.export import canonical_source, source_for_storage
from ..transfer.schema import SOURCE_TYPES, clean_date, clean_int, clean_rate, clean_url


class FiscalYearField(forms.CharField):
    """A 年度 typed as 2026, FY2026, 2026年度, R8 or 令和8年度; cleaned to the year number."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", gettext_lazy("For example 2026, R8 or 令和8年度."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        try:
            return parse_fiscal_year(value).year
        except ValueError as error:
            raise ValidationError(str(error)) from None


def formfield(model_field, **kwargs):
    """Web addresses typed without a scheme are read as https://."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class ListAsLinesField(forms.CharField):
    """A JSON list of the model typed as text, one item a line (``format_item`` writes an item's line).

    The model's list — an existing record's, and the empty default of a new one — is shown
    as those lines, never as Python's ``[]``; the form's ``clean_<field>`` reads the lines back.
    """

    def __init__(self, format_item, **kwargs):
        self.format_item = format_item
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(self.format_item(item) for item in value)
        return super().prepare_value(value)

    def has_changed(self, initial, data):
        return super().has_changed(self.prepare_value(initial), data)


def _link_line(link: dict) -> str:
    return f"{link.get('title', '')} | {link['url']}"


def _source_line(source: dict) -> str:
    parts = [source["url"], source.get("type", ""), source.get("seen", ""), source.get("note", "")]
    return " | ".join(parts).rstrip(" |")


def _cap_variant_line(variant: dict) -> str:
    return f"{variant['label']} | {variant['amount_jpy']}"


class VersionedForm(forms.ModelForm):
    """Carries the programme's version as the editor saw it (optimistic locking)."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, program: Program | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        if not self.is_bound:
            version = program.version if program is not None else getattr(self.instance, "version", None)
            self.fields["seen_version"].initial = version


def _checkboxes(choices, label, required=False) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
    )


class ActivityTypesCheck:
    """For a model form of a programme (this app's and the admin's): an activity type is not
    both funded and not funded."""

    def clean(self):
        cleaned = super().clean()
        try:
            check_excluded_activity_types(
                cleaned.get("activity_types") or [], cleaned.get("excluded_activity_types") or []
            )
        except ValidationError as error:
            self.add_error("excluded_activity_types", error)
        return cleaned


class ProgramForm(ActivityTypesCheck, VersionedForm):
    funding_forms = _checkboxes(FundingForm.choices, gettext_lazy("funding forms"))
    city_roles = _checkboxes(CityRole.choices, gettext_lazy("how the city takes part"))
    eligible_applicants = _checkboxes(ApplicantType.choices, gettext_lazy("eligible applicants"))
    unconfirmed = _checkboxes(
        [(key, label) for key, label in UNCONFIRMABLE.items()],
        gettext_lazy("unconfirmed facts"),
    )
    links = ListAsLinesField(
        _link_line,
        label=gettext_lazy("links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line: title | https://…"),
    )
    sources = ListAsLinesField(
        _source_line,
        label=gettext_lazy("sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "One per line: https://… | kind (official, municipal, news, third_party, official_document_copy, other) "
            "| date shown on the page (YYYY-MM-DD) | note. Only the address is required."
        ),
    )

    class Meta:
        model = Program
        formfield_callback = formfield
        fields = [
            "code", "name_ja", "name_en", "provider", "provider_note", "status",
            "purpose", "purpose_en", "funding_forms", "city_roles", "city_role_note", "city_role_note_en",
            "eligible_applicants", "applicants_note", "applicants_note_en", "activities_note", "activities_note_en",
            "fields", "activity_types", "excluded_activity_types", "region_scope", "countries", "region_note",
            "region_note_en", "requirements", "requirements_en", "exclusions", "exclusions_en",
            "excludes_double_funding", "new_projects_only", "application_note", "application_note_en", "contact",
            "links", "sources", "unconfirmed", "notes", "notes_en", "is_sample",
        ]
        widgets = {
            "fields": forms.CheckboxSelectMultiple,
            "activity_types": forms.CheckboxSelectMultiple,
            "excluded_activity_types": forms.CheckboxSelectMultiple,
            "countries": forms.SelectMultiple(attrs={"size": 8}),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in (
                "purpose", "purpose_en", "city_role_note", "applicants_note", "activities_note", "region_note",
                "requirements", "exclusions", "application_note", "contact", "notes",
                "city_role_note_en", "applicants_note_en", "activities_note_en", "region_note_en",
                "requirements_en", "exclusions_en", "application_note_en", "notes_en",
            )},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.all()
        self.fields["fields"].queryset = Field.objects.all()
        self.fields["activity_types"].queryset = ActivityType.objects.all()
        self.fields["excluded_activity_types"].queryset = ActivityType.objects.all()
        self.fields["countries"].queryset = Country.objects.all()
        if self.instance.pk:
            # The code is the programme's identity in files, the command line and other systems.
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("The code cannot be changed: files and other systems refer to it.")

    def clean_links(self):
        links, errors = [], []
        for number, line in enumerate(self.cleaned_data["links"].splitlines(), start=1):
            if not line.strip():
                continue
            title, _sep, url = line.rpartition("|")
            try:
                url = clean_url(url.strip())
            except ValueError as error:
                errors.append(_("Line %(number)s: %(error)s") % {"number": number, "error": error})
                continue
            if not url:
                errors.append(_("Line %(number)s: the web address is missing.") % {"number": number})
                continue
            links.append({"title": title.strip(), "url": url})
        if errors:
            raise ValidationError(errors)
        return links

    def clean_sources(self):
        sources, errors = [], []
        for number, line in enumerate(self.cleaned_data["sources"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            parts += [""] * (4 - len(parts))
            url, kind, seen, note = parts[0], parts[1], parts[2], " | ".join(parts[3:]).strip(" |")
            try:
                url = clean_url(url, max_length=1000)
                if not url:
                    raise ValueError(_("the web address is missing."))
                if kind and kind not in SOURCE_TYPES:
                    raise ValueError(
                        _("unknown kind “%(kind)s” (allowed: %(allowed)s).")
                        % {"kind": kind, "allowed": ", ".join(SOURCE_TYPES)}
                    )
                seen_date = clean_date(seen)
            except ValueError as error:
                errors.append(_("Line %(number)s: %(error)s") % {"number": number, "error": error})
                continue
            sources.append(source_for_storage(canonical_source({"url": url, "type": kind, "seen": seen_date, "note": note})))
        if errors:
            raise ValidationError(errors)
        return sources


class TermsForm(VersionedForm):
    fiscal_year = FiscalYearField(label=gettext_lazy("fiscal year"))
    rate = forms.CharField(
        label=gettext_lazy("subsidy rate"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("0.5, 1/2 or 50%. Leave empty when unknown or not applicable."),
    )
    cap_variants = ListAsLinesField(
        _cap_variant_line,
        label=gettext_lazy("other caps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line: what the cap applies to | amount in yen (e.g. 共同事業 | 5000000)."),
    )

    class Meta:
        model = ProgramTerms
        formfield_callback = formfield
        fields = [
            "fiscal_year", "year_is_assumed", "rate", "rate_text", "cap_jpy", "cap_basis", "cap_variants",
            "min_jpy", "duration_years", "duration_text", "in_kind", "as_written", "confidence", "uncertain",
            "source_url", "note",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("in_kind", "as_written", "note")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            if self.instance.rate is not None:
                self.initial["rate"] = format(self.instance.rate.normalize(), "f")

    def clean_rate(self):
        try:
            return clean_rate(self.cleaned_data["rate"])
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def clean_cap_variants(self):
        variants, errors = [], []
        for number, line in enumerate(self.cleaned_data["cap_variants"].splitlines(), start=1):
            if not line.strip():
                continue
            label, _sep, amount = line.rpartition("|")
            try:
                value = clean_int(amount)
                if not label.strip() or value is None:
                    raise ValueError(_("write what the cap applies to, a “|” and the amount."))
            except ValueError as error:
                errors.append(_("Line %(number)s: %(error)s") % {"number": number, "error": error})
                continue
            variants.append({"label": label.strip(), "amount_jpy": value})
        if errors:
            raise ValidationError(errors)
        return variants

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("fiscal_year")
        if year is not None and self.program is not None:
            clash = ProgramTerms.objects.filter(program=self.program, fiscal_year=year).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("fiscal_year", _("This programme already has terms for this fiscal year."))
        return cleaned

    def _post_clean(self):
        if self.program is not None:
            self.instance.program = self.program
        super()._post_clean()


class WindowForm(VersionedForm):
    fiscal_year = FiscalYearField(label=gettext_lazy("for fiscal year"))

    class Meta:
        model = ApplicationWindow
        formfield_callback = formfield
        fields = [
            "kind", "fiscal_year", "label", "opens_on", "closes_on", "open_month", "open_day", "close_month",
            "close_day", "lead_years", "as_written", "note", "confidence", "uncertain", "source_url",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        if self.program is not None:
            self.instance.program = self.program
        super()._post_clean()
