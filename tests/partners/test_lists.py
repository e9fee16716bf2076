"""List pages: search in Japanese, English and local script; filters; sorting; pagination."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AgreementFactory,
    NetworkFactory,
    OrganisationFactory,
    PlaceFactory,
    country,
)
from tsunagu.partners import queries
from tsunagu.partners.models import Agreement, NetworkMembership, Organisation, Place


def names(response, attribute="name_en"):
    return [getattr(record, attribute) for record in response.context["page"].object_list]


@pytest.fixture
def places(haiphong, dalian):
    phnom_penh = PlaceFactory(country=country("KH"), name_ja="プノンペン", name_en="Phnom Penh", name_local="ភ្នំពេញ")
    kunming = PlaceFactory(country=country("CN"), name_ja="昆明", name_en="Kunming", name_local="昆明市",
                           kind=Place.Kind.CITY)
    yunnan = PlaceFactory(country=country("CN"), name_ja="雲南省", name_en="Yunnan", kind=Place.Kind.PROVINCE)
    AgreementFactory(place=dalian, kind=Agreement.Kind.FRIENDSHIP_CITY, signed_on=datetime.date(1979, 5, 1))
    return {"haiphong": haiphong, "dalian": dalian, "phnom_penh": phnom_penh, "kunming": kunming, "yunnan": yunnan}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("海防", ["Hai Phong"]),
        ("hai phong", ["Hai Phong"]),
        ("Hải Phòng", ["Hai Phong"]),
        ("ＨＡＩ", ["Hai Phong"]),  # full-width letters as typed with a Japanese input method
        ("ភ្នំពេញ", ["Phnom Penh"]),
        ("中国", ["Dalian", "Kunming", "Yunnan"]),  # the country's Japanese name
    ],
)
def test_places_are_found_by_any_of_their_names(as_viewer, places, query, expected):
    response = as_viewer.get(reverse("partners:place_list"), {"q": query, "o": "name", "lang": "en"})
    assert sorted(names(response)) == expected


def test_places_filter_by_country_kind_and_agreements(as_viewer, places):
    url = reverse("partners:place_list")
    china = country("CN").pk
    assert sorted(names(as_viewer.get(url, {"country": china}))) == ["Dalian", "Kunming", "Yunnan"]
    assert names(as_viewer.get(url, {"country": china, "kind": "province"})) == ["Yunnan"]
    assert names(as_viewer.get(url, {"has_agreements": "true"})) == ["Dalian"]
    assert "Dalian" not in names(as_viewer.get(url, {"has_agreements": "false"}))


def test_places_sort_by_name_in_the_ui_language_both_ways(as_viewer, places):
    url = reverse("partners:place_list")
    ascending = names(as_viewer.get(url, {"o": "name", "lang": "en"}))
    assert ascending == sorted(ascending)
    assert names(as_viewer.get(url, {"o": "-name", "lang": "en"})) == list(reversed(ascending))
    by_agreements = names(as_viewer.get(url, {"o": "-agreement_count"}))
    assert by_agreements[0] == "Dalian"


def test_the_place_list_is_paginated(as_viewer, vietnam):
    Place.objects.bulk_create(
        [Place(country=vietnam, name_ja=f"都市{i:03}", name_en=f"City {i:03}") for i in range(60)]
    )
    first = as_viewer.get(reverse("partners:place_list"), {"o": "name", "lang": "en"})
    second = as_viewer.get(reverse("partners:place_list"), {"o": "name", "lang": "en", "page": 2})
    assert len(names(first)) == 50 and len(names(second)) == 10
    assert "o=name" in first.content.decode().split('rel="next"')[0].rsplit("href=", 1)[1]


def test_the_filter_form_is_in_japanese(as_viewer, places):
    html = as_viewer.get(reverse("partners:place_list")).content.decode()
    for label in ("検索", "国", "種別", "並べ替え", "名称（降順）", "協定あり"):
        assert label in html


def test_agreements_filter_by_kind_status_place_and_search(as_viewer, haiphong, dalian):
    AgreementFactory(place=haiphong, title_ja="友好協力", kind=Agreement.Kind.FRIENDSHIP_COOPERATION,
                     signatory_partner="人民委員会委員長")
    AgreementFactory(place=haiphong, title_ja="姉妹都市", kind=Agreement.Kind.SISTER_CITY)
    AgreementFactory(place=dalian, title_ja="旧協定", kind=Agreement.Kind.MOU,
                     signed_on=datetime.date(2000, 1, 1), ended_on=datetime.date(2010, 1, 1))
    url = reverse("partners:agreement_list")

    def titles(params):
        return sorted(names(as_viewer.get(url, params), "title_ja"))

    assert titles({"kind": "sister_city"}) == ["姉妹都市"]
    assert titles({"status": "ended"}) == ["旧協定"]
    assert titles({"status": "active"}) == ["友好協力", "姉妹都市"]
    assert titles({"place": haiphong.pk}) == ["友好協力", "姉妹都市"]
    assert titles({"country": country("CN").pk}) == ["旧協定"]
    assert titles({"q": "委員長"}) == ["友好協力"]
    assert titles({"q": "Dalian"}) == ["旧協定"]


def test_organisations_filter_by_country_and_kind_and_search_abbreviations(as_viewer, haiphong):
    OrganisationFactory(name_ja="国際協力機構", abbreviation="JICA", kind=Organisation.Kind.AGENCY, country=country("JP"))
    OrganisationFactory(name_ja="国連工業開発機関", abbreviation="UNIDO", kind=Organisation.Kind.INTERNATIONAL)
    OrganisationFactory(name_ja="海防市上下水道公社", kind=Organisation.Kind.COMPANY, country=haiphong.country,
                        place=haiphong)
    url = reverse("partners:organisation_list")
    assert names(as_viewer.get(url, {"q": "jica"}), "name_ja") == ["国際協力機構"]
    assert names(as_viewer.get(url, {"kind": "international"}), "name_ja") == ["国連工業開発機関"]
    assert names(as_viewer.get(url, {"country": country("VN").pk}), "name_ja") == ["海防市上下水道公社"]
    assert names(as_viewer.get(url, {"q": "海防"}), "name_ja") == ["海防市上下水道公社"]


def test_networks_filter_by_member_place(as_viewer, network, dalian, haiphong):
    NetworkFactory(name_ja="別のネットワーク")
    url = reverse("partners:network_list")
    assert names(as_viewer.get(url, {"member": dalian.pk}), "name_ja") == ["東アジア経済交流推進機構"]
    assert names(as_viewer.get(url, {"q": "東アジア"}), "name_ja") == ["東アジア経済交流推進機構"]
    assert len(names(as_viewer.get(url), "name_ja")) == 2


def test_deleted_records_stay_out_of_lists_and_counts(as_viewer, haiphong, dalian):
    gone = AgreementFactory(place=dalian)
    gone.mark_deleted()
    gone.save()
    hidden = PlaceFactory(country=country("TH"), name_en="Gone")
    hidden.mark_deleted()
    hidden.save()
    response = as_viewer.get(reverse("partners:place_list"), {"lang": "en"})
    assert "Gone" not in names(response)
    dalian_row = next(p for p in response.context["page"].object_list if p.pk == dalian.pk)
    assert dalian_row.agreement_count == 0 and dalian_row.live_agreements == []


def test_the_country_list_shows_only_countries_with_partners_with_counts_in_one_query(
    as_viewer, haiphong, dalian, network
):
    OrganisationFactory(name_ja="国連工業開発機関", country=country("AT"))
    AgreementFactory(place=haiphong)
    AgreementFactory(place=haiphong)
    with CaptureQueriesContext(connection) as captured:
        rows = {c.code: (c.place_count, c.organisation_count, c.agreement_count)
                for c in queries.countries_with_partners()}
    assert len(captured) == 1
    assert rows == {"VN": (1, 0, 2), "CN": (1, 0, 0), "AT": (0, 1, 0)}
    response = as_viewer.get(reverse("partners:country_list"))
    assert sorted(c.code for c in response.context["countries"]) == ["AT", "CN", "VN"]
    assert "ベトナム" in response.content.decode()


def test_a_network_member_count_ignores_nothing_but_other_networks(as_viewer, network, haiphong):
    NetworkMembership.objects.create(network=network, place=haiphong)
    response = as_viewer.get(reverse("partners:network_list"))
    assert [n.member_count for n in response.context["page"].object_list] == [2]
