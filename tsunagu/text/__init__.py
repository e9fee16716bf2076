"""The city's one Japanese text analyser (kernel: depends on nothing but SudachiPy).

Every app that compares, searches or sorts Japanese text uses this package, so
that ﾊｲﾌｫﾝ, ハイフォン and はいふぉん are the same word everywhere:

- ``normalize(text)``: NFKC (full-width ＪＩＣＡ → JICA, half-width ｺﾞﾐ → ゴミ);
- ``fold(token)``: one token's comparable form (lower case, katakana as hiragana,
  Latin without accents, no punctuation);
- ``tokens(text)`` / ``analyse(text)``: the words of a text (Sudachi split modes C
  and A, normalised and dictionary forms) — ``analysis`` explains the pipeline;
  ``index_tokens`` and ``parse_query`` are the full-text index's forms of a
  record and of a query (with the related terms of ``synonyms``);
- ``reading(text)``: the katakana reading of a name (北九州市 → キタキュウシュウシ,
  JICA → ジャイカ); ``to_hiragana`` / ``to_katakana``;
- ``sort_key(reading)`` / ``name_sort_key(name)``: a key that sorts names in
  五十音 order in Python and in any database (``readings`` documents the order,
  including where Latin names go);
- ``search_text(*texts)`` / ``filter_words(query)`` / ``fold_text(text)``: the one
  normalisation of every list's keyword filter (``filtering``).
"""

from .analysis import (
    Alternative,
    IndexText,
    Morpheme,
    ParsedQuery,
    Term,
    fold,
    index_tokens,
    kanji_subwords,
    morphemes,
    normalize,
    parse_query,
    related_terms,
)
from .filtering import filter_words, fold_text, search_text
from .readings import (
    SORT_KEY_MAX_LENGTH,
    name_sort_key,
    reading,
    sort_key,
    to_hiragana,
    to_katakana,
)

__all__ = [
    "SORT_KEY_MAX_LENGTH",
    "Alternative",
    "IndexText",
    "Morpheme",
    "ParsedQuery",
    "Term",
    "analyse",
    "filter_words",
    "fold",
    "fold_text",
    "index_tokens",
    "kanji_subwords",
    "morphemes",
    "name_sort_key",
    "normalize",
    "parse_query",
    "reading",
    "related_terms",
    "search_text",
    "sort_key",
    "to_hiragana",
    "to_katakana",
    "tokens",
]


def analyse(text: str) -> list[Morpheme]:
    """The words of ``text`` as Sudachi cuts them (split mode C, each with its mode-A
    parts), particles and symbols left out; each ``Morpheme`` carries its folded
    surface, dictionary and normalised forms (``key`` is the normalised form)."""
    return morphemes(text)


def tokens(text: str) -> list[str]:
    """The normalised, folded form of each word of ``text`` (受入れた → 受け入れる,
    ゴミ → ごみ, Programmes → programme), in order, particles and symbols left out."""
    return [m.key for m in morphemes(text)]
