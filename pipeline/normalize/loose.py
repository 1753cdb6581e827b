"""Rows outside any table: statements on the sheet, titles, findings, and why a workbook gave no table."""

from __future__ import annotations

from pipeline.grid import Grid
from pipeline.model import (
    Provenance,
)
from pipeline.normalize.builder import PlanBuilder
from pipeline.normalize.cells import cell_text
from pipeline.normalize.columns import ColumnMatcher
from pipeline.normalize.evidence import closest_items
from pipeline.normalize.ledger import FINDING, PLAN, Mark
from pipeline.normalize.rows import cell_source, row_source
from pipeline.normalize.side_tables import statement
from pipeline.text import fold
from pipeline.vocab import vocabulary

MAX_TITLE_WORDS = 15  # a single cell above a table longer than this is content, not a title


MIN_STATEMENT_WORDS = 4  # the text under a 'MISSION' label is a sentence, not another label


def labelled_statements(builder: PlanBuilder, grid: Grid, rows: list[int]) -> set[int]:
    """Statements written on a sheet as notes write them: a cell 'Vision: To be …', or a cell
    'MISIÓN' with its text in the next row; placed, and their rows returned."""
    statements = vocabulary().statements
    done: set[int] = set()
    for i, r in enumerate(rows):
        cols = grid.filled(r)
        if r in done or len(cols) != 1:
            continue
        source = cell_source(grid, r, cols[0])
        text = cell_text(grid.rows[r][cols[0]])
        label, colon, rest = text.partition(":")
        if colon and rest.strip() and fold(label) in statements:
            statement(builder, label, builder.text(rest.strip(), source), "", source)
            done.add(r)
            continue
        below = rows[i + 1] if i + 1 < len(rows) else None
        if fold(text) not in statements or below is None or below > r + 2 or len(grid.filled(below)) != 1:
            continue
        (c,) = grid.filled(below)
        body = cell_text(grid.rows[below][c])
        if len(body.split()) >= MIN_STATEMENT_WORDS:
            place = cell_source(grid, below, c)
            statement(builder, text, builder.text(body, place), "", place)
            done.update((r, below))
    for r in done:
        builder.ledger.cells(grid, r, None, PLAN)
    return done


def is_title(grid: Grid, r: int) -> bool:
    cols = grid.filled(r)
    return len(cols) == 1 and len(cell_text(grid.rows[r][cols[0]]).split()) <= MAX_TITLE_WORDS


def loose_rows(builder: PlanBuilder, grid: Grid, rows: list[int], *, title_first: bool) -> None:
    """Rows outside tables: label-value statements (Mission | text), a sheet title, or a finding."""
    unplaced: list[int] = []
    for n, r in enumerate(rows):
        cols = grid.filled(r)
        texts = [cell_text(grid.rows[r][c]) for c in cols]
        source = row_source(grid, r, cols)
        if len(texts) >= 2 and statement(
            builder, texts[0], builder.text(texts[1], source), texts[2] if len(texts) > 2 else "", source
        ):
            builder.ledger.cells(grid, r, None, PLAN)
        elif title_first and n == 0 and is_title(grid, r):
            builder.ledger.cells(grid, r, None, Mark.TITLE)  # the sheet's own heading
        else:
            builder.ledger.cells(grid, r, None, FINDING)
            unplaced.append(r)
    if unplaced:
        cells = sum(len(grid.filled(r)) for r in unplaced)
        sample = " | ".join(cell_text(v) for v in grid.rows[unplaced[0]] if v != "")[:120]
        message = builder.say("READ006", count=cells, rows=len(unplaced), sample=sample)
        places = [row_source(grid, r, grid.filled(r)) for r in unplaced[:10]]
        builder.report("READ006", "warning", message, *places, hint=builder.say("READ006_hint"))


def no_plan_table(builder: PlanBuilder, grids: list[Grid], matcher: ColumnMatcher) -> None:
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
        row_source(grid, r, cols),
        hint=say("READ012_hint"),
    )
