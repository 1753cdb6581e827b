"""What the reader recognised in each table: the lines `plan-draft parse --explain` prints."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.grid import Grid
from pipeline.normalize.columns import ColumnMatcher
from pipeline.normalize.tables import find_tables
from pipeline.read.mission import Captures
from pipeline.refs import column_letter


def explain(captures: Captures, matcher: ColumnMatcher) -> Iterator[str]:
    """Per table: file, sheet, header row, what each column was read as, and near misses."""
    for name, grids in captures.workbooks:
        for grid in grids:
            yield from _explain_grid(name, grid, matcher)


def _explain_grid(name: str, grid: Grid, matcher: ColumnMatcher) -> Iterator[str]:
    layout = find_tables(grid, matcher)
    if not layout.tables:
        yield f"{name}, sheet '{grid.sheet}': no table recognised"
        return
    for table in layout.tables:
        header = table.header
        rows = ", ".join(str(grid.top + r + 1) for r in header.rows)
        yield (
            f"{name}, sheet '{grid.sheet}', header row {rows}: {table.kind} table, "
            f"{len(table.rows)} data row(s)"
        )
        texts = {
            c: " ".join(
                str(grid.rows[r][c]) for r in header.rows if c < len(grid.rows[r]) and grid.rows[r][c] != ""
            )
            for c in sorted({*header.matches, *header.periods, *header.extra})
        }
        for c, text in texts.items():
            letter = column_letter(grid.left + c)
            if c in header.fields:
                m = header.matches[c]
                read = f"{header.fields[c]} ({m.how}: '{m.phrase}')"
            elif c in header.series:
                read = f"{header.series[c][0]} by year or milestone"
            elif c in header.periods:
                read = "period (marks or values)"
            elif c in header.notes:
                read = "kept as a note" + (
                    f" (also reads as {header.matches[c].field})"
                    if header.matches[c].field != "other"
                    else ""
                )
            else:
                near = matcher.near_miss(text)
                read = "unknown, kept as a note" + (f" — did you mean {near}?" if near else "")
            yield f"  {letter} '{text}': {read}"
