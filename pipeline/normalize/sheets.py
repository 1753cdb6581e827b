"""Workbook tables and loose rows → plan items (objectives, initiatives, indicators, SWOT, …)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from pipeline.dates import DateError, parse_date, parse_span
from pipeline.grid import Grid
from pipeline.model import (
    Indicator,
    Initiative,
    PlanDate,
    Provenance,
    Statement,
)
from pipeline.normalize.builder import NO_AREA, ObjectiveDraft, PlanBuilder
from pipeline.normalize.cells import cell_text, prefixed, split_baseline, split_ids
from pipeline.normalize.columns import ColumnMatcher
from pipeline.normalize.group_sheet import read_group_sheet
from pipeline.normalize.ledger import FINDING, PLAN, Mark
from pipeline.normalize.loose import is_title, labelled_statements, loose_rows, no_plan_table
from pipeline.normalize.records import find_records, place_records
from pipeline.normalize.rows import Context, Row, cell_source, footnote, note_key, row_source, unplaced_row
from pipeline.normalize.side_tables import (
    columns_not_kept,
    recommendations,
    risks,
    stakeholders,
    statements,
    swot,
    unknown_table,
)
from pipeline.normalize.tables import Table, TableKind, find_tables
from pipeline.text import fold
from pipeline.vocab import vocabulary

_HEADING_PARTS = re.compile(r"\s*[–—|]\s*|\s+-\s+")
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
        if read_group_sheet(builder, grid):
            continue
        if grid.uncached:
            places = [Provenance(file=grid.file, sheet=grid.sheet, cell=ref) for ref in grid.uncached[:10]]
            builder.report(
                "READ010",
                "warning",
                builder.say("READ010", count=len(grid.uncached)),
                *places,
                hint=builder.say("READ010_hint"),
            )
        if grid.recoded:
            rows = [Provenance(file=grid.file, line=n) for n in grid.recoded[:10]]
            builder.report(
                "READ016",
                "warning",
                builder.say("READ016", count=len(grid.recoded)),
                *rows,
                hint=builder.say("READ016_hint"),
            )
        records = find_records(grid, matcher)
        layout = find_tables(grid, matcher, frozenset(r for record in records for r in record.rows))
        if records:
            place_records(builder, grid, records, _sheet_area(builder, grid) or NO_AREA)
            items += len(records)
        for table in layout.tables:
            context = _context(builder, table)
            _HANDLERS.get(table.kind, unknown_table)(builder, table, context)
            items += table.kind in (TableKind.PLAN, TableKind.INDICATORS)
            if table.kind not in (TableKind.PLAN, TableKind.INDICATORS, TableKind.SWOT):
                columns_not_kept(builder, table)
            for r in table.header_rows:
                builder.ledger.cells(grid, r, None, Mark.HEADER)
            rows_above = sorted({r for r, _, _ in table.preamble})
            stated = labelled_statements(builder, grid, rows_above)
            rows_above = [r for r in rows_above if r not in stated]
            titles = [r for r in rows_above if is_title(grid, r)]
            for r in titles:
                builder.ledger.cells(grid, r, None, Mark.TITLE)
            loose_rows(builder, grid, [r for r in rows_above if r not in titles], title_first=False)
        stated = labelled_statements(builder, grid, layout.loose)
        loose = [r for r in layout.loose if r not in stated]
        loose_rows(builder, grid, loose, title_first=not layout.tables)
    if grids and not items:
        account, _ = builder.ledger.workbook_account(grids[0].file, grids)
        if not account.placed or account.in_findings:  # a SWOT or recommendations workbook read whole is fine
            no_plan_table(builder, grids, matcher)


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


def _context(builder: PlanBuilder, table: Table) -> Context:
    """The area a table without an Area column belongs to (a heading above it, or the sheet name), and
    the goal and objective lines above it ('Overall Objective: …', 'Objective 2: …'), placed."""
    grid = table.grid
    area: str | None = None
    objective: str | None = None
    goals: list[tuple[int, int, str]] = []
    if table.kind not in (TableKind.PLAN, TableKind.INDICATORS):
        return Context(NO_AREA)
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
        goal = Statement(text=builder.text(text, cell_source(grid, r, c)), source=cell_source(grid, r, c))
        if area != NO_AREA:
            builder.area(area, goal.source).goals.append(goal)
        else:
            builder.goals.append(goal)
    return Context(area, objective)


@cache
def _example_marks() -> frozenset[str]:
    """What the kit writes in the Ref cell of its example row, in every language."""
    return frozenset(fold(words["example_mark"]) for words in vocabulary().kit.values())


def _sheet_area(builder: PlanBuilder, grid: Grid) -> str | None:
    """The area a sheet's name gives ('Área: Legal', or a configured area's name), or None."""
    sheet = prefixed(grid.sheet, ("area",))
    return sheet[1] if sheet and sheet[1] else grid.sheet if _names_area(builder, grid.sheet) else None


def _dates(builder: PlanBuilder, row: Row) -> tuple[PlanDate | None, PlanDate | None, dict[str, str]]:
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
            unread[row.header_text(row.col[name])] = row[name]  # under the column's own header
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


def _indicator(row: Row, **extra: str | None) -> Indicator | None:
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


def _level(row: Row) -> tuple[str, str]:
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


def _plan_table(builder: PlanBuilder, table: Table, context: Context) -> None:
    fields = set(table.fields.values())
    area_label = context.area
    objective: str | None = context.objective
    for r in table.rows:
        row = Row(builder, table, r, _PLAN_FIELDS)
        if footnote(builder, row):
            continue
        if row["ref"] and fold(row["ref"]) in _example_marks():  # the kit's example row: left out
            builder.ledger.cells(table.grid, r, None, Mark.EXAMPLE)
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
            unplaced_row(builder, row)
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
    row: Row,
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
        notes={
            **row.notes,
            **unread,
            **({row.header_text(row.col["notes"]): row["notes"]} if row["notes"] else {}),
        },
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


def _notes_not_kept(builder: PlanBuilder, row: Row) -> None:
    """A goal row's other columns (assumptions, sources) where the goal has no indicator to hold them."""
    header = row.table.header
    cols = [c for c in (*header.notes, *header.extra) if c in row.cols and (row.r, c) not in row.grid.copies]
    builder.ledger.cells(row.grid, row.r, cols, FINDING, replace=True)
    names = ", ".join(f"'{row.header_text(c)}'" for c in cols)
    builder.report(
        "READ003",
        "info",
        builder.say("READ003_other", names=names, kind=builder.say("word_goal")),
        row_source(row.grid, row.r, cols),
        hint=builder.say("READ003_other_hint"),
    )


def _unknown_columns(builder: PlanBuilder, table: Table) -> None:
    unexpected = {c: h for c, h in table.extra.items() if note_key(h) == h}  # 'Note: …' columns are notes
    if unexpected:
        names = ", ".join(f"'{h}'" for h in unexpected.values())
        builder.report(
            "READ003",
            "info",
            builder.say("READ003", names=names),
            row_source(table.grid, table.header_rows[0], list(unexpected)),
        )


def _section_row(row: Row, fields: set[str]) -> tuple[str, str] | None:
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


def _indicators(builder: PlanBuilder, table: Table, context: Context) -> None:
    """A register of indicators (`ID | KPI | Target | Current`): linked by id, else kept where read."""
    area_label = context.area
    for r in table.rows:
        row = Row(builder, table, r, _INDICATOR_FIELDS)
        if not row["kpi"]:
            unplaced_row(builder, row)
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


_Handler = Callable[[PlanBuilder, Table, Context], None]
_HANDLERS: dict[TableKind, _Handler] = {
    TableKind.PLAN: _plan_table,
    TableKind.INDICATORS: _indicators,
    TableKind.RECOMMENDATIONS: recommendations,
    TableKind.SWOT: swot,
    TableKind.STATEMENTS: statements,
    TableKind.RISKS: risks,
    TableKind.STAKEHOLDERS: stakeholders,
}
