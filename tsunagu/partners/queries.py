"""Read paths of the partners app: the records a user may see, lists, dossiers.

Every partners record is readable by any signed-in member of staff (there is
no personal data here); deleted records only by coordinators, who may restore
them. Each ``get_<thing>_for_user`` raises ``Http404`` for a missing or hidden
id, so a view never has to decide that itself.

The list and dossier builders use a fixed number of queries whatever the
number of records (pinned by tests/partners/test_query_counts.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from tsunagu.core.i18n import ui_is_japanese
from tsunagu.org.permissions import can_coordinate
from tsunagu.partners import dossier
from tsunagu.partners.models import (
    Agreement,
    Country,
    Network,
    NetworkMembership,
    Organisation,
    Place,
    partner_places,
)


def _can_read(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _get(model, user, pk, *, deleted: bool, queryset: QuerySet | None = None):
    if not _can_read(user):
        raise Http404
    if deleted:
        if not can_coordinate(user):
            raise Http404
        queryset = model.all_objects.filter(deleted_at__isnull=False)
    elif queryset is None:
        queryset = model.objects.all()
    try:
        return queryset.get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_place_for_user(user, pk, *, deleted: bool = False) -> Place:
    """A live place (or, with ``deleted=True``, a deleted one for a coordinator)."""
    return _get(Place, user, pk, deleted=deleted, queryset=Place.objects.select_related("country", "parent"))


def get_organisation_for_user(user, pk, *, deleted: bool = False) -> Organisation:
    return _get(
        Organisation, user, pk, deleted=deleted,
        queryset=Organisation.objects.select_related("country", "place", "place__country"),
    )


def get_agreement_for_user(user, pk, *, deleted: bool = False) -> Agreement:
    return _get(
        Agreement, user, pk, deleted=deleted,
        queryset=Agreement.objects.select_related("place", "place__country", "organisation"),
    )


def get_network_for_user(user, pk, *, deleted: bool = False) -> Network:
    return _get(Network, user, pk, deleted=deleted)


def get_country_for_user(user, code: str) -> Country:
    if not _can_read(user):
        raise Http404
    try:
        return Country.objects.get(code=str(code).upper())
    except Country.DoesNotExist:
        raise Http404 from None


def deleted_records(model) -> QuerySet:
    """Deleted records of a model, most recently deleted first (for the coordinator)."""
    queryset = model.all_objects.filter(deleted_at__isnull=False).order_by("-deleted_at", "-pk")
    if model is Place:
        queryset = queryset.select_related("country")
    elif model is Agreement:
        queryset = queryset.select_related("place", "organisation")
    elif model is Organisation:
        queryset = queryset.select_related("country")
    # Who deleted it: the author of the newest history row.
    last_change = model.history.filter(id=OuterRef("pk")).order_by("-history_date", "-history_id")
    return queryset.annotate(
        deleted_by_name=Subquery(last_change.values("history_user__full_name")[:1]),
        deleted_by_username=Subquery(last_change.values("history_user__username")[:1]),
    )


def country_order() -> list[str]:
    """Countries in 五十音 order of their Japanese names, or alphabetically in English."""
    return ["name_sort", "name_ja"] if ui_is_japanese() else ["name_en"]


def _count(queryset: QuerySet, outer_field: str) -> Coalesce:
    """A correlated ``COUNT(*)`` subquery: one query for the whole list, no join fan-out."""
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def live_memberships() -> QuerySet:
    return NetworkMembership.objects.filter(network__deleted_at__isnull=True)


# Lists --------------------------------------------------------------------------


def place_list() -> QuerySet:
    """The partner places (相手都市): the city itself is left out (``partner_places``)."""
    agreements = Agreement.objects.order_by("signed_on", "pk")
    return (
        partner_places(Place.objects.select_related("country", "parent"))
        .annotate(
            agreement_count=_count(Agreement.objects.all(), "place"),
            network_count=_count(live_memberships(), "place"),
            organisation_count=_count(Organisation.objects.all(), "place"),
        )
        .prefetch_related(Prefetch("agreements", queryset=agreements, to_attr="live_agreements"))
    )


def organisation_list() -> QuerySet:
    return Organisation.objects.select_related("country", "place").annotate(
        agreement_count=_count(Agreement.objects.all(), "organisation")
    )


def agreement_list() -> QuerySet:
    return Agreement.objects.select_related("place", "place__country", "organisation", "organisation__country")


def network_list() -> QuerySet:
    return Network.objects.annotate(member_count=_count(NetworkMembership.objects.all(), "network"))


def countries_with_partners() -> QuerySet:
    """Countries that have live places or organisations, with their counts (one query)."""
    return (
        Country.objects.annotate(
            place_count=_count(partner_places(), "country"),
            organisation_count=_count(Organisation.objects.all(), "country"),
            agreement_count=_count(Agreement.objects.all(), "place__country"),
        )
        .filter(Q(place_count__gt=0) | Q(organisation_count__gt=0))
        .order_by(*country_order())
    )


def has_agreements() -> Exists:
    return Exists(Agreement.objects.filter(place=OuterRef("pk")))


# Dossiers --------------------------------------------------------------------------


def subtree_ids(place: Place) -> list[int]:
    """The place and every live place below it, in one query (the tree stays within a country)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Place.objects.filter(country_id=place.country_id).order_by().values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    result: list[int] = []
    stack = [place.pk]
    while stack:
        pk = stack.pop()
        if pk in result:
            continue
        result.append(pk)
        stack.extend(children.get(pk, []))
    return result


@dataclass
class SectionContent:
    section: dossier.DossierSection
    context: dict[str, Any]


@dataclass
class Dossier:
    """Everything the city has with a place (and the places under it) or a country."""

    place_ids: list[int]
    agreements: list[Agreement]
    memberships: list[NetworkMembership]
    organisations: list[Organisation]
    sections: list[SectionContent]
    timeline: list[dossier.TimelineYear]
    active_agreement_count: int = field(init=False)

    def __post_init__(self) -> None:
        self.active_agreement_count = sum(1 for a in self.agreements if not a.ended_on)


def _partner_name(agreement: Agreement) -> str:
    return str(agreement.place or agreement.organisation)


def own_timeline(
    agreements: list[Agreement], memberships: list[NetworkMembership], main_place_id: int | None
) -> list[dossier.TimelineEntry]:
    """The dated events of agreements and network memberships."""
    entries = []
    for agreement in agreements:
        label = str(agreement)
        if agreement.place_id != main_place_id:
            label = f"{label}（{_partner_name(agreement)}）"
        url = agreement.get_absolute_url()
        entries.append(dossier.TimelineEntry(agreement.signed_on, label, _("Agreement signed"), url))
        if agreement.assembly_approved_on:
            entries.append(
                dossier.TimelineEntry(agreement.assembly_approved_on, label, _("Assembly approval"), url)
            )
        if agreement.renewed_on:
            entries.append(dossier.TimelineEntry(agreement.renewed_on, label, _("Agreement renewed"), url))
        if agreement.ended_on:
            entries.append(dossier.TimelineEntry(agreement.ended_on, label, _("Agreement ended"), url))
    for membership in memberships:
        label = str(membership.network)
        if membership.place_id != main_place_id:
            label = f"{label}（{membership.place}）"
        url = membership.network.get_absolute_url()
        if membership.joined_on:
            entries.append(dossier.TimelineEntry(membership.joined_on, label, _("Joined network"), url))
        if membership.left_on:
            entries.append(dossier.TimelineEntry(membership.left_on, label, _("Left network"), url))
    return entries


def build_dossier(
    place_scope, user, *, main_place_id: int | None = None, country: Country | None = None
) -> Dossier:
    """The dossier over ``place_scope``: a list of place ids or a queryset of places.

    Agreements with an organisation located in one of the places count too; for
    a country, so do organisations of that country without a place.
    """
    if isinstance(place_scope, QuerySet):
        place_ids = list(place_scope.values_list("pk", flat=True))
        scope = place_scope.values("pk")
    else:
        place_ids = list(place_scope)
        scope = place_ids
    organisation_scope = Q(place_id__in=scope)
    if country is not None:
        organisation_scope |= Q(country=country)
    agreements = list(
        Agreement.objects.filter(
            Q(place_id__in=scope) | Q(organisation__in=Organisation.objects.filter(organisation_scope))
        )
        .select_related("place", "organisation")
        .order_by("-signed_on", "pk")
    )
    memberships = list(
        live_memberships()
        .filter(place_id__in=scope)
        .select_related("network", "place")
        .order_by("network__name_sort", "joined_on", "pk")
    )
    organisations = list(
        Organisation.objects.filter(organisation_scope).select_related("place").order_by("kind", "name_sort", "name_ja")
    )
    timeline = own_timeline(agreements, memberships, main_place_id)
    contents = []
    for section in dossier.sections():
        contents.append(SectionContent(section, section.context(place_ids, user)))
        timeline.extend(section.timeline(place_ids, user))
    return Dossier(
        place_ids=place_ids,
        agreements=agreements,
        memberships=memberships,
        organisations=organisations,
        sections=contents,
        timeline=dossier.group_by_fiscal_year(timeline),
    )


def place_dossier(place: Place, user) -> Dossier:
    return build_dossier(subtree_ids(place), user, main_place_id=place.pk)


def country_places(country: Country) -> QuerySet:
    """The country's places with their counts, for the country page."""
    return (
        place_list()
        .filter(country=country)
        .order_by(*(["name_sort", "name_ja"] if ui_is_japanese() else ["name_en"]))
    )


def country_dossier(country: Country, user) -> Dossier:
    return build_dossier(partner_places().filter(country=country), user, country=country)


def membership_history(network: Network, limit: int = 50) -> list:
    """Changes to a network's member list, newest first."""
    return list(
        NetworkMembership.history.filter(network_id=network.pk)
        .select_related("history_user", "place")
        .order_by("-history_date", "-history_id")[:limit]
    )
