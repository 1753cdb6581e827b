"""Property-based tests: the table finder and the notes reader return a result or the project's own
InputError, whatever they are given."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.grid import Grid, Value
from pipeline.normalize.columns import ColumnMatcher
from pipeline.normalize.tables import find_tables
from pipeline.read.notes import read_notes

HEADERS = [
    "Área clave",
    "Objetivo",
    "Initiative",
    "Owner",
    "Échéance",
    "KPI",
    "Meta",
    "Strengths",
    "Recommendation",
    "ID",
    "Risk",
    "Notes",
    "Statement",
    "Text",
]
cell = st.one_of(
    st.just(""),
    st.sampled_from(HEADERS),
    st.text(max_size=12),
    st.integers(0, 3000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1990, 1, 1)),
)
grid_rows = st.lists(st.lists(cell, min_size=0, max_size=8), max_size=25)


@given(grid_rows)
def test_find_tables_accounts_for_every_non_empty_row(rows: list[list[Value]]) -> None:
    width = max((len(r) for r in rows), default=0)
    grid = Grid("w.xlsx", "S", 0, 0, [[*r, *[""] * (width - len(r))] for r in rows])
    layout = find_tables(grid, ColumnMatcher())
    placed: list[int] = list(layout.loose)
    for table in layout.tables:
        placed += list(table.header_rows) + table.rows + [r for r, _, _ in table.preamble]
        assert all(c < width for c in table.fields)
    non_empty = {r for r, row in enumerate(grid.rows) if any(v != "" for v in row)}
    assert non_empty <= set(placed)  # no non-empty row is lost by the finder


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from([".md", ".txt", ".docx"]))
def test_notes_reader_returns_lines_or_input_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"notes{suffix}"
        path.write_bytes(data)
        try:
            lines = read_notes(path, path.name)
        except InputError as exc:
            assert suffix == ".docx" and path.name in str(exc)
            return
        assert all(line.text and line.line >= 1 for line in lines)


@given(st.text(max_size=300))
def test_markdown_lines_keep_their_numbers(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "n.md"
        path.write_bytes(text.encode("utf-8", errors="replace"))
        lines = read_notes(path, "n.md")
        numbers = [line.line for line in lines]
        assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def _fold_by_definition(text: str) -> str:
    """fold() as the docstring defines it: NFKD, combining marks removed, ligatures spelled out, '&' as
    'and', casefolded, anything but letters and digits (of any script) as one space."""
    import re
    import unicodedata

    bare = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    ligatures: dict[str, str | int | None] = {
        "œ": "oe",
        "æ": "ae",
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "Œ": "OE",
        "Æ": "AE",
        "Ø": "O",
        "Đ": "D",
        "Ł": "L",
    }
    bare = bare.translate(str.maketrans(ligatures))
    return re.sub(r"[\W_]+", " ", bare.replace("&", " and ").casefold()).strip()


@given(
    st.text(max_size=40)
    | st.sampled_from(
        [
            "  Área   clave: ",
            "Objectif stratégique n°2",
            "Œuvre & ﬁn",
            "x\u0301\u034f\u0327y",
            "İSTANBUL — Ñandú",
        ]
    )
)
def test_fold_matches_its_definition(text: str) -> None:
    from pipeline.text import fold

    assert fold(text) == _fold_by_definition(text)


@given(st.text(max_size=40))
def test_tidy_collapses_spaces_and_keeps_line_breaks(text: str) -> None:
    from pipeline.text import tidy

    lines = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n")]
    assert tidy(text) == "\n".join(line for line in lines if line).strip()
