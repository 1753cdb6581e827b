"""What the reader recognised in each table: the lines `plan-draft parse --explain` prints, in the
mission's language (field names stay as `[columns]` in mission.toml writes them)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.grid import Grid
from pipeline.messages import Say
from pipeline.normalize.columns import ColumnMatcher
from pipeline.normalize.evidence import closest_items
from pipeline.normalize.records import find_records
from pipeline.normalize.tables import Header, find_tables
from pipeline.read.mission import Captures
from pipeline.refs import column_letter

_UNPRINTABLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)  # a header cell's escape sequences never reach the terminal


def explain(captures: Captures, matcher: ColumnMatcher) -> Iterator[str]:
    """Per table: file, sheet, header row, what each column was read as, and near misses."""
    say = Say(captures.config.language)
    for name, grids in captures.workbooks:
        for grid in grids:
            for line in _explain_grid(say, name, grid, matcher):
                yield _UNPRINTABLE.sub("\ufffd", line)


def _explain_grid(say: Say, name: str, grid: Grid, matcher: ColumnMatcher) -> Iterator[str]:
    records = find_records(grid, matcher)
    for record in records:
        first, last = grid.top + record.rows[0] + 1, grid.top + record.rows[-1] + 1
        fields = ", ".join(say.field(f) for f in record.fields)
        yield say("explain_records", file=name, sheet=grid.sheet, first=first, last=last, fields=fields)
    layout = find_tables(grid, matcher, frozenset(r for record in records for r in record.rows))
    if not layout.tables and records:
        return
    if not layout.tables:
        yield say("explain_none", file=name, sheet=grid.sheet)
        yield from _suggest_columns(say, grid)
        return
    for table in layout.tables:
        header = table.header
        rows = ", ".join(str(grid.top + r + 1) for r in header.rows)
        kind = say(f"explain_kind_{table.kind}")
        yield say("explain_table", file=name, sheet=grid.sheet, rows=rows, kind=kind, count=len(table.rows))
        texts = {
            c: " ".join(
                str(grid.rows[r][c]) for r in header.rows if c < len(grid.rows[r]) and grid.rows[r][c] != ""
            )
            for c in sorted({*header.matches, *header.periods, *header.extra, *header.evidence})
        }
        for c, text in texts.items():
            read = _column(say, header, c, text, matcher)
            yield say("explain_column", column=column_letter(grid.left + c), header=text, read=read)


def _column(say: Say, header: Header, c: int, text: str, matcher: ColumnMatcher) -> str:
    """What one column was read as, and why."""
    if c in header.evidence:
        e = header.evidence[c]
        repeat = say("explain_repeats" if e.repeats else "explain_distinct")
        return say(
            "explain_content",
            field=say.field(header.fields[c]),
            sentences=e.sentences,
            filled=e.filled,
            actions=e.actions,
            repeat=repeat,
        )
    if c in header.fields:
        m = header.matches[c]
        return say(
            "explain_header",
            field=say.field(header.fields[c]),
            how=say(f"explain_how_{m.how}"),
            phrase=m.phrase,
        )
    if c in header.series:
        return say("explain_series", field=say.field(header.series[c][0]))
    if c in header.periods:
        return say("explain_period")
    if c in header.notes:
        field = header.matches[c].field
        return say("explain_note_also", field=say.field(field)) if field != "other" else say("explain_note")
    near = matcher.near_miss(text)
    return (
        say("explain_unknown_near", field=say.field(near))
        if near and near != "other"
        else say("explain_unknown")
    )


def _toml_key(text: str) -> str:
    """A header as a TOML key, quoted with its quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _suggest_columns(say: Say, grid: Grid) -> Iterator[str]:
    """The column that reads most as actions, and a `[columns]` block for mission.toml to paste."""
    guess = closest_items([grid])
    if guess is None:
        return
    e = guess.evidence
    yield "  " + say("explain_closest", column=guess.letter, sentences=e.sentences, actions=e.actions)
    if not guess.header:
        yield "  " + say("explain_no_header", column=guess.letter)
        return
    yield "  " + say("explain_guess")
    yield "    [columns]"
    yield f'    {_toml_key(guess.header)} = "initiative"'
