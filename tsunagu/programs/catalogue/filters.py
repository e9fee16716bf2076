"""Search, facets and sorting of the programme list.

Filters on many-to-many rows use ``pk__in`` subqueries, so a programme never
appears twice. Window status is the database annotation of
``queries.window_status_annotation``. The text search is
``queries.program_search`` (the search index, as the signed-in user may see it).
"""

from __future__ import annotations

from collections.abc import Callable

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from tsunagu.core.i18n import ui_is_japanese
from tsunagu.partners.models import Country, Organisation
from tsunagu.portfolio.models import ActivityType, Field

from ..models import ApplicantType, CityRole, FundingForm, Program, WindowStatus
from .queries import json_list_contains, program_search, with_json_text

SORTS = {
    "name": _("Name"),
    "provider": _("Provider"),
    "code": _("Code"),
    "cap": _("Cap in force"),
    "deadline": _("Next deadline"),
    "status": _("Window status"),
}
DEFAULT_SORT = "name"

STATUS_RANK = {
    WindowStatus.OPEN: 0,
    WindowStatus.UPCOMING: 1,
    WindowStatus.CLOSED: 2,
    WindowStatus.UNKNOWN: 3,
}


def sort_choices() -> list[tuple[str, str]]:
    choices = []
    for key, label in SORTS.items():
        choices.append((key, _("%(column)s (ascending)") % {"column": label}))
        choices.append((f"-{key}", _("%(column)s (descending)") % {"column": label}))
    return choices


def _providers(request=None):
    return Organisation.objects.filter(pk__in=Program.objects.values("provider_id"))


def _linked(relation, target_ids):
    m2m = relation.field
    through = m2m.remote_field.through
    return through.objects.filter(**{f"{m2m.m2m_reverse_field_name()}__in": target_ids}).values(m2m.m2m_field_name())


class ProgramFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, purpose, provider or code")}),
    )
    provider = django_filters.ModelChoiceFilter(
        label=_("Provider"), queryset=_providers, empty_label=_("All providers")
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field"), queryset=Field.objects.all(), method="filter_field", empty_label=_("All fields")
    )
    activity_type = django_filters.ModelChoiceFilter(
        label=_("Activity type"),
        queryset=ActivityType.objects.all(),
        method="filter_activity_type",
        empty_label=_("All activity types"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Target region"), choices=Program.RegionScope.choices, field_name="region_scope",
        empty_label=_("All regions"),
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.all(),
        method="filter_country",
        empty_label=_("All countries"),
        help_text=_("Programmes open to any country or to developing countries are included."),
    )
    applicant = django_filters.ChoiceFilter(
        label=_("Applicant type"), choices=ApplicantType.choices, method="filter_applicant",
        empty_label=_("All applicant types"),
    )
    city_role = django_filters.ChoiceFilter(
        label=_("How the city takes part"), choices=CityRole.choices, method="filter_city_role",
        empty_label=_("Any role"),
    )
    funding_form = django_filters.ChoiceFilter(
        label=_("Funding form"), choices=FundingForm.choices, method="filter_funding_form",
        empty_label=_("All funding forms"),
    )
    window = django_filters.ChoiceFilter(
        label=_("Window status"), choices=WindowStatus.choices, method="filter_window",
        empty_label=_("Any window status"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Programme status"), choices=Program.Status.choices, empty_label=_("All statuses")
    )
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=sort_choices, method="filter_sort", empty_label=None)

    class Meta:
        model = Program
        fields: list[str] = []

    def __init__(
        self, data=None, *args, user=None, search: Callable[[str, QuerySet], QuerySet] | None = None, **kwargs
    ):
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.search = search

    def filter_search(self, queryset, name, value):
        if self.search is not None:
            return self.search(value, queryset)
        return program_search(value, queryset, self.user)

    def filter_field(self, queryset, name, value):
        # A programme coded with no field is open to every field (e.g. LGOTP, CLAIR model projects).
        coded = Program.fields.through.objects.values("program_id")
        return queryset.filter(Q(pk__in=_linked(Program.fields, [value.pk])) | ~Q(pk__in=coded))

    def filter_activity_type(self, queryset, name, value):
        return queryset.filter(pk__in=_linked(Program.activity_types, [value.pk]))

    def filter_country(self, queryset, name, value):
        listed = _linked(Program.countries, [value.pk])
        scopes = [Program.RegionScope.ANY, Program.RegionScope.DEVELOPING]
        if value.code == "JP":
            scopes = [Program.RegionScope.ANY, Program.RegionScope.DOMESTIC]
        return queryset.filter(Q(region_scope__in=scopes) | Q(pk__in=listed))

    def _json(self, queryset, name, value):
        return with_json_text(queryset, name).filter(json_list_contains(name, value))

    def filter_applicant(self, queryset, name, value):
        return self._json(queryset, "eligible_applicants", value)

    def filter_city_role(self, queryset, name, value):
        return self._json(queryset, "city_roles", value)

    def filter_funding_form(self, queryset, name, value):
        return self._json(queryset, "funding_forms", value)

    def filter_window(self, queryset, name, value):
        return queryset.filter(window_state=value)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied in filter_queryset, after every filter

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = (self.form.cleaned_data.get("sort") if self.is_bound else "") or DEFAULT_SORT
        return order_programs(queryset, sort)


def order_programs(queryset, sort: str):
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key == "status":
        queryset = queryset.annotate(
            status_rank=Case(
                *[When(window_state=status.value, then=Value(rank)) for status, rank in STATUS_RANK.items()],
                output_field=IntegerField(),
            )
        )
    # Japanese names in 五十音 order of their reading (Latin names: see tsunagu.text.readings).
    name = [F("name_sort"), F("name_ja")] if ui_is_japanese() else [F("name_en"), F("name_ja")]
    provider = [F("provider__name_sort")] if ui_is_japanese() else [F("provider__name_en")]
    columns = {
        "name": name,
        "provider": provider + name,
        "code": [F("code")],
        "cap": [F("cap_in_force")],
        "deadline": [F("next_deadline")],
        "status": [F("status_rank"), F("next_deadline")],
    }[key]
    ordering = [
        (column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)) for column in columns
    ]
    return queryset.order_by(*ordering, "code")
