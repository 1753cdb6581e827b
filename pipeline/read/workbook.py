"""Workbooks (xlsx, xlsm, xlsb, xls, ods) → one rectangular grid per sheet, merged cells filled."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import python_calamine as calamine

from pipeline.archive import check_members
from pipeline.errors import InputError, words
from pipeline.grid import Grid, Value
from pipeline.own_files import LISTS_SHEET
from pipeline.read.extent import check_extent
from pipeline.refs import cell_ref
from pipeline.text import decode_ooxml_escapes

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xlsb", ".xls", ".ods")
MAX_ROWS = 100_000
MAX_COLUMNS = 500
MAX_CELLS = 500_000  # rows × columns of the used ranges of a mission's workbooks: under 1 GB all told
MAX_CELL_CHARS = 32_767
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff(path: Path, name: str) -> None:
    with path.open("rb") as fh:
        head = fh.read(512)
    if not head.strip():
        raise InputError(name, words("err_empty_file"), hint=words("err_save_again"))
    if head.startswith(_OLE):  # legacy .xls, or an encrypted OOXML package
        return
    if not head.startswith(_ZIP):
        sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if sample.startswith((b"<!doctype html", b"<html", b"<table")):
            kind = "err_html"
        elif sample.startswith(b"<?xml"):
            kind = "err_xml"
        elif b"\x00" not in head and (b"," in head or b";" in head or b"\t" in head):
            kind = "err_csv_text"
        else:
            kind = "err_unknown_format"
        raise InputError(
            name, words(kind), hint=words("err_formats_hint", formats=", ".join(WORKBOOK_SUFFIXES))
        )
    check_members(path, name, not_zip=words("err_damaged_zip"), hint=words("err_save_from_office"))


def _fill_merged(
    rows: list[list[Value]], sheet: calamine.CalamineSheet, top: int, left: int
) -> set[tuple[int, int]]:
    """Copy each merged range's value into every cell it spans; returns the cells filled so."""
    copies: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
        r0, r1, c0, c1 = r0 - top, r1 - top, c0 - left, c1 - left
        if not (0 <= r0 < len(rows)) or c0 < 0:
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        if value == "":
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] == "":
                    row[c] = value
                    copies.add((r, c))
    return copies


def _open_book(path: Path) -> calamine.CalamineWorkbook:
    """Open a workbook with calamine; a path that is not UTF-8 (a file name from a Windows zip) is
    opened as a file, since the reader takes text paths only."""
    text = str(path)
    if text.encode("utf-8", "surrogateescape") == text.encode("utf-8", "ignore"):
        return calamine.CalamineWorkbook.from_path(text)
    with path.open("rb") as fh:
        return calamine.CalamineWorkbook.from_filelike(fh)


def read_workbook(path: Path, name: str, budget: int = MAX_CELLS) -> list[Grid]:
    """Every sheet of a workbook as a grid; InputError for anything that cannot be read."""
    _sniff(path, name)
    uncached = check_extent(
        path, name, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS, max_cells=MAX_CELLS, budget=budget
    )
    try:
        book = _open_book(path)
    except calamine.PasswordError:
        raise InputError(name, words("err_encrypted"), hint=words("err_encrypted_hint")) from None
    except (calamine.CalamineError, OSError, ValueError) as exc:
        if _is_encrypted_ole(path):
            raise InputError(name, words("err_encrypted"), hint=words("err_encrypted_hint")) from None
        if "cell limit exceeded" in str(exc).lower():  # the reader's own guard (.ods repeats)
            raise InputError(
                name,
                words("err_reader_cells", detail=str(exc)),
                hint=words("err_stray_cells"),
            ) from None
        raise InputError(
            name,
            words("err_unreadable_workbook", detail=str(exc)),
            hint=words("err_formats_hint", formats=", ".join(WORKBOOK_SUFFIXES)),
        ) from None
    grids = []
    try:
        for meta in book.sheets_metadata:
            # the drop-down lists `export` and `init` write: very hidden, or hidden once LibreOffice saved it
            export_lists = meta.visible != calamine.SheetVisibleEnum.Visible and meta.name == LISTS_SHEET
            if meta.typ != calamine.SheetTypeEnum.WorkSheet or export_lists:
                continue  # chart sheets, and those lists
            grid = _read_sheet(book, meta.name, name)
            grids.append(replace(grid, uncached=tuple(uncached.get(meta.name, ()))))
    except calamine.CalamineError as exc:
        raise InputError(name, words("err_unreadable_workbook", detail=str(exc))) from None
    finally:
        book.close()
    if not any(grid.rows for grid in grids):
        raise InputError(
            name,
            words("err_empty_workbook"),
            hint=words("err_fill_or_remove"),
        )
    return grids


def _read_sheet(book: calamine.CalamineWorkbook, sheet_name: str, name: str) -> Grid:
    sheet = book.get_sheet_by_name(sheet_name)
    if sheet.height > MAX_ROWS or sheet.width > MAX_COLUMNS or sheet.height * sheet.width > MAX_CELLS:
        raise InputError(
            name,
            words(
                "err_sheet_size",
                rows=sheet.height,
                columns=sheet.width,
                max_rows=MAX_ROWS,
                max_columns=MAX_COLUMNS,
                max_cells=MAX_CELLS,
            ),
            sheet=sheet_name,
            hint=words("err_split_sheet"),
        )
    top, left = sheet.start or (0, 0)
    rows: list[list[Value]] = sheet.to_python()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and value:
                if len(value) > MAX_CELL_CHARS:
                    raise InputError(
                        name,
                        words("err_cell_chars", chars=len(value), limit=MAX_CELL_CHARS),
                        sheet=sheet_name,
                        cell=cell_ref(top + r, left + c),
                    )
                row[c] = decode_ooxml_escapes(value)
    copies = _fill_merged(rows, sheet, top, left)
    return Grid(file=name, sheet=sheet_name, top=top, left=left, rows=rows, copies=frozenset(copies))


def _is_encrypted_ole(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(8)
        if head != _OLE:
            return False
        return b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00" in fh.read(2**20)
