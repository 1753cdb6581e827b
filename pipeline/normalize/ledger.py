"""The ledger: where every non-empty cell and note line went — into the plan, a finding, or ignored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pipeline.model import FileAccount
from pipeline.read.notes import NoteLine
from pipeline.read.workbook import Grid

PLAN, FINDING, UNACCOUNTED = "plan", "finding", "unaccounted"


@dataclass
class Ledger:
    """Marks by place; the first mark of a place wins. Unmarked places are counted as unaccounted."""

    _cells: dict[tuple[str, str, int, int], str] = field(default_factory=dict)
    _lines: dict[tuple[str, int], str] = field(default_factory=dict)

    def cells(self, grid: Grid, r: int, cols: list[int] | None, where: str) -> None:
        """Mark cells of row r (all its non-empty cells when cols is None)."""
        row = grid.rows[r]
        for c in cols if cols is not None else range(len(row)):
            if c < len(row) and row[c] != "":
                self._cells.setdefault((grid.file, grid.sheet, r, c), where)

    def line(self, file: str, line: int, where: str) -> None:
        """Mark one line of a notes file."""
        self._lines.setdefault((file, line), where)

    def workbook_account(self, file: str,
                         grids: list[Grid]) -> tuple[FileAccount, list[tuple[Grid, int, int]]]:
        """The account of one workbook, and the cells nothing marked."""
        counts: Counter[str] = Counter()
        lost: list[tuple[Grid, int, int]] = []
        for grid in grids:
            for r, c in grid.originals():
                where = self._cells.get((file, grid.sheet, r, c), UNACCOUNTED)
                counts[where] += 1
                if where == UNACCOUNTED:
                    lost.append((grid, r, c))
        return _account(file, "cells", counts), lost

    def notes_account(self, file: str, lines: list[NoteLine]) -> tuple[FileAccount, list[NoteLine]]:
        """The account of one notes file, and the lines nothing marked."""
        counts: Counter[str] = Counter()
        lost = []
        for note in lines:
            where = self._lines.get((file, note.line), UNACCOUNTED)
            counts[where] += 1
            if where == UNACCOUNTED:
                lost.append(note)
        return _account(file, "lines", counts), lost


def _account(file: str, unit: str, counts: Counter[str]) -> FileAccount:
    ignored = {k.split(":", 1)[1]: n for k, n in sorted(counts.items()) if k.startswith("ignored:")}
    return FileAccount(file=file, unit=unit, read=sum(counts.values()), placed=counts[PLAN],
                       in_findings=counts[FINDING] + counts[UNACCOUNTED], ignored=ignored)
