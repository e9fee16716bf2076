"""Japanese-aware text normalisation and tokenisation (SudachiPy), for every app.

The search index (``tsunagu.search``) tokenises text here, in Python, both when a
record is indexed and when a query is parsed, so the database only ever sees
space-separated tokens and SQLite FTS5 and PostgreSQL behave the same.

The pipeline for a text:

1. Unicode NFKC: full-width ＪＩＣＡ becomes JICA, half-width ｺﾞﾐ becomes ゴミ,
   ① becomes 1.
2. SudachiPy (dictionary ``sudachidict-core``) splits it into morphemes in
   split mode C (the longest units: 上下水道, 研修員) and, inside each of
   those, mode A (the shortest: 研修 + 員). Each morpheme contributes its
   surface, its normalised form (受入 → 受け入れ, シティ → シティー) and its
   dictionary form (受け入れた → 受け入れる). Particles, auxiliary verbs,
   symbols and blanks are dropped.
3. Every token is lower-cased and its katakana folded to hiragana, so ゴミ and
   ごみ are one token; Latin letters lose their accents and a plural ending
   (programmes → programme, cities → city); English stop words go.
4. Runs of three or more kanji also give their sub-words of 2 to 6 kanji
   (上下水道 → 上下, 下水, 水道, 上下水, 下水道, 上下水道), so that 水道 finds
   上下水道 even though Sudachi keeps the compound whole (or cuts it as
   上下水 + 道). A name's sub-words count as the name; those of other text
   go to the low-weighted ``extra`` column. A synonym word among them brings
   its group token.

A query goes through the same steps (``parse_query``) and each of its words
is widened with its related terms (``synonyms``: the domain glossary and the
Sudachi synonym dictionary).
"""

from __future__ import annotations

import importlib.metadata
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .synonyms import glossary_tags, group_members, synonym_index

# Bump when a change of this pipeline changes the tokens of a word: the vendored synonym
# dictionary stores tokens and must then be rebuilt (``python -m tsunagu.text.refresh_synonyms``).
PIPELINE_VERSION = 1
ANALYSER_STAMP = (
    f"pipeline {PIPELINE_VERSION}, sudachipy {importlib.metadata.version('sudachipy')}, "
    f"sudachidict-core {importlib.metadata.version('sudachidict-core')}"
)

# Longest text given to Sudachi at once (its limit is about 49 KB of UTF-8).
_CHUNK_CHARS = 4000
# Kanji sub-words are at most this long (a run of 12 kanji gives 45 of them).
_MAX_SUBWORD = 6
# Longer tokens are dropped (PostgreSQL refuses lexemes over 2 KB; none is a word).
_MAX_TOKEN_CHARS = 100
# Parts of speech that carry no meaning for search.
_SKIPPED_POS = frozenset({"助詞", "助動詞", "補助記号", "空白", "記号"})
_ENGLISH_STOP_WORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the to with via per its this that".split()
)
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_KANJI_RUN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF々]{3,}")
_LATIN = re.compile(r"^[0-9a-z\u00c0-\u024f]+$")
# A query word of 2 to 6 kanji (the longest kanji sub-word indexed).
_KANJI_CHUNK = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF々]{2,6}")


# -- Sudachi -----------------------------------------------------------------------------


@cache
def _dictionary():
    from sudachipy import Dictionary

    return Dictionary(dict="core")


_local = threading.local()


def _tokenizer():
    """One tokenizer per thread (Sudachi's tokenizer is not thread-safe; the dictionary is)."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        tokenizer = _local.tokenizer = _dictionary().tokenizer()
    return tokenizer


def _split_modes():
    from sudachipy import SplitMode

    return SplitMode.A, SplitMode.C


# -- normalisation -----------------------------------------------------------------------


def normalize(text: str) -> str:
    """NFKC (full-width/half-width) and lower case: the form Sudachi is given."""
    return unicodedata.normalize("NFKC", text or "")


_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=100_000)
def fold(token: str) -> str:
    """One token's index form: lower case, katakana as hiragana, Latin without accents,
    anything but letters and digits removed."""
    token = unicodedata.normalize("NFKC", token).lower().translate(_KATAKANA_TO_HIRAGANA)
    if not token.isascii() and all(ord(ch) < 0x3000 for ch in token):
        # Latin, Greek, Cyrillic…: strip the accents (é → e). Never for kana: が would lose its ゛.
        token = "".join(ch for ch in unicodedata.normalize("NFKD", token) if not unicodedata.combining(ch))
    return _NON_WORD.sub("", token)


def _stem_latin(token: str) -> str:
    """A light English plural stemmer: cities → city, programmes → programme (not: class, bus)."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def is_latin(token: str) -> bool:
    return bool(_LATIN.match(token))


@lru_cache(maxsize=100_000)
def _finish(raw: str) -> str:
    token = fold(raw)
    if not token or len(token) > _MAX_TOKEN_CHARS:
        return ""
    if is_latin(token):
        if token in _ENGLISH_STOP_WORDS:
            return ""
        return _stem_latin(token)
    return token


def kanji_subwords(word: str) -> list[str]:
    """Contiguous sub-words (2 to 6 characters) of runs of 3+ kanji."""
    return [subword for subword, _start, _end in kanji_subword_spans(word)]


def kanji_subword_spans(text: str) -> list[tuple[str, int, int]]:
    """``kanji_subwords`` with the span of each sub-word in ``text``."""
    result: list[tuple[str, int, int]] = []
    for match in _KANJI_RUN.finditer(text):
        run, offset = match.group(), match.start()
        for size in range(2, min(len(run), _MAX_SUBWORD) + 1):
            result.extend((run[start : start + size], offset + start, offset + start + size)
                          for start in range(len(run) - size + 1))
    return result


@dataclass
class Morpheme:
    """A mode-C unit with its index forms and those of its mode-A parts.

    ``key`` is the normalised form (受入れ → 受け入れ), which every document indexes.
    """

    forms: list[str]
    parts: list[list[str]] = field(default_factory=list)
    surface: str = ""
    key: str = ""

    def __post_init__(self):
        if not self.key:
            self.key = self.forms[-1]


def _forms(morpheme) -> list[str]:
    surface = morpheme.surface()
    raw = [surface]
    if not normalize(surface).isascii():
        # Sudachi reads English words in katakana (supply → サプライ): keep Latin words as typed.
        # The normalised form comes last: ``Morpheme.key`` relies on it.
        raw += [morpheme.dictionary_form(), morpheme.normalized_form()]
    out: list[str] = []
    for item in raw:
        token = _finish(item)
        if token in out:
            out.remove(token)
        if token:
            out.append(token)
    return out


def _chunks(text: str):
    while len(text) > _CHUNK_CHARS:
        cut = max(text.rfind(sep, 0, _CHUNK_CHARS) for sep in ("\n", "。", ". ", " "))
        cut = cut + 1 if cut > 0 else _CHUNK_CHARS
        yield text[:cut]
        text = text[cut:]
    if text:
        yield text


# A word's forms and parts depend only on its surface and its dictionary entry: computed once per
# process for each (surface, entry), None for a word left out. Bounded, cleared when full.
_UNIT_CACHE: dict[tuple, tuple[list[str], list[list[str]]] | None] = {}
_UNIT_CACHE_LIMIT = 200_000


def _unit(m, mode_a) -> tuple[list[str], list[list[str]]] | None:
    """The index forms of a mode-C morpheme and those of its mode-A parts (None: left out)."""
    if m.part_of_speech()[0] in _SKIPPED_POS:
        return None
    forms = _forms(m)
    if not forms:
        return None
    surface = m.surface()
    # Mode A cuts only compounds of three characters or more (研修員 → 研修 + 員).
    parts = [] if len(surface) < 3 or surface.isascii() else [_forms(p) for p in m.split(mode_a)]
    parts = [p for p in parts if p]
    return forms, parts if len(parts) > 1 else []


def morphemes(text: str) -> list[Morpheme]:
    mode_a, mode_c = _split_modes()
    tokenizer = _tokenizer()
    cache = _UNIT_CACHE
    result: list[Morpheme] = []
    for chunk in _chunks(normalize(text)):
        for m in tokenizer.tokenize(chunk, mode_c):
            surface = m.surface()
            key = (surface, m.word_id(), m.dictionary_id())
            try:
                found = cache[key]
            except KeyError:
                found = _unit(m, mode_a)
                if len(cache) >= _UNIT_CACHE_LIMIT:
                    cache.clear()
                cache[key] = found
            if found is not None:
                forms, parts = found
                # Copies: a caller may change its Morpheme's lists.
                result.append(Morpheme(forms=list(forms), parts=[list(p) for p in parts], surface=surface))
    return result


@dataclass
class IndexText:
    """The tokens of one text: ``words`` (mode C and A forms) and ``extra`` (kanji sub-words)."""

    words: list[str]
    extra: list[str]

    def words_text(self) -> str:
        return " ".join(self.words)

    def extra_text(self) -> str:
        return " ".join(self.extra)


def index_tokens(text: str) -> IndexText:
    """The tokens to store for ``text`` (repeats kept: they count in the ranking)."""
    words: list[str] = []
    units = morphemes(text)
    for m in units:
        words.extend(m.forms)
        for part in m.parts:
            words.extend(part)
    words.extend(synonym_tags(units))
    # Over the text, not per morpheme: Sudachi may cut 上下水道の整備 as 上下水 + 道.
    extra = kanji_subwords(normalize(text))
    # A glossary word inside a compound (水道 in 上下水道交流事業) brings its entry's tag too;
    # the Sudachi groups only count for whole words (a stray sub-word is often no word at all).
    index, glossary = synonym_index(), glossary_tags()
    for subword in dict.fromkeys(extra):
        extra.extend(tag for tag in index.index_tags.get((subword,), ()) if tag in glossary)
    return IndexText(words=words, extra=extra)


# -- queries -------------------------------------------------------------------------------

# A query is a list of terms that must all match (AND). Each term is a list of
# alternatives (OR); an alternative is a tuple of tokens that must all be in
# the document (AND), e.g. 友好都市 → ("友好", "都市"). ``prefix`` marks Latin
# terms matched as prefixes (sewer → sewerage).


@dataclass(frozen=True)
class Alternative:
    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass
class Term:
    typed: str
    alternatives: list[Alternative]


@dataclass
class ParsedQuery:
    text: str
    terms: list[Term]

    def __bool__(self) -> bool:
        return bool(self.terms)


# Queries longer than this many words are cut (a search box, not a document).
MAX_QUERY_TERMS = 12


def synonym_tags(units: list[Morpheme]) -> list[str]:
    """The tags of every word of ``units`` that has related terms (a word of several tokens
    included; see ``synonyms``): what a record carries so that a related word finds it."""
    index = synonym_index()
    keys = [u.key for u in units]
    tags: list[str] = []
    for i, key in enumerate(keys):
        if key in index.starts:
            for size in range(1, min(index.longest, len(keys) - i) + 1):
                run = tuple(keys[i : i + size])
                if run not in index.prefixes:
                    break  # no word starts with these tokens: no longer run is one either
                tags.extend(index.index_tags.get(run, ()))
        for part in units[i].parts:
            tags.extend(index.index_tags.get((part[-1],), ()))
    return tags


def related_terms(word: str) -> list[str]:
    """The words a query for ``word`` also finds (its glossary entries and Sudachi groups,
    narrower terms not included), for display, tests and the benchmark's baseline scan."""
    tags = synonym_index().query_tags.get(tuple(m.key for m in morphemes(word)), ())
    members = group_members()
    return list(dict.fromkeys(member for tag in tags for member in members[tag]))


def parse_query(text: str) -> ParsedQuery:
    """The terms of a query, each with its alternatives (see ``Alternative``).

    A document indexes the normalised form of every word, so that form is the
    one alternative a word needs; a synonym word also matches its group's
    token, which every document containing any word of the group carries.
    """
    index = synonym_index()
    units = _query_units(text or "")
    terms: list[Term] = []
    i = 0
    while i < len(units) and len(terms) < MAX_QUERY_TERMS:
        # The longest run of query words that is a synonym word (友好 都市 → 友好都市).
        size, tags = 1, ()
        for candidate in range(min(index.longest, len(units) - i), 0, -1):
            run_keys = tuple(u.key for u in units[i : i + candidate])
            if candidate == 1 and not index.knows(run_keys) and units[i].parts:
                # A typed compound kept whole (無収水) is known by the tokens it is cut into.
                run_keys = tuple(part[-1] for part in units[i].parts)
            if index.knows(run_keys):
                size, tags = candidate, index.query_tags.get(run_keys, ())
                break
        run = units[i : i + size]
        if size == 1:
            alternatives = _unit_alternatives(run[0])
        else:
            alternatives = [Alternative(tuple(u.key for u in run))]
        alternatives.extend(Alternative((tag,)) for tag in tags)
        terms.append(Term(typed="".join(u.surface for u in run), alternatives=_unique(alternatives)))
        i += size
    return ParsedQuery(text=text, terms=terms)


def _query_units(text: str) -> list[Morpheme]:
    """The query's words. A typed kanji compound that Sudachi cuts into a stray single
    kanji (下水道 → 下 + 水道, 上下水道 → 上下水 + 道) stays one word: documents index
    the compound, or its kanji sub-words; its parts remain an alternative. A compound
    of real words (研修員受入 → 研修員 + 受入) stays cut, each word with its synonyms.
    Consecutive Latin words are read together, as in a record, where Sudachi knows some
    phrases as one word (official development assistance)."""
    units: list[Morpheme] = []
    chunks: list[str] = []
    for chunk in normalize(text).split():
        if chunks and chunk.isascii() and chunks[-1].isascii():
            chunks[-1] += " " + chunk
        else:
            chunks.append(chunk)
    for chunk in chunks:
        chunk_units = morphemes(chunk)
        stray = any(len(u.surface) == 1 for u in chunk_units)
        if len(chunk_units) > 1 and stray and _KANJI_CHUNK.fullmatch(chunk):
            units.append(Morpheme(forms=[chunk], parts=[[u.key] for u in chunk_units], surface=chunk))
        else:
            units.extend(chunk_units)
    return units


def _unit_alternatives(unit: Morpheme) -> list[Alternative]:
    key = unit.key
    alternatives = [Alternative((key,), prefix=is_latin(key) and len(key) >= 3)]
    if unit.parts:
        alternatives.append(Alternative(tuple(part[-1] for part in unit.parts)))
    return alternatives


def _unique(alternatives: list[Alternative]) -> list[Alternative]:
    seen: dict[tuple[str, ...], Alternative] = {}
    for alternative in alternatives:
        current = seen.get(alternative.tokens)
        if current is None or (alternative.prefix and not current.prefix):
            seen[alternative.tokens] = alternative
    return list(seen.values())
