"""The project form: the project's own fields plus rows of partners, budget lines and links.

``ProjectEditor`` bundles the form and its three formsets so that a view
validates them together and hands the result to ``actions`` in one piece.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from tsunagu.core.fiscal import FiscalYear, accepted_dates, fiscal_year_choices
from tsunagu.org.models import Department
from tsunagu.org.permissions import can_coordinate
from tsunagu.partners.models import Organisation, Place

from .actions import ProjectChanges
from .models import BudgetLine, Project, ProjectLink, ProjectPartner, SdgGoal, SdgTarget
from .queries import department_tree_choices, editable_departments

MAX_AMOUNT_JPY = 1_000_000_000_000  # ¥1 trillion: far above any city project; catches typos
BLANK_CHOICE = ("", "---------")
COMMON_CURRENCIES = ["JPY", "USD", "EUR", "CNY", "KRW", "VND", "KHR", "THB", "PHP", "IDR", "MYR", "RUB", "MNT", "LAK", "MMK", "INR"]


class YenField(forms.IntegerField):
    """Whole yen, typed as office staff type it: ``1,500,000``, ``￥1500000``, ``１５０００円``.

    Commas, yen signs, 円 and spaces (half- or full-width) are ignored; what is
    left must be a whole number between 0 and ``MAX_AMOUNT_JPY``.
    """

    default_error_messages = {
        "invalid": _("Enter the amount as a whole number of yen, e.g. 1500000."),
        "min_value": _("The amount cannot be negative."),
        "max_value": _("The amount is too large: at most ¥%(limit_value)s."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_AMOUNT_JPY)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)
        # The limit with digit grouping: ¥1,000,000,000,000 reads better than 1000000000000.
        self.error_messages["max_value"] = str(self.error_messages["max_value"]) % {
            "limit_value": f"{self.max_value:,}"
        }

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s,，¥￥円]", "", value)
            value = value.translate(str.maketrans("０１２３４５６７８９－", "0123456789-"))
        return super().to_python(value)


class DepartmentTreeCheckboxes(forms.CheckboxSelectMultiple):
    """Departments as checkboxes in tree order, one block per bureau (局), sections indented.

    Takes the choices of ``department_tree_choices`` (labels indented with
    ideographic spaces, one per level) and draws the level as indentation.
    """

    template_name = "portfolio/widgets/department_tree.html"

    def optgroups(self, name, value, attrs=None):
        groups = []
        for index, (option_value, label) in enumerate(self.choices):
            depth = len(label) - len(label.lstrip("\u3000"))
            option = self.create_option(name, option_value, label.lstrip("\u3000"),
                                        str(option_value) in value, index, attrs=attrs)
            option["depth"] = min(depth, 3)
            if depth == 0 or not groups:
                groups.append((None, [], index))
            groups[-1][1].append(option)
        return groups


class SdgTargetCheckboxes(forms.CheckboxSelectMultiple):
    """The 169 SDG targets as checkboxes with their Japanese text, folded by goal.

    A goal with a chosen target starts unfolded; the others fold (``<details>``),
    so the list stays short and works without JavaScript.
    """

    template_name = "portfolio/widgets/sdg_targets.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["goals"] = [
            {"label": group, "options": options, "chosen": sum(1 for o in options if o["selected"])}
            for group, options, _index in context["widget"]["optgroups"]
        ]
        return context

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["code"], _space, option["text"] = str(label).partition(" ")
        return option


def _label_inputs(form: forms.Form) -> None:
    """Inputs in a table row have no <label> of their own: name them for screen readers."""
    for field in form.fields.values():
        field.widget.attrs.setdefault("aria-label", str(field.label))


def _check_date_range(value: datetime.date | None) -> None:
    """Dates take the range of 年度 a person may enter (``fiscal.accepted_dates``)."""
    first, last = accepted_dates()
    if value and not (first <= value <= last):
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.") % {"first": first.isoformat(), "last": last.isoformat()}
        )


class ProjectForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = [
            "title_ja",
            "title_en",
            "summary",
            "lead_department",
            "co_departments",
            "status",
            "start_date",
            "end_date",
            "fields",
            "activity_types",
            "sdg_goals",
            "sdg_targets",
            "results",
            "is_sample",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "fields": forms.CheckboxSelectMultiple,
            "activity_types": forms.CheckboxSelectMultiple,
            "sdg_goals": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")  # no “:” after Japanese labels
        super().__init__(*args, **kwargs)
        lead = self.fields["lead_department"]
        lead.queryset = editable_departments(user)
        lead.choices = [BLANK_CHOICE, *department_tree_choices(lead.queryset)]
        lead.help_text = _("Editors can choose only their own departments.")
        all_departments = Department.objects.all()
        self.fields["co_departments"].widget = DepartmentTreeCheckboxes()
        self.fields["co_departments"].choices = department_tree_choices(all_departments)
        targets: dict[str, list[tuple[int, str]]] = {}
        for target in SdgTarget.objects.select_related("goal"):
            targets.setdefault(str(target.goal), []).append((target.pk, f"{target.code} {target.text}".strip()))
        self.fields["sdg_targets"].widget = SdgTargetCheckboxes()
        self.fields["sdg_targets"].choices = list(targets.items())
        self.fields["sdg_targets"].help_text = _("The goals of the chosen targets are added automatically.")
        if not can_coordinate(user):
            # Only the people who load demonstration data mark it as such.
            del self.fields["is_sample"]
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version
        if not self.instance.pk and not self.is_bound and len(lead.choices) == 2:
            # One department to choose from: choose it. (form.initial, which comes
            # from the empty instance, takes precedence over field.initial.)
            self.initial["lead_department"] = lead.choices[1][0]

    def clean_start_date(self):
        value = self.cleaned_data["start_date"]
        _check_date_range(value)
        return value

    def clean_end_date(self):
        value = self.cleaned_data["end_date"]
        _check_date_range(value)
        return value

    def clean(self):
        cleaned = super().clean()
        targets = cleaned.get("sdg_targets")
        goals = cleaned.get("sdg_goals")
        if targets and goals is not None:
            goal_ids = {goal.pk for goal in goals} | {target.goal_id for target in targets}
            cleaned["sdg_goals"] = SdgGoal.objects.filter(pk__in=goal_ids)
        return cleaned


@dataclass
class PartnerChoices:
    """Options of the place and organisation menus, read once for every row of the form.

    Live places and organisations, plus any deleted one a row of this project
    still refers to: the project stays editable, and the menu says it is deleted.
    """

    places: list[tuple]
    organisations: list[tuple]
    place_queryset: QuerySet
    organisation_queryset: QuerySet

    @classmethod
    def load(cls, project: Project | None = None) -> PartnerChoices:
        kept_places: set[int] = set()
        kept_organisations: set[int] = set()
        if project is not None and project.pk:
            for place_id, organisation_id in ProjectPartner.objects.filter(project=project).values_list(
                "place_id", "organisation_id"
            ):
                kept_places.add(place_id)
                kept_organisations.add(organisation_id)
            kept_organisations.update(
                BudgetLine.objects.filter(project=project).values_list("funder_id", flat=True)
            )
        # Partner places only (not the city itself), plus any place the project already has.
        place_queryset = Place.all_objects.filter(
            Q(deleted_at__isnull=True, is_home=False) | Q(pk__in=kept_places - {None})
        ).select_related("country")
        organisation_queryset = Organisation.all_objects.filter(
            Q(deleted_at__isnull=True) | Q(pk__in=kept_organisations - {None})
        )
        deleted = _("(deleted)")
        places = [
            (place.pk, f"{place.name}（{place.country.name}）" + (f" {deleted}" if place.is_deleted else ""))
            for place in place_queryset
        ]
        organisations = [
            (org.pk, org.name + (f" {deleted}" if org.is_deleted else "")) for org in organisation_queryset
        ]
        return cls(
            places=[BLANK_CHOICE, *places],
            organisations=[BLANK_CHOICE, *organisations],
            place_queryset=place_queryset,
            organisation_queryset=organisation_queryset,
        )


class ProjectPartnerForm(forms.ModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["place", "organisation", "role"]

    def __init__(self, *args, choices: PartnerChoices, **kwargs):
        super().__init__(*args, **kwargs)
        # The queryset validates the choice; the ready-made list avoids a query per row.
        self.fields["place"].queryset = choices.place_queryset
        self.fields["place"].choices = choices.places
        self.fields["organisation"].queryset = choices.organisation_queryset
        self.fields["organisation"].choices = choices.organisations
        _label_inputs(self)


def budget_year_choices(project: Project) -> list[tuple]:
    """年度 a budget line may take: the project's own, and a margin to extend its period."""
    current = FiscalYear.current().year
    first, last = current - 15, current + 5
    if project.start_date:
        first = min(first, project.first_fiscal_year.year)
        last = max(last, project.first_fiscal_year.year)
    if project.end_date:
        last = max(last, project.last_fiscal_year.year)
    return [BLANK_CHOICE, *fiscal_year_choices(first, last)]


class BudgetLineForm(forms.ModelForm):
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    amount_jpy = YenField(
        label=_("Amount (yen)"),
        required=False,
        help_text=_("Left empty for a foreign-currency line, it is calculated from the rate."),
    )

    class Meta:
        model = BudgetLine
        fields = [
            "fiscal_year",
            "source",
            "funder",
            "source_name",
            "amount_jpy",
            "currency",
            "amount_foreign",
            "exchange_rate",
            "rate_date",
            "note",
        ]
        widgets = {
            "rate_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "currency": forms.TextInput(
                attrs={"list": "currency-codes", "size": 4, "maxlength": 3, "autocapitalize": "characters"}
            ),
            "amount_foreign": forms.NumberInput(attrs={"step": "0.01"}),
            "exchange_rate": forms.NumberInput(attrs={"step": "0.000001"}),
        }

    def __init__(self, *args, choices: PartnerChoices, years: list[tuple], project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["fiscal_year"].choices = years
        self.fields["funder"].queryset = choices.organisation_queryset
        self.fields["funder"].choices = choices.organisations
        self.fields["currency"].required = False
        _label_inputs(self)

    def clean_currency(self):
        code = (self.cleaned_data.get("currency") or "JPY").strip().upper()
        if pycountry.currencies.get(alpha_3=code) is None:
            raise ValidationError(_("“%(code)s” is not an ISO currency code (e.g. USD, VND).") % {"code": code})
        return code

    def clean(self):
        cleaned = super().clean()
        currency = cleaned.get("currency")
        if currency == "JPY":
            if cleaned.get("amount_jpy") is None and "amount_jpy" not in self.errors:
                self.add_error("amount_jpy", _("Enter the amount in yen."))
            if any(cleaned.get(name) not in (None, "") for name in ("amount_foreign", "exchange_rate", "rate_date")):
                self.add_error(
                    "currency",
                    _("Give the currency of the foreign amount, or leave the foreign amount, rate and rate date empty."),
                )
        # The model checks the 年度 against the period once the project exists;
        # a project being created has no id yet, so check it here.
        year = cleaned.get("fiscal_year")
        if year and not self.project.pk and self.project.start_date:
            if not self.project.spans_fiscal_year(year):
                self.add_error("fiscal_year", _("This fiscal year is outside the project's period."))
        return cleaned


class ProjectLinkForm(forms.ModelForm):
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = ProjectLink
        fields = ["title", "url", "file_reference"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_inputs(self)


class PartnerRowsBase(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if not data.get("place") and not data.get("organisation"):
                continue
            key = (data.get("place"), data.get("organisation"), data.get("role"))
            if key in seen:
                raise ValidationError(_("The same partner is listed twice with the same role."))
            seen.add(key)


PartnerFormSet = inlineformset_factory(
    Project, ProjectPartner, form=ProjectPartnerForm, formset=PartnerRowsBase, extra=2, can_delete=True
)
BudgetFormSet = inlineformset_factory(Project, BudgetLine, form=BudgetLineForm, extra=3, can_delete=True)
LinkFormSet = inlineformset_factory(Project, ProjectLink, form=ProjectLinkForm, extra=1, can_delete=True)

ROW_KINDS = {"partners": PartnerFormSet, "budget": BudgetFormSet, "links": LinkFormSet}


def build_formset(kind: str, data, project: Project, choices: PartnerChoices | None = None):
    """One of the three row formsets of a project (``kind`` is also its prefix)."""
    formset_class = ROW_KINDS[kind]
    form_kwargs = {}
    if kind in ("partners", "budget"):
        form_kwargs["choices"] = choices or PartnerChoices.load(project)
    if kind == "budget":
        form_kwargs.update(years=budget_year_choices(project), project=project)
    return formset_class(data, instance=project, prefix=kind, form_kwargs=form_kwargs)


def blank_row(formset, index: int) -> forms.Form:
    """An empty row numbered ``index``, for adding a row to the form in the browser."""
    form = formset.empty_form
    form.prefix = formset.add_prefix(index)
    return form


class ProjectEditor:
    """The project form and its partner, budget and link rows: validated and saved as one."""

    def __init__(self, data=None, *, user, instance: Project | None = None):
        self.form = ProjectForm(data, instance=instance, user=user)
        project = self.form.instance
        choices = PartnerChoices.load(project)
        self.partners = build_formset("partners", data, project, choices)
        self.budget = build_formset("budget", data, project, choices)
        self.links = build_formset("links", data, project)

    @property
    def formsets(self):
        return [self.partners, self.budget, self.links]

    def is_valid(self) -> bool:
        # The project form first: its clean() puts the new period on the
        # instance that the budget rows check their 年度 against.
        valid = self.form.is_valid()
        for formset in self.formsets:
            valid = formset.is_valid() and valid
        return valid

    @property
    def has_row_errors(self) -> bool:
        return any(formset.total_error_count() for formset in self.formsets)

    @property
    def seen_version(self) -> int | None:
        return self.form.cleaned_data.get("version")

    def changes(self) -> tuple[Project, ProjectChanges]:
        """The project with its new values (not saved) and what to do with its rows."""
        project = self.form.save(commit=False)
        m2m = {
            name: list(self.form.cleaned_data[name])
            for name in ("co_departments", "fields", "activity_types", "sdg_goals", "sdg_targets")
        }
        save, delete = [], []
        for formset in self.formsets:
            save.extend(formset.save(commit=False))
            delete.extend(formset.deleted_objects)
        return project, ProjectChanges(m2m=m2m, save=save, delete=delete)
