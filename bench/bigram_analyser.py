"""The matcher's former analyser (character bigrams and a hand glossary), kept as a baseline.

Until the matcher used the kernel analyser (``tsunagu.text``, see
``tsunagu/programs/matching/text.py``) it had this analyser of its own.
bench/match_quality.py runs the matcher with it beside the kernel analyser, in
the same run, so that the choice of analyser stays measured. Its useful
glossary groups moved to tsunagu/text/data/glossary.yaml. Not used by the app.

Its original description:

Text similarity for the matcher: a small bilingual analyser and Okapi BM25.

The matcher compares the plan's free text with each programme's text. It
must work for Japanese as a user types it and for English, without a
dictionary download, and be fast for thousands of programmes:

- text is normalised with NFKC (full-width and half-width forms become one)
  and lower-cased;
- runs of Japanese characters become overlapping character bigrams (上下水道 →
  上下, 下水, 水道, so 水道 finds 上下水道), a lone kanji stays a unigram, and
  bigrams made only of hiragana (particles, okurigana: した, への) are dropped;
- Latin words are kept whole (lower-cased, plural ``s`` removed) minus stop words
  and numbers;
- a short bilingual glossary adds the canonical token of a term in the other
  language (廃棄物 ↔ waste, 研修 ↔ training), so a Japanese plan meets the
  English purpose texts of the catalogue. The glossary lists general
  vocabulary of international cooperation, not programme names. Its
  Japanese terms match in hiragana and katakana alike (ごみ, ゴミ).

``Query.matched_terms`` turns the tokens a document shares with the query
back into the words of the query, for the reasons shown to the reader. The
BM25 index itself is part of the catalogue snapshot (``catalogue.Snapshot.bm25``).

The search app (``tsunagu.search``) sits above ``programs`` and has its own
morphological analyser; the matcher cannot import it, hence this analyser.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import add

# Characters treated as Japanese: CJK ideographs, kana, the iteration mark and the long vowel mark.
_JA = r"\u3005\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff"
_TOKEN_RUN = re.compile(rf"[{_JA}]+|[a-z0-9]+")
_HIRAGANA_ONLY = re.compile(r"^[\u3041-\u3096\u30fc]+$")
_KATAKANA_ONLY = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")

STOP_WORDS = frozenset(
    """a an and are as at be by for from has have in into is it its of on or our that the their
    this to was we were will with within who which also any can each other such than then these
    they those using use used via per not no""".split()
)

# Groups of words that mean the same thing; the first entry is the canonical token
# every member adds. Japanese members are matched inside the normalised text,
# English members as whole words.
GLOSSARY: tuple[tuple[str, ...], ...] = (
    ("廃棄物", "ゴミ", "waste", "garbage", "recycling", "リサイクル"),
    ("上下水道", "水道", "water", "sewerage", "sewer", "下水道", "上水道", "浄水"),
    ("環境", "environment", "environmental", "公害", "pollution"),
    ("脱炭素", "低炭素", "decarbonisation", "decarbonization", "decarbonising", "zero-carbon",
     "low-carbon", "carbon", "climate", "温暖化", "省エネ", "energy", "再生可能"),
    ("研修", "training", "trainee", "trainees", "研修員", "受入研修"),
    ("専門家", "expert", "experts", "advisor", "adviser", "アドバイザー"),
    ("派遣", "dispatch", "dispatched", "send"),
    ("技術協力", "cooperation", "国際協力", "technical"),
    ("人材育成", "human-resource", "capacity", "leadership", "リーダー", "育成"),
    ("多文化共生", "multicultural", "foreign residents", "外国人住民", "外国人市民", "共生"),
    ("防災", "disaster", "災害", "消防", "fire"),
    ("医療", "health", "medical", "保健", "福祉"),
    ("教育", "education", "school", "学校", "語学", "language"),
    ("青少年", "youth", "young", "若者", "学生", "students"),
    ("姉妹都市", "sister", "姉妹", "友好都市", "friendship"),
    ("交流", "exchange", "exchanges"),
    ("国際会議", "conference", "conferences", "seminar", "シンポジウム", "symposium"),
    ("観光", "tourism", "tourist", "visitors", "インバウンド"),
    ("文化", "culture", "cultural", "芸術", "arts"),
    ("企業", "company", "companies", "business", "businesses", "ビジネス", "中小企業", "sme", "smes"),
    ("販路", "market", "markets", "export", "exports", "輸出", "物産", "products", "販路拡大"),
    ("投資", "investment", "invest", "fdi", "誘致"),
    ("調査", "survey", "surveys", "feasibility", "research"),
    ("港湾", "port", "ports", "harbour", "物流", "logistics"),
    ("交通", "transport", "traffic", "mobility"),
    ("農業", "agriculture", "agricultural", "farming", "農村"),
    ("行政", "administration", "governance", "officials", "職員"),
    ("大使館", "embassy", "embassies", "在外公館", "consulate"),
    ("途上国", "developing", "開発途上国", "oda"),
    ("無償資金協力", "grant aid", "grassroots", "草の根"),
    ("ボランティア", "volunteer", "volunteers", "協力隊"),
    ("設備", "equipment", "facility", "facilities", "機材"),
)


def normalise(text: str) -> str:
    """NFKC and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


_HIRA_TO_KATA = {code: code + 0x60 for code in range(0x3041, 0x3097)}


def fold_kana(text: str) -> str:
    """Hiragana as katakana (same length): ごみ → ゴミ."""
    return text.translate(_HIRA_TO_KATA)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Token:
    text: str  # the token as indexed
    start: int  # its span in the normalised text (for showing matched words)
    end: int


_HIRAGANA = frozenset(chr(code) for code in range(0x3041, 0x3097)) | {"ー"}
_KATAKANA = frozenset(chr(code) for code in range(0x30A1, 0x30FB)) | {"ー"}


@lru_cache(maxsize=1)
def _glossary() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """Two patterns finding every glossary term at every position (longest first), and term → key."""
    japanese, english, keys = [], [], {}
    for group in GLOSSARY:
        canonical = fold_kana(normalise(group[0]))
        for member in group:
            term = fold_kana(normalise(member))
            keys.setdefault(term, f"#{canonical}")
            (japanese if re.search(rf"[{_JA}]", term) else english).append(term)

    def alternation(terms):
        return "|".join(re.escape(term) for term in sorted(set(terms), key=lambda t: (-len(t), t)))

    def first_characters(terms):  # tried first at each position: most positions start no term
        return "[" + "".join(re.escape(c) for c in sorted({term[0] for term in terms})) + "]"

    return (
        re.compile(f"(?={first_characters(japanese)})(?=({alternation(japanese)}))"),
        re.compile(f"(?<![a-z0-9])(?={first_characters(english)})(?=({alternation(english)})(?![a-z0-9]))"),
        keys,
    )


def _scan(text: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The normalised text and its tokens ``(token, start, end)``: bigrams, words, glossary keys."""
    norm = normalise(text)
    out: list[tuple[str, int, int]] = []
    append = out.append
    for match in _TOKEN_RUN.finditer(norm):
        run, start = match.group(), match.start()
        if run[0].isascii():
            word = _singular(run)
            # Numbers (10 months, 2027) say nothing about the topic.
            if len(word) >= 2 and word not in STOP_WORDS and not word.isdigit():
                append((word, start, match.end()))
            continue
        if len(run) == 1:
            if run not in _HIRAGANA and run not in _KATAKANA:
                append((run, start, start + 1))
            continue
        for i in range(len(run) - 1):
            if run[i] in _HIRAGANA and run[i + 1] in _HIRAGANA:
                continue  # particles and okurigana
            append((run[i : i + 2], start + i, start + i + 2))
    out.extend(_glossary_tokens(norm))
    return norm, out


def _glossary_tokens(norm: str) -> list[tuple[str, int, int]]:
    """The glossary keys found in the normalised text, overlapping matches of one group merged."""
    out: list[tuple[str, int, int]] = []
    japanese, english, keys = _glossary()
    folded = fold_kana(norm)
    spans: dict[str, list[list[int]]] = {}
    for pattern in (japanese, english):
        for m in pattern.finditer(folded):
            term = m.group(1)
            spans.setdefault(keys[term], []).append([m.start(), m.start() + len(term)])
    for key, found in spans.items():
        # Overlapping matches of one group (上下水道, 水道, 下水道) count once.
        found.sort()
        merged = [found[0]]
        for start, end in found[1:]:
            if start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        out.extend((key, start, end) for start, end in merged)
    return out


# Bigrams made only of hiragana (particles, okurigana) are not indexed.
_HIRAGANA_PAIRS = frozenset(a + b for a in _HIRAGANA for b in _HIRAGANA)
_WORDS: dict[str, str] = {}  # a Latin run → the word indexed ("" for none), see ``_scan``


def _terms(text: str) -> Counter:
    """``Counter(analyse(text))`` without the spans: the same tokens, counted (what documents need)."""
    norm = normalise(text)
    out: list[str] = []
    append, extend = out.append, out.extend
    words = _WORDS
    hiragana, katakana, pairs = _HIRAGANA, _KATAKANA, _HIRAGANA_PAIRS
    for run in _TOKEN_RUN.findall(norm):
        if run[0].isascii():
            word = words.get(run)
            if word is None:
                word = _singular(run)
                if len(word) < 2 or word in STOP_WORDS or word.isdigit():
                    word = ""
                if len(words) < 100_000:
                    words[run] = word
            if word:
                append(word)
        elif len(run) == 1:
            if run not in hiragana and run not in katakana:
                append(run)
        else:
            extend(bigram for bigram in map(add, run, run[1:]) if bigram not in pairs)
    extend(key for key, _start, _end in _glossary_tokens(norm))
    return Counter(out)


def tokens_with_spans(text: str) -> tuple[str, list[Token]]:
    """The normalised text and its tokens with their spans."""
    norm, found = _scan(text)
    return norm, [Token(*item) for item in found]


def analyse(text: str) -> list[str]:
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
        terms = _terms(text)
        found = Document(terms, sum(terms.values()))
        if len(_DOCUMENT_CACHE) >= _DOCUMENT_CACHE_LIMIT:
            _DOCUMENT_CACHE.clear()
        _DOCUMENT_CACHE[text] = found
    return found


class Query:
    """A plan's text analysed once: its tokens with their spans, to quote matched words per document."""

    def __init__(self, text: str):
        self.text = text
        self.norm, self.tokens = tokens_with_spans(text)
        self.terms = Counter(token.text for token in self.tokens)
        # Show the words as the user typed them (only width-normalised), when that keeps the positions.
        shown = text if len(text) == len(self.norm) else unicodedata.normalize("NFKC", text)
        self.shown = shown if len(shown) == len(self.norm) else self.norm
        self._words: dict[frozenset, list[str]] = {}
        self._spans: list[tuple[int, int]] | None = None

    def matched_terms(self, doc: Document, limit: int = 6) -> list[str]:
        """The words of the query whose tokens the document contains, longest first.

        Adjacent matched bigrams are merged back into the word they came from
        (廃棄, 棄物 → 廃棄物).
        """
        matched = frozenset(term for term in self.terms if term in doc.terms)
        if not matched:
            return []
        found = self._words.get(matched)
        if found is None:
            found = self._words[matched] = self._words_for(matched)
        return found[:limit]

    def _words_for(self, matched: frozenset) -> list[str]:
        """Whole words of the plan (as the kernel analyser cuts them, ``tsunagu.text``) that hold a
        matched token; adjacent ones are quoted together (上水 + 道 → 上水道, Hai + Phong → Hai Phong).
        Never a fragment: no word made only of hiragana, digits or single characters."""
        norm, shown = self.norm, self.shown
        covered = [False] * len(norm)
        for token in self.tokens:
            if token.text in matched:
                for i in range(token.start, token.end):
                    covered[i] = True
        phrases: list[list[tuple[int, int]]] = []
        last_end = -2
        for start, end in self._word_spans():
            if not any(covered[start:end]):
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

    def _word_spans(self) -> list[tuple[int, int]]:
        """The spans of the kernel analyser's words in the normalised text (punctuation and particles left out),
        computed once per query."""
        from tsunagu.text import morphemes

        if self._spans is not None:
            return self._spans
        spans, position = [], 0
        lowered = self.norm
        for morpheme in morphemes(self.text):
            surface = normalise(morpheme.surface)
            found = lowered.find(surface, position)
            if found < 0:
                continue
            spans.append((found, found + len(surface)))
            position = found + len(surface)
        self._spans = spans
        return spans


def _is_word(text: str) -> bool:
    """A word worth quoting: no number or amount (300万円, 2027), not only hiragana (particles, okurigana)."""
    return not any(ch.isdigit() for ch in text) and not _HIRAGANA_ONLY.match(text)
