"""The Excel form of an inquiry, the answer read back from it, and the merged table (openpyxl).

The form has one sheet 回答 / Answer: row 1 holds the column labels, answers start in row 2.
A hidden sheet ``tsunagu`` says which inquiry and which columns the file was made for, so a
file of another inquiry (or an old one whose columns changed) is refused. Reading checks every
cell and returns every error with its row and column; the caller writes nothing if there is one.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tsunagu.org.models import Department
from tsunagu.portfolio.models import Field

from .models import Circular, InquiryColumn, from_json

META_SHEET = "tsunagu"
MAX_ROWS = 2000
YES_WORDS = {"はい", "yes", "y", "true", "○", "〇", "1", "有", "あり"}
NO_WORDS = {"いいえ", "no", "n", "false", "×", "0", "無", "なし"}


def _answer_sheet_title() -> str:
    return _("Answer")


def build_answer_workbook(circular: Circular, columns: list[InquiryColumn], rows=()) -> bytes:
    """The Excel form of ``circular`` for one department, holding ``rows`` (its answer so far)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _answer_sheet_title()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    names = {
        "department": dict(Department.objects.values_list("pk", "name_ja")),
        "field": dict(Field.objects.values_list("pk", "name_ja")),
    }
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta["A1"], meta["B1"] = "inquiry", circular.pk
    meta["A2"] = "columns"
    for index, column in enumerate(columns, start=2):
        meta.cell(row=2, column=index, value=column.pk)
    lists = {kind: list(by_pk.values()) for kind, by_pk in names.items()}
    for offset, (name, values) in enumerate(lists.items(), start=3):
        meta.cell(row=offset, column=1, value=name)
        for index, value in enumerate(values, start=2):
            meta.cell(row=offset, column=index, value=value)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.label + ("*" if column.required else ""))
        cell.font, cell.fill = bold, fill
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(column.label) * 2 + 4))
        letter = get_column_letter(index)
        target = f"{letter}2:{letter}{MAX_ROWS + 1}"
        validation = None
        if column.type == InquiryColumn.Type.CHOICE and column.choice_list():
            validation = DataValidation(type="list", formula1='"' + ",".join(column.choice_list()) + '"')
        elif column.type == InquiryColumn.Type.YESNO:
            validation = DataValidation(type="list", formula1='"はい,いいえ"')
        elif column.type in lists and lists[column.type]:
            row_number = 3 if column.type == "department" else 4
            last = get_column_letter(len(lists[column.type]) + 1)
            validation = DataValidation(type="list", formula1=f"{META_SHEET}!$B${row_number}:${last}${row_number}")
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(target)
        if column.type == InquiryColumn.Type.DATE:
            for r in range(2, 2 + max(len(rows), 20)):
                sheet.cell(row=r, column=index).number_format = "yyyy-mm-dd"
    for r, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            sheet.cell(row=r, column=index, value=cell_value(column, row.values.get(column.key), names))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell_value(column: InquiryColumn, stored, names: dict):
    """A stored value as an Excel cell shows it."""
    if stored is None:
        return None
    if column.type == InquiryColumn.Type.YESNO:
        return "はい" if stored else "いいえ"
    if column.type in names:
        return names[column.type].get(stored, "")
    value = from_json(column, stored)
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value


class AnswerFileError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _cell_error(row: int, column_index: int, label: str, message: str) -> str:
    return _("Row %(row)d, column %(column)s (%(label)s): %(message)s") % {
        "row": row, "column": get_column_letter(column_index), "label": label, "message": message,
    }


def read_answer_workbook(circular: Circular, columns: list[InquiryColumn], data: bytes) -> list[dict]:
    """The rows of an uploaded answer file as ``{column pk: value}``; raises ``AnswerFileError`` listing every error."""
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds for a file that is not xlsx)
        raise AnswerFileError([_("The file is not an Excel workbook (.xlsx).")]) from None
    if META_SHEET not in workbook.sheetnames:
        raise AnswerFileError([_("This is not the Excel form of this inquiry: download the form from its page.")])
    meta = workbook[META_SHEET]
    if meta["B1"].value != circular.pk:
        raise AnswerFileError([_("This Excel form belongs to another inquiry: download the form of this one.")])
    column_ids = [meta.cell(row=2, column=i).value for i in range(2, 2 + len(columns))]
    if column_ids != [c.pk for c in columns] or meta.cell(row=2, column=2 + len(columns)).value is not None:
        raise AnswerFileError([_("The questions of this inquiry have changed since the form was made: download it again.")])
    sheet = workbook[workbook.sheetnames[0]]
    errors: list[str] = []
    for index, column in enumerate(columns, start=1):
        header = str(sheet.cell(row=1, column=index).value or "").rstrip("*")
        if header != column.label:
            errors.append(_cell_error(1, index, column.label, _("the heading must stay “%(label)s”.") % {"label": column.label}))
    if errors:
        raise AnswerFileError(errors)
    departments = _names_to_pk(Department.objects.values_list("pk", "name_ja", "name_en"))
    fields = _names_to_pk(Field.objects.values_list("pk", "name_ja", "name_en"))
    rows = []
    for r, cells in enumerate(sheet.iter_rows(min_row=2, max_col=len(columns), values_only=True), start=2):
        if all(_blank(v) for v in cells):
            continue
        if r > MAX_ROWS + 1:
            errors.append(_("Too many rows: at most %(count)d.") % {"count": MAX_ROWS})
            break
        row = {}
        for index, (column, raw) in enumerate(zip(columns, cells, strict=False), start=1):
            try:
                row[column.pk] = _convert(column, raw, departments, fields)
            except ValueError as error:
                errors.append(_cell_error(r, index, column.label, str(error)))
        rows.append(row)
    if errors:
        raise AnswerFileError(errors)
    return rows


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _names_to_pk(rows) -> dict[str, int]:
    out = {}
    for pk, *names in rows:
        for name in names:
            if name:
                out[name.strip().casefold()] = pk
    return out


def _convert(column: InquiryColumn, raw, departments, fields):
    kind = InquiryColumn.Type
    if _blank(raw):
        if column.required:
            raise ValueError(_("an answer is required."))
        return None
    if column.type == kind.TEXT:
        return str(raw).strip()
    if column.type in (kind.NUMBER, kind.MONEY):
        if isinstance(raw, bool):
            raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
        text = str(raw).strip().replace(",", "").replace("，", "").replace("円", "").replace("¥", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": raw}) from None
        if column.type == kind.MONEY:
            if number != number.to_integral_value() or number < 0:
                raise ValueError(_("“%(value)s” is not an amount in whole yen.") % {"value": raw})
            return int(number)
        return number
    if column.type == kind.DATE:
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = str(raw).strip().replace("/", "-").replace(".", "-")
        try:
            return datetime.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
        except ValueError:
            raise ValueError(_("“%(value)s” is not a date (write it as 2027-04-01).") % {"value": raw}) from None
    if column.type == kind.CHOICE:
        text = str(raw).strip()
        if text not in column.choice_list():
            raise ValueError(_("“%(value)s” is not one of the choices (%(choices)s).") % {
                "value": raw, "choices": "、".join(column.choice_list())})
        return text
    if column.type == kind.YESNO:
        text = str(raw).strip().casefold()
        if raw is True or text in YES_WORDS:
            return True
        if raw is False or text in NO_WORDS:
            return False
        raise ValueError(_("“%(value)s” is neither はい nor いいえ.") % {"value": raw})
    lookup = departments if column.type == kind.DEPARTMENT else fields
    pk = lookup.get(str(raw).strip().casefold())
    if pk is None:
        if column.type == kind.DEPARTMENT:
            raise ValueError(_("“%(value)s” is not a department of the city.") % {"value": raw})
        raise ValueError(_("“%(value)s” is not one of the fields.") % {"value": raw})
    return pk


def build_merged_workbook(circular: Circular, columns: list[InquiryColumn], rows, names: dict) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Merged answers")
    headings = [_("Department"), *[c.label for c in columns], _("Draft project")]
    for index, heading in enumerate(headings, start=1):
        sheet.cell(row=1, column=index, value=heading).font = Font(bold=True)
    ja_names = {
        "department": dict(Department.objects.values_list("pk", "name_ja")),
        "field": dict(Field.objects.values_list("pk", "name_ja")),
    }
    for r, row in enumerate(rows, start=2):
        sheet.cell(row=r, column=1, value=row.answer.department.name_ja)
        for index, column in enumerate(columns, start=2):
            sheet.cell(row=r, column=index, value=cell_value(column, row.values.get(column.key), ja_names))
        sheet.cell(row=r, column=len(columns) + 2, value=row.project.title_ja if row.project_id else "")
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
