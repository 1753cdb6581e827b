"""One data row read through its table's header, where it came from, and rows that hold no item."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.dates import PeriodLabel
from pipeline.grid import Grid
from pipeline.model import (
    Provenance,
)
from pipeline.normalize.builder import PlanBuilder
from pipeline.normalize.cells import cell_text, prefixed
from pipeline.normalize.ledger import FINDING, Mark
from pipeline.normalize.tables import Table
from pipeline.text import fold, word_safe
from pipeline.vocab import vocabulary

_FOOTNOTE_MARK = re.compile(r"^\s*(\*|\(\d+\)|\d\)\s)")


def row_source(grid: Grid, r: int, cols: list[int]) -> Provenance:
    cols = sorted(cols) or [0]
    first, last = grid.ref(r, cols[0]), grid.ref(r, cols[-1])
    return Provenance(file=grid.file, sheet=grid.sheet, cell=first if first == last else f"{first}:{last}")


def cell_source(grid: Grid, r: int, c: int) -> Provenance:
    return Provenance(file=grid.file, sheet=grid.sheet, cell=grid.ref(r, c))


def note_key(header: str) -> str:
    """An extra column's header as the note's name ('Note: Budget line' → 'Budget line', as exported)."""
    return re.sub(r"^\s*(note|nota)\s*:\s*", "", header, flags=re.I) or header


def _is_mark(value: object) -> bool:
    """Whether a work-plan cell marks its period ('X', '✓', '•', a filled cell's 1)."""
    text = cell_text(value)
    marks = vocabulary().marks
    return value is True or text in marks or fold(text) in marks


class Row:
    """One data row read through its table's header: `row['owner']` is the owner's text."""

    __slots__ = ("_source", "col", "cols", "grid", "marks", "notes", "r", "raw", "series", "table", "text")

    def __init__(self, builder: PlanBuilder, table: Table, r: int, consumed: frozenset[str]) -> None:
        header = table.header
        self.table, self.r, self.grid = table, r, table.grid
        values = table.grid.rows[r]
        self.cols = [c for c, v in enumerate(values) if v != ""]
        self._source: Provenance | None = None
        self.raw: dict[str, object] = {}
        self.text: dict[str, str] = {}
        self.col: dict[str, int] = {}
        self.notes: dict[str, str] = {}
        self.series: dict[str, str] = {}
        self.marks: list[PeriodLabel] = []
        width = len(values)
        for c, name in header.fields.items():
            if c < width and (value := values[c]) != "":
                text, removed = word_safe(cell_text(value))
                if removed:
                    builder.removed_characters(removed, cell_source(self.grid, r, c))
                if name not in consumed or name == "kpi_ref":  # 'Linked KPIs' shown with the item too
                    self.notes[note_key(self.header_text(c))] = text
                if name not in consumed:
                    continue
                if name in self.text:
                    self.text[name] = f"{self.text[name]}\n{text}"
                else:
                    self.raw[name], self.col[name], self.text[name] = value, c, text
        for columns in (header.notes, header.extra):
            for c, head in columns.items():
                if c < width and values[c] != "":
                    self.notes[note_key(head)] = cell_text(values[c])
        for c, (_, label) in header.series.items():
            if c < width and values[c] != "":
                self.series[label] = cell_text(values[c])
        for c, period in header.periods.items():
            if c < width and values[c] != "":
                if not header.values_by_period and _is_mark(values[c]):
                    self.marks.append(period)
                else:
                    self.series[self.header_text(c)] = cell_text(values[c])

    def header_text(self, c: int) -> str:
        """The header of column c as the table names it (both rows of a two-row header)."""
        rows = self.grid.rows
        return " ".join(
            dict.fromkeys(
                cell_text(rows[h][c]) for h in self.table.header_rows if c < len(rows[h]) and rows[h][c] != ""
            )
        )

    @property
    def source(self) -> Provenance:
        """The row's cells, first to last (made on first use)."""
        if self._source is None:
            self._source = row_source(self.grid, self.r, self.cols)
        return self._source

    def __getitem__(self, name: str) -> str:
        return self.text.get(name, "")

    def cell(self, name: str) -> Provenance:
        return cell_source(self.grid, self.r, self.col[name]) if name in self.col else self.source

    def originals(self) -> list[int]:
        """The row's cells a person typed (merged-range copies left out)."""
        return [c for c in self.cols if (self.r, c) not in self.grid.copies]

    def copied(self, name: str) -> bool:
        """Whether a field's cell holds a merged range's copy of a cell above or beside it."""
        return name in self.col and (self.r, self.col[name]) in self.grid.copies

    def spans_down(self, name: str) -> bool:
        """Whether a field's cell is merged down over the rows below it (the cell below is its copy)."""
        if name not in self.col or (self.r + 1, c := self.col[name]) not in self.grid.copies:
            return False
        below = self.grid.rows[self.r + 1]
        return c < len(below) and below[c] == self.grid.rows[self.r][c]


@dataclass
class Context:
    """What stands above a table: the area it belongs to, and an objective heading it serves."""

    area: str
    objective: str | None = None


def footnote(builder: PlanBuilder, row: Row) -> bool:
    """A row holding one typed cell such as '* Votes are dots' or 'Source: ...': ignored, and counted."""
    originals = row.originals()
    if len(originals) != 1:
        return False
    text = cell_text(row.grid.rows[row.r][originals[0]])
    if _FOOTNOTE_MARK.match(text) or prefixed(text, ("footnote",)):
        builder.ledger.cells(row.grid, row.r, None, Mark.FOOTNOTE)
        return True
    return False


def unplaced_row(builder: PlanBuilder, row: Row) -> None:
    """A table row that holds no item: a footnote is ignored (and counted), anything else reported."""
    if footnote(builder, row):
        return
    values = [cell_text(row.grid.rows[row.r][c]) for c in row.cols]
    builder.ledger.cells(row.grid, row.r, None, FINDING)
    builder.report(
        "READ002",
        "warning",
        builder.say("READ002", values=" | ".join(values)[:200]),
        row.source,
        hint=builder.say("READ002_hint"),
    )
