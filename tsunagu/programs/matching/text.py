"""The matcher's view of text: the kernel analyser's tokens (``tsunagu.text``) as BM25 terms.

The matcher compares the plan's free text with each programme's text (Okapi
BM25, ``catalogue.Snapshot.bm25``). Both sides are cut by the city's one
analyser, as the search index cuts a record (``tsunagu.text.index_tokens``):

- NFKC (full-width and half-width forms are one), lower case, katakana folded
  to hiragana (ゴミ = ごみ), Latin plurals removed, particles and symbols left out;
- each Sudachi word (split mode C) gives its surface, dictionary and
  normalised forms (受入れ → 受け入れ), and its mode-A parts (研修員 → 研修 + 員);
- runs of three or more kanji also give their sub-words (上下水道 → 水道), so
  水道 meets 上下水道 whichever way Sudachi cuts the compound;
- a word with related terms brings its group's tag: the domain glossary
  (``tsunagu/text/data/glossary.yaml``: 研修員 ↔ trainee, 浄水 → 水道 …) and the
  Sudachi synonym dictionary, so a Japanese plan meets the English purpose
  texts of the catalogue and a technical term meets its field. A programme
  carries the tags of its words as a search record does (a narrower term
  carries its field's tag); the plan's words bring the same tags.

``Query.matched_terms`` turns the tokens a programme shares with the plan
back into whole words of the plan, for the reasons shown to the reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from tsunagu.text.analysis import Morpheme, kanji_subword_spans, morphemes
from tsunagu.text.synonyms import glossary_tags, synonym_index

_HIRAGANA_ONLY = re.compile(r"^[\u3041-\u3096\u30fc]+$")


def normalise(text: str) -> str:
    """NFKC and lower case (the form spans are counted in)."""
    return unicodedata.normalize("NFKC", text or "").lower()


@dataclass(frozen=True)
class Token:
    text: str  # the token as indexed
    start: int  # its span in the normalised text (for showing matched words)
    end: int


def _unit_spans(norm: str, units: list[Morpheme]) -> list[tuple[int, int]]:
    """Each word's span in the normalised text (found in order; a word not found gets an empty span)."""
    spans, position = [], 0
    for unit in units:
        surface = unit.surface.lower()  # already NFKC (``morphemes`` cuts the normalised text)
        found = norm.find(surface, position) if surface else -1
        if found < 0:
            spans.append((position, position))
            continue
        spans.append((found, found + len(surface)))
        position = found + len(surface)
    return spans


def _scan(text: str) -> tuple[str, list[tuple[str, int, int]], list[tuple[int, int]]]:
    """The normalised text, its tokens ``(token, start, end)`` and the spans of its words.

    The tokens are those of ``tsunagu.text.index_tokens(text)`` (words, mode-A parts, synonym
    tags, kanji sub-words and their glossary tags), each with the span it comes from.
    """
    norm = normalise(text)
    units = morphemes(text)
    spans = _unit_spans(norm, units)
    out: list[tuple[str, int, int]] = []
    append = out.append
    for unit, (start, end) in zip(units, spans, strict=True):
        for form in unit.forms:
            append((form, start, end))
        for part in unit.parts:
            for form in part:
                append((form, start, end))
    # Related terms: a word of one or several tokens brings its groups' tags (as ``synonym_tags``).
    index = synonym_index()
    keys = [unit.key for unit in units]
    prefixes = index.prefixes
    for i, key in enumerate(keys):
        if key in index.starts:
            for size in range(1, min(index.longest, len(keys) - i) + 1):
                run = tuple(keys[i : i + size])
                if run not in prefixes:
                    break  # no word starts with these tokens: no longer run is one either
                tags = index.index_tags.get(run)
                if tags:
                    for tag in tags:
                        append((tag, spans[i][0], spans[i + size - 1][1]))
        for part in units[i].parts:
            for tag in index.index_tags.get((part[-1],), ()):
                append((tag, *spans[i]))
    # Kanji sub-words, over the text (Sudachi may cut 上下水道の整備 as 上下水 + 道); a glossary word
    # among them brings its entry's tag.
    glossary = glossary_tags()
    subwords = kanji_subword_spans(norm)
    seen: set[str] = set()
    for subword, start, end in subwords:
        append((subword, start, end))
        if subword not in seen:
            seen.add(subword)
            for tag in index.index_tags.get((subword,), ()):
                if tag in glossary:
                    append((tag, start, end))
    return norm, out, spans


def analyse(text: str) -> list[str]:
    """The BM25 terms of ``text``, in order (repeats kept)."""
    return [item[0] for item in _scan(text)[1]]


@dataclass
class Document:
    """A document's term frequencies and length, computed once per distinct text."""

    terms: Counter
    length: int


_DOCUMENT_CACHE: dict[str, Document] = {}
_DOCUMENT_CACHE_LIMIT = 50_000


def document(text: str) -> Document:
    """The analysed document for ``text``, cached by the text itself (so it can never be stale)."""
    found = _DOCUMENT_CACHE.get(text)
    if found is None:
        terms = Counter(analyse(text))
        found = Document(terms, sum(terms.values()))
        if len(_DOCUMENT_CACHE) >= _DOCUMENT_CACHE_LIMIT:
            _DOCUMENT_CACHE.clear()
        _DOCUMENT_CACHE[text] = found
    return found


class Query:
    """A plan's text analysed once: its tokens with their spans, to quote matched words per document."""

    def __init__(self, text: str):
        self.text = text
        self.norm, found, self._spans = _scan(text)
        self.tokens = [Token(*item) for item in found]
        self.terms = Counter(token.text for token in self.tokens)
        # Show the words as the user typed them (only width-normalised), when that keeps the positions.
        shown = text if len(text) == len(self.norm) else unicodedata.normalize("NFKC", text)
        self.shown = shown if len(shown) == len(self.norm) else self.norm
        self._words: dict[frozenset, list[str]] = {}

    def matched_terms(self, doc: Document, limit: int = 6) -> list[str]:
        """The words of the query whose tokens the document contains, longest first."""
        matched = frozenset(term for term in self.terms if term in doc.terms)
        if not matched:
            return []
        found = self._words.get(matched)
        if found is None:
            found = self._words[matched] = self._words_for(matched)
        return found[:limit]

    def _words_for(self, matched: frozenset) -> list[str]:
        """Whole words of the plan (as the analyser cuts them) that hold a matched token; adjacent
        ones are quoted together (上水 + 道 → 上水道, Hai + Phong → Hai Phong). Never a fragment: no
        word made only of hiragana, digits or single characters."""
        norm, shown = self.norm, self.shown
        covered = [False] * len(norm)
        for token in self.tokens:
            if token.text in matched:
                for i in range(token.start, token.end):
                    covered[i] = True
        phrases: list[list[tuple[int, int]]] = []
        last_end = -2
        for start, end in self._spans:
            if start == end or not any(covered[start:end]):
                last_end = -2
                continue
            gap = norm[last_end:start] if last_end >= 0 else None
            if phrases and gap is not None and gap.strip() == "" and len(gap) <= 1:
                phrases[-1].append((start, end))
            else:
                phrases.append([(start, end)])
            last_end = end
        words: list[str] = []
        for phrase in phrases:
            if any(not _is_word(norm[start:end]) and any(c.isdigit() for c in norm[start:end]) for start, end in phrase):
                continue  # an amount or a year, with its units
            if all(end - start < 2 or not _is_word(norm[start:end]) for start, end in phrase):
                continue
            word = shown[phrase[0][0]:phrase[-1][1]].strip()
            if word not in words:
                words.append(word)
        words.sort(key=lambda w: (-len(w), shown.index(w)))
        return words


def _is_word(text: str) -> bool:
    """A word worth quoting: no number or amount (300万円, 2027), not only hiragana (particles, okurigana)."""
    return not any(ch.isdigit() for ch in text) and not _HIRAGANA_ONLY.match(text)
