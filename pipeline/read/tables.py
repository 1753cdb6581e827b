"""Find tables in a sheet grid by their header rows, in any of the three languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.read.workbook import Grid
from pipeline.text import fold
from pipeline.vocab import vocabulary

QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


@dataclass(frozen=True)
class Table:
    """A table: its header, the fields its columns hold, its data rows and what stood above it."""

    grid: Grid
    kind: str
    header_rows: tuple[int, ...]
    fields: dict[int, str]
    extra: dict[int, str]
    rows: list[int]
    preamble: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """A sheet cut into tables, plus the non-empty rows outside any table."""

    grid: Grid
    tables: list[Table]
    loose: list[int]


def header_field(value: object) -> str | None:
    """The field a header cell names ('Línea base' → 'baseline'), or None."""
    if not isinstance(value, str) or not value.strip() or len(value) > 80:
        return None
    return _header_field(value)


@lru_cache(maxsize=4096)
def _header_field(value: str) -> str | None:
    headers = vocabulary().headers
    bare = _PARENS.sub(" ", value)
    for candidate in (bare, _YEAR.sub(" ", bare)):  # 'Meta 2016', 'Baseline (2011)', 'Target 2016:'
        text = fold(candidate)
        if text in headers:
            return headers[text]
        for part in re.split(r"\s*[/|]\s*|\s+or\s+|\s+o\s+|\s+ou\s+", candidate):
            if (folded := fold(part)) in headers:
                return headers[folded]
    return None


def _nonempty(row: Sequence[object]) -> list[int]:
    return [c for c, v in enumerate(row) if v != "" and v is not None]


def _header_fields(row: Sequence[object]) -> dict[int, str] | None:
    cols = _nonempty(row)
    if len(cols) < 2:
        return None
    misses_allowed = len(cols) - max(2, (len(cols) + 1) // 2)  # at least two, and half the cells
    found: dict[int, str] = {}
    # Cheap cells first (numbers, dates, short labels seen before): a data row is told by them alone.
    for c in sorted(cols, key=lambda c: len(v) if isinstance(v := row[c], str) else 0):
        if (name := header_field(row[c])) is not None:
            found[c] = name
        elif (misses_allowed := misses_allowed - 1) < 0:  # a data row: stop at the first cells
            return None
    return dict(sorted(found.items()))


def table_kind(fields: set[str]) -> str:
    """What a table holds, from the fields its header names."""
    if fields & {"objective", "initiative"}:
        return "plan"
    if "recommendation" in fields:
        return "recommendations"
    if len(fields & set(QUADRANTS)) >= 2:
        return "swot"
    if "risk" in fields:
        return "risks"
    if "stakeholder" in fields:
        return "stakeholders"
    if fields & {"statement", "text"}:
        return "statements"
    return "unknown"


def find_tables(grid: Grid) -> Layout:
    """Cut a grid into tables at each header row; a second header row right below refines it."""
    rows = grid.rows
    headers: list[tuple[tuple[int, ...], dict[int, str]]] = []
    r = 0
    while r < len(rows):
        fields = _header_fields(rows[r])
        if fields is None:
            r += 1
            continue
        header_rows: tuple[int, ...] = (r,)
        if r + 1 < len(rows) and (sub := _subheader(rows[r + 1], rows[r], fields)) is not None:
            fields = {**fields, **sub}
            header_rows = (r, r + 1)
        headers.append((header_rows, fields))
        r = header_rows[-1] + 1
    tables: list[Table] = []
    claimed: set[int] = set()
    previous_end = 0
    for i, (header_rows, fields) in enumerate(headers):
        start, first = header_rows[0], header_rows[-1] + 1
        last = i + 1 == len(headers)
        next_start = len(rows) if last else headers[i + 1][0][0]
        body_end = next_start if last else _body_end(rows, first, next_start)
        preamble = [(pr, c, str(rows[pr][c])) for pr in range(previous_end, start)
                    for c in _nonempty(rows[pr])]
        data = [dr for dr in range(first, body_end) if _nonempty(rows[dr])]
        labelled = {c for hr in header_rows for c in _nonempty(rows[hr])}
        extra = {c: " ".join(dict.fromkeys(str(rows[hr][c]) for hr in header_rows
                                           if rows[hr][c] != ""))
                 for c in sorted(labelled) if c not in fields}
        tables.append(Table(grid, table_kind(set(fields.values())), header_rows, fields, extra,
                            data, preamble))
        claimed.update(range(previous_end, body_end))
        previous_end = body_end
    loose = [r for r in range(len(rows)) if r not in claimed and _nonempty(rows[r])]
    return Layout(grid, tables, loose)


def _subheader(row: Sequence[object], above: Sequence[object],
               fields: dict[int, str]) -> dict[int, str] | None:
    """Fields of a second header row (e.g. Start/End under a merged 'Timeline'), or None.

    Cells repeating the cell above (labels merged over both rows) are passed over.
    """
    cols = [c for c in _nonempty(row) if c >= len(above) or row[c] != above[c]]
    if not cols:
        return None
    sub = {c: f for c in cols if (f := header_field(row[c])) is not None}
    if len(sub) != len(cols) or all(fields.get(c) == f for c, f in sub.items()):
        return None
    return sub


def _body_end(rows: Sequence[Sequence[object]], first: int, next_header: int) -> int:
    """Where a table's data stop: before the blank row and headings that introduce the next."""
    r = next_header - 1
    while r >= first and not _nonempty(rows[r]):
        r -= 1
    while r >= first and len(_nonempty(rows[r])) == 1:
        r -= 1
    if r >= first and not _nonempty(rows[r]):
        return r + 1
    return next_header
