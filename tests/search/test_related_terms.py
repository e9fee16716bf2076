"""The domain glossary and the Sudachi synonym dictionary in the real index (SQLite FTS5 and
PostgreSQL full-text search alike: CI runs this module on both)."""

import pytest

from tests.factories import ProjectFactory

from .helpers import search


def titles(query):
    return {hit.title_ja for hit in search(query, kinds=["project"], limit=50)}


@pytest.fixture
def projects(db):
    for title in (
        "ハイフォン市浄水場運転管理研修",
        "プノンペン無収水削減プロジェクト",
        "大連市CO₂排出量調査",
        "スラバヤ市温室効果ガス削減計画",
        "ダバオ市ごみ分別モデル事業",
        "チェンナイ防災協力",
    ):
        ProjectFactory(title_ja=title)


@pytest.mark.django_db
def test_a_field_name_finds_projects_named_only_by_its_technical_terms(projects):
    assert {"ハイフォン市浄水場運転管理研修", "プノンペン無収水削減プロジェクト"} <= titles("水道")
    assert {"ハイフォン市浄水場運転管理研修", "プノンペン無収水削減プロジェクト"} <= titles("water supply")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["二酸化炭素", "CO2", "ＣＯ２", "CO₂", "carbon dioxide"])
def test_a_substance_in_words_or_as_a_formula_finds_the_same_project(projects, query):
    assert "大連市CO₂排出量調査" in titles(query)


@pytest.mark.django_db
def test_an_abbreviation_finds_the_words_it_stands_for(projects):
    assert "スラバヤ市温室効果ガス削減計画" in titles("GHG")


@pytest.mark.django_db
def test_the_sudachi_dictionary_relates_a_city_to_its_english_name(projects):
    assert "チェンナイ防災協力" in titles("Chennai")


@pytest.mark.django_db
def test_a_technical_term_or_an_unrelated_word_finds_nothing_new(projects):
    assert titles("浄水場") == {"ハイフォン市浄水場運転管理研修"}
    assert titles("漏水") == set()
    assert titles("埃") == set()  # ごみ is waste here, not dust


@pytest.mark.django_db
def test_a_place_is_found_by_its_other_names_as_in_the_lists():
    from tests.factories import PlaceFactory

    PlaceFactory(name_ja="ハイフォン", name_en="Hai Phong", other_names="海防")
    assert "ハイフォン" in {hit.title_ja for hit in search("海防", kinds=["place"])}
