"""Partner lists: names in 五十音 order of their reading; keyword filters fold widths, kana and readings."""

import pytest

from tests.factories import OrganisationFactory, PlaceFactory, country

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [record.name_ja for record in response.context["page"].object_list]


@pytest.fixture
def places(db):
    vietnam = country("VN")
    PlaceFactory(country=vietnam, name_ja="ハイフォン", name_en="Hai Phong", name_local="Hải Phòng", other_names="海防")
    PlaceFactory(country=vietnam, name_ja="ダナン", name_en="Da Nang")
    PlaceFactory(country=vietnam, name_ja="ハノイ", name_en="Hanoi")
    PlaceFactory(country=country("CN"), name_ja="大連", name_en="Dalian")


def test_places_are_listed_by_country_then_name_in_gojuon_order(places, as_viewer):
    # 中国 (チュウゴク) before ベトナム; ダナン before ハイフォン before ハノイ (ハイ < ハノ).
    assert names(as_viewer.get("/partners/places/")) == ["大連", "ダナン", "ハイフォン", "ハノイ"]
    assert names(as_viewer.get("/partners/places/?o=name")) == ["大連", "ダナン", "ハイフォン", "ハノイ"]
    assert names(as_viewer.get("/partners/places/?o=-name")) == ["ハノイ", "ハイフォン", "ダナン", "大連"]


@pytest.mark.parametrize("typed", ["ﾊｲﾌｫﾝ", "はいふぉん", "海防", "hai phong", "Hải Phòng", "ＨＡＩ"])
def test_the_place_filter_finds_a_place_however_its_name_is_typed(places, as_viewer, typed):
    assert names(as_viewer.get("/partners/places/", {"q": typed})) == ["ハイフォン"]


def test_the_place_filter_finds_kanji_names_by_their_reading(places, as_viewer):
    assert names(as_viewer.get("/partners/places/", {"q": "だいれん"})) == ["大連"]


def test_organisations_in_gojuon_order_with_latin_names_by_their_reading(as_viewer):
    for name in ["国際協力機構", "UNIDO東京事務所", "北九州国際技術協力協会", "アジア開発銀行"]:
        OrganisationFactory(name_ja=name)
    # UNIDO is read ユニード: after 北九州 (キタ) and 国際 (コク).
    assert names(as_viewer.get("/partners/organisations/")) == [
        "アジア開発銀行", "北九州国際技術協力協会", "国際協力機構", "UNIDO東京事務所",
    ]
    assert names(as_viewer.get("/partners/organisations/", {"q": "ゆにーど"})) == ["UNIDO東京事務所"]
    assert names(as_viewer.get("/partners/organisations/", {"q": "ｱｼﾞｱ"})) == ["アジア開発銀行"]
