"""The Python side of the search: normalisation, tokens, sub-words and query parsing."""

import re

from tsunagu.text import fold, index_tokens, kanji_subwords, parse_query, related_terms


def words(text):
    """The word tokens of ``text`` without the synonym-group tokens."""
    return [t for t in index_tokens(text).words if not re.fullmatch(r"syn[0-9a-f]{8}", t)]


def alternatives(query):
    return [[alt.tokens for alt in term.alternatives] for term in parse_query(query).terms]


def test_full_width_and_half_width_letters_become_the_same_token():
    assert words("ＪＩＣＡ") == words("JICA") == ["jica"]


def test_half_width_katakana_and_hiragana_fold_to_one_token():
    assert words("ｺﾞﾐ") == words("ゴミ") == words("ごみ") == ["ごみ"]


def test_fold_keeps_voiced_kana_but_strips_latin_accents():
    assert fold("ガバナンス") == "がばなんす"
    assert fold("Hải Phòng") == "haiphong"


def test_sudachi_normalised_and_dictionary_forms_are_indexed():
    words = index_tokens("研修員を受入れた").words
    assert "受け入れる" in words  # normalised dictionary form of the verb 受入れた
    assert {"研修員", "研修"} <= set(words)  # split mode C and its mode-A parts


def test_particles_and_symbols_are_not_indexed():
    assert words("水道の、整備。") == ["水道", "整備"]


def test_kanji_runs_give_sub_words_so_that_water_is_inside_water_and_sewerage():
    assert {"水道", "下水", "下水道", "上下水道"} <= set(kanji_subwords("上下水道"))
    assert "水道" in index_tokens("上下水道の整備").extra


def test_english_is_lower_cased_plural_stemmed_and_stop_words_dropped():
    assert words("Water Supply and the Sewerage Programmes of Cities") == [
        "water", "supply", "sewerage", "programme", "city",
    ]


def test_a_latin_query_word_is_a_prefix():
    term = parse_query("sewer").terms[0]
    assert term.alternatives[0].tokens == ("sewer",) and term.alternatives[0].prefix


def group_token(text):
    (tag,) = [t for t in index_tokens(text).words if t.startswith("syn")]
    return tag


def test_words_of_a_synonym_group_carry_the_same_group_token():
    assert group_token("ゴミ") == group_token("廃棄物") == group_token("waste")
    assert group_token("姉妹都市") == group_token("友好都市")  # 友好都市 is two tokens


def test_a_query_word_also_matches_its_group_token():
    (term,) = alternatives("ゴミ")
    assert term == [("ごみ",), (group_token("廃棄物"),)]


def test_two_query_words_forming_a_synonym_are_read_as_one():
    (term,) = alternatives("友好 都市")
    assert term == [("友好", "都市"), (group_token("姉妹都市"),)]


def test_every_word_of_a_query_must_match():
    terms = alternatives("廃棄物 研修")
    assert len(terms) == 2


def test_related_terms_lists_the_group():
    assert "廃棄物" in related_terms("ゴミ")
    assert related_terms("全く関係のない語") == []


def test_long_texts_are_cut_into_chunks_sudachi_accepts():
    text = "上下水道の整備と研修員の受入。" * 5000  # about 75,000 characters
    assert index_tokens(text).words.count("整備") == 5000


def test_an_empty_or_symbol_only_query_has_no_terms():
    assert not parse_query("")
    assert not parse_query("、。！？")


def test_long_kanji_compounds_still_give_their_sub_words():
    assert "水道" in kanji_subwords("海外上下水道協力支援事業")
