"""Readings of names and the 五十音 sort key (tsunagu.text.readings)."""

from tsunagu.text import name_sort_key, reading, sort_key, to_hiragana, to_katakana


def in_gojuon_order(names):
    return sorted(names, key=lambda name: (name_sort_key(name), name))


def test_a_name_is_read_in_katakana():
    assert reading("北九州市") == "キタキュウシュウシ"
    assert reading("海防") == "カイボウ"
    assert reading("すいどう") == "スイドウ"


def test_latin_abbreviations_sudachi_knows_are_read_in_katakana():
    assert reading("JICA") == reading("ＪＩＣＡ") == "ジャイカ"
    assert reading("UNIDO") == "ユニード"


def test_latin_words_without_a_reading_keep_their_letters():
    assert reading("Hai Phong") == "hai phong"


def test_a_mixed_list_sorts_in_gojuon_order_not_by_code_point():
    names = ["JICA草の根技術協力事業", "クレア海外協力", "中小企業海外展開支援", "二国間クレジット制度", "ASEAN都市"]
    # By code point: Latin, then katakana, then kanji (中 before 二).
    assert sorted(names) == names[4:] + names[:4]
    assert in_gojuon_order(names) == [
        "ASEAN都市",  # アセアン
        "クレア海外協力",  # クレア
        "JICA草の根技術協力事業",  # ジャイカ
        "中小企業海外展開支援",  # チュウショウ
        "二国間クレジット制度",  # ニコクカン
    ]


def test_latin_names_without_a_reading_come_after_every_kana_name_and_digits_first():
    assert in_gojuon_order(["Hai Phong", "ワルシャワ", "2025年度事業", "アデレード"]) == [
        "2025年度事業", "アデレード", "ワルシャワ", "Hai Phong",
    ]


def test_voiced_small_kana_and_the_long_vowel_mark_sort_as_the_dictionary_does():
    # ガス sorts as カス, so before カメ; ジョージア as シヨオシア, before シヨン.
    assert sort_key("ガス") < sort_key("カメ")
    assert sort_key("ジョージア") < sort_key("ション")
    assert sort_key("カ") < sort_key("カア")
    # Hiragana and katakana are one.
    assert sort_key("すいどう") == sort_key("スイドウ")


def test_spaces_and_punctuation_do_not_count():
    assert sort_key("ホー・チ・ミン") == sort_key("ホーチミン")


def test_the_key_is_lower_case_hexadecimal_so_any_database_collation_sorts_it_alike():
    key = name_sort_key("タンザニア連合共和国 Zanzibar 123")
    assert key and set(key) <= set("0123456789abcdef")


def test_kana_conversions():
    assert to_hiragana("ハイフォン") == "はいふぉん"
    assert to_katakana("すいどう") == "スイドウ"
