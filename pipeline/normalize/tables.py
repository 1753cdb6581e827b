"""Find tables in a sheet grid by their header rows, and say what each column was read as."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from pipeline.config import OTHER
from pipeline.dates import PeriodLabel, period_label
from pipeline.grid import Grid, Value
from pipeline.normalize.columns import ITEM_FIELDS, SERIES_FIELDS, ColumnMatch, ColumnMatcher
from pipeline.vocab import QUADRANTS

MAX_HEADER_CHARS = 80  # a longer cell is content: a row holding one is not a header
MAX_HEADER_WORDS = 8  # likewise a cell of more words
MAX_BODY_HEADER_WORDS = 5  # a header repeated inside a table's body names its columns in few words


class TableKind(StrEnum):
    """What a table holds, told by the fields its header names."""

    PLAN = "plan"
    INDICATORS = "indicators"
    RECOMMENDATIONS = "recommendations"
    SWOT = "swot"
    RISKS = "risks"
    STAKEHOLDERS = "stakeholders"
    STATEMENTS = "statements"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Header:
    """A header row (or two) read: every column's field, note, series value or period."""

    rows: tuple[int, ...]
    fields: dict[int, str]  # column → field, one column a field
    matches: dict[int, ColumnMatch]  # every column a vocabulary or mission.toml names
    notes: dict[int, str] = field(default_factory=dict)  # known columns kept as notes: column → header
    series: dict[int, tuple[str, str]] = field(default_factory=dict)  # column → (field, label)
    periods: dict[int, PeriodLabel] = field(default_factory=dict)  # 'Q1', '2014', 'Year 3' columns
    extra: dict[int, str] = field(default_factory=dict)  # unknown columns: column → header text

    @property
    def kind(self) -> TableKind:
        """What the table holds."""
        return table_kind(set(self.fields.values()) | {f for f, _ in self.series.values()})

    @cached_property
    def values_by_period(self) -> bool:
        """Whether its period columns hold values (an indicator's by year), not work-plan marks."""
        return bool(set(self.fields.values()) & {"kpi", "baseline", "target"})


@dataclass(frozen=True)
class Table:
    """A table: its header, its data rows and what stood above it."""

    grid: Grid
    header: Header
    rows: list[int]
    preamble: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def kind(self) -> TableKind:
        """What the table holds."""
        return self.header.kind

    @property
    def header_rows(self) -> tuple[int, ...]:
        """The header's rows in the grid."""
        return self.header.rows

    @property
    def fields(self) -> dict[int, str]:
        """Column → field."""
        return self.header.fields

    @property
    def extra(self) -> dict[int, str]:
        """Unknown columns (kept as notes on each item, and reported)."""
        return self.header.extra


@dataclass(frozen=True)
class Layout:
    """A sheet cut into tables, plus the non-empty rows outside any table."""

    grid: Grid
    tables: list[Table]
    loose: list[int]


def table_kind(fields: set[str]) -> TableKind:
    """What a table holds, from the fields its header names."""
    if fields & {"objective", "initiative", "level"}:
        return TableKind.PLAN
    if "recommendation" in fields:
        return TableKind.RECOMMENDATIONS
    if len(fields & set(QUADRANTS)) >= 2 or ("quadrant" in fields and fields & {"factor", "text"}):
        return TableKind.SWOT
    if "kpi" in fields:
        return TableKind.INDICATORS
    if "risk" in fields:
        return TableKind.RISKS
    if "stakeholder" in fields:
        return TableKind.STAKEHOLDERS
    if fields & {"statement", "text"}:
        return TableKind.STATEMENTS
    return TableKind.UNKNOWN


def _nonempty(row: Sequence[object]) -> list[int]:
    return [c for c, v in enumerate(row) if v != "" and v is not None]


def _wordy(value: Value) -> bool:
    """A cell no header holds: a number that is not a year, a date, or text of many words."""
    if isinstance(value, str):
        return len(value) > 80 or len(value.split()) > MAX_HEADER_WORDS
    return period_label(value) is None


def read_header(row: Sequence[Value], matcher: ColumnMatcher, *, body: Header | None = None) -> Header | None:
    """The header a row is, or None.

    A row names a table when one of its cells is a whole item name (objective, initiative, indicator,
    risk …), another cell names a second field or the row holds three periods or more (`Initiative |
    Lead`, `Activity | Q1 | Q2 | Q3`), no cell holds data, and unknown cells are no more than known
    ones. Inside a table's body (`body`, the table's header) a row must name at least two fields
    outright and half its cells, as a repeated header does, so that data rows are never mistaken.
    """
    in_body = body is not None
    periods_count = body is None or bool(body.periods)  # a year in a body without period columns is data
    cols = _nonempty(row)
    if len(cols) < 2:
        return None
    matches: dict[int, ColumnMatch] = {}
    periods: dict[int, PeriodLabel] = {}
    n = len(cols)
    # A data row is told by its first cells: stop as soon as no rule could still call it a header.
    misses_allowed = n - (n + 1) // 2 if in_body else (n + 1) // 2
    misses = 0
    # Cheap cells first (numbers, dates, short labels seen before): a data row is told by them alone.
    for c in sorted(cols, key=lambda c: len(v) if isinstance(v := row[c], str) else 0):
        value = row[c]
        if not isinstance(value, str) or len(value) > MAX_HEADER_CHARS:
            if (label := period_label(value)) is None or not periods_count:
                return None  # a number, a date or a paragraph: data
            periods[c] = label
            continue
        found = matcher.match(value) if not in_body or value.count(" ") < MAX_BODY_HEADER_WORDS else None
        if found is not None:
            matches[c] = found
            if found.strong or not in_body:
                continue
        elif periods_count and (label := period_label(value)) is not None:
            periods[c] = label
            continue
        elif _wordy(value):
            return None
        misses += 1
        if misses > misses_allowed:
            return None
    strong = [c for c, m in matches.items() if m.strong]
    outright = len(strong) >= 2 and len(strong) + len(periods) >= (len(cols) + 1) // 2
    if in_body and not outright:
        return None
    items = any(matches[c].field in ITEM_FIELDS for c in strong)
    # A concept found inside a cell counts once per field: data rows repeat words ('Risk unit', 'Update
    # the risk register'), headers name each field once.
    weak = {m.field for m in matches.values() if not m.strong} - {matches[c].field for c in strong}
    known = len(strong) + len(weak)
    unknown = len(cols) - len(periods) - known
    # Beside its item column, a header names another field outright, or is a work plan's row of
    # periods (three or more: a data row holds at most a start and an end).
    second = len({matches[c].field for c in strong} - {OTHER}) >= 2 or len(set(periods.values())) >= 3
    if not outright and not (items and second and known + bool(periods) >= unknown):
        return None
    return _resolve(row, (), matches, periods)


def _resolve(
    row: Sequence[Value],
    rows: tuple[int, ...],
    matches: dict[int, ColumnMatch],
    periods: dict[int, PeriodLabel],
    texts: dict[int, str] | None = None,
) -> Header:
    """Give each field one column; years of a target become a series; the rest become notes."""

    def text(c: int) -> str:
        return texts[c] if texts is not None else str(row[c])

    by_field: dict[str, list[int]] = {}
    notes: dict[int, str] = {}
    for c, m in sorted(matches.items()):
        if m.field == OTHER:
            notes[c] = text(c)
        else:
            by_field.setdefault(m.field, []).append(c)
    fields: dict[int, str] = {}
    series: dict[int, tuple[str, str]] = {}
    for name, cols in by_field.items():
        if name in ("milestone", "actual") or (
            name in SERIES_FIELDS and len(cols) > 1 and any(matches[c].year for c in cols)
        ):
            series.update({c: (name, text(c)) for c in cols})
            continue
        winner = min(cols, key=lambda c: (matches[c].how, c))
        fields[winner] = name
        notes.update({c: text(c) for c in cols if c != winner})
    extra = {c: text(c) for c in _nonempty(row) if c not in matches and c not in periods}
    if texts is not None:
        extra = {c: t for c, t in texts.items() if c not in matches and c not in periods}
    return Header(
        rows, dict(sorted(fields.items())), matches, dict(sorted(notes.items())), series, periods, extra
    )


def _with_subheader(rows: Sequence[Sequence[Value]], r: int, first: Header, matcher: ColumnMatcher) -> Header:
    """The header of row r, refined by a second header row right below it when there is one.

    Start/End under a merged 'Timeline', quarters under a merged year: cells repeating the cell above
    (labels merged over both rows) are passed over; every other cell must be a field or a period.
    """
    top = rows[r]
    if r + 1 >= len(rows):
        return Header(
            (r,), first.fields, first.matches, first.notes, first.series, first.periods, first.extra
        )
    below = rows[r + 1]
    cols = [c for c in _nonempty(below) if c >= len(top) or below[c] != top[c]]
    sub_matches = {c: m for c in cols if (m := matcher.match(below[c])) is not None and m.strong}
    sub_periods = {c: p for c in cols if c not in sub_matches and (p := period_label(below[c])) is not None}
    refines = (
        cols
        and len(sub_matches) + len(sub_periods) == len(cols)
        and (sub_periods or any(first.fields.get(c) != m.field for c, m in sub_matches.items()))
    )
    if not refines:
        return Header(
            (r,), first.fields, first.matches, first.notes, first.series, first.periods, first.extra
        )
    width = max(len(top), len(below))
    texts = {
        c: " ".join(dict.fromkeys(str(v[c]) for v in (top, below) if c < len(v) and v[c] != ""))
        for c in range(width)
        if (c < len(top) and top[c] != "") or (c < len(below) and below[c] != "")
    }
    matches = {**first.matches, **sub_matches}
    periods = dict(first.periods)
    for c, label in sub_periods.items():
        above = first.periods.get(c)
        periods[c] = PeriodLabel(
            year=label.year or (above.year if above else None),
            quarter=label.quarter,
            month=label.month,
            ordinal=label.ordinal,
        )
        matches.pop(c, None)
    return _resolve(top, (r, r + 1), matches, periods, texts)


def find_tables(grid: Grid, matcher: ColumnMatcher) -> Layout:
    """Cut a grid into tables at each header row."""
    rows = grid.rows
    headers: list[Header] = []
    r = 0
    body: Header | None = None  # the header of the table whose rows are being passed
    while r < len(rows):
        if not _nonempty(rows[r]):
            body = None
            r += 1
            continue
        found = read_header(rows[r], matcher, body=body)
        if found is None:
            r += 1
            continue
        header = _with_subheader(rows, r, found, matcher)
        headers.append(header)
        r = header.rows[-1] + 1
        body = header
    tables: list[Table] = []
    claimed: set[int] = set()
    previous_end = 0
    for i, header in enumerate(headers):
        start, first = header.rows[0], header.rows[-1] + 1
        last = i + 1 == len(headers)
        next_start = len(rows) if last else headers[i + 1].rows[0]
        body_end = next_start if last else _body_end(rows, first, next_start)
        preamble = [
            (pr, c, str(rows[pr][c])) for pr in range(previous_end, start) for c in _nonempty(rows[pr])
        ]
        data = [dr for dr in range(first, body_end) if _nonempty(rows[dr])]
        tables.append(Table(grid, header, data, preamble))
        claimed.update(range(previous_end, body_end))
        previous_end = body_end
    loose = [r for r in range(len(rows)) if r not in claimed and _nonempty(rows[r])]
    return Layout(grid, tables, loose)


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
