"""One normalisation for every list's keyword filter.

A list filter (projects, places, organisations, agreements, programmes…)
compares what a person types with a record's ``search_text`` column, kept by
the record on save: the record's names and texts folded with ``fold_text``,
each followed by its folded reading. ``filter_words`` folds the typed words
the same way, so that a filter is a plain ``search_text__contains`` per word
(one column, no join, the same on SQLite and PostgreSQL):

- full-width and half-width forms are one (ﾊｲﾌｫﾝ, ハイフォン; ＪＩＣＡ, JICA);
- katakana and hiragana are one, and a name is also found by its reading
  typed in kana (すいどう finds 上下水道局);
- case, Latin accents, spaces and punctuation do not matter (Hải Phòng, haiphong).
"""

from __future__ import annotations

import re
import unicodedata

from .readings import reading, to_hiragana

_NON_WORD = re.compile(r"[\W_]+")


def fold_text(text: str) -> str:
    """``text`` as a filter compares it: NFKC, lower case, katakana as hiragana, Latin
    letters without accents, and no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    chars = []
    for ch in to_hiragana(text):
        if "\u00c0" <= ch < "\u3000":
            # Latin, Greek, Cyrillic: strip the accents (ả → a). Kana keep their ゛.
            ch = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        chars.append(ch)
    return _NON_WORD.sub("", "".join(chars))


def search_text(*texts: str, read: bool = True) -> str:
    """The ``search_text`` column of a record whose texts are ``texts``: each text folded,
    then (with ``read``) its folded reading, separated by spaces (a typed word never
    spans two texts). Empty texts are left out; long texts are not read (a reading
    helps to find a name, not a word of a description)."""
    parts: list[str] = []
    for text in texts:
        folded = fold_text(text)
        if not folded:
            continue
        parts.append(folded)
        if read and len(text) <= 200:
            said = fold_text(reading(text))
            if said and said != folded:
                parts.append(said)
    return " ".join(dict.fromkeys(parts))


def filter_words(query: str) -> list[str]:
    """The words of a typed filter, folded like ``search_text``: every one must be contained."""
    words = (fold_text(word) for word in unicodedata.normalize("NFKC", query or "").split())
    return list(dict.fromkeys(word for word in words if word))
