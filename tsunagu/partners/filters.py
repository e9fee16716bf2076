"""List filters (django-filter): free-text search, choices, sorting."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tsunagu.core.i18n import ui_is_japanese
from tsunagu.partners import queries
from tsunagu.partners.forms import CountryChoiceField, PlaceChoiceField
from tsunagu.partners.models import Agreement, Network, Organisation, Place, partner_places
from tsunagu.text import filter_words


def search_q(value: str, fields: list[str]) -> Q:
    """Every word must be in one of the ``search_text`` columns ``fields`` (AND over words,
    OR over fields), folded as ``tsunagu.text.filtering`` describes: widths, kana, readings."""
    condition = Q()
    for word in filter_words(value):
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__contains": word})
        condition &= any_field
    return condition


class CountryFilter(django_filters.ModelChoiceFilter):
    field_class = CountryChoiceField


class PlaceFilter(django_filters.ModelChoiceFilter):
    field_class = PlaceChoiceField


def countries_in_use(request) -> QuerySet:
    """Country choices: only countries that have partner places or organisations."""
    return queries.countries_with_partners()


class SearchFilterSet(django_filters.FilterSet):
    search_fields: list[str] = []

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Japanese, English or local name")}),
    )

    def filter_search(self, queryset, name, value):
        return queryset.filter(search_q(value, self.search_fields)) if value else queryset


class UiNameOrderingFilter(django_filters.OrderingFilter):
    """Sorting by "name" follows the UI language (Japanese or English names)."""

    def __init__(self, *args, names: dict[str, tuple[str, str]], **kwargs):
        self.names = names
        super().__init__(*args, **kwargs)

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        key = param[1:] if descending else param
        if key in self.names:
            ja, en = self.names[key]
            value = ja if ui_is_japanese() else en
            return f"-{value}" if descending else value
        return super().get_ordering_value(param)

    def build_choices(self, fields, labels):
        # The base class formats "(descending)" once, at import, in whatever
        # language is active then; keep every label lazy instead.
        choices = []
        for field_name, param in fields.items():
            label = labels.get(field_name, field_name)
            choices.append((param, label))
            choices.append((f"-{param}", format_lazy(_("{label} (descending)"), label=label)))
        return choices


class PlaceFilterSet(SearchFilterSet):
    search_fields = ["search_text", "country__search_text"]

    country = CountryFilter(label=_("Country"), queryset=countries_in_use)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Place.Kind.choices)
    has_agreements = django_filters.BooleanFilter(
        label=_("Agreements"),
        method="filter_has_agreements",
        widget=forms.Select(choices=[("", "---------"), ("true", _("With agreements")), ("false", _("Without agreements"))]),
    )
    o = UiNameOrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("country", "country"), ("agreement_count", "agreement_count"), ("kind", "kind")),
        field_labels={
            "name": _("Name"),
            "country": _("Country"),
            "agreement_count": _("Number of agreements"),
            "kind": _("Kind"),
        },
        names={"name": ("name_sort", "name_en"), "country": ("country__name_sort", "country__name_en")},
    )

    class Meta:
        model = Place
        fields: list[str] = []

    def filter_has_agreements(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(queries.has_agreements()) if value else queryset.exclude(queries.has_agreements())


class OrganisationFilterSet(SearchFilterSet):
    search_fields = ["search_text", "place__search_text"]

    country = CountryFilter(label=_("Country"), queryset=countries_in_use)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    o = UiNameOrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("kind", "kind"), ("country", "country"), ("agreement_count", "agreement_count")),
        field_labels={
            "name": _("Name"),
            "kind": _("Kind"),
            "country": _("Country"),
            "agreement_count": _("Number of agreements"),
        },
        names={"name": ("name_sort", "name_en"), "country": ("country__name_sort", "country__name_en")},
    )

    class Meta:
        model = Organisation
        fields: list[str] = []


class AgreementFilterSet(SearchFilterSet):
    search_fields = ["search_text", "place__search_text", "organisation__search_text"]

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Agreement.Kind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Agreement.Status.choices, method="filter_status"
    )
    place = PlaceFilter(label=_("Partner place"), queryset=lambda request: partner_places(Place.objects.select_related("country")).order_by(
        "country__name_sort" if ui_is_japanese() else "country__name_en", "name_sort" if ui_is_japanese() else "name_en"
    ))
    country = CountryFilter(label=_("Country"), queryset=countries_in_use, field_name="place__country")
    o = UiNameOrderingFilter(
        label=_("Sort by"),
        fields=(("signed_on", "signed_on"), ("title", "title"), ("kind", "kind"), ("partner", "partner")),
        field_labels={
            "signed_on": _("Signing date"),
            "title": _("Title"),
            "kind": _("Kind"),
            "partner": _("Partner"),
        },
        names={"title": ("name_sort", "title_en"), "partner": ("place__name_sort", "place__name_en")},
    )

    class Meta:
        model = Agreement
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        if value == Agreement.Status.ACTIVE:
            return queryset.filter(ended_on__isnull=True)
        if value == Agreement.Status.ENDED:
            return queryset.filter(ended_on__isnull=False)
        return queryset


class NetworkFilterSet(SearchFilterSet):
    search_fields = ["search_text"]

    member = PlaceFilter(
        label=_("Member place"),
        method="filter_member",
        queryset=lambda request: Place.objects.filter(network_memberships__isnull=False)
        .select_related("country")
        .distinct()
        .order_by("name_sort" if ui_is_japanese() else "name_en"),
    )
    o = UiNameOrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("founded_on", "founded_on"), ("member_count", "member_count")),
        field_labels={"name": _("Name"), "founded_on": _("Founded"), "member_count": _("Number of members")},
        names={"name": ("name_sort", "name_en")},
    )

    class Meta:
        model = Network
        fields: list[str] = []

    def filter_member(self, queryset, name, value):
        return queryset.filter(memberships__place=value).distinct() if value else queryset
