"""Every entry of the domain glossary (tsunagu/text/data/glossary.yaml) does what it says.

- each word of ``terms`` finds a record that uses any other word of the entry, both ways;
- each ``narrower`` word is found by the entry's words, but does not find them;
- a word that is in no entry finds nothing new.
"""

import pytest

from tsunagu.text.synonyms import read_glossary

from .matching import finds

ENTRIES = read_glossary()


def record(word):
    """A record whose only meaningful word is ``word``."""
    return f"{word}について"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.terms[0] for e in ENTRIES])
def test_the_words_of_an_entry_find_each_other(entry):
    head = entry.terms[0]
    for word in entry.terms:
        assert finds(head, record(word)), f"{head} does not find {word}"
        assert finds(word, record(head)), f"{word} does not find {head}"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.narrower], ids=lambda e: e.terms[0])
def test_a_fields_words_find_its_technical_terms_but_not_the_other_way(entry):
    terms_elsewhere = {word for other in ENTRIES if other is not entry for word in other.terms}
    for narrower in entry.narrower:
        for word in entry.terms:
            assert finds(word, record(narrower)), f"{word} does not find {narrower}"
        if narrower not in entry.terms:
            assert not finds(narrower, record(entry.terms[0])), f"{narrower} finds {entry.terms[0]}"
        assert narrower not in entry.terms or narrower in terms_elsewhere


def test_every_word_of_the_glossary_is_a_word_for_the_analyser():
    from tsunagu.text import tokens

    empty = [w for e in ENTRIES for w in (*e.terms, *e.narrower) if not tokens(w)]
    assert empty == []


def test_a_field_name_finds_its_technical_terms():
    for technical in ("漏水", "配水管", "浄水場", "無収水"):
        assert finds("水道", f"ハイフォン市の{technical}を減らす研修")
    assert finds("ごみ", "最終処分場の延命化")
    assert finds("防災", "洪水の早期警報")


@pytest.mark.parametrize("spelling", ["CO2", "CO₂", "ＣＯ２", "二酸化炭素", "carbon dioxide", "炭酸ガス"])
def test_words_formulas_and_full_width_forms_of_one_substance_find_each_other(spelling):
    for other in ("CO2", "CO₂", "ＣＯ２", "二酸化炭素", "carbon dioxide"):
        assert finds(spelling, f"工場の{other}排出量を測る"), (spelling, other)


def test_greenhouse_gases_in_words_and_as_the_abbreviation():
    assert finds("GHG", "温室効果ガスの削減")
    assert finds("温室効果ガス", "GHG削減の計画")
    assert finds("greenhouse gas", "温室効果ガス排出")


@pytest.mark.parametrize(("query", "record_text"), [
    ("会計", "上下水道の整備"),   # in no entry: finds only itself
    ("浄水場", "上下水道の整備"),  # narrower does not find the broader word
    ("ごみ", "埃と塵の除去"),      # the glossary decides: Sudachi's dust sense of ごみ is not used
    ("水道", "ごみの分別収集"),
    ("研修", "消防車の更新"),
])
def test_a_term_that_is_not_a_synonym_finds_nothing_new(query, record_text):
    assert not finds(query, record_text)
