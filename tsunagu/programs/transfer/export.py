"""The catalogue as canonical dictionaries, and written out as YAML or as an Excel workbook.

``program_to_dict`` gives the same shape as the importer's cleaned
programmes, so "changed or not" is a plain comparison of two dictionaries.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import yaml
from django.db.models import QuerySet
from django.utils import timezone

from ..models import ApplicationWindow, Program, ProgramTerms
from .schema import (
    CAP_VARIANT_KEYS,
    FORMAT_NAME,
    FORMAT_VERSION,
    LINK_KEYS,
    PROGRAM_KEYS,
    SHEETS,
    SOURCE_KEYS,
    TERMS_KEYS,
    WINDOW_KEYS,
    default_of,
)

# Keys that describe the provider organisation, not the programme: written
# out so that an import into an empty database can create the organisation,
# but not compared (an import never renames an existing organisation).
PROVIDER_DETAIL_KEYS = ("provider_en", "provider_abbreviation", "provider_kind")


def export_queryset() -> QuerySet[Program]:
    """Every live programme with what the export needs, in a fixed number of queries (6)."""
    return (
        Program.objects.select_related("provider")
        .prefetch_related("fields", "activity_types", "excluded_activity_types", "countries", "terms", "windows")
        .order_by("code")
    )


def _seen(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if value:
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            return None
    return None


def canonical_source(source: dict) -> dict:
    return {
        "url": source.get("url", ""),
        "type": source.get("type", "") or "",
        "seen": _seen(source.get("seen")),
        "note": source.get("note", "") or "",
    }


def canonical_link(link: dict) -> dict:
    return {"title": link.get("title", "") or "", "url": link.get("url", "")}


def source_for_storage(source: dict) -> dict:
    """A source as kept in the JSON field (the date as ISO text, empty keys left out)."""
    stored = {"url": source["url"]}
    for key in ("type", "note"):
        if source.get(key):
            stored[key] = source[key]
    if source.get("seen"):
        stored["seen"] = source["seen"].isoformat()
    return stored


def link_for_storage(link: dict) -> dict:
    return {"title": link.get("title", ""), "url": link["url"]}


def terms_to_dict(terms: ProgramTerms) -> dict:
    return {
        "fiscal_year": terms.fiscal_year,
        "year_is_assumed": terms.year_is_assumed,
        "rate": terms.rate.normalize() if terms.rate is not None else None,
        "rate_text": terms.rate_text,
        "cap_jpy": terms.cap_jpy,
        "cap_basis": terms.cap_basis,
        "cap_variants": [{"label": v["label"], "amount_jpy": v["amount_jpy"]} for v in terms.cap_variants or []],
        "min_jpy": terms.min_jpy,
        "duration_years": terms.duration_years,
        "duration_text": terms.duration_text,
        "in_kind": terms.in_kind,
        "as_written": terms.as_written,
        "confidence": terms.confidence,
        "uncertain": terms.uncertain,
        "source_url": terms.source_url,
        "note": terms.note,
    }


def window_to_dict(window: ApplicationWindow) -> dict:
    return {key.name: getattr(window, key.name) for key in WINDOW_KEYS}


def window_sort_key(window: dict) -> tuple:
    """Newest 年度 first, then by kind and dates: the order of the export and of comparisons."""

    def day(value):
        return value or datetime.date.min

    return (
        -window["fiscal_year"],
        window["kind"],
        day(window.get("opens_on")),
        day(window.get("closes_on")),
        window.get("open_month") or 0,
        window.get("open_day") or 0,
        window.get("close_month") or 0,
        window.get("close_day") or 0,
        window.get("label") or "",
        window.get("as_written") or "",
        window.get("note") or "",
    )


def program_to_dict(program: Program) -> dict:
    """The programme in the interchange shape (uses prefetched relations when present)."""
    data: dict[str, Any] = {}
    for key in PROGRAM_KEYS:
        name = key.name
        if name == "provider":
            data[name] = program.provider.name_ja
        elif name == "provider_en":
            data[name] = program.provider.name_en
        elif name == "provider_abbreviation":
            data[name] = program.provider.abbreviation
        elif name == "provider_kind":
            data[name] = program.provider.kind
        elif name in ("fields", "activity_types", "excluded_activity_types"):
            data[name] = sorted(item.code for item in getattr(program, name).all())
        elif name == "countries":
            data[name] = sorted(country.code for country in program.countries.all())
        else:
            data[name] = getattr(program, name)
    data["terms"] = sorted((terms_to_dict(t) for t in program.terms.all()), key=lambda t: -t["fiscal_year"])
    data["windows"] = sorted((window_to_dict(w) for w in program.windows.all()), key=window_sort_key)
    data["links"] = [canonical_link(link) for link in program.links or []]
    data["sources"] = [canonical_source(source) for source in program.sources or []]
    return data


def comparable(data: dict) -> dict:
    """What decides whether a programme changed (the provider's own details left out)."""
    return {key: value for key, value in data.items() if key not in PROVIDER_DETAIL_KEYS}


def catalogue_dicts(queryset: QuerySet[Program] | None = None) -> list[dict]:
    return [program_to_dict(program) for program in (queryset if queryset is not None else export_queryset())]


# -- YAML ---------------------------------------------------------------------------------


def _is_empty(key_default: Any, value: Any) -> bool:
    return value in (None, "", [], False) or value == key_default


def _compact(keys, data: dict) -> dict:
    """The keys worth writing: empty values and defaults are left out (the reader fills them in)."""
    out = {}
    for key in keys:
        value = data.get(key.name)
        if key.name == "code" or key.required or not _is_empty(default_of(key), value):
            out[key.name] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item not in (None, "")}
    return value


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def to_yaml_document(programs: list[dict]) -> dict:
    items = []
    for data in programs:
        item = _compact(PROGRAM_KEYS, data)
        terms = []
        for row in data["terms"]:
            compact = _compact(TERMS_KEYS, row)
            if row["cap_variants"]:
                compact["cap_variants"] = [_compact(CAP_VARIANT_KEYS, v) for v in row["cap_variants"]]
            terms.append(compact)
        for name, keys, rows in (
            ("terms", None, terms),
            ("windows", WINDOW_KEYS, data["windows"]),
            ("links", LINK_KEYS, data["links"]),
            ("sources", SOURCE_KEYS, data["sources"]),
        ):
            if rows:
                item[name] = rows if keys is None else [_compact(keys, row) for row in rows]
        items.append(item)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": timezone.localtime().replace(microsecond=0).isoformat(),
        "programs": items,
    }


def export_yaml(queryset: QuerySet[Program] | None = None) -> bytes:
    document = to_yaml_document(catalogue_dicts(queryset))
    header = (
        "# tsunagu support-programme catalogue (支援メニュー).\n"
        "# Format: docs/catalogue-format.md. Import with the catalogue import page or\n"
        "# `python manage.py import_programs <file>`: every row is checked, nothing is written on any error.\n"
    )
    body = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return (header + body).encode("utf-8")


# -- Excel --------------------------------------------------------------------------------


def _cell_value(key, value: Any) -> Any:
    if value is None:
        return None
    if key.kind in ("choices", "refs"):
        return ", ".join(value)
    if isinstance(value, Decimal):
        return float(value)
    if key.kind == "text" and value == "":
        return None
    return value


def export_excel(queryset: QuerySet[Program] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    programs = catalogue_dicts(queryset)
    workbook = Workbook()
    about = workbook.active
    about.title = "about"
    for row in (
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("exported_at", timezone.localtime().replace(microsecond=0).isoformat()),
        ("documentation", "docs/catalogue-format.md"),
        ("note", "One sheet per kind of row; the first row holds the keys. Rows refer to their programme by code."),
    ):
        about.append(row)

    rows: dict[str, list[list]] = {name: [] for name in SHEETS}
    for data in programs:
        code = data["code"]
        rows["programs"].append([_cell_value(key, data.get(key.name)) for key in PROGRAM_KEYS])
        for terms in data["terms"]:
            rows["terms"].append([code] + [_cell_value(key, terms.get(key.name)) for key in TERMS_KEYS])
            for variant in terms["cap_variants"]:
                rows["cap_variants"].append(
                    [code, terms["fiscal_year"]] + [_cell_value(k, variant.get(k.name)) for k in CAP_VARIANT_KEYS]
                )
        for window in data["windows"]:
            rows["windows"].append([code] + [_cell_value(key, window.get(key.name)) for key in WINDOW_KEYS])
        for link in data["links"]:
            rows["links"].append([code] + [_cell_value(key, link.get(key.name)) for key in LINK_KEYS])
        for source in data["sources"]:
            rows["sources"].append([code] + [_cell_value(key, source.get(key.name)) for key in SOURCE_KEYS])

    bold = Font(bold=True)
    for name, (keys, parents) in SHEETS.items():
        sheet = workbook.create_sheet(name)
        header = parents + [key.name for key in keys]
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        for values in rows[name]:
            sheet.append(values)
        # A text starting with "=" is data, never a formula (no formula injection).
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
                elif isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "B2" if name == "programs" else "A2"
        for index, key in enumerate(header, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, len(key) + 4))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
