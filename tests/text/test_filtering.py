"""The one normalisation of list keyword filters (tsunagu.text.filtering)."""

from tsunagu.text import filter_words, fold_text, search_text


def found(query, *texts):
    column = search_text(*texts)
    return all(word in column for word in filter_words(query))


def test_half_width_katakana_finds_full_width():
    assert found("ﾊｲﾌｫﾝ", "ハイフォン市上下水道公社")


def test_a_reading_in_hiragana_or_katakana_finds_the_kanji_name():
    assert found("すいどう", "上下水道局")
    assert found("スイドウ", "上下水道局")
    assert found("かいぼう", "海防")


def test_case_accents_and_spaces_do_not_matter():
    assert found("hai phong", "Hải Phòng")
    assert found("ＪＩＣＡ", "jica")
    assert fold_text("Hải Phòng") == "haiphong"


def test_every_word_must_be_found():
    assert found("水道 ハイフォン", "上下水道", "ハイフォン")
    assert not found("水道 大連", "上下水道", "ハイフォン")


def test_unrelated_words_are_not_found():
    assert not found("ごみ", "上下水道局")
    assert filter_words("  ・  ") == []
