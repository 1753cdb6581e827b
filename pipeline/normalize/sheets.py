"""Workbook tables and loose rows → plan items (objectives, initiatives, SWOT, recommendations, ...)."""

from __future__ import annotations

import re
from functools import partial

from pipeline.dates import DateError, parse_date, parse_span
from pipeline.model import (
    Indicator,
    Initiative,
    Note,
    PlanDate,
    Provenance,
    Recommendation,
    Risk,
    Stakeholder,
    Statement,
    SwotItem,
)
from pipeline.normalize.builder import NO_AREA, PlanBuilder
from pipeline.normalize.cells import cell_text, split_ids, split_values
from pipeline.normalize.ledger import FINDING, PLAN
from pipeline.read.tables import QUADRANTS, Table, find_tables
from pipeline.read.workbook import Grid
from pipeline.text import fold, word_safe
from pipeline.vocab import vocabulary

_DEFERRED = {"deferred", "postponed", "aplazada", "aplazado", "postergada", "postergado",
             "diferida", "diferido", "reportee", "reporte", "differee", "differe", "later"}
_OBJECTIVE_LABEL = re.compile(
    r"^\s*(strategic objective|objective|goal|objetivo estrat[eé]gico|objetivo|objectif strat[eé]gique|"
    r"objectif|OE|OS|SO)\s*\d*(\.\d+)*\s*[:.\-–—]\s*", re.I)
_AREA_LABEL = re.compile(r"^\s*(key area|area clave|area|axe strategique|axe|eje|pillar|pilar)\s*:\s*",
                         re.I)


_FOOTNOTE = re.compile(r"^\s*(\*|\(\d+\)|\d\)\s|(note|nota|notes|source|fuente|n\.\s?b\.)\s*:)", re.I)


def add_workbook(builder: PlanBuilder, grids: list[Grid]) -> None:
    """Read every sheet of one workbook into the builder; the ledger records where each cell went."""
    for grid in grids:
        if grid.uncached:
            places = [Provenance(file=grid.file, sheet=grid.sheet, cell=ref) for ref in grid.uncached[:10]]
            builder.report("READ010", "warning", builder.say("READ010", count=len(grid.uncached)), *places,
                           hint=builder.say("READ010_hint"))
        layout = find_tables(grid)
        ledger = builder.ledger
        for table in layout.tables:
            _HANDLERS.get(table.kind, _unknown_table)(builder, table)
            if table.kind != "plan" and table.extra:
                _extra_columns_not_kept(builder, table)
            for r in table.header_rows:
                ledger.cells(grid, r, None, "ignored:header")
            rows_above = sorted({r for r, _, _ in table.preamble})
            titles = [r for r in rows_above if len(_filled(grid, r)) == 1]
            for r in titles:
                ledger.cells(grid, r, None, "ignored:title")
            _loose_rows(builder, grid, [r for r in rows_above if r not in titles], title_first=False)
        _loose_rows(builder, grid, layout.loose, title_first=not layout.tables)


def _filled(grid: Grid, r: int) -> list[int]:
    return [c for c, v in enumerate(grid.rows[r]) if v != ""]


def _row_source(grid: Grid, r: int, cols: list[int]) -> Provenance:
    cols = sorted(cols) or [0]
    first, last = grid.ref(r, cols[0]), grid.ref(r, cols[-1])
    return Provenance(file=grid.file, sheet=grid.sheet, cell=first if first == last else f"{first}:{last}")


def _cell_source(grid: Grid, r: int, c: int) -> Provenance:
    return Provenance(file=grid.file, sheet=grid.sheet, cell=grid.ref(r, c))


def _note_key(header: str) -> str:
    """An extra column's header as the note's name ('Note: Budget line' → 'Budget line', as exported)."""
    return re.sub(r"^\s*(note|nota)\s*:\s*", "", header, flags=re.I) or header


class _Row:
    """One data row read through its table's header: `row['owner']` is the owner's text."""

    __slots__ = ("_source", "col", "cols", "extra", "grid", "r", "raw", "table", "text")

    def __init__(self, builder: PlanBuilder, table: Table, r: int) -> None:
        self.table, self.r, self.grid = table, r, table.grid
        values = table.grid.rows[r]
        self.cols = [c for c, v in enumerate(values) if v != ""]
        self._source: Provenance | None = None
        self.raw: dict[str, object] = {}
        self.text: dict[str, str] = {}
        self.col: dict[str, int] = {}
        width = len(values)
        for c, name in table.fields.items():
            if c < width and (value := values[c]) != "":
                text, removed = word_safe(cell_text(value))
                if removed:
                    builder.removed_characters(removed, _cell_source(self.grid, r, c))
                if name in self.text:
                    self.text[name] = f"{self.text[name]}\n{text}"
                else:
                    self.raw[name], self.col[name], self.text[name] = value, c, text
        self.extra = {_note_key(table.extra[c]): cell_text(values[c]) for c in table.extra
                      if c < width and values[c] != ""} if table.extra else {}

    @property
    def source(self) -> Provenance:
        """The row's cells, first to last (made on first use)."""
        if self._source is None:
            self._source = _row_source(self.grid, self.r, self.cols)
        return self._source

    def __getitem__(self, name: str) -> str:
        return self.text.get(name, "")

    def cell(self, name: str) -> Provenance:
        return _cell_source(self.grid, self.r, self.col[name]) if name in self.col else self.source


def _context_area(builder: PlanBuilder, table: Table) -> str:
    """The area a table without an Area column belongs to: a heading above it, or the sheet name."""
    for r, c, text in reversed(table.preamble):
        label = _AREA_LABEL.sub("", text).strip()
        if builder.names_area(label):
            builder.ledger.cells(table.grid, r, [c], PLAN)  # the heading that names the area
            return label
    if builder.names_area(table.grid.sheet):
        return table.grid.sheet
    for r, c, text in reversed(table.preamble):
        if _AREA_LABEL.match(text):  # "Key area: Infrastructure" names an area nobody configured
            builder.ledger.cells(table.grid, r, [c], PLAN)
            return _AREA_LABEL.sub("", text).strip()
    return NO_AREA


def _dates(builder: PlanBuilder, row: _Row) -> tuple[PlanDate | None, PlanDate | None, dict[str, str]]:
    """Start and end from Start/End/Timeline cells, and the cells that could not be read as dates."""
    start = end = None
    unread: dict[str, str] = {}
    for name in ("start", "end", "timeline"):
        if name not in row.raw:
            continue
        try:
            if name == "timeline":
                span = parse_span(row.raw[name])
                start, end = start or span[0], end or span[1]
            elif name == "start":
                start = parse_date(row.raw[name])
            else:
                end = parse_date(row.raw[name])
        except DateError:
            unread[name.capitalize()] = row[name]
            builder.report("READ004", "warning", builder.say("READ004", value=row[name]), row.cell(name),
                           hint=builder.say("READ004_hint"))
    return start, end, unread


def _plan_table(builder: PlanBuilder, table: Table) -> None:
    context = _context_area(builder, table) if "area" not in table.fields.values() else NO_AREA
    carried: dict[str, str] = {}
    fields = set(table.fields.values())
    for r in table.rows:
        row = _Row(builder, table, r)
        if _footnote(builder, row):
            continue
        if section := _section_row(builder, row, fields):
            carried[section[0]] = section[1]
            builder.ledger.cells(table.grid, r, None, PLAN)
            continue
        for name in ("area", "objective"):  # blank under a filled cell means "same as above"
            if row[name]:
                carried[name] = row[name]
            elif name in carried and row["initiative"]:
                row.text[name] = carried[name]
        if not row["objective"] and not row["initiative"]:
            _unplaced_row(builder, row)
            continue
        builder.ledger.cells(table.grid, r, None, PLAN)
        area = row["area"] or context
        objective_title = row["objective"] or row["initiative"]
        objective_ref = None if row["initiative"] else row["ref"] or None
        draft = builder.objective(area, objective_title, objective_ref, partial(row.cell, "objective"))
        notes = dict(row.extra)
        indicator = None
        if row["kpi"] or row["baseline"] or row["target"]:
            indicator = Indicator(name=row["kpi"], baseline=row["baseline"] or None,
                                  target=row["target"] or None, source=row.source)
        cites = split_ids(row["recommendation"]) if row["recommendation"] else []
        if not row["objective"]:
            builder.report("READ005", "warning", builder.say("READ005"), row.source,
                           hint=builder.say("READ005_hint"))
        if not row["initiative"]:
            if indicator is not None:
                draft.indicators.append(indicator)
            draft.cites.extend(cites)
            continue
        start, end, unread = _dates(builder, row)
        notes.update(unread)
        draft.initiatives.append(Initiative(
            title=row["initiative"], ref=row["ref"] or None, owner=row["owner"] or None,
            start=start, end=end, indicator=indicator, priority=row["priority"] or None,
            resources=row["resources"] or None, cites=cites,
            notes={**notes, **({"Notes": row["notes"]} if row["notes"] else {})},
            source=row.source))
    unexpected = {c: h for c, h in table.extra.items() if _note_key(h) == h}  # 'Note: …' columns are notes
    if unexpected:
        names = ", ".join(f"'{h}'" for h in unexpected.values())
        builder.report("READ003", "info", builder.say("READ003", names=names),
                       _row_source(table.grid, table.header_rows[0], list(unexpected)))


def _section_row(builder: PlanBuilder, row: _Row, fields: set[str]) -> tuple[str, str] | None:
    """A row of one typed cell that opens a group: 'Key area: Legal …' or 'Objective 2: …'.

    Objectives are read so only where the table has no Objective column; the cell is often merged
    across the table's width.
    """
    originals = [c for c in row.cols if (row.r, c) not in row.grid.copies]
    if len(originals) != 1:
        return None
    text = cell_text(row.grid.rows[row.r][originals[0]])
    if "area" not in fields and (m := _AREA_LABEL.match(text)) and text[m.end():].strip():
        return "area", text[m.end():].strip()
    merged = len(row.cols) > 1
    if "objective" not in fields and ((m := _OBJECTIVE_LABEL.match(text)) or merged):
        return "objective", text[m.end():].strip() if m else text
    return None


def _footnote(builder: PlanBuilder, row: _Row) -> bool:
    """A row holding one typed cell such as '* Votes are dots' or 'Source: ...': ignored, and counted."""
    originals = [c for c in row.cols if (row.r, c) not in row.grid.copies]
    if len(originals) == 1 and _FOOTNOTE.match(cell_text(row.grid.rows[row.r][originals[0]])):
        builder.ledger.cells(row.grid, row.r, None, "ignored:footnote")
        return True
    return False


def _unplaced_row(builder: PlanBuilder, row: _Row) -> None:
    """A table row that holds no item: a footnote is ignored (and counted), anything else reported."""
    if _footnote(builder, row):
        return
    values = [cell_text(row.grid.rows[row.r][c]) for c in row.cols]
    builder.ledger.cells(row.grid, row.r, None, FINDING)
    builder.report("READ002", "warning", builder.say("READ002", values=" | ".join(values)[:200]), row.source,
                   hint=builder.say("READ002_hint"))


def _recommendations(builder: PlanBuilder, table: Table) -> None:
    for n, r in enumerate(table.rows, start=1):
        row = _Row(builder, table, r)
        if not row["recommendation"]:
            _unplaced_row(builder, row)
            continue
        status = fold(row["status"])
        deferred = None
        if status and (set(status.split()) & _DEFERRED):
            deferred = row["reason"] or row["status"]
        builder.ledger.cells(table.grid, r, list(table.fields), PLAN)
        builder.recommendations.append(Recommendation(
            id=row["ref"] or f"{table.grid.sheet}-{n}", text=row["recommendation"],
            origin=row["source"] or None, area=row["area"] or None, deferred=deferred,
            source=row.source))


def _swot(builder: PlanBuilder, table: Table) -> None:
    for r in table.rows:
        values = table.grid.rows[r]
        for c, name in table.fields.items():
            if name in QUADRANTS and c < len(values) and values[c] != "":
                builder.ledger.cells(table.grid, r, [c], PLAN)
                source = _cell_source(table.grid, r, c)
                builder.swot.append(SwotItem(quadrant=name, text=builder.text(cell_text(values[c]), source),
                                             source=source))


def _statement(builder: PlanBuilder, label: str, text: str, validated: str, source: Provenance) -> bool:
    """A labelled line (Mission | text, Value | text, Threat | text, Decision | text, ...), placed."""
    vocab = vocabulary()
    kind = vocab.statements.get(fold(label)) or vocab.sections.get(fold(label))
    if kind is None or not text:
        return False
    if kind in ("mission", "vision", "values"):
        ok = fold(validated) in vocab.validated if validated else False
        texts = split_values(text) if kind == "values" else [text]
        for item in texts:
            builder.statements[kind].append(Statement(text=item, validated=ok, source=source))
    elif kind in QUADRANTS:
        builder.swot.append(SwotItem(quadrant=kind, text=text, source=source))
    elif kind in ("decisions", "open_questions", "workshop"):
        builder.notes[kind].append(Note(text=text, source=source))
    elif kind == "risks":
        builder.risks.append(Risk(text=text, source=source))
    elif kind == "stakeholders":
        builder.stakeholders.append(Stakeholder(name=text, source=source))
    else:
        return False
    return True


def _statements(builder: PlanBuilder, table: Table) -> None:
    for r in table.rows:
        row = _Row(builder, table, r)
        if _statement(builder, row["statement"], row["text"], row["validated"], row.cell("text")):
            builder.ledger.cells(table.grid, r, list(table.fields), PLAN)
        else:
            _unplaced_row(builder, row)


def _risks(builder: PlanBuilder, table: Table) -> None:
    for r in table.rows:
        row = _Row(builder, table, r)
        if not row["risk"]:
            _unplaced_row(builder, row)
            continue
        builder.ledger.cells(table.grid, r, list(table.fields), PLAN)
        builder.risks.append(Risk(text=row["risk"], likelihood=row["likelihood"] or None,
                                  impact=row["impact"] or None, mitigation=row["mitigation"] or None,
                                  owner=row["owner"] or None, source=row.source))


def _stakeholders(builder: PlanBuilder, table: Table) -> None:
    for r in table.rows:
        row = _Row(builder, table, r)
        if not row["stakeholder"]:
            _unplaced_row(builder, row)
            continue
        builder.ledger.cells(table.grid, r, list(table.fields), PLAN)
        builder.stakeholders.append(Stakeholder(name=row["stakeholder"], interest=row["interest"] or None,
                                                engagement=row["engagement"] or None, source=row.source))


def _unknown_table(builder: PlanBuilder, table: Table) -> None:
    headers = [cell_text(table.grid.rows[table.header_rows[0]][c]) for c in sorted(table.fields)]
    rows = [cell_text(v) for r in table.rows for v in table.grid.rows[r] if v != ""]
    for r in (*table.header_rows, *table.rows):
        builder.ledger.cells(table.grid, r, None, FINDING)
    builder.report("READ009", "warning", builder.say("READ009", headers=", ".join(headers), count=len(rows)),
                   _row_source(table.grid, table.header_rows[0], list(table.fields)),
                   hint=builder.say("READ009_hint"))


def _extra_columns_not_kept(builder: PlanBuilder, table: Table) -> None:
    filled = [r for r in table.rows if any(c < len(table.grid.rows[r]) and table.grid.rows[r][c] != ""
                                           for c in table.extra)]
    for r in filled:
        builder.ledger.cells(table.grid, r, list(table.extra), FINDING)
    if filled:
        names = ", ".join(f"'{h}'" for h in table.extra.values())
        kind = builder.say(f"word_{table.kind}")
        builder.report("READ003", "info", builder.say("READ003_other", names=names, kind=kind),
                       *[_row_source(table.grid, r, list(table.extra)) for r in filled[:10]],
                       hint=builder.say("READ003_other_hint"))


def _loose_rows(builder: PlanBuilder, grid: Grid, rows: list[int], *, title_first: bool) -> None:
    """Rows outside tables: label-value statements (Mission | text), a sheet title, or a finding."""
    unplaced: list[int] = []
    for n, r in enumerate(rows):
        cols = _filled(grid, r)
        texts = [cell_text(grid.rows[r][c]) for c in cols]
        source = _row_source(grid, r, cols)
        if len(texts) >= 2 and _statement(builder, texts[0], builder.text(texts[1], source),
                                          texts[2] if len(texts) > 2 else "", source):
            builder.ledger.cells(grid, r, None, PLAN)
        elif title_first and n == 0 and len(texts) == 1:
            builder.ledger.cells(grid, r, None, "ignored:title")  # the sheet's own heading
        else:
            builder.ledger.cells(grid, r, None, FINDING)
            unplaced.append(r)
    if unplaced:
        cells = sum(len(_filled(grid, r)) for r in unplaced)
        sample = " | ".join(cell_text(v) for v in grid.rows[unplaced[0]] if v != "")[:120]
        message = builder.say("READ006", cells=cells, rows=len(unplaced), sample=sample)
        places = [_row_source(grid, r, _filled(grid, r)) for r in unplaced[:10]]
        builder.report("READ006", "info", message, *places, hint=builder.say("READ006_hint"))


_HANDLERS = {
    "plan": _plan_table, "recommendations": _recommendations, "swot": _swot,
    "statements": _statements, "risks": _risks, "stakeholders": _stakeholders,
}
