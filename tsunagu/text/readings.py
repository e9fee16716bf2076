"""Readings of names (よみ) and the key that sorts them in 五十音 order.

A Japanese list of names is sorted by how the names are read, not by their
characters: 北九州 (キタキュウシュウ) comes before 大連 (ダイレン) and after
ウランバートル. Sudachi gives every word of its dictionary a katakana reading,
including Latin abbreviations it knows (JICA → ジャイカ, UNIDO → ユニード,
CLAIR → シーエルエーアイアール); a word it does not know keeps its letters.

``sort_key`` turns a reading into a string that sorts correctly by plain
comparison of its characters, in Python and in the database alike (SQLite's
BINARY collation, PostgreSQL with any collation: the key is made of lower-case
hexadecimal digits only). The order, following the dictionary convention
(JIS X 4061):

1. digits (0–9), by value of each digit;
2. kana in 五十音 order (ア, イ, ウ … ワ, ヲ, ン). Voiced and semi-voiced kana
   sort as their plain kana (ガ as カ, パ as ハ), small kana as large ones
   (ャ as ヤ), and the long-vowel mark ー as the vowel it lengthens
   (ジョージア as ジョオジア); hiragana and katakana are the same;
3. Latin letters (a–z, accents and case ignored) that Sudachi has no reading
   for — e.g. Hai Phong typed in Latin letters sorts after every kana name;
4. any other character (a kanji Sudachi cannot read), by code point.

Spaces and punctuation (・, -, （）) are ignored. Names that tie (カ and ガ,
ひらがな and カタカナ) are left to a second ordering column, the name itself.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .analysis import _chunks, _tokenizer, normalize

# Characters of a reading: katakana (with ー and ヴ) only.
_KATAKANA_WORD = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
# Parts of speech that are not read aloud.
_SILENT_POS = frozenset({"補助記号", "空白", "記号"})

# Small kana sort as their large form.
_SMALL_TO_LARGE = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
# The vowel of each large kana without its voicing mark, for the long-vowel mark ー.
_VOWEL_ROWS = (
    "アカサタナハマヤラワ",  # a
    "イキシチニヒミリヰ",  # i
    "ウクスツヌフムユル",  # u
    "エケセテネヘメレヱ",  # e
    "オコソトノホモヨロヲ",  # o
)
_VOWEL_OF = {kana: row[0] for row in _VOWEL_ROWS for kana in row}

# Weights (code point offsets) of the four classes of the sort order.
_DIGIT, _KANA, _LATIN, _OTHER = 0x000000, 0x010000, 0x020000, 0x100000
# Characters of a key that count: beyond this, names are equal for sorting.
_KEY_CHARS = 40
# The key's characters as fixed-width hexadecimal (6 digits reach every code point).
_KEY_WIDTH = 6
SORT_KEY_MAX_LENGTH = _KEY_CHARS * _KEY_WIDTH


def to_katakana(text: str) -> str:
    """``text`` with its hiragana written in katakana."""
    return (text or "").translate(_HIRAGANA_TO_KATAKANA)


def to_hiragana(text: str) -> str:
    """``text`` with its katakana written in hiragana."""
    return (text or "").translate(_KATAKANA_TO_HIRAGANA)


@lru_cache(maxsize=20_000)
def reading(text: str) -> str:
    """The katakana reading of ``text`` (a name, a title), as Sudachi reads it.

    ``reading("北九州市")`` is ``"キタキュウシュウシ"``, ``reading("JICA草の根")`` is
    ``"ジャイカクサノネ"``. Words Sudachi cannot read (Latin words it does not
    know, numbers) keep their NFKC form, lower-cased, separated by a space from
    what follows them: ``reading("Hai Phong")`` is ``"hai phong"``. Spaces and
    punctuation are not read. An empty text has an empty reading.
    """
    parts: list[str] = []
    for chunk in _chunks(normalize(text)):
        for morpheme in _tokenizer().tokenize(chunk):
            if morpheme.part_of_speech()[0] in _SILENT_POS:
                continue
            surface = morpheme.surface()
            said = morpheme.reading_form()
            if _KATAKANA_WORD.match(said) and not (morpheme.is_oov() and surface.isascii()):
                parts.append(said)
            elif _KATAKANA_WORD.match(to_katakana(surface)):
                parts.append(to_katakana(surface))
            else:
                word = surface.lower()
                if parts and not _KATAKANA_WORD.match(parts[-1]):
                    word = " " + word
                parts.append(word)
    return "".join(parts).strip()


def _weights(text: str):
    previous = ""
    for ch in unicodedata.normalize("NFKC", text).lower():
        ch = to_katakana(ch)
        if ch == "ー":
            ch = _VOWEL_OF.get(previous, "")
            if not ch:
                continue
        if "\u30a1" <= ch <= "\u30fa":
            # Strip the voicing marks (ガ → カ + ゛) and make small kana large.
            plain = unicodedata.normalize("NFD", ch)[0].translate(_SMALL_TO_LARGE)
            previous = plain
            yield _KANA + ord(plain)
            continue
        previous = ""
        if ch.isdigit() and ch.isascii():
            yield _DIGIT + ord(ch)
        elif ch.isalpha():
            base = unicodedata.normalize("NFKD", ch)[0]
            if base.isascii():
                yield _LATIN + ord(base)
            else:
                yield _OTHER + ord(ch)
        # Spaces and punctuation do not count.


def sort_key(text: str) -> str:
    """The key that sorts ``text`` in 五十音 order of its reading (see the module's docstring).

    ``sort_key("ジャイカ") < sort_key("ジョージア") < sort_key("タンザニア")`` and, for
    a name, ``sort_key(reading(name))``: use ``name_sort_key(name)`` for that.
    The key is at most ``SORT_KEY_MAX_LENGTH`` characters of ``[0-9a-f]``.
    """
    weights = list(_weights(text or ""))[:_KEY_CHARS]
    return "".join(f"{weight:0{_KEY_WIDTH}x}" for weight in weights)


def name_sort_key(name: str) -> str:
    """The sort key of a name: ``sort_key(reading(name))``."""
    return sort_key(reading(name))
