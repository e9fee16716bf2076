"""Japanese country names follow the Ministry of Foreign Affairs' short names, listed in 五十音 order."""

import re

import pytest

from tests.factories import PlaceFactory, country
from tsunagu.partners.countries import JAPANESE_NAMES, iso_countries
from tsunagu.partners.models import Country
from tsunagu.text import name_sort_key

pytestmark = pytest.mark.django_db

MOFA_SHORT_NAMES = {
    "KR": "韓国", "CN": "中国", "TW": "台湾", "GE": "ジョージア", "TZ": "タンザニア", "VN": "ベトナム",
    "RU": "ロシア", "US": "アメリカ合衆国", "GB": "英国", "AU": "オーストラリア", "KP": "北朝鮮",
    "LA": "ラオス", "MN": "モンゴル", "IR": "イラン", "SY": "シリア", "KG": "キルギス", "VA": "バチカン",
    "BN": "ブルネイ", "MD": "モルドバ", "VE": "ベネズエラ", "BO": "ボリビア", "FM": "ミクロネシア",
}


@pytest.mark.parametrize("code", sorted(JAPANESE_NAMES))
def test_every_override_is_in_the_database(code):
    assert Country.objects.get(code=code).name_ja == JAPANESE_NAMES[code]


@pytest.mark.parametrize(("code", "name"), sorted(MOFA_SHORT_NAMES.items()))
def test_countries_carry_mofa_short_names(code, name):
    assert country(code).name_ja == name


def test_no_japanese_name_has_brackets_or_a_known_error():
    names = {row["code"]: row["name_ja"] for row in iso_countries()}
    assert names == dict(Country.objects.values_list("code", "name_ja"))
    for code, name in names.items():
        assert not re.search(r"[()（）\[\]]", name), (code, name)
        assert not re.search(r"タニザニア|グルジア|中国領|聖庁|大韓民国|ワリー", name), (code, name)
        assert name and not name.isascii(), (code, name)


def test_a_place_label_shows_the_short_country_name(as_viewer):
    PlaceFactory(country=country("KR"), name_ja="仁川", name_en="Incheon")
    text = as_viewer.get("/partners/places/").content.decode()
    assert "仁川" in text and "韓国" in text and "大韓民国 (韓国)" not in text


def test_country_lists_are_in_gojuon_order_of_the_japanese_names():
    names = list(Country.objects.values_list("name_ja", flat=True))
    assert names == sorted(names, key=lambda name: (name_sort_key(name), name))
    position = {name: names.index(name) for name in ("アメリカ合衆国", "韓国", "ジョージア", "ベトナム", "ロシア")}
    assert position["アメリカ合衆国"] < position["韓国"] < position["ジョージア"] < position["ベトナム"] < position["ロシア"]


def test_the_place_forms_country_choices_are_in_gojuon_order(as_coordinator):
    form = as_coordinator.get("/partners/places/new/").context["form"]
    labels = [label for value, label in form.fields["country"].choices if value]
    assert labels.index("韓国（KR）") < labels.index("タンザニア（TZ）") < labels.index("ベトナム（VN）")
