"""Find tables in a sheet grid by their header rows, and say what each column was read as."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property

from pipeline.config import OTHER
from pipeline.dates import PeriodLabel, period_label
from pipeline.grid import Grid, Value
from pipeline.normalize.columns import ITEM_FIELDS, SERIES_FIELDS, ColumnMatch, ColumnMatcher, How
from pipeline.normalize.evidence import ColumnEvidence, body_rows, column_evidence, holds_priorities
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
    tentative: bool = False  # named one field only: a header once the cells below bear it out
    evidence: dict[int, ColumnEvidence] = field(default_factory=dict)  # columns read by their content

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

    A row names a table when no cell holds data (a number that is no year, a date, a paragraph) and
    one of its cells is a whole item name (objective, initiative, indicator, risk …) beside a second
    field or three periods (`Initiative | Lead`, `Activity | Q1 | Q2 | Q3`), however many columns
    no vocabulary knows stand beside them (they are kept as notes). A row that names an item column
    alone (`Choix stratégique | Actions`), or fields but no item column (`Focus | | Lead | By when`),
    is returned `tentative`: `find_tables` keeps it only where the cells below bear it out. Inside a
    table's body (`body`, the table's header) a row must name at least two fields outright and half
    its cells, as a repeated header does, so that data rows are never mistaken.
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
    misses_allowed = n - (n + 1) // 2 if in_body else n - 1
    misses = 0
    # Cheap cells first (numbers, dates, short labels seen before): a data row is told by them alone.
    for c in sorted(cols, key=lambda c: len(v) if isinstance(v := row[c], str) else 0):
        value = row[c]
        if isinstance(value, str) and len(value) > MAX_HEADER_CHARS and (long := matcher.match(value)):
            matches[c] = long  # a long header mission.toml's [columns] maps
            continue
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
    if body is not None and sum(1 for c in strong if body.fields.get(c) == matches[c].field) < 2:
        return None  # a header repeated in a table's body names its columns as the header above does
    items = any(matches[c].field in ITEM_FIELDS for c in strong)
    named = {matches[c].field for c in strong} - {OTHER}
    # Beside its item column, a header names another field outright, or is a work plan's row of
    # periods (three or more: a data row holds at most a start and an end).
    second = len(named) >= 2 or len(set(periods.values())) >= 3
    if (outright and (items or in_body)) or (items and second):
        return _resolve(row, (), matches, periods)
    if in_body or not (items or len(named) >= 2) or len(periods) > len(set(periods.values())):
        return None  # a year typed twice ('2012 | 2012') is a data row's start and end, not a header
    return replace(_resolve(row, (), matches, periods), tentative=True)


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
    # The hierarchy runs left to right: of two columns naming one level outright ('Strategic Initiative
    # | Key Activities', 'Objective | … | Sub-objective'), the left one holds the level above, if free.
    for lower, upper in (("initiative", "objective"), ("objective", "area")):
        named = [c for c in by_field.get(lower, []) if matches[c].strong]
        if len(named) >= 2 and upper not in by_field:
            by_field[upper] = [named[0]]
            by_field[lower].remove(named[0])
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
        return replace(first, rows=(r,))
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
        return replace(first, rows=(r,))
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
    return replace(_resolve(top, (r, r + 1), matches, periods, texts), tentative=first.tentative)


_HIERARCHY = ("area", "objective", "initiative")
MIN_OBJECTIVE_WORDS = 4  # a grouping column of sentences this long (or of actions) holds objectives


def _holds_text(evidence: ColumnEvidence) -> bool:
    """A named item column bears its name out: its cells are text of a few words, not numbers."""
    return (
        evidence.filled >= 1
        and evidence.mean_words >= 2
        and evidence.timing + evidence.numbers < evidence.filled
    )


def _settle(grid: Grid, header: Header) -> Header | None:
    """A header weighed against the cells below it.

    A column no header names is read by its content: sentences, mostly distinct and opening with a
    verb, are the items where no header names an item column; text standing for several rows (merged
    down, or typed again) left of the items holds the level above them (objectives where the texts
    are sentences or actions, areas where they are labels). A tentative header is kept only where
    the content bears it out; every column so read carries its evidence for `--explain`.
    """
    body = body_rows(grid, header.rows[-1] + 1)
    if not body:
        return None if header.tentative else header
    # Columns a vocabulary names outright are taken; one kept as a note only because a phrase inside
    # its header ('Border Operations Team') names a field another column holds is read by content.
    weak_notes = {c for c in header.notes if c in header.matches and not header.matches[c].strong}
    taken = set(header.fields) | set(header.series) | set(header.periods) | (set(header.notes) - weak_notes)
    width = max(len(grid.rows[r]) for r in body)
    evidence = {c: column_evidence(grid, body, c) for c in range(width) if c not in taken}
    items = [c for c, f in header.fields.items() if f in ITEM_FIELDS and header.matches[c].strong]
    if header.tentative and items and not any(_holds_text(column_evidence(grid, body, c)) for c in items):
        return None
    inferred: dict[int, str] = {}
    named = set(header.fields.values())
    if not named & {"initiative", "level"}:
        # no action column named (only objectives, indicators, or no item at all): the actions are the
        # column of sentences that open with a verb, right of the objectives where there are any
        right_of = min((c for c, f in header.fields.items() if f == "objective"), default=-1)
        candidates = [e for e in evidence.values() if e.reads_as_items and e.col > right_of]
        if candidates:
            best = max(candidates, key=lambda e: (e.item_score, -e.col))
            inferred[best.col] = "initiative"
        elif not items:
            return None if header.tentative else header
    levels = {**header.fields, **inferred}
    # 'Priority | What we will do': a priority column holding the names of the plan's priorities, not
    # ranks, left of the actions, is the plan's areas
    ranks = [c for c, f in header.fields.items() if f == "priority"]
    first_level = min((c for c, f in levels.items() if f in ("initiative", "objective")), default=None)
    if ranks and first_level is not None and "area" not in levels.values():
        c = ranks[0]
        if c < first_level and not holds_priorities(grid, body, c):
            inferred[c] = levels[c] = "area"
    lowest = min((c for c, f in levels.items() if f in ("initiative", "objective")), default=None)
    if lowest is not None:
        free = [f for f in _HIERARCHY[: _HIERARCHY.index(levels[lowest])] if f not in levels.values()]
        for c in sorted((c for c in evidence if c < lowest and c not in inferred), reverse=True):
            e = evidence[c]
            if not free or not ((e.repeats and e.reads_as_labels) or e.sentences):
                break
            wordy = e.mean_words >= MIN_OBJECTIVE_WORDS or e.actions * 2 >= e.filled
            if c in weak_notes and (wordy or not e.repeats or "area" not in free):
                break  # a header with an item's word ('Linha de Acção') groups only as short labels
            level = "objective" if "objective" in free and wordy and c not in weak_notes else free[0]
            inferred[c] = level
            free = free[: free.index(level)]
    if not inferred:
        return replace(header, tentative=False)
    matches = dict(header.matches)
    texts = {
        c: _header_text(grid, header.rows, c) for c in sorted({*header.matches, *header.extra, *inferred})
    }
    for c, name in inferred.items():
        matches[c] = ColumnMatch(name, How.CONTENT, "content")
    settled = _resolve(grid.rows[header.rows[0]], header.rows, matches, header.periods, texts)
    return replace(settled, evidence={c: evidence.get(c) or column_evidence(grid, body, c) for c in inferred})


def _header_text(grid: Grid, rows: tuple[int, ...], c: int) -> str:
    return " ".join(
        dict.fromkeys(str(grid.rows[r][c]) for r in rows if c < len(grid.rows[r]) and grid.rows[r][c] != "")
    )


def find_tables(grid: Grid, matcher: ColumnMatcher, skip: frozenset[int] = frozenset()) -> Layout:
    """Cut a grid into tables at each header row (rows in `skip`, read otherwise, count as blank)."""
    rows: Sequence[Sequence[Value]] = [[] if r in skip else row for r, row in enumerate(grid.rows)]
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
        settled = _settle(grid, _with_subheader(rows, r, found, matcher))
        if settled is None:
            r += 1
            continue
        header = settled
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
