"""The matcher compares text with the city's one analyser (tsunagu.text), not one of its own."""

from tsunagu.programs.matching.text import Query, analyse, document
from tsunagu.text import index_tokens


def test_the_matcher_compares_the_tokens_the_search_index_stores():
    text = "ハイフォン市水道公社の研修員を受け入れ、浄水技術の研修を行う。Hai Phong water supply."
    stored = index_tokens(text)
    assert set(analyse(text)) == set(stored.words) | set(stored.extra)


def test_full_width_half_width_and_kana_spellings_are_one_term():
    assert set(document("ｺﾞﾐの分別").terms) & set(document("ゴミの分別").terms) >= {"ごみ"}
    assert "jica" in document("ＪＩＣＡの研修").terms


def test_a_japanese_plan_meets_an_english_purpose_through_the_glossary():
    plan = Query("ハイフォンの研修員を受け入れる")
    programme = document("Accepting trainees from partner local governments")
    assert "研修員" in plan.matched_terms(programme)


def test_a_technical_term_of_the_plan_meets_its_field_in_a_programme():
    plan = Query("浄水場の運転管理の研修")
    assert "浄水場" in plan.matched_terms(document("上下水道分野の国際展開"))


def test_a_word_that_is_no_synonym_meets_nothing_new():
    assert Query("会計の研修").matched_terms(document("上下水道の整備")) == []


def test_the_former_hand_glossary_lives_in_the_kernel_glossary():
    plan = Query("専門家を派遣する")
    assert "派遣" in plan.matched_terms(document("Dispatch of experts"))
    assert "専門家" in plan.matched_terms(document("Dispatch of experts"))
