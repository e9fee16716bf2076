"""The catalogue interchange format: every key, its type, and how a raw value is read.

One format, two spellings (see docs/catalogue-format.md):

- YAML: a mapping ``{format, version, programs: [...]}``; each programme is a
  mapping of the keys below with its ``terms``, ``windows``, ``links`` and
  ``sources`` as nested lists.
- Excel: one sheet per kind of row (``programs``, ``terms``, ``cap_variants``,
  ``windows``, ``links``, ``sources``); the first row of each sheet holds the
  keys, rows below refer to their programme by ``code``.

The readers turn a file into ``RawProgram`` objects (values as found, each
with its location); ``clean_*`` functions turn raw values into Python values
or raise ``ValueError`` with a message for the user.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.core.fiscal import parse_fiscal_year
from tsunagu.core.i18n import ui_is_japanese
from tsunagu.partners.models import Organisation

from ..models import (
    UNCONFIRMABLE,
    ApplicantType,
    ApplicationWindow,
    CityRole,
    Confidence,
    FundingForm,
    Program,
    ProgramTerms,
)

FORMAT_NAME = "tsunagu-programs"
FORMAT_VERSION = 1

SOURCE_TYPES = ("official", "official_document_copy", "municipal", "news", "third_party", "other")

MAX_TEXT = 20_000


@dataclass(frozen=True)
class Loc:
    """Where a value was read.

    A workbook cell (sheet, row, column letter, key) or a place in a YAML file
    (the programme's code or its position, and the key path inside it).
    """

    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    key: str = ""
    code: str | None = None
    index: int | None = None

    def child(self, key: str) -> Loc:
        path = f"{self.key}.{key}" if self.key else key
        return Loc(self.sheet, self.row, self.column, path, self.code, self.index)

    def item(self, position: int) -> Loc:
        return Loc(self.sheet, self.row, self.column, f"{self.key}[{position + 1}]", self.code, self.index)

    def __str__(self) -> str:
        if self.sheet is not None:
            parts = [_("sheet “%(sheet)s”") % {"sheet": self.sheet}]
            if self.row is not None:
                parts.append(_("row %(row)s") % {"row": self.row})
            if self.column:
                parts.append(_("column %(column)s (%(key)s)") % {"column": self.column, "key": self.key})
            elif self.key:
                parts.append(self.key)
            return " ".join(parts)
        if self.code:
            where = _("programme “%(code)s”") % {"code": self.code}
        elif self.index is not None:
            where = _("programme no. %(number)s") % {"number": self.index + 1}
        else:
            where = _("the file")
        return f"{where} {self.key}".strip() if self.key else where


@dataclass
class Issue:
    loc: Loc
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.message}"


class CatalogueFileError(Exception):
    """The file cannot be read at all (not YAML, not a workbook, too large…)."""

    def __init__(self, message: str, loc: Loc | None = None) -> None:
        super().__init__(message)
        self.issues = [Issue(loc or Loc(), message)]


@dataclass
class RawRow:
    """Values of one programme, term, window, link, source or cap, as read, with their locations."""

    loc: Loc
    values: dict[str, Any] = field(default_factory=dict)
    locs: dict[str, Loc] = field(default_factory=dict)

    def loc_of(self, key: str) -> Loc:
        return self.locs.get(key) or self.loc.child(key)


@dataclass
class RawTerms(RawRow):
    cap_variants: list[RawRow] = field(default_factory=list)


@dataclass
class RawProgram(RawRow):
    terms: list[RawTerms] = field(default_factory=list)
    windows: list[RawRow] = field(default_factory=list)
    links: list[RawRow] = field(default_factory=list)
    sources: list[RawRow] = field(default_factory=list)


# -- reading single values ---------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ValueError(_("Expected text, found a yes/no value."))
    if isinstance(value, (list, dict)):
        raise ValueError(_("Expected text, found a list or a mapping."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def clean_text(value: Any, *, max_length: int = MAX_TEXT) -> str:
    text = _text(value).replace("\r\n", "\n")
    if len(text) > max_length:
        raise ValueError(
            _("Too long: %(length)s characters, at most %(max)s.") % {"length": len(text), "max": max_length}
        )
    return text


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def clean_code(value: Any) -> str:
    code = clean_text(value, max_length=80)
    if not _SLUG.fullmatch(code):
        raise ValueError(
            _("“%(value)s” is not a valid code: use lower-case letters, digits and hyphens (e.g. jica-biz).")
            % {"value": code}
        )
    return code


_TRUE = {"true", "yes", "y", "1", "はい", "○", "◯", "有", "あり", "x"}
_FALSE = {"false", "no", "n", "0", "いいえ", "×", "無", "なし", ""}


def clean_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(_("“%(value)s” is not yes/no (write true or false).") % {"value": value})


def clean_int(value: Any, *, minimum: int = 0, maximum: int | None = None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(_("Expected a whole number, found a yes/no value."))
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace("_", "")
        text = text.removeprefix("¥").removesuffix("円")
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        number = int(text)
    if number < minimum:
        raise ValueError(_("%(value)s is below the minimum %(min)s.") % {"value": number, "min": minimum})
    if maximum is not None and number > maximum:
        raise ValueError(_("%(value)s is above the maximum %(max)s.") % {"value": number, "max": maximum})
    return number


def clean_fiscal_year(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(_("Expected a fiscal year, found a yes/no value."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return parse_fiscal_year(value).year
    except ValueError as error:
        raise ValueError(str(error)) from None


RATE_PLACES = Decimal("0.0001")


def clean_rate(value: Any) -> Decimal | None:
    """A share between 0 and 1: ``0.5``, ``1/2``, ``2/3``, ``50%``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(_("Expected a rate, found a yes/no value."))
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    try:
        if match := re.fullmatch(r"(\d+)/(\d+)", text):
            numerator, denominator = int(match[1]), int(match[2])
            if denominator == 0:
                raise InvalidOperation
            rate = Decimal(numerator) / Decimal(denominator)
        elif text.endswith("%"):
            rate = Decimal(text[:-1]) / 100
        else:
            rate = Decimal(text)
    except (InvalidOperation, ValueError):
        raise ValueError(
            _("“%(value)s” is not a rate (write 0.5, 1/2 or 50%%).") % {"value": value}
        ) from None
    if not rate.is_finite() or not Decimal(0) <= rate <= Decimal(1):
        raise ValueError(_("The rate must be between 0 and 1 (0 to 100 percent)."))
    return rate.quantize(RATE_PLACES, rounding=ROUND_HALF_UP).normalize()


def clean_date(value: Any) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip().replace("/", "-")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a date (write YYYY-MM-DD).") % {"value": value}) from None


_url_validator = URLValidator(schemes=["http", "https"])


def clean_url(value: Any, *, max_length: int = 500) -> str:
    url = clean_text(value, max_length=max_length)
    if url:
        try:
            _url_validator(url)
        except ValidationError:
            raise ValueError(_("“%(value)s” is not a web address (http:// or https://).") % {"value": url}) from None
    return url


def split_list(value: Any) -> list[str]:
    """A list, or a text with items separated by commas, 、 or line breaks."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        items = []
        for item in value:
            if isinstance(item, (list, dict)):
                raise ValueError(_("Expected a list of codes, found nested lists or mappings."))
            items.append(_text(item))
        return [item for item in items if item]
    if isinstance(value, dict):
        raise ValueError(_("Expected a list of codes, found a mapping."))
    text = unicodedata.normalize("NFKC", _text(value))
    return [item.strip() for item in re.split(r"[,、;\n]+", text) if item.strip()]


def quoted(value: Any) -> str:
    """A value quoted for a message: 「…」 in Japanese, “…” in English."""
    return f"「{value}」" if ui_is_japanese() else f"“{value}”"


def clean_choice(value: Any, allowed: dict[str, Any], *, default: str = "") -> str:
    text = _text(value)
    if not text:
        return default
    if text not in allowed:
        raise ValueError(
            _("Unknown value “%(value)s”. Allowed: %(allowed)s.") % {"value": text, "allowed": ", ".join(allowed)}
        )
    return text


def clean_choices(value: Any, allowed: dict[str, Any]) -> list[str]:
    items = split_list(value)
    unknown = [item for item in items if item not in allowed]
    if unknown:
        raise ValueError(
            _("Unknown value(s) %(values)s. Allowed: %(allowed)s.")
            % {"values": "、".join(quoted(v) for v in unknown), "allowed": ", ".join(allowed)}
        )
    seen: list[str] = []
    for item in items:
        if item in seen:
            raise ValueError(_("“%(value)s” is listed twice.") % {"value": item})
        seen.append(item)
    return seen


# -- the keys ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One key of the format: its reader and, for the documentation, its meaning."""

    name: str
    kind: str  # text, code, bool, int, fiscal_year, rate, date, url, choice, choices, refs
    label: Any
    required: bool = False
    max_length: int = MAX_TEXT
    choices: Callable[[], dict[str, Any]] | None = None
    minimum: int = 0
    maximum: int | None = None
    default: Any = None

    def allowed(self) -> dict[str, Any]:
        return self.choices() if self.choices else {}

    def clean(self, value: Any, refs: dict[str, set[str]] | None = None) -> Any:
        if self.required and (value is None or (isinstance(value, str) and not value.strip()) or value == []):
            raise ValueError(_("Required: this value is missing."))
        kind = self.kind
        if kind == "text":
            return clean_text(value, max_length=self.max_length)
        if kind == "code":
            return clean_code(value)
        if kind == "bool":
            return clean_bool(value)
        if kind == "int":
            return clean_int(value, minimum=self.minimum, maximum=self.maximum)
        if kind == "fiscal_year":
            return clean_fiscal_year(value)
        if kind == "rate":
            return clean_rate(value)
        if kind == "date":
            return clean_date(value)
        if kind == "url":
            return clean_url(value, max_length=self.max_length)
        if kind == "choice":
            return clean_choice(value, self.allowed(), default=self.default or "")
        if kind == "choices":
            return clean_choices(value, self.allowed())
        if kind == "refs":
            codes = split_list(value)
            known = (refs or {}).get(self.name, set())
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise ValueError(
                    _("Unknown code(s) %(values)s (see the list of allowed codes in the format documentation).")
                    % {"values": "、".join(quoted(v) for v in unknown)}
                )
            if len(set(codes)) != len(codes):
                raise ValueError(_("A code is listed twice."))
            return sorted(codes)
        raise AssertionError(kind)


def _labels(choices) -> Callable[[], dict[str, Any]]:
    return lambda: dict(choices.choices)


def _organisation_kinds() -> dict[str, Any]:
    return dict(Organisation.Kind.choices)


def _unconfirmable() -> dict[str, Any]:
    return dict(UNCONFIRMABLE)


def _source_types() -> dict[str, Any]:
    return {value: value for value in SOURCE_TYPES}


P = Program._meta
T = ProgramTerms._meta
W = ApplicationWindow._meta

PROGRAM_KEYS: list[Key] = [
    Key("code", "code", P.get_field("code").verbose_name, required=True),
    Key("name_ja", "text", P.get_field("name_ja").verbose_name, required=True, max_length=200),
    Key("name_en", "text", P.get_field("name_en").verbose_name, max_length=250),
    Key("provider", "text", gettext_lazy("provider (Japanese name of the organisation)"), required=True, max_length=200),
    Key("provider_en", "text", gettext_lazy("provider's English name (used when it is created)"), max_length=200),
    Key("provider_abbreviation", "text", gettext_lazy("provider's abbreviation (used when it is created)"), max_length=30),
    Key("provider_kind", "choice", gettext_lazy("provider's kind (used when it is created)"), choices=_organisation_kinds, default="agency"),
    Key("provider_note", "text", P.get_field("provider_note").verbose_name, max_length=200),
    Key("status", "choice", P.get_field("status").verbose_name, choices=_labels(Program.Status), default="active"),
    Key("funding_forms", "choices", P.get_field("funding_forms").verbose_name, choices=_labels(FundingForm)),
    Key("city_roles", "choices", P.get_field("city_roles").verbose_name, choices=_labels(CityRole)),
    Key("city_role_note", "text", P.get_field("city_role_note").verbose_name),
    Key("city_role_note_en", "text", P.get_field("city_role_note_en").verbose_name),
    Key("eligible_applicants", "choices", P.get_field("eligible_applicants").verbose_name, choices=_labels(ApplicantType)),
    Key("applicants_note", "text", P.get_field("applicants_note").verbose_name),
    Key("applicants_note_en", "text", P.get_field("applicants_note_en").verbose_name),
    Key("activities_note", "text", P.get_field("activities_note").verbose_name),
    Key("activities_note_en", "text", P.get_field("activities_note_en").verbose_name),
    Key("fields", "refs", P.get_field("fields").verbose_name),
    Key("activity_types", "refs", P.get_field("activity_types").verbose_name),
    Key("excluded_activity_types", "refs", P.get_field("excluded_activity_types").verbose_name),
    Key("region_scope", "choice", P.get_field("region_scope").verbose_name, choices=_labels(Program.RegionScope), default="any"),
    Key("countries", "refs", P.get_field("countries").verbose_name),
    Key("region_note", "text", P.get_field("region_note").verbose_name),
    Key("region_note_en", "text", P.get_field("region_note_en").verbose_name),
    Key("purpose", "text", P.get_field("purpose").verbose_name),
    Key("purpose_en", "text", P.get_field("purpose_en").verbose_name),
    Key("requirements", "text", P.get_field("requirements").verbose_name),
    Key("requirements_en", "text", P.get_field("requirements_en").verbose_name),
    Key("exclusions", "text", P.get_field("exclusions").verbose_name),
    Key("exclusions_en", "text", P.get_field("exclusions_en").verbose_name),
    Key("excludes_double_funding", "bool", P.get_field("excludes_double_funding").verbose_name),
    Key("new_projects_only", "bool", P.get_field("new_projects_only").verbose_name),
    Key("application_note", "text", P.get_field("application_note").verbose_name),
    Key("application_note_en", "text", P.get_field("application_note_en").verbose_name),
    Key("contact", "text", P.get_field("contact").verbose_name),
    Key("unconfirmed", "choices", P.get_field("unconfirmed").verbose_name, choices=_unconfirmable),
    Key("notes", "text", P.get_field("notes").verbose_name),
    Key("notes_en", "text", P.get_field("notes_en").verbose_name),
    Key("is_sample", "bool", P.get_field("is_sample").verbose_name),
]

TERMS_KEYS: list[Key] = [
    Key("fiscal_year", "fiscal_year", T.get_field("fiscal_year").verbose_name, required=True),
    Key("year_is_assumed", "bool", T.get_field("year_is_assumed").verbose_name),
    Key("rate", "rate", T.get_field("rate").verbose_name),
    Key("rate_text", "text", T.get_field("rate_text").verbose_name, max_length=200),
    Key("cap_jpy", "int", T.get_field("cap_jpy").verbose_name),
    Key("cap_basis", "choice", T.get_field("cap_basis").verbose_name, choices=_labels(ProgramTerms.CapBasis)),
    Key("min_jpy", "int", T.get_field("min_jpy").verbose_name),
    Key("duration_years", "int", T.get_field("duration_years").verbose_name, maximum=20),
    Key("duration_text", "text", T.get_field("duration_text").verbose_name, max_length=300),
    Key("in_kind", "text", T.get_field("in_kind").verbose_name),
    Key("as_written", "text", T.get_field("as_written").verbose_name),
    Key("confidence", "choice", T.get_field("confidence").verbose_name, choices=_labels(Confidence)),
    Key("uncertain", "bool", T.get_field("uncertain").verbose_name),
    Key("source_url", "url", T.get_field("source_url").verbose_name),
    Key("note", "text", T.get_field("note").verbose_name),
]

CAP_VARIANT_KEYS: list[Key] = [
    Key("label", "text", gettext_lazy("what the cap applies to"), required=True, max_length=300),
    Key("amount_jpy", "int", gettext_lazy("amount (yen)"), required=True),
]

WINDOW_KEYS: list[Key] = [
    Key("kind", "choice", W.get_field("kind").verbose_name, required=True, choices=_labels(ApplicationWindow.Kind)),
    Key("fiscal_year", "fiscal_year", W.get_field("fiscal_year").verbose_name, required=True),
    Key("label", "text", W.get_field("label").verbose_name, max_length=100),
    Key("opens_on", "date", W.get_field("opens_on").verbose_name),
    Key("closes_on", "date", W.get_field("closes_on").verbose_name),
    Key("open_month", "int", W.get_field("open_month").verbose_name, minimum=1, maximum=12),
    Key("open_day", "int", W.get_field("open_day").verbose_name, minimum=1, maximum=31),
    Key("close_month", "int", W.get_field("close_month").verbose_name, minimum=1, maximum=12),
    Key("close_day", "int", W.get_field("close_day").verbose_name, minimum=1, maximum=31),
    Key("lead_years", "int", W.get_field("lead_years").verbose_name, maximum=3),
    Key("as_written", "text", W.get_field("as_written").verbose_name, max_length=300),
    Key("note", "text", W.get_field("note").verbose_name),
    Key("confidence", "choice", W.get_field("confidence").verbose_name, choices=_labels(Confidence)),
    Key("uncertain", "bool", W.get_field("uncertain").verbose_name),
    Key("source_url", "url", W.get_field("source_url").verbose_name),
]

LINK_KEYS: list[Key] = [
    Key("title", "text", gettext_lazy("title"), max_length=200),
    Key("url", "url", gettext_lazy("web address"), required=True),
]

SOURCE_KEYS: list[Key] = [
    Key("url", "url", gettext_lazy("web address"), required=True, max_length=1000),
    Key("type", "choice", gettext_lazy("kind of source"), choices=_source_types),
    Key("seen", "date", gettext_lazy("date shown on the page"), default=None),
    Key("note", "text", gettext_lazy("note"), max_length=500),
]

# Excel sheets: name → (keys of its rows, the keys that tie a row to its parent).
SHEETS: dict[str, tuple[list[Key], list[str]]] = {
    "programs": (PROGRAM_KEYS, []),
    "terms": (TERMS_KEYS, ["code"]),
    "cap_variants": (CAP_VARIANT_KEYS, ["code", "fiscal_year"]),
    "windows": (WINDOW_KEYS, ["code"]),
    "links": (LINK_KEYS, ["code"]),
    "sources": (SOURCE_KEYS, ["code"]),
}

# Defaults of a missing key, by kind.
EMPTY = {"text": "", "url": "", "bool": False, "choices": [], "refs": []}


def default_of(key: Key) -> Any:
    if key.kind == "choice":
        return key.default or ""
    return EMPTY.get(key.kind)
