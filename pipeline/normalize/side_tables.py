"""Tables beside the plan matrix: recommendations, SWOT, statements, risks, stakeholders, unknown ones."""

from __future__ import annotations

from pipeline.model import (
    Provenance,
    Recommendation,
    Risk,
    Stakeholder,
    SwotItem,
)
from pipeline.normalize.builder import PlanBuilder
from pipeline.normalize.cells import cell_text
from pipeline.normalize.ledger import FINDING, PLAN
from pipeline.normalize.rows import Context, Row, cell_source, row_source, unplaced_row
from pipeline.normalize.tables import Table, TableKind
from pipeline.text import fold
from pipeline.vocab import QUADRANTS, vocabulary


def recommendations(builder: PlanBuilder, table: Table, _: Context) -> None:
    deferred_words = vocabulary().deferred
    for n, r in enumerate(table.rows, start=1):
        row = Row(builder, table, r, frozenset(table.fields.values()))
        if not row["recommendation"]:
            unplaced_row(builder, row)
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


def swot(builder: PlanBuilder, table: Table, _: Context) -> None:
    """Quadrants as columns (`Strengths | Weaknesses …`), or as labels in a column merged down the rows
    (`ANÁLISIS | VARIABLES Y/O FACTORES | INCIDENCIA`, 'Fortalezas' … 'Amenazas')."""
    grid = table.grid
    if "quadrant" in table.fields.values():
        for r in table.rows:
            row = Row(builder, table, r, frozenset({"quadrant", "factor", "text"}))
            quadrant, text = _quadrant(row["quadrant"]), row["factor"] or row["text"]
            if quadrant is None or not text:
                if quadrant is not None and not text and len(row.originals()) == 1:
                    builder.ledger.cells(grid, r, None, PLAN)  # the label of a group of rows below it
                    continue
                unplaced_row(builder, row)
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
                source = cell_source(grid, r, c)
                builder.swot.append(
                    SwotItem(quadrant=name, text=builder.text(cell_text(values[c]), source), source=source)
                )


def statement(builder: PlanBuilder, label: str, text: str, validated: str, source: Provenance) -> bool:
    """A labelled line (Mission | text, Value | text, Threat | text, Decision | text, ...), placed."""
    vocab = vocabulary()
    kind = vocab.statements.get(fold(label)) or vocab.sections.get(fold(label))
    if kind is None or not text:
        return False
    ok = bool(validated) and fold(validated) in vocab.validated
    return builder.place(kind, text, source, validated=ok)


def statements(builder: PlanBuilder, table: Table, _: Context) -> None:
    for r in table.rows:
        row = Row(builder, table, r, frozenset(table.fields.values()))
        if statement(builder, row["statement"], row["text"], row["validated"], row.cell("text")):
            builder.ledger.cells(table.grid, r, list(table.fields), PLAN)
        else:
            unplaced_row(builder, row)


def risks(builder: PlanBuilder, table: Table, _: Context) -> None:
    for r in table.rows:
        row = Row(builder, table, r, frozenset(table.fields.values()))
        if not row["risk"]:
            unplaced_row(builder, row)
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


def stakeholders(builder: PlanBuilder, table: Table, _: Context) -> None:
    for r in table.rows:
        row = Row(builder, table, r, frozenset(table.fields.values()))
        if not row["stakeholder"]:
            unplaced_row(builder, row)
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


def unknown_table(builder: PlanBuilder, table: Table, _: Context) -> None:
    headers = [cell_text(table.grid.rows[table.header_rows[0]][c]) for c in sorted(table.fields)]
    rows = [cell_text(v) for r in table.rows for v in table.grid.rows[r] if v != ""]
    for r in (*table.header_rows, *table.rows):
        builder.ledger.cells(table.grid, r, None, FINDING)
    builder.report(
        "READ009",
        "warning",
        builder.say("READ009", headers=", ".join(headers), count=len(rows)),
        row_source(table.grid, table.header_rows[0], list(table.fields)),
        hint=builder.say("READ009_hint"),
    )


def columns_not_kept(builder: PlanBuilder, table: Table) -> None:
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
            *[row_source(table.grid, r, list(columns)) for r in filled[:10]],
            hint=builder.say("READ003_other_hint"),
        )
