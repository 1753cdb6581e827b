"""CSV captures (comma, semicolon or tab separated; UTF-8, UTF-8-BOM, UTF-16 or Windows-1252) → one grid."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pipeline.errors import InputError
from pipeline.grid import Grid, Value
from pipeline.read.notes import decode_lines, decode_text
from pipeline.read.workbook import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS
from pipeline.refs import cell_ref

CSV_SUFFIXES = (".csv",)
MAX_CSV_BYTES = 20 * 1024 * 1024
_DELIMITERS = ";,\t|"


def read_csv(path: Path, name: str) -> list[Grid]:
    """A CSV file as a one-sheet workbook (the sheet named after the file); InputError when unreadable."""
    if path.stat().st_size > MAX_CSV_BYTES:
        raise InputError(name, f"the CSV file is over {MAX_CSV_BYTES // 2**20} MB; refused")
    data = path.read_bytes()
    text, recoded = (
        (decode_text(data), []) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else decode_lines(data)
    )
    if "\x00" in text:
        raise InputError(
            name,
            "is not CSV text (it holds binary data)",
            hint="export the sheet again as CSV, or save it as .xlsx",
        )
    top = 0
    dialect: type[csv.Dialect] | csv.Dialect
    if (declared := _SEP_LINE.match(text)) is not None:  # Excel's 'sep=;' first line names the separator
        text, top = text[declared.end() :], 1
        separator = declared.group(1)

        class Declared(csv.excel):
            delimiter = separator

        dialect = Declared
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:16384], delimiters=_DELIMITERS)
        except csv.Error:
            dialect = csv.excel  # one column, or too little to tell: commas
    _check_quotes(text, name, top, dialect.quotechar or '"')
    rows: list[list[Value]] = []
    try:
        for r, record in enumerate(csv.reader(io.StringIO(text, newline=""), dialect)):
            if r >= MAX_ROWS or len(record) > MAX_COLUMNS:
                raise InputError(
                    name, f"the file has more than {MAX_ROWS} rows or {MAX_COLUMNS} columns", hint="split it"
                )
            for c, value in enumerate(record):
                if len(value) > MAX_CELL_CHARS:
                    raise InputError(
                        name,
                        f"the cell holds {len(value)} characters (limit {MAX_CELL_CHARS})",
                        cell=cell_ref(r, c),
                    )
            rows.append([value.strip() for value in record])
    except csv.Error as exc:
        raise InputError(name, f"cannot be read as CSV: {exc}") from None
    while rows and not any(rows[-1]):
        rows.pop()
    if not any(any(row) for row in rows):
        raise InputError(
            name, "the CSV file is empty", hint="fill it in, or remove it from the mission folder"
        )
    width = max(len(row) for row in rows)
    return [
        Grid(
            file=name,
            sheet=path.stem,
            top=top,
            left=0,
            rows=[[*row, *[""] * (width - len(row))] for row in rows],
            recoded=tuple(recoded),
        )
    ]


_SEP_LINE = re.compile(r"\ufeff?sep=(.)[ \t]*\r?\n", re.I)


def _check_quotes(text: str, name: str, top: int, quote: str) -> None:
    """An opening quote never closed swallows every row after it into one cell: refused, naming the
    line it opens on. (An odd number of quotes in the file tells it; a cell of several lines quoted
    on purpose has its closing quote.)"""
    if text.count(quote) % 2 == 0:
        return
    open_at, inside = 0, False
    lines = text.split("\n")
    for n, line in enumerate(lines, start=1):
        if line.count(quote) % 2:
            inside = not inside
            open_at = n if inside else open_at
    if inside and len(lines) - open_at >= 2:
        raise InputError(
            name,
            f"a quote opened on line {open_at + top} is never closed: the lines after it would be one cell",
            hint="close the quote (or remove it), then save the file again",
        )
