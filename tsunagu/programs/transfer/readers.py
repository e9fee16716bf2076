"""Read a catalogue file (YAML or Excel) into raw programmes, noting where every value was.

Readers check the shape (a mapping here, a list there, known keys and
sheets, rows tied to a programme) and report problems as ``Issue`` objects;
the values themselves are checked by the importer. A file that cannot be
read at all (wrong encoding, not a workbook, too large) raises
``CatalogueFileError``.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import yaml
from django.utils.translation import gettext as _

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
    CatalogueFileError,
    Issue,
    Loc,
    RawProgram,
    RawRow,
    RawTerms,
    clean_fiscal_year,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_PROGRAMS = 10_000
MAX_ROWS = 100_000

NESTED = {
    "terms": TERMS_KEYS,
    "windows": WINDOW_KEYS,
    "links": LINK_KEYS,
    "sources": SOURCE_KEYS,
}


def check_size(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise CatalogueFileError(
            _("The file is too large: %(size)s MB, at most %(max)s MB.")
            % {"size": f"{len(data) / 1024 / 1024:.1f}", "max": MAX_FILE_BYTES // 1024 // 1024}
        )
    if not data.strip():
        raise CatalogueFileError(_("The file is empty."))


def sniff_format(data: bytes, filename: str = "") -> str:
    """``excel`` or ``yaml``: by the file's content first, its name second."""
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "excel"
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        return "excel"
    return "yaml"


def read_file(data: bytes, filename: str = "") -> tuple[list[RawProgram], list[Issue]]:
    check_size(data)
    if sniff_format(data, filename) == "excel":
        return read_excel(data)
    return read_yaml(data)


# -- YAML -----------------------------------------------------------------------------------


class _NoAliasLoader(yaml.SafeLoader):
    """The safe loader without anchors and aliases (which can blow a small file up in memory)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, _("anchors and aliases (*name) are not allowed"), event.start_mark
            )
        return super().compose_node(parent, index)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogueFileError(
            _(
                "The file is not UTF-8 text (unreadable byte at line %(line)s). It may have been saved "
                "as Shift_JIS: save it again as UTF-8 and upload it once more."
            )
            % {"line": line}
        ) from None


def _mapping_row(value: Any, loc: Loc, keys, issues: list[Issue], row_class=RawRow) -> RawRow | None:
    if not isinstance(value, dict):
        issues.append(Issue(loc, _("Expected a mapping of keys and values.")))
        return None
    known = {key.name for key in keys}
    row = row_class(loc=loc)
    for key, item in value.items():
        key = str(key)
        if key not in known:
            issues.append(Issue(loc.child(key), _("Unknown key “%(key)s”.") % {"key": key}))
            continue
        row.values[key] = item
        row.locs[key] = loc.child(key)
    return row


def raw_program_from_mapping(value: Any, index: int, issues: list[Issue]) -> RawProgram | None:
    """One programme of a YAML document (or of the reference file once converted)."""
    code = value.get("code") if isinstance(value, dict) else None
    loc = Loc(code=code if isinstance(code, str) and code else None, index=index)
    if not isinstance(value, dict):
        issues.append(Issue(loc, _("Expected a mapping of keys and values.")))
        return None
    top = {k: v for k, v in value.items() if str(k) not in NESTED}
    program = _mapping_row(top, loc, PROGRAM_KEYS, issues, RawProgram)
    for name, keys in NESTED.items():
        items = value.get(name)
        if items is None:
            continue
        list_loc = loc.child(name)
        if not isinstance(items, list):
            issues.append(Issue(list_loc, _("Expected a list.")))
            continue
        for position, item in enumerate(items):
            item_loc = list_loc.item(position)
            if name == "terms":
                variants = item.get("cap_variants") if isinstance(item, dict) else None
                plain = {k: v for k, v in item.items() if k != "cap_variants"} if isinstance(item, dict) else item
                row = _mapping_row(plain, item_loc, keys, issues, RawTerms)
                if row is None:
                    continue
                if variants is not None:
                    variants_loc = item_loc.child("cap_variants")
                    if not isinstance(variants, list):
                        issues.append(Issue(variants_loc, _("Expected a list.")))
                    else:
                        for number, variant in enumerate(variants):
                            cap = _mapping_row(variant, variants_loc.item(number), CAP_VARIANT_KEYS, issues)
                            if cap is not None:
                                row.cap_variants.append(cap)
            else:
                row = _mapping_row(item, item_loc, keys, issues)
                if row is None:
                    continue
            getattr(program, name).append(row)
    return program


def read_yaml(data: bytes) -> tuple[list[RawProgram], list[Issue]]:
    text = _decode(data)
    try:
        document = yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _(" at line %(line)s, column %(column)s") % {"line": mark.line + 1, "column": mark.column + 1} if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise CatalogueFileError(
            _("The file is not valid YAML%(where)s: %(problem)s.") % {"where": where, "problem": problem}
        ) from None
    if not isinstance(document, dict):
        raise CatalogueFileError(_("The file must be a mapping with the key “programs” (see the format documentation)."))
    issues: list[Issue] = []
    if "schema_version" in document and "format" not in document:
        raise CatalogueFileError(
            _(
                "This looks like the research reference file (schema_version), not a catalogue export. "
                "Load it with “python manage.py load_programs”."
            )
        )
    declared = document.get("format")
    if declared is not None and declared != FORMAT_NAME:
        raise CatalogueFileError(
            _("Unknown format “%(format)s”: expected “%(expected)s”.") % {"format": declared, "expected": FORMAT_NAME}
        )
    version = document.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise CatalogueFileError(
            _("Unsupported format version %(version)s: this tsunagu reads version %(expected)s.")
            % {"version": version, "expected": FORMAT_VERSION}
        )
    issues.extend(
        Issue(Loc(key=str(key)), _("Unknown key “%(key)s”.") % {"key": key})
        for key in document
        if key not in ("format", "version", "exported_at", "programs")
    )
    programs = document.get("programs")
    if not isinstance(programs, list):
        raise CatalogueFileError(_("The key “programs” must hold the list of programmes."))
    if len(programs) > MAX_PROGRAMS:
        raise CatalogueFileError(
            _("Too many programmes: %(count)s, at most %(max)s.") % {"count": len(programs), "max": MAX_PROGRAMS}
        )
    raw = []
    for index, value in enumerate(programs):
        program = raw_program_from_mapping(value, index, issues)
        if program is not None:
            raw.append(program)
    return raw, issues


# -- Excel ----------------------------------------------------------------------------------


def _open_workbook(data: bytes):
    from openpyxl import load_workbook

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise CatalogueFileError(
            _("This is an old-style Excel file (.xls). Save it as an Excel workbook (.xlsx) and upload it again.")
        )
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise CatalogueFileError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(buffer) as archive:
            uncompressed = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise CatalogueFileError(_("The file is not an Excel workbook (.xlsx).")) from None
    if uncompressed > MAX_UNCOMPRESSED_BYTES:
        raise CatalogueFileError(
            _("The workbook is too large once unpacked (%(size)s MB, at most %(max)s MB).")
            % {"size": uncompressed // 1024 // 1024, "max": MAX_UNCOMPRESSED_BYTES // 1024 // 1024}
        )
    buffer.seek(0)
    try:
        return load_workbook(buffer, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged or foreign file
        raise CatalogueFileError(_("The file is not an Excel workbook (.xlsx) or it is damaged.")) from None


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def read_excel(data: bytes) -> tuple[list[RawProgram], list[Issue]]:
    from openpyxl.utils import get_column_letter

    workbook = _open_workbook(data)
    issues: list[Issue] = []
    try:
        names = workbook.sheetnames
        if "programs" not in names:
            raise CatalogueFileError(
                _("The workbook has no sheet “programs” (sheets found: %(sheets)s).") % {"sheets": ", ".join(names)}
            )
        issues.extend(
            Issue(Loc(sheet=name), _("Unknown sheet (expected: %(sheets)s).") % {"sheets": ", ".join(SHEETS)})
            for name in names
            if name not in SHEETS and name != "about" and not name.startswith("_")
        )
        sheets: dict[str, list[RawRow]] = {}
        total_rows = 0
        for name, (keys, parents) in SHEETS.items():
            if name not in names:
                sheets[name] = []
                continue
            allowed = parents + [key.name for key in keys]
            rows = workbook[name].iter_rows(values_only=True)
            header = next(rows, None)
            columns: dict[int, tuple[str, str]] = {}
            seen: set[str] = set()
            for index, title in enumerate(header or ()):
                title = _cell(title)
                if title is None:
                    continue
                letter = get_column_letter(index + 1)
                title = str(title)
                if title not in allowed:
                    issues.append(Issue(Loc(sheet=name, row=1, column=letter, key=title), _("Unknown column “%(key)s”.") % {"key": title}))
                    continue
                if title in seen:
                    issues.append(Issue(Loc(sheet=name, row=1, column=letter, key=title), _("This column appears twice.")))
                    continue
                seen.add(title)
                columns[index] = (title, letter)
            issues.extend(
                Issue(Loc(sheet=name, row=1), _("The column “%(key)s” is missing.") % {"key": parent})
                for parent in parents + (["code"] if name == "programs" else [])
                if parent not in seen
            )
            parsed: list[RawRow] = []
            row_class = RawProgram if name == "programs" else RawTerms if name == "terms" else RawRow
            for number, values in enumerate(rows, start=2):
                cells = {columns[i]: _cell(v) for i, v in enumerate(values) if i in columns}
                if all(v is None for v in cells.values()):
                    continue
                total_rows += 1
                if total_rows > MAX_ROWS:
                    raise CatalogueFileError(
                        _("Too many rows: more than %(max)s in the workbook.") % {"max": MAX_ROWS}
                    )
                row = row_class(loc=Loc(sheet=name, row=number))
                for (key, letter), value in cells.items():
                    row.locs[key] = Loc(sheet=name, row=number, column=letter, key=key)
                    if value is not None:
                        row.values[key] = value
                parsed.append(row)
            sheets[name] = parsed
    finally:
        workbook.close()

    if len(sheets["programs"]) > MAX_PROGRAMS:
        raise CatalogueFileError(
            _("Too many programmes: %(count)s, at most %(max)s.") % {"count": len(sheets["programs"]), "max": MAX_PROGRAMS}
        )
    by_code: dict[str, RawProgram] = {}
    for program in sheets["programs"]:
        code = program.values.get("code")
        if isinstance(code, str) and code not in by_code:
            by_code[code] = program

    def parent_of(row: RawRow) -> RawProgram | None:
        code = row.values.pop("code", None)
        if code is None:
            issues.append(Issue(row.loc_of("code"), _("Required: this value is missing.")))
            return None
        program = by_code.get(str(code))
        if program is None:
            issues.append(
                Issue(row.loc_of("code"), _("No programme with the code “%(code)s” in the sheet “programs”.") % {"code": code})
            )
        return program

    terms_by_key: dict[tuple[str, int], RawTerms] = {}
    for row in sheets["terms"]:
        program = parent_of(row)
        if program is None:
            continue
        program.terms.append(row)
        try:
            year = clean_fiscal_year(row.values.get("fiscal_year"))
        except ValueError:
            year = None
        if year is not None:
            terms_by_key.setdefault((program.values["code"], year), row)
    for row in sheets["cap_variants"]:
        program = parent_of(row)
        raw_year = row.values.pop("fiscal_year", None)
        if program is None:
            continue
        try:
            year = clean_fiscal_year(raw_year)
        except ValueError as error:
            issues.append(Issue(row.loc_of("fiscal_year"), str(error)))
            continue
        if year is None:
            issues.append(Issue(row.loc_of("fiscal_year"), _("Required: this value is missing.")))
            continue
        terms = terms_by_key.get((program.values["code"], year))
        if terms is None:
            issues.append(
                Issue(
                    row.loc_of("fiscal_year"),
                    _("No terms for this programme and fiscal year in the sheet “terms”."),
                )
            )
            continue
        terms.cap_variants.append(row)
    for name in ("windows", "links", "sources"):
        for row in sheets[name]:
            program = parent_of(row)
            if program is not None:
                getattr(program, name).append(row)
    return sheets["programs"], issues
