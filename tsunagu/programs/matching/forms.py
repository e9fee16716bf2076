"""The plan form: the same plan as a plan file, typed into a page (read only: nothing is saved)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ApplicantType, CityRole
from .plan import EXPERIENCE_CHOICES, PEOPLE_CHOICES, Plan, city_applicant_type, default_roles


def _choices(model) -> list[tuple[str, str]]:
    return [(code, str(item)) for code, item in ((o.code, o) for o in model.objects.all())]


class CountryPicker(forms.SelectMultiple):
    """A plain multiple select that programs/picker.js turns into a box to type a country into.

    Each option carries the words it is found by (Japanese and English names, ISO codes) in
    ``data-search``; without JavaScript it stays an ordinary select.
    """

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "size": 8,
                "data-picker": "",
                "data-placeholder": _("Type a country name (e.g. ベトナム, VN)"),
                "data-remove": _("Remove"),
                "data-none": _("No country matches."),
                "data-chosen": _("Chosen countries"),
                **(attrs or {}),
            }
        )
        self.search_words: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        words = self.search_words.get(str(value))
        if words:
            option["attrs"]["data-search"] = words
        return option


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Plan title"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the plan does, in Japanese or English. Compared with the programmes' texts."),
    )
    fields = forms.MultipleChoiceField(label=_("Fields"), required=False, widget=forms.CheckboxSelectMultiple)
    activity_types = forms.MultipleChoiceField(
        label=_("Activity types"), required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        widget=CountryPicker,
        help_text=_("Where the activities take place (Japan for activities in Japan). Several may be chosen."),
    )
    applicant_type = forms.ChoiceField(label=_("Who applies"), choices=ApplicantType.choices)
    city_roles = forms.MultipleChoiceField(
        label=_("How the city may take part"),
        choices=CityRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for the usual choice: every role in which the city acts itself "
                    "(every role when someone else applies)."),
    )
    people = forms.MultipleChoiceField(
        label=_("Whose people move"), choices=PEOPLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to read it from the activity types (trainee acceptance: trainees from abroad; "
                    "expert dispatch: the city's staff sent abroad)."),
    )
    experience = forms.ChoiceField(
        label=_("The applicant's overseas experience"), required=False,
        choices=[("", _("not said")), *EXPERIENCE_CHOICES],
        help_text=_("Some programmes are for organisations new to overseas work, others for experienced ones."),
    )
    joint = forms.BooleanField(
        label=_("Several local governments (or organisations) apply jointly"), required=False
    )
    start_date = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty for an open-ended plan (matched for three fiscal years)."),
    )
    money_needed_jpy = forms.IntegerField(
        label=_("Money needed (yen)"), required=False, min_value=0, max_value=10**13,
        widget=forms.NumberInput(attrs={"step": 1000}),
    )
    national_funding = forms.BooleanField(
        label=_("Already funded by the state or a similar body (for the no-double-funding rules)"), required=False
    )
    continuing = forms.BooleanField(
        label=_("Continues an existing project unchanged (neither new nor expanded)"), required=False
    )

    def __init__(self, *args, **kwargs):
        from tsunagu.partners.models import Country
        from tsunagu.portfolio.models import ActivityType, Field

        super().__init__(*args, **kwargs)
        self.fields["fields"].choices = _choices(Field)
        self.fields["activity_types"].choices = _choices(ActivityType)
        countries = list(Country.objects.all())
        self.fields["countries"].choices = [(c.code, c.name) for c in countries]
        self.fields["countries"].widget.search_words = {
            c.code: f"{c.name_ja} {c.name_en} {c.code} {c.alpha3}" for c in countries
        }
        self.fields["applicant_type"].initial = city_applicant_type()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if not (data.get("fields") or data.get("activity_types") or (data.get("text") or "").strip()
                or (data.get("title") or "").strip()):
            raise forms.ValidationError(_("Say what the plan is about: choose fields or activity types, or describe it."))
        return data

    def plan(self) -> Plan:
        data = self.cleaned_data
        applicant = data["applicant_type"]
        roles = tuple(r for r in CityRole.values if r in (data.get("city_roles") or [])) or default_roles(applicant)
        field_order = [code for code, _label in self.fields["fields"].choices]
        activity_order = [code for code, _label in self.fields["activity_types"].choices]
        return Plan(
            applicant_type=applicant,
            city_roles=roles,
            fields=tuple(c for c in field_order if c in data.get("fields", [])),
            activity_types=tuple(c for c in activity_order if c in data.get("activity_types", [])),
            countries=tuple(sorted(data.get("countries") or [])),
            start_date=data["start_date"],
            end_date=data.get("end_date"),
            money_needed_jpy=data.get("money_needed_jpy"),
            national_funding=bool(data.get("national_funding")),
            continuing=bool(data.get("continuing")),
            people=tuple(code for code, _label in PEOPLE_CHOICES if code in (data.get("people") or [])),
            experience=data.get("experience") or "",
            joint=bool(data.get("joint")),
            text=(data.get("text") or "").strip(),
            title=(data.get("title") or "").strip(),
        )


def form_data(plan: Plan) -> dict:
    """The form's data for a plan (to open a project's plan in the form)."""
    data: dict = {
        "title": plan.title,
        "text": plan.text,
        "fields": list(plan.fields),
        "activity_types": list(plan.activity_types),
        "countries": list(plan.countries),
        "applicant_type": plan.applicant_type,
        "city_roles": list(plan.city_roles),
        "start_date": plan.start_date.isoformat(),
        "end_date": plan.end_date.isoformat() if plan.end_date else "",
        "money_needed_jpy": "" if plan.money_needed_jpy is None else str(plan.money_needed_jpy),
        "people": list(plan.people),
        "experience": plan.experience,
    }
    if plan.joint:
        data["joint"] = "on"
    if plan.national_funding:
        data["national_funding"] = "on"
    if plan.continuing:
        data["continuing"] = "on"
    return data
