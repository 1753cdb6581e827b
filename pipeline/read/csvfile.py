"""CSV captures (comma, semicolon or tab separated; UTF-8, UTF-8-BOM, UTF-16 or Windows-1252) → one grid."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pipeline.errors import InputError, words
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
        raise InputError(name, words("err_csv_size", mb=MAX_CSV_BYTES // 2**20))
    data = path.read_bytes()
    text, recoded = (
        (decode_text(data), []) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else decode_lines(data)
    )
    if "\x00" in text:
        raise InputError(
            name,
            words("err_csv_binary"),
            hint=words("err_csv_binary_hint"),
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
                    name,
                    words("err_csv_shape", rows=MAX_ROWS, columns=MAX_COLUMNS),
                    hint=words("err_split_it"),
                )
            for c, value in enumerate(record):
                if len(value) > MAX_CELL_CHARS:
                    raise InputError(
                        name,
                        words("err_cell_chars", chars=len(value), limit=MAX_CELL_CHARS),
                        cell=cell_ref(r, c),
                    )
            rows.append([value.strip() for value in record])
    except csv.Error as exc:
        raise InputError(name, words("err_csv_unreadable", detail=str(exc))) from None
    while rows and not any(rows[-1]):
        rows.pop()
    if not any(any(row) for row in rows):
        raise InputError(name, words("err_csv_empty"), hint=words("err_fill_or_remove"))
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
            words("err_csv_quote", line=open_at + top),
            hint=words("err_csv_quote_hint"),
        )
