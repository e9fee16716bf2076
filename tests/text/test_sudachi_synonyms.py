"""The vendored Sudachi synonym dictionary: current with the analyser, and used as documented."""

from tsunagu.text import morphemes, related_terms
from tsunagu.text.analysis import ANALYSER_STAMP
from tsunagu.text.synonyms import read_sudachi

from .matching import finds


def test_the_file_was_built_with_the_analyser_in_use():
    header, rows = read_sudachi()
    assert ANALYSER_STAMP in header, "run: python -m tsunagu.text.refresh_synonyms"
    assert len(rows) > 50_000


def test_the_stored_tokens_are_what_the_analyser_gives_today():
    """A sample of 400 entries spread over the file (analysing all takes half a minute)."""
    _header, rows = read_sudachi()
    step = len(rows) // 400
    stale = [
        (headword, tokens)
        for _group, _flag, tokens, headword in rows[::step]
        if tokens != " ".join(m.key for m in morphemes(headword))
    ]
    assert stale == [], "run: python -m tsunagu.text.refresh_synonyms"


def test_names_and_their_english_or_short_forms_find_each_other():
    assert finds("Nepal", "ネパールの保健事業")
    assert finds("ネパール", "Nepal health project")
    assert finds("チェンナイ", "Chennai water supply")
    assert "Chennai" in related_terms("チェンナイ")


def test_an_abbreviation_marked_not_to_expand_is_found_but_does_not_widen_a_query():
    # 東京水道サービス ↔ TSS (flag 1): the full name finds TSS, TSS finds only TSS.
    assert finds("東京水道サービス", "TSSの技術者")
    assert not finds("TSS", "東京水道サービスの技術者")
