"""Related terms: a query for one word also finds records that use another word for it.

Two maintained sources, both data:

- the **domain glossary** (``data/glossary.yaml``): the terms of the city's
  international work and of the services it shares abroad, in Japanese and
  English, with *narrower* technical terms of a field (a search for 水道 also
  finds a project about 漏水 or 浄水場; a search for 漏水 does not find every
  水道 project). It decides for the words it lists;
- the **Sudachi synonym dictionary** (``data/sudachi_synonyms.tsv.gz``, from
  SudachiDict, Apache-2.0; ``refresh_synonyms`` converts and documents it):
  spelling variants, abbreviations and English names of some 25,000 nouns
  (チェンナイ ↔ Chennai, ネパール連邦民主共和国 ↔ ネパール ↔ Nepal).

How a relation reaches the search index: each group has a tag token
(``syn…`` for a glossary entry, ``sud…`` for a Sudachi group). A record that
contains a word carries the tags of the word's groups (``index_tags``); a
query word also matches the tags it may expand to (``query_tags``). So one
extra token per group keeps queries small whatever the size of a group, and
a record that uses the typed word itself still ranks first.

- A glossary ``terms`` word: carries and expands to its entry's tag.
- A glossary ``narrower`` word: carries the tag (it is found by the broader
  word) but does not expand to it.
- A Sudachi entry with flag 0: carries and expands; flag 1 (mostly short
  abbreviations such as "TSS"): carries, does not expand. Entries marked
  "never expand" are not in the file.

To add a glossary entry: edit ``data/glossary.yaml`` (its header explains the
format) and run ``manage.py rebuild_search_index``; tests/text/test_glossary.py
checks every entry.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
GLOSSARY_PATH = DATA_DIR / "glossary.yaml"
SUDACHI_PATH = DATA_DIR / "sudachi_synonyms.tsv.gz"

Tokens = tuple[str, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    terms: tuple[str, ...]
    narrower: tuple[str, ...] = ()
    note: str = ""

    @property
    def tag(self) -> str:
        """ASCII and stable while the first term stays first (e.g. ``syn3f9a2c1b``)."""
        return "syn" + hashlib.sha1(self.terms[0].encode(), usedforsecurity=False).hexdigest()[:8]


@dataclass(frozen=True)
class SynonymIndex:
    index_tags: dict[Tokens, tuple[str, ...]]  # tokens of a word → tags a record containing it carries
    query_tags: dict[Tokens, tuple[str, ...]]  # tokens of a word → tags a query for it also matches
    longest: int  # the most tokens a word has
    starts: frozenset[str]  # the first tokens of the words
    prefixes: frozenset[Tokens] = frozenset()  # every leading run of a word's tokens (the words included)

    def knows(self, tokens: Tokens) -> bool:
        return tokens in self.index_tags or tokens in self.query_tags


def read_glossary(path: Path = GLOSSARY_PATH) -> list[GlossaryEntry]:
    """The glossary's entries; a malformed entry is refused with its position."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or []  # noqa: S506 (a safe loader)
    entries = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not item.get("terms") or set(item) - {"terms", "narrower", "note"}:
            raise ValueError(f"{path.name}: entry {number} must have terms (and may have narrower, note)")
        terms = tuple(str(word) for word in item["terms"])
        narrower = tuple(str(word) for word in item.get("narrower") or ())
        entries.append(GlossaryEntry(terms=terms, narrower=narrower, note=str(item.get("note") or "")))
    return entries


def read_sudachi(path: Path = SUDACHI_PATH) -> tuple[str, list[list[str]]]:
    """The stamp line and the [group, flag, tokens, headword] rows of the vendored file
    (tokens space-separated)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        header, _newline, body = handle.read().partition("\n")
    return header, [line.split("\t") for line in body.splitlines()]


@cache
def synonym_index() -> SynonymIndex:
    """Both sources as one index, built once per process. The dictionary's tokens are
    stored with it, so no Sudachi run is needed for its 60,000 words."""
    from .analysis import morphemes

    index_tags: dict[Tokens, list[str]] = {}
    query_tags: dict[Tokens, list[str]] = {}

    def add(table: dict[Tokens, list[str]], tokens: Tokens, tag: str) -> None:
        tags = table.setdefault(tokens, [])
        if tag not in tags:
            tags.append(tag)

    for entry in read_glossary_cached():
        for word in entry.terms:
            tokens = tuple(m.key for m in morphemes(word))
            if tokens:
                add(index_tags, tokens, entry.tag)
                add(query_tags, tokens, entry.tag)
        for word in entry.narrower:
            tokens = tuple(m.key for m in morphemes(word))
            if tokens:
                add(index_tags, tokens, entry.tag)
    glossary_words = frozenset(index_tags)

    _header, rows = read_sudachi()
    for group, flag, joined, _headword in rows:
        tokens = tuple(joined.split(" "))
        if tokens in glossary_words:
            continue  # the glossary decides for its words
        tag = "sud" + group
        index_tags.setdefault(tokens, []).append(tag)
        if flag == "0":
            query_tags.setdefault(tokens, []).append(tag)

    words = index_tags.keys() | query_tags.keys()
    return SynonymIndex(
        index_tags={k: tuple(v) for k, v in index_tags.items()},
        query_tags={k: tuple(v) for k, v in query_tags.items()},
        longest=max((len(w) for w in words), default=1),
        starts=frozenset(w[0] for w in words),
        prefixes=frozenset(w[:size] for w in words for size in range(1, len(w) + 1)),
    )


@cache
def group_members() -> dict[str, tuple[str, ...]]:
    """tag → the words that expand to it (for display, tests and the benchmark's baseline)."""
    members: dict[str, list[str]] = {}
    for entry in read_glossary_cached():
        members[entry.tag] = list(entry.terms)
    for group, flag, _joined, headword in read_sudachi()[1]:
        if flag == "0":
            members.setdefault("sud" + group, []).append(headword)
    return {tag: tuple(words) for tag, words in members.items()}


@cache
def glossary_tags() -> frozenset[str]:
    """The tags of glossary entries (kanji sub-words of compounds bring only these)."""
    return frozenset(entry.tag for entry in read_glossary_cached())


@cache
def read_glossary_cached() -> tuple[GlossaryEntry, ...]:
    return tuple(read_glossary())
