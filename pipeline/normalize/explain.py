"""What the reader recognised in each table: the lines `plan-draft parse --explain` prints."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.grid import Grid
from pipeline.normalize.columns import ColumnMatcher
from pipeline.normalize.evidence import closest_items
from pipeline.normalize.records import find_records
from pipeline.normalize.tables import find_tables
from pipeline.read.mission import Captures
from pipeline.refs import column_letter


def explain(captures: Captures, matcher: ColumnMatcher) -> Iterator[str]:
    """Per table: file, sheet, header row, what each column was read as, and near misses."""
    for name, grids in captures.workbooks:
        for grid in grids:
            yield from _explain_grid(name, grid, matcher)


def _explain_grid(name: str, grid: Grid, matcher: ColumnMatcher) -> Iterator[str]:
    records = find_records(grid, matcher)
    for record in records:
        first, last = grid.top + record.rows[0] + 1, grid.top + record.rows[-1] + 1
        fields = ", ".join(record.fields)
        yield f"{name}, sheet '{grid.sheet}', rows {first}-{last}: a record of label/value rows ({fields})"
    layout = find_tables(grid, matcher, frozenset(r for record in records for r in record.rows))
    if not layout.tables and records:
        return
    if not layout.tables:
        yield f"{name}, sheet '{grid.sheet}': no table recognised"
        yield from _suggest_columns(grid, matcher)
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
            for c in sorted({*header.matches, *header.periods, *header.extra, *header.evidence})
        }
        for c, text in texts.items():
            letter = column_letter(grid.left + c)
            if c in header.evidence:
                e = header.evidence[c]
                read = (
                    f"{header.fields[c]} (content: {e.sentences} of {e.filled} cells are sentences, "
                    f"{e.actions} open with a verb; {'repeats down the rows' if e.repeats else 'distinct'})"
                )
            elif c in header.fields:
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
                read = "unknown, kept as a note" + (
                    f" — did you mean {near}?" if near and near != "other" else ""
                )
            yield f"  {letter} '{text}': {read}"


def _toml_key(text: str) -> str:
    """A header as a TOML key, quoted with its quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _suggest_columns(grid: Grid, matcher: ColumnMatcher) -> Iterator[str]:
    """The column that reads most as actions, and a `[columns]` block for mission.toml to paste."""
    guess = closest_items([grid])
    if guess is None:
        return
    e = guess.evidence
    yield (
        f"  no column is named as items; the closest, column {guess.letter}, holds {e.sentences} "
        f"sentence(s), {e.actions} opening with a verb"
    )
    if not guess.header:
        yield f"  column {guess.letter} has no header: give it one (Action), then map it if needed"
        return
    yield "  best guess for mission.toml (check it, then paste it in):"
    yield "    [columns]"
    yield f'    {_toml_key(guess.header)} = "initiative"'
