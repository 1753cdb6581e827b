"""Plans kept as records, not tables: one block of label/value rows per action, read as items.

```
Ação                  | Implantar o despacho antecipado …
Objetivo estratégico  | Facilitar o comércio legítimo
Responsável           | Direção de Serviços Aduaneiros
Prazo                 | dezembro de 2025
(blank row, or the first label again: the next action)
```
A label column whose cells name plan fields, a value column beside it, and blocks that repeat the
same labels: each block is one action (or objective) with its owner, dates and indicator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.dates import DateError, parse_date, parse_span
from pipeline.grid import Grid
from pipeline.model import Indicator, Initiative, PlanDate, Provenance
from pipeline.normalize.builder import NO_AREA, PlanBuilder
from pipeline.normalize.cells import cell_text, split_baseline
from pipeline.normalize.columns import ColumnMatcher
from pipeline.normalize.ledger import PLAN, Mark

ITEM_LABELS = ("initiative", "objective")
MIN_BLOCK_FIELDS = 3  # a block names at least its item and two other fields
MIN_BLOCKS = 2  # a single block of two-cell rows is more likely statements (Mission | …)
MIN_LONE_BLOCK_FIELDS = 4  # … unless it names its item and three more fields


@dataclass
class Record:
    """One block: field → (row, value column), labels no vocabulary knows kept as notes."""

    label_col: int
    rows: list[int] = field(default_factory=list)
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)
    notes: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def item(self) -> str | None:
        """The field the block is about: an initiative, else an objective."""
        return next((f for f in ITEM_LABELS if f in self.fields), None)


def _label_row(grid: Grid, r: int, matcher: ColumnMatcher) -> tuple[int, int, str | None] | None:
    """(label column, value column, field) of a row of two cells, a short label and its value."""
    cols = grid.filled(r)
    if len(cols) != 2 or any((r, c) in grid.copies for c in cols):
        return None
    label = grid.rows[r][cols[0]]
    if not isinstance(label, str) or len(label.split()) > 6:
        return None
    # A label names its field outright ('Pilote') or within a phrase ('Intitulé de l'action'): blocks
    # that repeat the same labels, not a word list, make the records.
    found = matcher.match(label.strip().rstrip(":"))
    return cols[0], cols[1], found.field if found is not None else None


def find_records(grid: Grid, matcher: ColumnMatcher) -> list[Record]:
    """The blocks of label/value rows of a sheet, where they read as records of actions."""
    blocks: list[Record] = []
    current: Record | None = None
    for r in range(len(grid.rows)):
        found = _label_row(grid, r, matcher)
        if found is None:
            current = None  # a blank row, or any other row, ends a block
            continue
        label_col, value_col, name = found
        if current is not None and (
            current.label_col != label_col or (name is not None and name in current.fields)
        ):
            current = None  # the first label again: the next record
        if current is None:
            current = Record(label_col)
            blocks.append(current)
        current.rows.append(r)
        label = cell_text(grid.rows[r][label_col]).rstrip(":").strip()
        if name is None or name == "other" or name in current.fields:
            current.notes[label] = (r, value_col)
        else:
            current.fields[name] = (r, value_col)
    kept = [b for b in blocks if b.item is not None and len(b.fields) >= MIN_BLOCK_FIELDS]
    if len(kept) >= MIN_BLOCKS or any(len(b.fields) >= MIN_LONE_BLOCK_FIELDS for b in kept):
        return kept
    return []


def _date(builder: PlanBuilder, grid: Grid, at: tuple[int, int], span: bool) -> tuple[PlanDate | None, ...]:
    r, c = at
    value = grid.rows[r][c]
    try:
        return parse_span(value) if span else (parse_date(value),)
    except DateError:
        source = Provenance(file=grid.file, sheet=grid.sheet, cell=grid.ref(r, c))
        text = cell_text(value)
        builder.report("READ004", "warning", builder.say("READ004", value=text), source)
        return (None, None) if span else (None,)


def place_records(builder: PlanBuilder, grid: Grid, records: list[Record], area_label: str) -> None:
    """Each record as an initiative (under its objective, or its area) or an objective; cells marked."""
    for record in records:

        def value(name: str, record: Record = record) -> str:
            at = record.fields.get(name)
            return cell_text(grid.rows[at[0]][at[1]]) if at else ""

        def source(name: str, record: Record = record) -> Provenance:
            r, c = record.fields[name]
            return Provenance(file=grid.file, sheet=grid.sheet, cell=grid.ref(r, c))

        area = value("area") or area_label
        item = record.item
        assert item is not None
        title = builder.text(value(item), source(item))
        indicator = None
        if value("kpi") or value("target"):
            name, inline = split_baseline(value("kpi"))
            indicator = Indicator(
                name=name,
                baseline=value("baseline") or inline,
                target=value("target") or None,
                source=source("kpi" if value("kpi") else "target"),
            )
        notes = {label: cell_text(grid.rows[r][c]) for label, (r, c) in record.notes.items()}
        if item == "objective":
            draft = builder.objective(area, title, value("ref") or None, source(item))
            if indicator is not None:
                draft.indicators.append(indicator)
            draft.notes.update(notes)
        else:
            start = (
                _date(builder, grid, record.fields["start"], False)[0] if "start" in record.fields else None
            )
            end = _date(builder, grid, record.fields["end"], False)[0] if "end" in record.fields else None
            if "timeline" in record.fields:
                span = _date(builder, grid, record.fields["timeline"], True)
                start, end = start or span[0], end or span[-1]
            initiative = Initiative(
                title=title,
                ref=value("ref") or None,
                owner=value("owner") or None,
                start=start,
                end=end,
                indicator=indicator,
                priority=value("priority") or None,
                resources=value("resources") or None,
                notes=notes,
                source=source(item),
            )
            if value("objective"):
                builder.objective(area, value("objective"), None, source("objective")).initiatives.append(
                    initiative
                )
            else:
                builder.area(area if area else NO_AREA, source(item)).initiatives.append(initiative)
        for r in record.rows:  # the label says which field the value went to; the value is placed
            builder.ledger.cells(grid, r, [record.label_col], Mark.HEADER)
            builder.ledger.cells(grid, r, None, PLAN)
