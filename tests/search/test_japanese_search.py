"""Japanese and English queries find what a Japanese user means (the issue's examples)."""

import pytest

from tests.search.helpers import search


def found(query, kinds=None):
    return {(hit.kind, hit.title_ja) for hit in search(query, kinds=kinds, limit=50)}


@pytest.mark.django_db
def test_water_finds_a_programme_and_a_project_about_water_and_sewerage(make_program, water_project):
    make_program("海外上下水道協力支援事業", purpose="上下水道分野の技術協力を支援する。")
    titles = found("水道")
    assert ("program", "海外上下水道協力支援事業") in titles
    assert ("project", "プノンペン上下水道整備事業") in titles


@pytest.mark.django_db
def test_gomi_in_katakana_hiragana_and_the_formal_word_find_each_others_documents(make_program, waste_project):
    make_program("廃棄物処理技術研修", purpose="一般廃棄物の処理技術を学ぶ。")
    make_program("ごみ減量推進事業")
    everything = {
        ("program", "廃棄物処理技術研修"),
        ("program", "ごみ減量推進事業"),
        ("project", "スラバヤ市ゴミ分別モデル事業"),
    }
    for query in ("ごみ", "ゴミ", "廃棄物", "ｺﾞﾐ"):
        assert everything <= found(query), query


@pytest.mark.django_db
def test_full_width_jica_finds_jica(make_program, jica):
    make_program("草の根技術協力事業", provider=jica, name_en="JICA Partnership Program")
    assert ("program", "草の根技術協力事業") in found("ＪＩＣＡ")
    assert ("organisation", "国際協力機構") in found("ＪＩＣＡ")
    assert ("program", "草の根技術協力事業") in found("jica")


@pytest.mark.django_db
def test_half_width_katakana_query_matches_full_width_text(make_program):
    make_program("リサイクル技術研修")
    assert ("program", "リサイクル技術研修") in found("ﾘｻｲｸﾙ")


@pytest.mark.django_db
def test_english_queries_find_english_names(make_program, water_project, dalian):
    make_program("海外水道事業", name_en="Overseas Water Utility Programme")
    assert ("program", "海外水道事業") in found("water utility")
    assert ("program", "海外水道事業") in found("PROGRAMMES")
    assert ("project", "プノンペン上下水道整備事業") in found("sewer")  # prefix: sewerage
    assert ("place", "大連市") in found("Dalian")


@pytest.mark.django_db
def test_every_word_of_the_query_must_match(make_program):
    make_program("廃棄物処理技術研修")
    make_program("消防技術研修")
    assert found("廃棄物 研修") == {("program", "廃棄物処理技術研修")}


@pytest.mark.django_db
def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(make_program):
    make_program("国際交流支援事業", purpose="防災の分野も対象となる。")
    make_program("防災協力推進事業")
    hits = search("防災", kinds=["program"])
    assert [h.title_ja for h in hits] == ["防災協力推進事業", "国際交流支援事業"]


@pytest.mark.django_db
def test_sister_city_finds_friendship_city(make_program):
    make_program("友好都市交流促進事業")
    assert ("program", "友好都市交流促進事業") in found("姉妹都市")


@pytest.mark.django_db
def test_unrelated_words_find_nothing_and_empty_queries_return_nothing(make_program):
    make_program("廃棄物処理技術研修")
    assert found("観光") == set()
    assert search("") == []
    assert search("、。") == []


@pytest.mark.django_db
def test_kinds_limit_the_search(make_program, water_project):
    make_program("海外上下水道協力支援事業")
    assert {kind for kind, _ in found("水道", kinds=["project"])} == {"project"}
    with pytest.raises(ValueError):
        search("水道", kinds=["user"])


@pytest.mark.django_db
def test_hits_link_to_the_record(water_project, dalian):
    (hit,) = search("プノンペン", kinds=["project"])
    assert hit.url == water_project.get_absolute_url()
    (hit,) = search("大連", kinds=["place"])
    assert hit.url == dalian.get_absolute_url()


@pytest.mark.django_db
def test_a_compound_name_containing_the_word_ranks_above_a_mention_in_the_text(make_program, water_project):
    make_program("上下水道交流委託事業")  # Sudachi cuts this name as 上下水 + 道 + 交流…
    water_project.summary = "水道の話題にも触れる。"
    water_project.title_ja = "プノンペン都市開発協力"
    water_project.save()
    hits = search("水道")
    assert [h.title_ja for h in hits] == ["上下水道交流委託事業", "プノンペン都市開発協力"]


@pytest.mark.django_db
def test_a_compound_typed_next_to_another_word_is_not_cut_into_a_stray_kanji(make_program):
    # Sudachi cuts 下水道 before ベトナム as 下 + 水道; the query keeps the compound.
    make_program("ベトナム下水道整備支援事業")
    assert ("program", "ベトナム下水道整備支援事業") in found("下水道 ベトナム")
