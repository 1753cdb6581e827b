"""Workbook tables and loose rows → plan items (objectives, initiatives, indicators, SWOT, …)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.dates import DateError, PeriodLabel, parse_date, parse_span
from pipeline.grid import Grid
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
from pipeline.normalize.builder import NO_AREA, ObjectiveDraft, PlanBuilder
from pipeline.normalize.cells import cell_text, prefixed, split_baseline, split_ids, split_values
from pipeline.normalize.columns import ColumnMatcher
from pipeline.normalize.evidence import closest_items
from pipeline.normalize.ledger import FINDING, PLAN, Mark
from pipeline.normalize.records import find_records, place_records
from pipeline.normalize.tables import Table, TableKind, find_tables
from pipeline.text import fold, word_safe
from pipeline.vocab import QUADRANTS, vocabulary

_HEADING_PARTS = re.compile(r"\s*[–—|]\s*|\s+-\s+")
_FOOTNOTE_MARK = re.compile(r"^\s*(\*|\(\d+\)|\d\)\s)")
MAX_TITLE_WORDS = 15  # a single cell above a table longer than this is content, not a title
MAX_AREA_WORDS = 8  # a heading that names an area is short; a sentence is never an area label
# Fields the plan-table reader uses; any other field of a row is kept as a note on its item.
_PLAN_FIELDS = frozenset(
    {
        "area",
        "objective",
        "initiative",
        "level",
        "owner",
        "start",
        "end",
        "timeline",
        "kpi",
        "baseline",
        "target",
        "priority",
        "resources",
        "ref",
        "recommendation",
        "kpi_ref",
        "notes",
        "captured",
        "text",
    }
)
_INDICATOR_FIELDS = frozenset({"area", "kpi", "ref", "baseline", "target", "owner", "captured"})


def add_workbook(builder: PlanBuilder, grids: list[Grid], matcher: ColumnMatcher) -> None:
    """Read every sheet of one workbook into the builder; the ledger records where each cell went."""
    items = 0
    for grid in grids:
        if grid.uncached:
            places = [Provenance(file=grid.file, sheet=grid.sheet, cell=ref) for ref in grid.uncached[:10]]
            builder.report(
                "READ010",
                "warning",
                builder.say("READ010", count=len(grid.uncached)),
                *places,
                hint=builder.say("READ010_hint"),
            )
        records = find_records(grid, matcher)
        layout = find_tables(grid, matcher, frozenset(r for record in records for r in record.rows))
        if records:
            place_records(builder, grid, records, _sheet_area(builder, grid) or NO_AREA)
            items += len(records)
        for table in layout.tables:
            context = _context(builder, table)
            _HANDLERS.get(table.kind, _unknown_table)(builder, table, context)
            items += table.kind in (TableKind.PLAN, TableKind.INDICATORS)
            if table.kind not in (TableKind.PLAN, TableKind.INDICATORS, TableKind.SWOT):
                _columns_not_kept(builder, table)
            for r in table.header_rows:
                builder.ledger.cells(grid, r, None, Mark.HEADER)
            rows_above = sorted({r for r, _, _ in table.preamble})
            stated = _labelled_statements(builder, grid, rows_above)
            rows_above = [r for r in rows_above if r not in stated]
            titles = [r for r in rows_above if _is_title(grid, r)]
            for r in titles:
                builder.ledger.cells(grid, r, None, Mark.TITLE)
            _loose_rows(builder, grid, [r for r in rows_above if r not in titles], title_first=False)
        stated = _labelled_statements(builder, grid, layout.loose)
        loose = [r for r in layout.loose if r not in stated]
        _loose_rows(builder, grid, loose, title_first=not layout.tables)
    if grids and not items:
        account, _ = builder.ledger.workbook_account(grids[0].file, grids)
        if not account.placed or account.in_findings:  # a SWOT or recommendations workbook read whole is fine
            _no_plan_table(builder, grids, matcher)


MIN_STATEMENT_WORDS = 4  # the text under a 'MISSION' label is a sentence, not another label


def _labelled_statements(builder: PlanBuilder, grid: Grid, rows: list[int]) -> set[int]:
    """Statements written on a sheet as notes write them: a cell 'Vision: To be …', or a cell
    'MISIÓN' with its text in the next row; placed, and their rows returned."""
    statements = vocabulary().statements
    done: set[int] = set()
    for i, r in enumerate(rows):
        cols = grid.filled(r)
        if r in done or len(cols) != 1:
            continue
        source = _cell_source(grid, r, cols[0])
        text = cell_text(grid.rows[r][cols[0]])
        label, colon, rest = text.partition(":")
        if colon and rest.strip() and fold(label) in statements:
            _statement(builder, label, builder.text(rest.strip(), source), "", source)
            done.add(r)
            continue
        below = rows[i + 1] if i + 1 < len(rows) else None
        if fold(text) not in statements or below is None or below > r + 2 or len(grid.filled(below)) != 1:
            continue
        (c,) = grid.filled(below)
        body = cell_text(grid.rows[below][c])
        if len(body.split()) >= MIN_STATEMENT_WORDS:
            place = _cell_source(grid, below, c)
            _statement(builder, text, builder.text(body, place), "", place)
            done.update((r, below))
    for r in done:
        builder.ledger.cells(grid, r, None, PLAN)
    return done


def _is_title(grid: Grid, r: int) -> bool:
    cols = grid.filled(r)
    return len(cols) == 1 and len(cell_text(grid.rows[r][cols[0]]).split()) <= MAX_TITLE_WORDS


def _row_source(grid: Grid, r: int, cols: list[int]) -> Provenance:
    cols = sorted(cols) or [0]
    first, last = grid.ref(r, cols[0]), grid.ref(r, cols[-1])
    return Provenance(file=grid.file, sheet=grid.sheet, cell=first if first == last else f"{first}:{last}")


def _cell_source(grid: Grid, r: int, c: int) -> Provenance:
    return Provenance(file=grid.file, sheet=grid.sheet, cell=grid.ref(r, c))


def _note_key(header: str) -> str:
    """An extra column's header as the note's name ('Note: Budget line' → 'Budget line', as exported)."""
    return re.sub(r"^\s*(note|nota)\s*:\s*", "", header, flags=re.I) or header


def _is_mark(value: object) -> bool:
    """Whether a work-plan cell marks its period ('X', '✓', '•', a filled cell's 1)."""
    text = cell_text(value)
    marks = vocabulary().marks
    return value is True or text in marks or fold(text) in marks


class _Row:
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
                    builder.removed_characters(removed, _cell_source(self.grid, r, c))
                if name not in consumed or name == "kpi_ref":  # 'Linked KPIs' shown with the item too
                    self.notes[_note_key(self._header_text(c))] = text
                if name not in consumed:
                    continue
                if name in self.text:
                    self.text[name] = f"{self.text[name]}\n{text}"
                else:
                    self.raw[name], self.col[name], self.text[name] = value, c, text
        for columns in (header.notes, header.extra):
            for c, head in columns.items():
                if c < width and values[c] != "":
                    self.notes[_note_key(head)] = cell_text(values[c])
        for c, (_, label) in header.series.items():
            if c < width and values[c] != "":
                self.series[label] = cell_text(values[c])
        for c, period in header.periods.items():
            if c < width and values[c] != "":
                if not header.values_by_period and _is_mark(values[c]):
                    self.marks.append(period)
                else:
                    self.series[self._header_text(c)] = cell_text(values[c])

    def _header_text(self, c: int) -> str:
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
            self._source = _row_source(self.grid, self.r, self.cols)
        return self._source

    def __getitem__(self, name: str) -> str:
        return self.text.get(name, "")

    def cell(self, name: str) -> Provenance:
        return _cell_source(self.grid, self.r, self.col[name]) if name in self.col else self.source

    def originals(self) -> list[int]:
        """The row's cells a person typed (merged-range copies left out)."""
        return [c for c in self.cols if (self.r, c) not in self.grid.copies]

    def copied(self, name: str) -> bool:
        """Whether a field's cell holds a merged range's copy of a cell above or beside it."""
        return name in self.col and (self.r, self.col[name]) in self.grid.copies

    def spans_down(self, name: str) -> bool:
        """Whether a field's cell is merged down over the rows below it."""
        return name in self.col and (self.r + 1, self.col[name]) in self.grid.copies


@dataclass
class _Context:
    """What stands above a table: the area it belongs to, and an objective heading it serves."""

    area: str
    objective: str | None = None


def _names_area(builder: PlanBuilder, text: str, *, exact: bool = False) -> bool:
    """Whether a short heading names a configured area (`exact`: by name, alias or abbreviation)."""
    if len(text.split()) > MAX_AREA_WORDS or text.rstrip().endswith("."):
        return False
    return builder.names_area(text, exact=exact)


def _area_heading(builder: PlanBuilder, text: str) -> str | None:
    """The area a heading above a table names: 'Group 1 — Key area: Legal …', 'Eje 2 | Gestión', 'HR'."""
    for n, part in enumerate((text, *_HEADING_PARTS.split(text))):
        found = prefixed(part, ("area",))
        if found is not None and found[1]:
            return found[1]
        if _names_area(builder, part, exact=n > 0):
            return part.strip()
    return None


def _context(builder: PlanBuilder, table: Table) -> _Context:
    """The area a table without an Area column belongs to (a heading above it, or the sheet name), and
    the goal and objective lines above it ('Overall Objective: …', 'Objective 2: …'), placed."""
    grid = table.grid
    area: str | None = None
    objective: str | None = None
    goals: list[tuple[int, int, str]] = []
    if table.kind not in (TableKind.PLAN, TableKind.INDICATORS):
        return _Context(NO_AREA)
    has_area_column = "area" in table.fields.values()
    for r, c, text in reversed(table.preamble):
        found = prefixed(text, ("goal", "area", "objective"))
        if found is not None and found[1]:
            kind, rest = found
            if kind == "goal":
                goals.append((r, c, rest))
            elif kind == "area" and area is None:
                area = rest
            elif kind == "objective" and objective is None and area is None:
                objective = rest
            else:
                continue
            builder.ledger.cells(grid, r, [c], PLAN)
        elif area is None and not has_area_column and (label := _area_heading(builder, text)) is not None:
            area = label
            builder.ledger.cells(grid, r, [c], PLAN)
    if area is None and not has_area_column:
        area = _sheet_area(builder, grid)
    area = area or NO_AREA
    for r, c, text in reversed(goals):
        goal = Statement(text=builder.text(text, _cell_source(grid, r, c)), source=_cell_source(grid, r, c))
        if area != NO_AREA:
            builder.area(area, goal.source).goals.append(goal)
        else:
            builder.goals.append(goal)
    return _Context(area, objective)


def _sheet_area(builder: PlanBuilder, grid: Grid) -> str | None:
    """The area a sheet's name gives ('Área: Legal', or a configured area's name), or None."""
    sheet = prefixed(grid.sheet, ("area",))
    return sheet[1] if sheet and sheet[1] else grid.sheet if _names_area(builder, grid.sheet) else None


def _dates(builder: PlanBuilder, row: _Row) -> tuple[PlanDate | None, PlanDate | None, dict[str, str]]:
    """Start and end from Start/End/Timeline cells or marked periods, and the cells not read as dates."""
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
            builder.report(
                "READ004",
                "warning",
                builder.say("READ004", value=row[name]),
                row.cell(name),
                hint=builder.say("READ004_hint"),
            )
    if row.marks and start is None and end is None:
        first_year = builder.config.period.start
        start, end = row.marks[0].dates(first_year)[0], row.marks[-1].dates(first_year)[1]
    return start, end, unread


def _indicator(row: _Row, **extra: str | None) -> Indicator | None:
    """The indicator a row gives (KPI, baseline, target, values by year or milestone), or None.

    An indicator merged down over several rows is the first row's: the rows below repeat it.
    """
    if not (row["kpi"] or row["baseline"] or row["target"] or row.series):
        return None
    if all(row.copied(name) for name in ("kpi", "baseline", "target") if row[name]) and not row.series:
        return None
    kinds = {label: name for name, label in row.table.header.series.values()}
    targets = [v for label, v in row.series.items() if kinds.get(label) != "actual"]
    actuals = [v for label, v in row.series.items() if kinds.get(label) == "actual"]
    name, inline = split_baseline(row["kpi"])
    return Indicator(
        name=name,
        baseline=row["baseline"] or inline or (actuals[-1] if actuals else None),
        target=row["target"] or (targets[-1] if targets else None),
        series=row.series,
        source=row.source,
        **extra,
    )


def _level(row: _Row) -> tuple[str, str]:
    """A logframe row's level ('goal', 'objective' or 'initiative') and its text."""
    text = row["level"]
    found = prefixed(text, ("goal", "objective", "initiative"))
    if found is not None and found[1]:
        return found
    bare = prefixed(text + ":", ("goal", "objective", "initiative"))  # 'Outcome 1' in its own column
    body = row["text"] or row["objective"] or row["initiative"]
    if bare is not None and body:
        return bare[0], body
    return "initiative", text


def _plan_table(builder: PlanBuilder, table: Table, context: _Context) -> None:
    fields = set(table.fields.values())
    area_label = context.area
    objective: str | None = context.objective
    for r in table.rows:
        row = _Row(builder, table, r, _PLAN_FIELDS)
        if _footnote(builder, row):
            continue
        if section := _section_row(row, fields):
            kind, text = section
            if kind == "area":
                area_label, objective = text, None
            elif kind == "goal":
                builder.area(area_label, row.source).goals.append(Statement(text=text, source=row.source))
            else:
                objective = text
                builder.objective(area_label, text, None, row.source)
            builder.ledger.cells(table.grid, r, None, PLAN)
            continue
        if row["area"] and row["area"] != area_label:
            area_label, objective = row["area"], None
        level, title = ("initiative", row["initiative"])
        if "level" in fields and row["level"]:
            level, title = _level(row)
        elif row["objective"]:
            objective = row["objective"]
            level = "initiative" if row["initiative"] else "objective"
            title = row["initiative"] or row["objective"]
        if not title:
            _unplaced_row(builder, row)
            continue
        builder.ledger.cells(table.grid, r, None, PLAN)
        _plan_row(
            builder,
            row,
            area_label,
            objective if level == "initiative" else title,
            level,
            title,
            has_objectives="objective" in fields or "level" in fields,
        )
        if level == "objective":
            objective = title
    _unknown_columns(builder, table)


def _plan_row(
    builder: PlanBuilder,
    row: _Row,
    area_label: str,
    objective: str | None,
    level: str,
    title: str,
    *,
    has_objectives: bool,
) -> None:
    """Place one plan row: a goal, an objective (with its KPI), or an initiative under its objective
    or, where there is none, directly under its area."""
    area = builder.area(area_label, row.cell("area"))
    cites = split_ids(row["recommendation"]) if row["recommendation"] else []
    if level == "goal":
        area_or_plan = builder.goals if area_label == NO_AREA else area.goals
        area_or_plan.append(Statement(text=title, source=row.source))
        if (goal_kpi := _indicator(row, ref=row["ref"] or None)) is not None:
            goal_kpi = goal_kpi.model_copy(update={"notes": row.notes})  # means of verification …
            (builder.indicators if area_label == NO_AREA else area.indicators).append(goal_kpi)
        elif row.notes:
            _notes_not_kept(builder, row)
        return
    draft: ObjectiveDraft | None = None
    if objective:
        ref = row["ref"] or None if level == "objective" else None
        draft = builder.objective(area_label, objective, ref, lambda: row.cell("objective"))
    indicator = _indicator(row)
    if row["kpi_ref"]:
        builder.link_indicators(split_ids(row["kpi_ref"]), area, draft, row["ref"] or title)
    if level == "objective":
        assert draft is not None
        if indicator is not None:
            draft.indicators.append(indicator)
        draft.cites.extend(cites)
        draft.notes.update(row.notes)
        return
    if indicator is not None and draft is not None and row.spans_down("kpi"):
        draft.indicators.append(indicator)  # merged down its initiatives: the objective's indicator
        indicator = None
    start, end, unread = _dates(builder, row)
    initiative = Initiative(
        title=title,
        ref=row["ref"] or None,
        owner=row["owner"] or None,
        start=start,
        end=end,
        indicator=indicator,
        priority=row["priority"] or None,
        resources=row["resources"] or None,
        cites=cites,
        notes={**row.notes, **unread, **({"Notes": row["notes"]} if row["notes"] else {})},
        source=row.source,
    )
    if draft is not None:
        draft.initiatives.append(initiative)
        return
    if has_objectives:
        builder.report(
            "READ005", "warning", builder.say("READ005"), row.source, hint=builder.say("READ005_hint")
        )
    area.initiatives.append(initiative)


def _notes_not_kept(builder: PlanBuilder, row: _Row) -> None:
    """A goal row's other columns (assumptions, sources) where the goal has no indicator to hold them."""
    header = row.table.header
    cols = [c for c in (*header.notes, *header.extra) if c in row.cols and (row.r, c) not in row.grid.copies]
    builder.ledger.cells(row.grid, row.r, cols, FINDING, replace=True)
    names = ", ".join(f"'{row._header_text(c)}'" for c in cols)
    builder.report(
        "READ003",
        "info",
        builder.say("READ003_other", names=names, kind=builder.say("word_goal")),
        _row_source(row.grid, row.r, cols),
        hint=builder.say("READ003_other_hint"),
    )


def _unknown_columns(builder: PlanBuilder, table: Table) -> None:
    unexpected = {c: h for c, h in table.extra.items() if _note_key(h) == h}  # 'Note: …' columns are notes
    if unexpected:
        names = ", ".join(f"'{h}'" for h in unexpected.values())
        builder.report(
            "READ003",
            "info",
            builder.say("READ003", names=names),
            _row_source(table.grid, table.header_rows[0], list(unexpected)),
        )


def _section_row(row: _Row, fields: set[str]) -> tuple[str, str] | None:
    """A row that opens a group instead of holding an item: ('area' | 'objective' | 'goal', text).

    A row of one typed cell merged across the table ('Axe 1 : …', 'Pillar 2 – …', a bare
    'Trade facilitation'), or whose only typed cells stand left of the item columns with those empty
    (`3 | Programme 3 | | |`), opens the area or objective it names: by its prefix where it has one,
    else the level the table has no column for (objectives first), else an area. A lone cell in an
    item column is an item (`1. Guide on …` under the row it refines), never a section.
    """
    originals = row.originals()
    if not originals or "level" in fields:
        return None
    header = row.table.fields
    levels = [c for c, f in header.items() if f in ("objective", "initiative")]
    first_level = min(levels, default=None)
    r, values, copies = row.r, row.grid.rows[row.r], row.grid.copies
    o = originals[0]
    across = (
        len(originals) == 1 and (r, o + 1) in copies and o + 1 < len(values) and values[o + 1] == values[o]
    )
    left = (
        first_level is not None
        and len(originals) <= 2
        and all(c < first_level and header.get(c) != "area" for c in originals)
        and not any(row[f] for f in ("objective", "initiative") if f in fields and not row.copied(f))
    )
    if not across and not left:
        if len(originals) == 1:  # 'Objective 2: …' typed alone in a table with no Objective column
            kinds = tuple(k for k in ("area", "objective") if k not in fields)
            found = prefixed(cell_text(values[o]), (*kinds, "goal")) if kinds else None
            if found is not None and found[1]:
                return found
        return None
    texts = [cell_text(values[c]) for c in originals]
    text = texts[-1]
    for candidate in (": ".join(texts), text):
        found = prefixed(candidate, ("area", "objective", "goal"))
        if found is not None and found[1]:
            return found
    if len(texts) > 1 and not _CODE_LABEL.match(texts[0]):
        text = " ".join(texts)
    return ("objective" if "objective" not in fields else "area"), text


_CODE_LABEL = re.compile(
    r"^\s*[A-Za-z]{0,12}\s?[\dIVXivx]+(?:[.\-]\d+)*[.)]?\s*$"
)  # '3', '1.2', 'Axe 1', 'II'


def _footnote(builder: PlanBuilder, row: _Row) -> bool:
    """A row holding one typed cell such as '* Votes are dots' or 'Source: ...': ignored, and counted."""
    originals = row.originals()
    if len(originals) != 1:
        return False
    text = cell_text(row.grid.rows[row.r][originals[0]])
    if _FOOTNOTE_MARK.match(text) or prefixed(text, ("footnote",)):
        builder.ledger.cells(row.grid, row.r, None, Mark.FOOTNOTE)
        return True
    return False


def _unplaced_row(builder: PlanBuilder, row: _Row) -> None:
    """A table row that holds no item: a footnote is ignored (and counted), anything else reported."""
    if _footnote(builder, row):
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


def _indicators(builder: PlanBuilder, table: Table, context: _Context) -> None:
    """A register of indicators (`ID | KPI | Target | Current`): linked by id, else kept where read."""
    area_label = context.area
    for r in table.rows:
        row = _Row(builder, table, r, _INDICATOR_FIELDS)
        if not row["kpi"]:
            _unplaced_row(builder, row)
            continue
        area_label = row["area"] or area_label
        indicator = _indicator(row, ref=row["ref"] or None, owner=row["owner"] or None)
        assert indicator is not None
        indicator = indicator.model_copy(update={"notes": row.notes})
        builder.ledger.cells(table.grid, r, None, PLAN)
        if context.objective:  # an 'OBJECTIF 1 : …' heading above the indicators' table
            builder.objective(area_label, context.objective, None, row.source).indicators.append(indicator)
        else:
            builder.register_indicator(area_label if area_label != NO_AREA else None, indicator, row.source)


def _recommendations(builder: PlanBuilder, table: Table, _: _Context) -> None:
    deferred_words = vocabulary().deferred
    for n, r in enumerate(table.rows, start=1):
        row = _Row(builder, table, r, frozenset(table.fields.values()))
        if not row["recommendation"]:
            _unplaced_row(builder, row)
            continue
        status = fold(row["status"])
        deferred = None
        if status and (set(status.split()) & deferred_words or status in deferred_words):
            deferred = row["reason"] or row["status"]
        builder.ledger.cells(table.grid, r, list(table.fields), PLAN)
        builder.recommendations.append(
            Recommendation(
                id=row["ref"] or f"{table.grid.sheet}-{n}",
                text=row["recommendation"],
                origin=row["source"] or None,
                area=row["area"] or None,
                deferred=deferred,
                source=row.source,
            )
        )


def _quadrant(label: str) -> str | None:
    from pipeline.normalize.notes import section_of

    found = section_of(label)
    return found if found in QUADRANTS else None


def _swot(builder: PlanBuilder, table: Table, _: _Context) -> None:
    """Quadrants as columns (`Strengths | Weaknesses …`), or as labels in a column merged down the rows
    (`ANÁLISIS | VARIABLES Y/O FACTORES | INCIDENCIA`, 'Fortalezas' … 'Amenazas')."""
    grid = table.grid
    if "quadrant" in table.fields.values():
        for r in table.rows:
            row = _Row(builder, table, r, frozenset({"quadrant", "factor", "text"}))
            quadrant, text = _quadrant(row["quadrant"]), row["factor"] or row["text"]
            if quadrant is None or not text:
                if quadrant is not None and not text and len(row.originals()) == 1:
                    builder.ledger.cells(grid, r, None, PLAN)  # the label of a group of rows below it
                    continue
                _unplaced_row(builder, row)
                continue
            builder.ledger.cells(grid, r, None, PLAN)
            builder.swot.append(
                SwotItem(
                    quadrant=quadrant,
                    text=text,
                    notes=row.notes,
                    source=row.cell("factor" if row["factor"] else "text"),
                )
            )
        return
    for r in table.rows:
        values = grid.rows[r]
        for c, name in table.fields.items():
            if name in QUADRANTS and c < len(values) and values[c] != "":
                builder.ledger.cells(grid, r, [c], PLAN)
                source = _cell_source(grid, r, c)
                builder.swot.append(
                    SwotItem(quadrant=name, text=builder.text(cell_text(values[c]), source), source=source)
                )


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


def _statements(builder: PlanBuilder, table: Table, _: _Context) -> None:
    for r in table.rows:
        row = _Row(builder, table, r, frozenset(table.fields.values()))
        if _statement(builder, row["statement"], row["text"], row["validated"], row.cell("text")):
            builder.ledger.cells(table.grid, r, list(table.fields), PLAN)
        else:
            _unplaced_row(builder, row)


def _risks(builder: PlanBuilder, table: Table, _: _Context) -> None:
    for r in table.rows:
        row = _Row(builder, table, r, frozenset(table.fields.values()))
        if not row["risk"]:
            _unplaced_row(builder, row)
            continue
        builder.ledger.cells(table.grid, r, list(table.fields), PLAN)
        builder.risks.append(
            Risk(
                text=row["risk"],
                likelihood=row["likelihood"] or None,
                impact=row["impact"] or None,
                mitigation=row["mitigation"] or None,
                owner=row["owner"] or None,
                source=row.source,
            )
        )


def _stakeholders(builder: PlanBuilder, table: Table, _: _Context) -> None:
    for r in table.rows:
        row = _Row(builder, table, r, frozenset(table.fields.values()))
        if not row["stakeholder"]:
            _unplaced_row(builder, row)
            continue
        builder.ledger.cells(table.grid, r, list(table.fields), PLAN)
        builder.stakeholders.append(
            Stakeholder(
                name=row["stakeholder"],
                interest=row["interest"] or None,
                engagement=row["engagement"] or None,
                source=row.source,
            )
        )


def _unknown_table(builder: PlanBuilder, table: Table, _: _Context) -> None:
    headers = [cell_text(table.grid.rows[table.header_rows[0]][c]) for c in sorted(table.fields)]
    rows = [cell_text(v) for r in table.rows for v in table.grid.rows[r] if v != ""]
    for r in (*table.header_rows, *table.rows):
        builder.ledger.cells(table.grid, r, None, FINDING)
    builder.report(
        "READ009",
        "warning",
        builder.say("READ009", headers=", ".join(headers), count=len(rows)),
        _row_source(table.grid, table.header_rows[0], list(table.fields)),
        hint=builder.say("READ009_hint"),
    )


def _columns_not_kept(builder: PlanBuilder, table: Table) -> None:
    """Columns of a risks, stakeholders, recommendations or statements table that have no place."""
    if table.kind is TableKind.UNKNOWN:
        return
    columns = {**table.header.notes, **table.extra}
    filled = [
        r
        for r in table.rows
        if any(c < len(table.grid.rows[r]) and table.grid.rows[r][c] != "" for c in columns)
    ]
    for r in filled:
        builder.ledger.cells(table.grid, r, list(columns), FINDING)
    if filled:
        names = ", ".join(f"'{h}'" for h in columns.values())
        kind = builder.say(f"word_{table.kind}")
        builder.report(
            "READ003",
            "info",
            builder.say("READ003_other", names=names, kind=kind),
            *[_row_source(table.grid, r, list(columns)) for r in filled[:10]],
            hint=builder.say("READ003_other_hint"),
        )


def _loose_rows(builder: PlanBuilder, grid: Grid, rows: list[int], *, title_first: bool) -> None:
    """Rows outside tables: label-value statements (Mission | text), a sheet title, or a finding."""
    unplaced: list[int] = []
    for n, r in enumerate(rows):
        cols = grid.filled(r)
        texts = [cell_text(grid.rows[r][c]) for c in cols]
        source = _row_source(grid, r, cols)
        if len(texts) >= 2 and _statement(
            builder, texts[0], builder.text(texts[1], source), texts[2] if len(texts) > 2 else "", source
        ):
            builder.ledger.cells(grid, r, None, PLAN)
        elif title_first and n == 0 and _is_title(grid, r):
            builder.ledger.cells(grid, r, None, Mark.TITLE)  # the sheet's own heading
        else:
            builder.ledger.cells(grid, r, None, FINDING)
            unplaced.append(r)
    if unplaced:
        cells = sum(len(grid.filled(r)) for r in unplaced)
        sample = " | ".join(cell_text(v) for v in grid.rows[unplaced[0]] if v != "")[:120]
        message = builder.say("READ006", count=cells, rows=len(unplaced), sample=sample)
        places = [_row_source(grid, r, grid.filled(r)) for r in unplaced[:10]]
        builder.report("READ006", "warning", message, *places, hint=builder.say("READ006_hint"))


def _no_plan_table(builder: PlanBuilder, grids: list[Grid], matcher: ColumnMatcher) -> None:
    """A workbook whose cells went into no plan or indicator table: say why, naming the column that
    reads most as actions where there is one, else the row closest to a header."""
    say = builder.say
    guess = closest_items(grids)
    if guess is not None:
        where = Provenance(file=guess.grid.file, sheet=guess.grid.sheet, cell=guess.letter)
        builder.report(
            "READ012",
            "warning",
            say(
                "READ012_items",
                column=guess.letter,
                sheet=guess.grid.sheet,
                sentences=guess.evidence.sentences,
                actions=guess.evidence.actions,
            ),
            where,
            hint=say("READ012_items_hint", header=guess.header or guess.letter),
        )
        return
    best: tuple[int, Grid, int] | None = None
    for grid in grids:
        for r in range(min(len(grid.rows), 60)):
            known = sum(1 for v in grid.rows[r] if matcher.match(v) is not None)
            if known and (best is None or known > best[0]):
                best = (known, grid, r)
    if best is None:
        builder.report(
            "READ012",
            "warning",
            say("READ012_none"),
            Provenance(file=grids[0].file),
            hint=say("READ012_hint"),
        )
        return
    known, grid, r = best
    cols = grid.filled(r)
    header = " | ".join(cell_text(grid.rows[r][c]) for c in cols)[:200]
    builder.report(
        "READ012",
        "warning",
        say("READ012", row=r + grid.top + 1, header=header, known=known, unknown=len(cols) - known),
        _row_source(grid, r, cols),
        hint=say("READ012_hint"),
    )


_Handler = Callable[[PlanBuilder, Table, _Context], None]
_HANDLERS: dict[TableKind, _Handler] = {
    TableKind.PLAN: _plan_table,
    TableKind.INDICATORS: _indicators,
    TableKind.RECOMMENDATIONS: _recommendations,
    TableKind.SWOT: _swot,
    TableKind.STATEMENTS: _statements,
    TableKind.RISKS: _risks,
    TableKind.STAKEHOLDERS: _stakeholders,
}
