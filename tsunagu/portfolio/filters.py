"""Search, filters and sorting of the project list.

Filters on related rows (fields, co-departments, partner places…) use
``pk__in`` subqueries instead of joins, so a project never appears twice and
the budget total annotated on the queryset stays right without ``distinct()``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagu.core.fiscal import FiscalYear, fiscal_year_choices
from tsunagu.core.i18n import ui_is_japanese
from tsunagu.org.models import Department
from tsunagu.partners.models import Country, Place
from tsunagu.text import filter_words

from .models import ActivityType, Field, Project, ProjectPartner, SdgGoal
from .queries import department_tree_choices, fiscal_year_bounds, status_rank

SORTS = {
    "title": pgettext_lazy("project", "Title"),
    "start": _("Start date"),
    "department": _("Lead department"),
    "status": _("Status"),
    "budget": _("Total budget"),
}
DEFAULT_SORT = "-start"


def sort_choices() -> list[tuple[str, str]]:
    """Every column both ways, the default (newest start first) first so the menu shows it."""
    choices = []
    for key, label in SORTS.items():
        choices.append((key, _("%(column)s (ascending)") % {"column": label}))
        choices.append((f"-{key}", _("%(column)s (descending)") % {"column": label}))
    choices.sort(key=lambda choice: choice[0] != DEFAULT_SORT)
    return choices


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Place) -> str:
        return f"{obj.name}（{obj.country.name}）"


class PlaceFilter(django_filters.ModelChoiceFilter):
    field_class = PlaceChoiceField


def _linked_project_ids(relation, target_ids):
    """Ids of projects linked through a many-to-many field to any of ``target_ids`` (a subquery)."""
    m2m = relation.field
    through = m2m.remote_field.through
    return through.objects.filter(**{f"{m2m.m2m_reverse_field_name()}__in": target_ids}).values(
        m2m.m2m_field_name()
    )


def _projects_with(partner_filter: Q):
    return ProjectPartner.objects.filter(partner_filter).values("project_id")


def _partner_places(request=None):
    return Place.objects.filter(pk__in=ProjectPartner.objects.values("place_id")).select_related("country")


def _partner_countries(request=None):
    return Country.objects.filter(
        pk__in=Place.objects.filter(pk__in=ProjectPartner.objects.values("place_id")).values("country_id")
    )


LEAD = "lead"
CO_OPERATING = "co"
INVOLVEMENT_CHOICES = [(LEAD, _("Lead (主管)")), (CO_OPERATING, _("Co-operating only (協力)"))]


def involvement_conditions(department_ids) -> tuple[Q, Q]:
    """Projects a set of departments leads, and those it only co-operates in (led elsewhere).

    The two never overlap, so "lead + co-operating" is the department's whole list; the
    start page counts with the same conditions (``portfolio.widgets``).
    """
    lead = Q(lead_department_id__in=department_ids)
    co_operating = Q(pk__in=_linked_project_ids(Project.co_departments, department_ids)) & ~lead
    return lead, co_operating


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title, summary or partner")}),
    )
    department = django_filters.ChoiceFilter(
        label=_("Department"),
        method="filter_department",
        empty_label=_("All departments"),
        help_text=_("Lead or co-operating department; a bureau includes its sections."),
    )
    involvement = django_filters.ChoiceFilter(
        label=_("Department's part"),
        choices=INVOLVEMENT_CHOICES,
        method="filter_involvement",
        empty_label=_("Lead or co-operating"),
        help_text=_("With a department: the projects it leads (主管) or those it co-operates in (協力)."),
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
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=_partner_countries,
        method="filter_country",
        empty_label=_("All countries"),
    )
    place = PlaceFilter(
        label=_("Partner place"),
        queryset=_partner_places,
        method="filter_place",
        empty_label=_("All places"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Project.Status.choices, empty_label=_("All statuses")
    )
    fiscal_year = django_filters.ChoiceFilter(
        label=_("Fiscal year"),
        method="filter_fiscal_year",
        empty_label=_("All fiscal years"),
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("SDG goal"), queryset=SdgGoal.objects.all(), method="filter_sdg", empty_label=_("All goals")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=sort_choices, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["department"].extra["choices"] = department_tree_choices(Department.objects.all())
        first, last = fiscal_year_bounds()
        self.filters["fiscal_year"].extra["choices"] = fiscal_year_choices(first, last)

    # Each method receives a validated value; empty values never reach them.

    def filter_search(self, queryset, name, value):
        """Every word in the title, the summary or a partner's names (a place's kanji name
        included), folded as ``tsunagu.text.filtering`` describes: ﾊｲﾌｫﾝ finds ハイフォン,
        すいどう finds 上下水道 by its reading."""
        for word in filter_words(value):
            partners = _projects_with(Q(place__search_text__contains=word) | Q(organisation__search_text__contains=word))
            queryset = queryset.filter(Q(search_text__contains=word) | Q(pk__in=partners))
        return queryset

    def filter_department(self, queryset, name, value):
        lead, co_operating = involvement_conditions(Department.subtree_ids({int(value)}))
        involvement = self.form.cleaned_data.get("involvement")
        if involvement == LEAD:
            return queryset.filter(lead)
        if involvement == CO_OPERATING:
            return queryset.filter(co_operating)
        return queryset.filter(lead | co_operating)

    def filter_involvement(self, queryset, name, value):
        return queryset  # applied in filter_department (it means nothing without a department)

    def filter_field(self, queryset, name, value):
        return queryset.filter(pk__in=_linked_project_ids(Project.fields, [value.pk]))

    def filter_activity_type(self, queryset, name, value):
        return queryset.filter(pk__in=_linked_project_ids(Project.activity_types, [value.pk]))

    def filter_sdg(self, queryset, name, value):
        return queryset.filter(pk__in=_linked_project_ids(Project.sdg_goals, [value.pk]))

    def filter_country(self, queryset, name, value):
        return queryset.filter(pk__in=_projects_with(Q(place__country=value)))

    def filter_place(self, queryset, name, value):
        # A province includes the cities in it.
        return queryset.filter(pk__in=_projects_with(Q(place=value) | Q(place__parent=value)))

    def filter_fiscal_year(self, queryset, name, value):
        """Projects whose period overlaps the 年度 (1 April – 31 March)."""
        year = FiscalYear(int(value))
        return queryset.filter(start_date__lte=year.end).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=year.start)
        )

    def filter_sort(self, queryset, name, value):
        return queryset  # applied in filter_queryset, after every filter

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return order_projects(queryset, self.form.cleaned_data.get("sort") or DEFAULT_SORT)


def order_projects(queryset, sort: str):
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key == "title":
        # Japanese titles in 五十音 order of their reading.
        columns = ["name_sort", "title_ja"] if ui_is_japanese() else ["title_en", "title_ja"]
    elif key == "department":
        columns = ["lead_department__sort_order", "lead_department__code"]
    elif key == "status":
        queryset = queryset.annotate(status_rank=status_rank())
        columns = ["status_rank"]
    elif key == "budget":
        columns = ["budget_total"]
    else:
        columns = ["start_date"]
    prefix = "-" if descending else ""
    return queryset.order_by(*[prefix + column for column in columns], prefix + "pk")
