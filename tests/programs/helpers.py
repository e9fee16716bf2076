"""Helpers for building catalogue files in tests."""

import io

from openpyxl import load_workbook

from tsunagu.programs.transfer.export import export_excel


def workbook_bytes(edit) -> bytes:
    """The current catalogue as a workbook, changed by ``edit(workbook)``."""
    workbook = load_workbook(io.BytesIO(export_excel()))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column(sheet, key: str) -> int:
    """The 1-based column index of ``key`` in the header row."""
    for cell in sheet[1]:
        if cell.value == key:
            return cell.column
    raise KeyError(key)


def row_of(sheet, code: str) -> int:
    code_column = column(sheet, "code")
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, code_column).value == code:
            return row
    raise KeyError(code)
