"""Seed the catalogue from the research reference file (``data/programs.yaml``).

The reference file is a research snapshot written for people: each programme
has the same core keys (``id``, names, ``provider``, ``funding_form``,
``city_role``, ``status``, ``sources``) and then whatever its sources said
(caps keyed by who they apply to, rounds by 年度, typical windows in prose…).
``reference_to_catalogue`` turns it into the catalogue interchange format
(docs/catalogue-format.md) by reading that text:

- provider → an organisation matched (or created) by its Japanese name;
- ``eligible_applicants`` prose → applicant types (a few read by hand, see
  ``APPLICANT_OVERRIDES``); fields and activity types from keywords of the
  name, purpose and eligible activities; regions from ``eligible_regions``;
- ``funding`` → terms by 年度: caps (``amount_jpy``), rates written as
  fractions, durations in years, each with the wording, the confidence and
  the ``uncertain`` flag of the reference; the 年度 is the round the facts are
  from, else the latest round of the programme, else the snapshot year, and
  is then marked as assumed;
- ``application`` → dated windows for the recent rounds (tied to their 年度),
  a yearly window where ``typical_window`` names months, a rolling window for
  "any time";
- everything else (examples, history, track record…) is kept in the notes,
  so no fact of the file is lost.

Nothing is invented: values the text does not give stay empty, and a fact
the reference marks uncertain (or does not give for an active programme) is
listed in the programme's ``unconfirmed`` facts, shown as 未確認 in the UI.

``load_programs`` validates the result with the importer and writes it in
one transaction. It creates the missing programmes and updates those whose
entry changed, keeping what a coordinator edited in tsunagu (``seed_update``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from tsunagu.core.fiscal import FiscalYear, parse_fiscal_year

from ..matching.coding import apply_coding
from ..models import ORIGINAL_TEXTS
from .seed_update import SeedReport, update_catalogue

REFERENCE_PATH = Path(__file__).resolve().parents[1] / "data" / "programs.yaml"

# The research snapshot was taken during 2025年度 (its newest pages date from
# early 2026): terms the file gives without a year are recorded under it.
SNAPSHOT_FISCAL_YEAR = 2025

# (keywords found in the provider's name, Japanese name, English name, abbreviation, kind).
# Checked in this order: an executing body first, then the ministries.
PROVIDERS = [
    (("自治体国際化協会", "クレア", "CLAIR"), "自治体国際化協会", "Council of Local Authorities for International Relations", "CLAIR", "agency"),
    (("JICA", "国際協力機構"), "国際協力機構", "Japan International Cooperation Agency", "JICA", "agency"),
    (("ジェトロ", "JETRO", "日本貿易振興機構"), "日本貿易振興機構", "Japan External Trade Organization", "JETRO", "agency"),
    (("国際交流基金", "Japan Foundation"), "国際交流基金", "The Japan Foundation", "JF", "agency"),
    (("環境省",), "環境省", "Ministry of the Environment", "MOE", "government"),
    (("外務省",), "外務省", "Ministry of Foreign Affairs of Japan", "MOFA", "government"),
    (("総務省",), "総務省", "Ministry of Internal Affairs and Communications", "MIC", "government"),
    (("厚生労働省",), "厚生労働省", "Ministry of Health, Labour and Welfare", "MHLW", "government"),
]

LOCAL_GOVERNMENTS = ["prefecture", "designated_city", "city", "town_village"]

# Applicant types by keyword, read clause by clause (clauses split at ";").
APPLICANT_RULES = [
    (r"地方自治体|地方公共団体|local governments?", LOCAL_GOVERNMENTS),
    (r"都道府県|prefectur", ["prefecture"]),
    (r"政令指定都市|指定都市|designated cit", ["designated_city"]),
    (r"市区町村|市町村|municipalit", ["designated_city", "city", "town_village"]),
    (r"地域国際化協会|国際交流協会|international association", ["intl_association"]),
    (r"NGO|NPO|non-profit", ["ngo"]),
    (r"企業|compan", ["company"]),
    (r"大学|universit|研究機関", ["university"]),
    (r"コンソーシアム|consortium", ["consortium"]),
]
FOREIGN_CLAUSE = re.compile(r"partner-country|overseas local government", re.IGNORECASE)
EXCLUDING_CLAUSE = re.compile(r"EXCLUDED|excluded|対象外")

# Where reading the prose clause by clause would be wrong, the reading by hand,
# with the words of the reference it rests on.
APPLICANT_OVERRIDES = {
    # "request originates from an overseas local government; Japanese local governments'
    # staff are dispatched": the overseas government asks, the city releases staff.
    "clair-expert-dispatch": ["foreign_body"],
    # "proposer/contractor: 日本の研究機関・民間企業・大学等"; the local government is linked, not the contractor.
    "moe-city-to-city": ["company", "university"],
    # "地方公共団体 only (may designate an implementing body — NGO, university, company)".
    "jica-kusanone-chiiki-kasseika": LOCAL_GOVERNMENTS,
}

FIELD_KEYWORDS = {
    "environment": r"(?<!労働)環境|脱炭素|廃棄物|省エネ|再生可能|decarboni|environment|zero-carbon|JCM|climate",
    "water": r"水道|water",
    "trade": r"貿易|販路|対日直接投資|trade|FDI|product fairs|市場",
    "fire-disaster": r"防災|災害|disaster",
    "health": r"医療|保健|health|medical",
    "general-administration": r"一般行政|行政サービス|administration|自治体職員|officials",
    "culture": r"(?<!多)文化|観光|芸術|(?<!multi)cultur|touris",
    "education": r"教育|人材育成|語学|青少年|education|language|human-resource|youth|teaching",
    "multicultural": r"多文化|外国人住民|やさしい日本語|multicultural|foreign residents",
    "port-transport": r"港湾|交通|transport",
    "industry": r"産業|農業|林業|水産|商工|industr|SME|中小企業",
}

ACTIVITY_KEYWORDS = {
    "trainee-acceptance": r"研修員|受入研修|trainee|Training Program|Knowledge Co-Creation|Host officials",
    "expert-dispatch": r"専門家派遣|アドバイザー|expert|advisor|Volunteers|dispatch",
    "technical-cooperation": r"技術協力|国際協力|technical cooperation|international-cooperation|international cooperation|know-how|development problems|Grant aid",
    "business-development": r"ビジネス|販路|business|companies|market|product fairs",
    "network-platform": r"国際会議|ネットワーク|networking|conference|seminar|platform",
    "friendship-exchange": r"姉妹|友好|交流|exchange",
    "survey": r"調査|survey",
}

# Activity types an ``exclusions`` entry refuses when a plan is made of them alone
# (CLAIR model projects: "friendship visits, anniversary delegations, simple exchange",
# "survey-only projects").
EXCLUDED_ACTIVITY_KEYWORDS = {
    "friendship-exchange": r"friendship visits|anniversary delegations|simple exchange|友好訪問|周年|単なる交流",
    "survey": r"survey-only|調査のみ|調査だけ",
}

# Regions named in ``eligible_regions`` → ISO codes.
REGION_COUNTRIES = {
    "China": ["CN"],
    # Geographic Southeast Asia.
    "Southeast Asia": ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"],
}

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan",), ("feb",), ("mar",), ("apr",), ("may",), ("jun",), ("jul",), ("aug",), ("sep",), ("oct",), ("nov",), ("dec",)],
        start=1,
    )
    for name in names
}
MONTH_PATTERN = re.compile(
    r"(?:(?P<before>\d{1,2})\s+)?(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(?P<after>\d{1,2})\b)?",
    re.IGNORECASE,
)
JA_MONTH_PATTERN = re.compile(r"(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

CONFIDENCE_ORDER = {"low": 0, "medium": 1, "high": 2}


# -- small readers -------------------------------------------------------------------------


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


TRUNCATED = "(truncated)"


def _label_en(key: Any) -> str:
    """A key of the reference as an English label: ``typical_window`` → ``Typical window``."""
    if key == "amount_jpy":
        return "Amount"
    if str(key).isupper():
        return str(key)  # an abbreviation (ALT, CIR)
    return str(key).replace("_", " ").strip().capitalize()


def _original(value: Any) -> str:
    """The English original of a fact for people: keys as words, amounts in yen, the
    research note "(truncated)" spelt out."""
    return _text(value, label=_label_en).replace(TRUNCATED, "[the stored copy of the source ends here]")


def _text(value: Any, indent: str = "", label=None) -> str:
    """A readable text of any value of the reference (nested lists and mappings as lines).

    With ``label`` (e.g. ``_label_en``) keys are shown through it and amounts in yen
    (the English originals shown to people); without it, keys as they are (the text the
    keyword rules read).
    """
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if label and key == "amount_jpy" and isinstance(item, int):
                item = f"¥{item:,}"
            inner = _text(item, indent + "  ", label)
            key = label(key) if label else key
            if "\n" in inner or isinstance(item, (list, dict)):
                lines.append(f"{indent}{key}:\n{inner}")
            else:
                lines.append(f"{indent}{key}: {inner.strip()}")
        return "\n".join(lines)
    if isinstance(value, list):
        lines = []
        for item in value:
            inner = _text(item, indent + "  ", label)
            lines.append(f"{indent}- {inner.strip()}" if not isinstance(item, (list, dict)) else f"{indent}-\n{inner}")
        return "\n".join(lines)
    return str(value).strip()


def _inline(value: Any, label=None) -> str:
    """A one-line text of a small mapping or list: ``key: value, key: value`` (keys through ``label``)."""
    if isinstance(value, dict):
        return ", ".join(
            f"{label(key) if label else key}: "
            + (f"¥{item:,}" if label and key == "amount_jpy" and isinstance(item, int) else _inline(item, label))
            for key, item in value.items()
        )
    if isinstance(value, list):
        return "; ".join(_inline(item, label) for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    return text.replace(TRUNCATED, "[the stored copy of the source ends here]") if label else text


def _inline_en(value: Any) -> str:
    return _inline(value, _label_en)


# -- Japanese texts (data/programs.ja.yaml) -----------------------------------------------

JA_TEXTS_PATH = Path(__file__).resolve().parents[1] / "data" / "programs.ja.yaml"

# Keys of a fact that are shown elsewhere (the confidence column, the 未確認 marker).
META_KEYS = {"confidence", "source_confidence", "uncertain"}


def man_yen(amount: int) -> str:
    """An amount as Japanese documents write it: 3000000 → 300万円, 150000000 → 1億5,000万円."""
    if amount % 10_000:
        return f"¥{amount:,}"
    oku, man = divmod(amount // 10_000, 10_000)
    return (f"{oku:,}億" if oku else "") + (f"{man:,}万" if man else "") + "円"


@dataclass
class JapaneseTexts:
    """The Japanese of the reference: texts by programme, labels of its keys, and the
    Japanese of the English wordings found in its funding and application facts."""

    programs: dict[str, dict[str, str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)

    def label(self, key: Any) -> str:
        key = str(key)
        if key in self.labels:
            return self.labels[key]
        if year_of(key) or re.fullmatch(r"[RHS]\d{1,2}", key):
            return key  # a round (R8, H29, FY2021) labels itself
        raise ValueError(f"{JA_TEXTS_PATH.name}: no Japanese label for the key {key!r} of the reference")

    def phrase(self, text: Any) -> str:
        """The Japanese of a wording of the reference (the wording itself when it is not English)."""
        if isinstance(text, datetime.date):
            return text.isoformat()
        text = " ".join(str(text).split())
        text = self.phrases.get(text, text)
        return text.replace(TRUNCATED, self.phrases.get(TRUNCATED, TRUNCATED))

    def fact(self, value: Any) -> str:
        """A fact as a Japanese phrase: the wording, amounts in 万円, keys as Japanese labels."""
        if isinstance(value, dict):
            parts = []
            if "as_written" in value:
                parts.append(self.phrase(value["as_written"]))
            elif isinstance(value.get("amount_jpy"), int):
                parts.append(man_yen(value["amount_jpy"]))
            for key, item in value.items():
                if key in ("as_written", "amount_jpy") or key in META_KEYS or item is False or item is None:
                    continue
                if key == "en" and "ja" in value:
                    continue  # the Japanese name is enough
                if item is True:
                    parts.append(self.label(key))
                elif isinstance(item, int) and not isinstance(item, bool) and "cap" in str(key):
                    parts.append(f"{self.label(key)}: {man_yen(item)}")  # e.g. cap_per_year: 10000000
                else:
                    parts.append(f"{self.label(key)}: {self.fact(item)}")
            return "、".join(parts)
        if isinstance(value, list):
            return "・".join(self.fact(item) for item in value)
        if isinstance(value, bool):
            return "はい" if value else "いいえ"
        return self.phrase(value)

    def line(self, key: Any, value: Any) -> str:
        """``label: fact``, one labelled Japanese line."""
        return f"{self.label(key)}: {self.fact(value)}"


def read_japanese_texts(path: Path | None = None) -> JapaneseTexts:
    path = path or JA_TEXTS_PATH
    if not path.exists():
        return JapaneseTexts()
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return JapaneseTexts(
        programs=data.get("programs") or {}, labels=data.get("labels") or {}, phrases=data.get("phrases") or {}
    )


def year_of(label: Any) -> int | None:
    """The 年度 a round label names: ``R6 (2024)``, ``R8 1次``, ``H29``, ``FY2021 …``, ``2025``."""
    if label is None:
        return None
    if isinstance(label, int):
        return label if 1900 < label < 2200 else None
    text = str(label)
    for pattern in (r"\((\d{4})\)", r"FY\s?(\d{4})", r"(?<!\d)(\d{4})(?!\d)"):
        if match := re.search(pattern, text):
            return int(match[1])
    if match := re.search(r"(?<![A-Za-z])([RHS])(\d{1,2}|元)", text):
        try:
            return parse_fiscal_year(match[1] + match[2]).year
        except ValueError:
            return None
    return None


def _lowest_confidence(values: list[str]) -> str:
    known = [v for v in values if v in CONFIDENCE_ORDER]
    return min(known, key=CONFIDENCE_ORDER.__getitem__) if known else ""


def _walk(value: Any, key: str = ""):
    """Every (key, value) pair of nested mappings and lists."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k), v
            yield from _walk(v, str(k))
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, key)


def _confidences(value: Any) -> list[str]:
    return [str(v) for k, v in _walk(value) if k in ("confidence", "source_confidence")]


def _is_uncertain(value: Any) -> bool:
    return any(k == "uncertain" and v is True for k, v in _walk(value))


def _duration_years(text: str) -> int | None:
    match = re.search(r"(?<![\d.])(\d{1,2})\s*(?:か年|ヵ年|年|years?)", text)
    return int(match[1]) if match else None


def _fraction_rate(text: str) -> str | None:
    fractions = re.findall(r"(?<![\d/])(\d)/(\d)(?![\d/])", text)
    if len(fractions) == 1:
        return f"{fractions[0][0]}/{fractions[0][1]}"
    return None


def _cap_basis(key: str, text: str) -> str:
    if "per_year" in key or "/年" in text or "per year" in text:
        return "per_year"
    if "per_person" in key or "/人" in text:
        return "per_person"
    if "団体あたり" in text or "1団体" in text:
        return "per_organisation"
    return "per_project"


# -- the pieces of a programme -------------------------------------------------------------


def _provider(spec: dict) -> dict:
    written_ja = str(spec.get("ja", ""))
    written = f"{written_ja} {spec.get('en', '')}"
    for keywords, name_ja, name_en, abbreviation, kind in PROVIDERS:
        if any(keyword in written for keyword in keywords):
            note = written_ja
            if spec.get("parent"):
                note = f"{note}（{spec['parent']}）"
            return {
                "provider": name_ja,
                "provider_en": name_en,
                "provider_abbreviation": abbreviation,
                "provider_kind": kind,
                "provider_note": note[:200],
            }
    raise ValueError(f"no known provider in {spec!r}")


def _applicants(code: str, prose: list) -> list[str]:
    if code in APPLICANT_OVERRIDES:
        return list(APPLICANT_OVERRIDES[code])
    found: list[str] = []
    excluded: set[str] = set()
    for line in prose:
        for clause in re.split(r";", str(line)):
            types: list[str] = []
            if FOREIGN_CLAUSE.search(clause):
                types.append("foreign_body")
                rules = [rule for rule in APPLICANT_RULES if rule[1] != LOCAL_GOVERNMENTS]
            else:
                rules = APPLICANT_RULES
            for pattern, values in rules:
                if re.search(pattern, clause, re.IGNORECASE):
                    if FOREIGN_CLAUSE.search(clause) and set(values) <= set(LOCAL_GOVERNMENTS):
                        continue
                    types.extend(values)
            if EXCLUDING_CLAUSE.search(clause):
                excluded.update(types)
            else:
                found.extend(t for t in types if t not in found)
    return [t for t in found if t not in excluded]


def _keywords(text: str, table: dict[str, str]) -> list[str]:
    return sorted(code for code, pattern in table.items() if re.search(pattern, text, re.IGNORECASE))


def _regions(entry: dict, topic: str) -> dict:
    regions = entry.get("eligible_regions")
    if regions is None:
        if re.search(r"developing countr|development problems|\bODA\b", topic, re.IGNORECASE):
            return {"region_scope": "developing", "countries": [], "region_note": "", "unconfirmed": False}
        if re.search(r"into Japan", topic, re.IGNORECASE):
            return {"region_scope": "domestic", "countries": [], "region_note": "", "unconfirmed": False}
        return {"region_scope": "any", "countries": [], "region_note": "", "unconfirmed": True}
    note = _text(regions)
    countries: list[str] = []
    if isinstance(regions, dict) and isinstance(regions.get("countries"), list):
        for name in regions["countries"]:
            countries.extend(REGION_COUNTRIES.get(str(name), []))
        return {"region_scope": "countries", "countries": sorted(set(countries)), "region_note": note, "unconfirmed": False}
    if re.search(r"domestic", note, re.IGNORECASE):
        return {"region_scope": "domestic", "countries": [], "region_note": note, "unconfirmed": False}
    if re.search(r"developing", note, re.IGNORECASE):
        return {"region_scope": "developing", "countries": [], "region_note": note, "unconfirmed": False}
    if re.search(r"JCM partner", note):
        # The partner countries are not listed in the file: developing countries, to be confirmed.
        return {"region_scope": "developing", "countries": [], "region_note": note, "unconfirmed": True}
    if re.search(r"any country", note, re.IGNORECASE):
        return {"region_scope": "any", "countries": [], "region_note": note, "unconfirmed": False}
    return {"region_scope": "any", "countries": [], "region_note": note, "unconfirmed": True}


def _default_year(entry: dict) -> tuple[int, bool]:
    """The 年度 to record undated facts under (the latest round, or the snapshot year if later)."""
    rounds = _as_list((entry.get("application") or {}).get("recent_rounds") if isinstance(entry.get("application"), dict) else None)
    years = [year_of(r.get("for_fy") or r.get("round")) for r in rounds if isinstance(r, dict)]
    years = [y for y in years if y]
    return max([*years, SNAPSHOT_FISCAL_YEAR]), True


@dataclass
class _Terms:
    fiscal_year: int
    year_is_assumed: bool
    variants: list[tuple[str, int, str, str]] = field(default_factory=list)  # key, amount, text, basis
    written: list[str] = field(default_factory=list)  # the English original of each fact
    written_ja: list[str] = field(default_factory=list)  # each fact as a labelled Japanese line
    rate_texts: list[str] = field(default_factory=list)
    duration_texts: list[str] = field(default_factory=list)
    minimum: int | None = None
    in_kind: list[str] = field(default_factory=list)
    confidences: list[str] = field(default_factory=list)
    uncertain: bool = False
    labels: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        caps = [(k, a, t, b) for k, a, t, b in self.variants if "addition" not in k]
        cap = max(caps, key=lambda v: v[1]) if caps else None
        rate_text = " / ".join(self.rate_texts)
        duration_text = " / ".join(self.duration_texts)
        rate = None
        if self.rate_texts and not re.search(r"not found|not verified", rate_text):
            rate = _fraction_rate(rate_text)
        duration = _duration_years(duration_text) if duration_text else None
        data = {
            "fiscal_year": self.fiscal_year,
            "year_is_assumed": self.year_is_assumed,
            "rate": rate,
            "rate_text": rate_text[:200],
            "cap_jpy": cap[1] if cap else None,
            "cap_basis": cap[3] if cap else "",
            "min_jpy": self.minimum,
            "duration_years": duration,
            "duration_text": duration_text[:300],
            "in_kind": "\n".join(self.in_kind),
            "as_written": "\n".join(self.written),
            "note": "\n".join(self.written_ja),
            "confidence": _lowest_confidence(self.confidences),
            "uncertain": self.uncertain,
        }
        if len(self.variants) > 1:
            data["cap_variants"] = [{"label": t or self.labels.get(k, k), "amount_jpy": a} for k, a, t, _b in self.variants]
        return data


def _terms(entry: dict, forms: list[str], texts: JapaneseTexts) -> list[dict]:
    funding = entry.get("funding")
    menus = entry.get("menus_2025")
    default_year, assumed = _default_year(entry)
    rows: dict[int, _Terms] = {}

    def row(year: int | None) -> _Terms:
        key = year or default_year
        if key not in rows:
            rows[key] = _Terms(fiscal_year=key, year_is_assumed=year is None and assumed, labels=texts.labels)
        return rows[key]

    if isinstance(funding, list):  # several sub-programmes, each with its own year
        for item in funding:
            target = row(year_of(item.get("program")))
            target.written.append(_inline_en(item))
            target.written_ja.append(texts.fact(item))
            target.confidences += _confidences(item)
            target.uncertain |= _is_uncertain(item)
            cap = item.get("cap")
            if isinstance(cap, dict) and isinstance(cap.get("amount_jpy"), int):
                target.variants.append((str(item.get("program", "cap")), cap["amount_jpy"], str(item.get("program", "")), "per_project"))
    elif isinstance(funding, dict):
        years: set[int | None] = set()
        for value in funding.values():
            if isinstance(value, dict) and value.get("rounds"):
                years.update(year_of(r) for r in value["rounds"])
        duration = funding.get("duration")
        if isinstance(duration, dict) and "as_written" not in duration:
            years.update(year_of(k) for k in duration)
        years.discard(None)
        targets = [row(y) for y in sorted(years)] or [row(None)]
        for key, value in funding.items():
            if key == "history":
                for item in _as_list(value):
                    past = row(year_of(item.get("round")))
                    past.year_is_assumed = False
                    past.written.append(_inline_en(item))
                    past.written_ja.append(texts.fact(item))
                    if isinstance(item.get("cap_per_year"), int):
                        past.variants.append(("cap_per_year", item["cap_per_year"], "", "per_year"))
                    if item.get("duration"):
                        past.duration_texts.append(texts.phrase(item["duration"]))
                continue
            if key == "duration" and isinstance(value, dict) and "as_written" not in value:
                for label, text in value.items():
                    target = row(year_of(label))
                    target.duration_texts.append(texts.phrase(text))
                    target.written.append(f"{_label_en(key)} ({label}): {_inline_en(text)}")
                    target.written_ja.append(f"{texts.label(key)}（{label}）: {texts.fact(text)}")
                continue
            written = value.get("as_written") if isinstance(value, dict) else None
            line = f"{_label_en(key)}: {_inline_en(value)}"
            line_ja = "" if key in META_KEYS else texts.line(key, value)
            applies = targets
            mentioned = year_of(written) if written else None
            if mentioned in rows and len(targets) > 1:
                applies = [rows[mentioned]]
            for target in applies:
                target.confidences += _confidences(value) + ([str(funding["confidence"])] if "confidence" in funding else [])
                target.uncertain |= _is_uncertain(value) or funding.get("uncertain") is True
                if key in ("confidence", "uncertain"):
                    continue
                if isinstance(value, dict) and isinstance(value.get("amount_jpy"), int):
                    if key == "minimum":
                        target.minimum = value["amount_jpy"]
                    else:
                        target.variants.append((key, value["amount_jpy"], str(written or ""), _cap_basis(key, str(written or ""))))
                if key == "rate":
                    for item in _as_list(value):
                        target.rate_texts.append(texts.fact(item.get("as_written", item) if isinstance(item, dict) else item))
                elif key in ("duration", "project_period"):
                    target.duration_texts.append(texts.fact(written or value))
                elif key == "form" and set(forms) & {"in_kind", "personnel", "fiscal_measure"}:
                    target.in_kind.append(texts.phrase(value))
                    target.written.append(line)
                    continue
                target.written.append(line)
                target.written_ja.append(line_ja)
    if isinstance(menus, list):
        target = row(2025)
        target.year_is_assumed = False
        for item in menus:
            cap = item.get("cap") or {}
            target.confidences += _confidences(item)
            target.written.append(_inline_en(item))
            target.written_ja.append(texts.fact(item))
            if isinstance(cap.get("amount_jpy"), int):
                target.variants.append((str(item.get("ja")), cap["amount_jpy"], f"{item.get('ja')}: {cap.get('as_written', '')}", "per_project"))
    source = next((s.get("url") for s in _as_list(entry.get("sources")) if isinstance(s, dict) and s.get("type") == "official"), "")
    out = []
    for terms in sorted(rows.values(), key=lambda t: -t.fiscal_year):
        data = terms.as_dict()
        if source and not data.get("source_url"):
            data["source_url"] = source
        out.append(data)
    return out


def _month_points(text: str) -> list[tuple[int, int | None]]:
    points = []
    for match in MONTH_PATTERN.finditer(text):
        day = match["before"] or match["after"]
        points.append((match.start(), MONTHS[match["month"].lower()[:3]], int(day) if day else None))
    points.extend(
        (match.start(), int(match["month"]), int(match["day"]) if match["day"] else None)
        for match in JA_MONTH_PATTERN.finditer(text)
        if 1 <= int(match["month"]) <= 12
    )
    return [(month, day) for _pos, month, day in sorted(points)]


def _window_from_round(item: dict, default_year: int, uncertain: bool, texts: JapaneseTexts) -> list[dict]:
    label = str(item.get("round") or item.get("for_fy") or "")
    year = year_of(item.get("for_fy") or item.get("round"))
    extra = {k: v for k, v in item.items() if k not in ("round", "for_fy", "deadline", "deadlines", "window", "announced", "confidence", "source_confidence")}
    confidence = str(item.get("confidence") or item.get("source_confidence") or "")
    base = {
        "kind": "dated",
        "fiscal_year": year or default_year,
        "label": label[:100],
        "as_written": _inline_en(item)[:300],
        "note": texts.fact(extra),
        "confidence": confidence if confidence in CONFIDENCE_ORDER else "",
        "uncertain": uncertain or confidence == "low",
    }
    windows = []
    if item.get("window"):
        dates = ISO_DATE.findall(str(item["window"]))
        if len(dates) >= 2:
            windows.append({**base, "opens_on": dates[0], "closes_on": dates[1]})
    deadlines = _as_list(item.get("deadlines")) or _as_list(item.get("deadline"))
    for number, deadline in enumerate(deadlines, start=1):
        dates = ISO_DATE.findall(str(deadline))
        if not dates:
            continue
        window = {**base, "closes_on": dates[0]}
        if len(deadlines) > 1:
            window["label"] = f"{label} ({number}/{len(deadlines)})"[:100]
        if item.get("announced") and len(deadlines) == 1:
            window["opens_on"] = str(item["announced"])
        windows.append(window)
    return windows


def _windows(entry: dict, texts: JapaneseTexts) -> tuple[list[dict], str, bool]:
    """Windows, the application note, and whether the windows are unconfirmed."""
    application = entry.get("application")
    if not isinstance(application, dict):
        return [], "", entry.get("status", "").startswith("active")
    uncertain = application.get("uncertain") is True
    default_year, _assumed = _default_year(entry)
    windows: list[dict] = []
    rounds = [r for r in _as_list(application.get("recent_rounds")) if isinstance(r, dict)]
    for item in rounds:
        windows.extend(_window_from_round(item, default_year, uncertain, texts))

    typical = str(application.get("typical_window") or "")
    confidence = str(application.get("confidence") or "")
    common = {
        "fiscal_year": default_year,
        "as_written": typical[:300],
        "confidence": confidence if confidence in CONFIDENCE_ORDER else "",
        "uncertain": uncertain,
    }
    if re.search(r"any time|随時|rolling basis", typical, re.IGNORECASE):
        windows.append({**common, "kind": "rolling", "note": texts.line("typical_window", typical)})
    else:
        points = _month_points(typical)
        deadline_only = re.search(r"deadline|due|締切", typical, re.IGNORECASE) is not None
        lead = 1 if re.search(r"preceding fiscal year|前年度", typical) else 0
        recurring = {**common, "kind": "recurring", "lead_years": lead, "uncertain": uncertain or "around" in typical,
                     "note": texts.line("typical_window", typical)}
        if len(points) >= 2:
            (open_month, open_day), (close_month, close_day) = points[0], points[-1]
            windows.append({**recurring, "open_month": open_month, "open_day": open_day,
                            "close_month": close_month, "close_day": close_day})
        elif len(points) == 1:
            month, day = points[0]
            if re.search(r"start", typical, re.IGNORECASE):
                pass  # only the opening is known (e.g. "April start; several review deadlines")
            elif deadline_only:
                windows.append({**recurring, "close_month": month, "close_day": day})
            else:
                windows.append({**recurring, "open_month": month, "open_day": day, "close_month": month})
        if not rounds:
            windows.extend(
                {**common, "kind": "dated", "closes_on": date, "uncertain": True,
                 "fiscal_year": FiscalYear.of(datetime.date.fromisoformat(date)).year,
                 "note": texts.phrase("deadline seen in the source; the 年度 it was for is assumed")}
                for date in ISO_DATE.findall(typical)
            )
    note_parts = []
    if typical:
        note_parts.append(f"{_label_en('typical_window')}: {typical}")
    for key, value in application.items():
        if key not in ("typical_window", "recent_rounds", "uncertain", "confidence"):
            note_parts.append(f"{_label_en(key)}: {_inline_en(value)}")
    return windows, "\n".join(note_parts), uncertain


def _sources(entry: dict) -> tuple[list[dict], list[dict]]:
    sources, links = [], []
    for item in _as_list(entry.get("sources")):
        if not isinstance(item, dict) or not item.get("url"):
            continue
        source = {"url": str(item["url"])}
        if item.get("type"):
            source["type"] = str(item["type"])
        if item.get("seen"):
            source["seen"] = item["seen"]
        if item.get("note"):
            source["note"] = _inline(item["note"])[:500]
        sources.append(source)
        if item.get("type") == "official":
            host = urlsplit(source["url"]).hostname or source["url"]
            links.append({"title": source.get("note") or host, "url": source["url"]})
    return sources, links


# Keys of the reference read into a programme's own fields (everything else goes to the notes).
CONSUMED = {
    "id", "name_ja", "name_en", "provider", "funding_form", "city_role", "city_role_note", "status",
    "purpose", "eligible_applicants", "eligible_activities", "eligible_fields", "eligible_regions",
    "priority", "conditions", "constraints", "trainee_requirements_example", "legal_basis", "exclusions",
    "funding", "application", "sources", "how_a_city_takes_part", "menus_2025",
}

# Facts that are not in ``funding`` but set terms, read by hand (with the words they rest on).
EXTRA_TERMS = {
    # facts: "from S46 (1971), trainee acceptance by prefectures; 補助率3/4"
    "mofa-local-gov-subsidy-legacy": [
        {"fiscal_year": 1971, "rate": "3/4", "rate_text": "補助率3/4",
         "as_written": "from S46 (1971), trainee acceptance by prefectures; 補助率3/4",
         "uncertain": True, "note": "historical; current status not found"},
    ],
}


def _labelled_original(key: str, value: Any) -> str:
    """``Key: value`` (a list or mapping on the following lines), in the English of the reference."""
    if isinstance(value, (list, dict)):
        return f"{_label_en(key)}:\n{_original(value)}"
    return f"{_label_en(key)}: {_original(value)}"


def _english_originals(entry: dict, application_note: str) -> dict[str, str]:
    """The texts of a programme as the reference words them (English, keys as words)."""
    activities = _as_list(entry.get("eligible_activities"))
    fields_prose = entry.get("eligible_fields")
    requirements = [
        _labelled_original(key, entry[key])
        for key in ("conditions", "priority", "constraints", "trainee_requirements_example", "legal_basis")
        if entry.get(key)
    ]
    if entry.get("how_a_city_takes_part"):
        application_note = "\n".join(
            filter(None, [_labelled_original("how_a_city_takes_part", entry["how_a_city_takes_part"]), application_note])
        )
    notes = [_labelled_original(key, value) for key, value in entry.items() if key not in CONSUMED]
    if isinstance(entry.get("menus_2025"), list):
        notes.append(_labelled_original("menus_2025", entry["menus_2025"]))
    return {
        "purpose": " ".join(str(entry.get("purpose", "")).split()),
        "city_role_note": str(entry.get("city_role_note", "")),
        "applicants_note": _original(_as_list(entry.get("eligible_applicants"))),
        "activities_note": "\n".join(
            filter(None, [_original(activities), _labelled_original("eligible_fields", _inline(fields_prose)) if fields_prose else ""])
        ),
        "region_note": _original(entry.get("eligible_regions")),
        "requirements": "\n".join(requirements),
        "exclusions": _original(entry.get("exclusions")),
        "application_note": application_note,
        "notes": "\n".join(notes),
    }


def _texts_of(code: str, originals: dict[str, str], texts: JapaneseTexts) -> dict[str, str]:
    """Each text field in Japanese with its English original beside it (``ORIGINAL_TEXTS``).

    A text the Japanese file gives is shown, the reference's wording kept as its original;
    a text it does not give is the reference's own (already Japanese, or nothing to translate).
    """
    japanese = texts.programs.get(code) or {}
    unknown = set(japanese) - set(ORIGINAL_TEXTS)
    if unknown:
        raise ValueError(f"{JA_TEXTS_PATH.name}: {code}: unknown text(s) {sorted(unknown)}")
    data = {}
    for name, original_name in ORIGINAL_TEXTS.items():
        original = originals.get(name, "")
        if japanese.get(name):
            data[name] = str(japanese[name]).strip()
            data[original_name] = original
        elif name == "purpose":
            data[name], data[original_name] = "", original
        else:
            data[name], data[original_name] = original, ""
    return data


def program_from_reference(entry: dict, texts: JapaneseTexts | None = None) -> dict:
    texts = texts if texts is not None else read_japanese_texts()
    code = str(entry["id"])
    forms = [str(v) for v in _as_list(entry.get("funding_form"))]
    roles = [str(v) for v in _as_list(entry.get("city_role"))]
    applicants_prose = _as_list(entry.get("eligible_applicants"))
    activities = _as_list(entry.get("eligible_activities"))
    fields_prose = entry.get("eligible_fields")
    topic = " ".join(
        str(part)
        for part in (
            entry.get("name_ja"), entry.get("name_en"), entry.get("purpose"), _text(activities),
            _text(fields_prose), _text(entry.get("services")), _text(entry.get("how_a_city_takes_part")),
        )
        if part
    )
    regions = _regions(entry, topic)
    windows, application_note, windows_uncertain = _windows(entry, texts)
    sources, links = _sources(entry)
    exclusions = _text(entry.get("exclusions"))
    requirement_parts = [
        f"{key}:\n{_text(entry[key])}" if isinstance(entry[key], list) else f"{key}: {_text(entry[key])}"
        for key in ("conditions", "priority", "constraints", "trainee_requirements_example", "legal_basis")
        if entry.get(key)
    ]
    terms = _terms(entry, forms, texts) + [
        {**extra, "note": texts.phrase(extra["note"])} for extra in EXTRA_TERMS.get(code, [])
    ]
    applicants = _applicants(code, applicants_prose)
    status = str(entry.get("status", "active"))
    unconfirmed = []
    if status.endswith("_unverified"):
        unconfirmed.append("status")
    if not applicants:
        unconfirmed.append("eligible_applicants")
    if regions["unconfirmed"]:
        unconfirmed.append("region")
    if windows_uncertain or (not windows and status.startswith("active")):
        unconfirmed.append("windows")
    if not terms and status.startswith("active"):
        unconfirmed.append("terms")

    excluded_activities = _keywords(exclusions, EXCLUDED_ACTIVITY_KEYWORDS)
    all_text = f"{exclusions}\n" + "\n".join(requirement_parts)
    data = {
        "code": code,
        "name_ja": str(entry["name_ja"]),
        "name_en": str(entry.get("name_en", "")),
        **_provider(entry.get("provider") or {}),
        "status": status,
        "funding_forms": forms,
        "city_roles": roles,
        "eligible_applicants": applicants,
        "fields": _keywords(topic, FIELD_KEYWORDS),
        # An excluded activity type is not one the programme funds, even if its texts name it
        # ("from exchange to cooperation").
        "activity_types": sorted(set(_keywords(topic, ACTIVITY_KEYWORDS)) - set(excluded_activities)),
        "excluded_activity_types": excluded_activities,
        "region_scope": regions["region_scope"],
        "countries": regions["countries"],
        **_texts_of(code, _english_originals(entry, application_note), texts),
        "excludes_double_funding": bool(re.search(r"double funding|二重", all_text, re.IGNORECASE)),
        "new_projects_only": bool(re.search(r"must be new|principle: new projects", all_text, re.IGNORECASE)),
        "unconfirmed": unconfirmed,
        "terms": terms,
        "windows": windows,
        "links": links,
        "sources": sources,
    }
    # The reviewed fields, activity types, regions and applicants (data/coding.yaml).
    return apply_coding(data)


def read_reference(path: Path | None = None) -> dict:
    with open(path or REFERENCE_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def reference_to_catalogue(document: dict, texts: JapaneseTexts | None = None) -> list[dict]:
    texts = texts if texts is not None else read_japanese_texts()
    return [program_from_reference(entry, texts) for entry in document.get("programs", [])]


def load_programs(path: Path | None = None, *, acting_user=None, force: bool = False,
                  dry_run: bool = False) -> SeedReport:
    """Create the reference programmes that are missing and update those whose entry changed,
    keeping what coordinators edited unless ``force`` (``seed_update`` says how).

    When no entry changed since the last run, one query answers and nothing is written.
    Raises ``ImportRefused`` (nothing written) if the converted catalogue does not pass the
    importer's checks.
    """
    return update_catalogue(
        reference_to_catalogue(read_reference(path)), acting_user=acting_user, force=force, dry_run=dry_run
    )
