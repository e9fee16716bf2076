"""Lists, dossiers and the country page use the same number of queries for 10 or 1,000 records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import country
from tsunagu.partners import dossier
from tsunagu.partners.models import Agreement, Network, NetworkMembership, Organisation, Place


class CountingSection(dossier.DossierSection):
    """A section with one query for its content and one for its timeline, like a well-behaved real one."""

    key = "test-counting"
    title = "テスト用セクション"
    template = "partners/_timeline.html"

    def context(self, place_ids, user):
        return {"timeline": []}

    def timeline(self, place_ids, user):
        return [
            dossier.TimelineEntry(datetime.date(2020, 4, 1), name, "テスト")
            for name in Place.objects.filter(pk__in=place_ids).values_list("name_en", flat=True)
        ]


@pytest.fixture(autouse=True)
def counting_section():
    dossier.register(CountingSection())
    yield
    dossier.unregister(CountingSection.key)


def add_places(n: int, *, start: int, parent: Place | None = None, code: str = "VN") -> list[Place]:
    """n places, each with an agreement, a network membership and an organisation located there."""
    places = Place.objects.bulk_create(
        Place(country=country(code), parent=parent, name_ja=f"都市{start + i}", name_en=f"City {start + i}")
        for i in range(n)
    )
    networks = Network.objects.bulk_create(Network(name_ja=f"ネットワーク{start + i}") for i in range(n))
    Agreement.objects.bulk_create(
        Agreement(kind=Agreement.Kind.MOU, title_ja=f"協定{start + i}", place=place,
                  signed_on=datetime.date(2000 + i % 25, 4, 1))
        for i, place in enumerate(places)
    )
    NetworkMembership.objects.bulk_create(
        NetworkMembership(network=network, place=place, joined_on=datetime.date(2001, 5, 1))
        for network, place in zip(networks, places, strict=True)
    )
    Organisation.objects.bulk_create(
        Organisation(kind=Organisation.Kind.OTHER, name_ja=f"機関{start + i}", place=place, country=place.country)
        for i, place in enumerate(places)
    )
    return places


def add_to_one_place(place: Place, n: int, *, start: int) -> None:
    """n agreements, memberships, organisations and child places for one place."""
    Agreement.objects.bulk_create(
        Agreement(kind=Agreement.Kind.MOU, title_ja=f"協定{start + i}", place=place,
                  signed_on=datetime.date(1990 + i % 35, 4, 1), renewed_on=datetime.date(2025, 4, 1))
        for i in range(n)
    )
    networks = Network.objects.bulk_create(Network(name_ja=f"ネットワーク{start + i}") for i in range(n))
    NetworkMembership.objects.bulk_create(
        NetworkMembership(network=network, place=place, joined_on=datetime.date(2001, 5, 1)) for network in networks
    )
    Organisation.objects.bulk_create(
        Organisation(kind=Organisation.Kind.OTHER, name_ja=f"機関{start + i}", place=place) for i in range(n)
    )
    Place.objects.bulk_create(
        Place(country=place.country, parent=place, name_ja=f"区{start + i}", name_en=f"District {start + i}")
        for i in range(n)
    )


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


def test_the_place_list_query_count_does_not_grow(as_viewer):
    add_places(10, start=0)
    url = reverse("partners:place_list")
    as_viewer.get(url)  # warm up the session and caches
    small = count_queries(as_viewer, url)
    filtered_small = count_queries(as_viewer, url, {"q": "City", "has_agreements": "true", "o": "-agreement_count"})
    add_places(990, start=10)
    assert count_queries(as_viewer, url) == small
    assert count_queries(as_viewer, url, {"q": "City", "has_agreements": "true", "o": "-agreement_count"}) == filtered_small


def test_the_dossier_query_count_does_not_grow(as_viewer):
    place = Place.objects.create(country=country("VN"), name_ja="海防", name_en="Hai Phong")
    add_to_one_place(place, 10, start=0)
    url = place.get_absolute_url()
    as_viewer.get(url)
    small = count_queries(as_viewer, url)
    add_to_one_place(place, 990, start=10)
    large_response = as_viewer.get(url)
    assert len(large_response.context["dossier"].agreements) == 1000
    assert count_queries(as_viewer, url) == small


def test_the_country_page_query_count_does_not_grow(as_viewer):
    add_places(10, start=0)
    url = reverse("partners:country", args=["VN"])
    as_viewer.get(url)
    small = count_queries(as_viewer, url)
    add_places(990, start=10)
    assert count_queries(as_viewer, url) == small


@pytest.mark.parametrize("list_name", ["agreement_list", "organisation_list", "network_list", "country_list"])
def test_the_other_lists_query_counts_do_not_grow(as_viewer, list_name):
    add_places(10, start=0)
    url = reverse(f"partners:{list_name}")
    as_viewer.get(url)
    small = count_queries(as_viewer, url)
    add_places(990, start=10, code="TH")
    assert count_queries(as_viewer, url) == small
