"""What `export` and `init` both do in a workbook: text that a spreadsheet never takes for a
formula, the header row, and the drop-down lists on a very hidden sheet the reader passes over."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.own_files import LISTS_SHEET

FORMULA_START = ("=", "+", "-", "@")  # text a spreadsheet would take for a formula
_HEAD_FILL = PatternFill("solid", fgColor="1F4E79")


def write_cell(ws: Worksheet, row: int, column: int, value: object) -> None:
    """A value in a cell; '=SUM(…)' typed in a capture stays text, never a live formula."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"


def header_row(ws: Worksheet, row: int, names: Sequence[str], widths: Sequence[int]) -> None:
    """White on blue, wrapped, the columns at their widths, frozen below."""
    for column, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        write_cell(ws, row, column, name)
        cell = ws.cell(row=row, column=column)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate


class DropDownLists:
    """The lists the drop-downs offer, a column each, on a very hidden sheet never read as a capture."""

    def __init__(self, wb: Workbook) -> None:
        self.ws = wb.create_sheet(LISTS_SHEET)
        self.ws.sheet_state = "veryHidden"
        self.columns = 0

    def add(self, values: Sequence[str]) -> str | None:
        """The range formula of a list ("'_lists'!$A$1:$A$5"), or None for an empty one."""
        if not values:
            return None
        self.columns += 1
        letter = get_column_letter(self.columns)
        for n, value in enumerate(values, start=1):
            write_cell(self.ws, n, self.columns, value)
        return f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(values)}"
