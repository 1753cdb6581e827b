"""The ledger: where every non-empty cell and note line went — into the plan, a finding, or ignored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from pipeline.grid import Grid
from pipeline.model import FileAccount
from pipeline.read.notes import NoteLine
from pipeline.read.registry import Unit


class Mark(StrEnum):
    """Where a cell or line went. The IGNORED_* marks are counted by rule in the file's account."""

    PLAN = "plan"
    FINDING = "finding"
    UNACCOUNTED = "unaccounted"
    HEADER = "header"
    TITLE = "title"
    FOOTNOTE = "footnote"
    EXAMPLE = "example"  # the kit's example row (its Ref cell says EXAMPLE / EJEMPLO / EXEMPLE / EXEMPLO)
    HEADING = "heading"
    KIT = "kit"  # the kit's own instructions on its Group sheet

    @property
    def ignored(self) -> bool:
        """Whether the mark sets the place aside by a named rule (neither placed nor reported)."""
        return self not in (Mark.PLAN, Mark.FINDING, Mark.UNACCOUNTED)


PLAN, FINDING = Mark.PLAN, Mark.FINDING


@dataclass
class Ledger:
    """Marks by place; the first mark of a place wins. Unmarked places are counted as unaccounted."""

    _cells: dict[tuple[str, str, int, int], Mark] = field(default_factory=dict)
    _lines: dict[tuple[str, int], Mark] = field(default_factory=dict)

    def cells(
        self, grid: Grid, r: int, cols: list[int] | None, where: Mark, *, replace: bool = False
    ) -> None:
        """Mark cells of row r (all its non-empty cells when cols is None; `replace`: over an earlier
        mark, for content found not kept after all)."""
        row = grid.rows[r]
        for c in cols if cols is not None else range(len(row)):
            if c < len(row) and row[c] != "":
                if replace:
                    self._cells[(grid.file, grid.sheet, r, c)] = where
                else:
                    self._cells.setdefault((grid.file, grid.sheet, r, c), where)

    def marked_cells(self, where: Mark) -> list[tuple[str, str, int, int]]:
        """Every cell (file, sheet, row, column) given that mark, in reading order."""
        return [place for place, mark in self._cells.items() if mark is where]

    def line(self, file: str, line: int, where: Mark, *, replace: bool = False) -> None:
        """Mark one line of a notes file (`replace`: over an earlier mark, for content taken back)."""
        if replace:
            self._lines[(file, line)] = where
        else:
            self._lines.setdefault((file, line), where)

    def workbook_account(
        self, file: str, grids: list[Grid]
    ) -> tuple[FileAccount, list[tuple[Grid, int, int]]]:
        """The account of one workbook, and the cells nothing marked."""
        counts: Counter[Mark] = Counter()
        lost: list[tuple[Grid, int, int]] = []
        for grid in grids:
            for r, c in grid.originals():
                where = self._cells.get((file, grid.sheet, r, c), Mark.UNACCOUNTED)
                counts[where] += 1
                if where is Mark.UNACCOUNTED:
                    lost.append((grid, r, c))
        return _account(file, "cells", counts), lost

    def notes_account(
        self, file: str, lines: list[NoteLine], unit: Unit = "lines"
    ) -> tuple[FileAccount, list[NoteLine]]:
        """The account of one notes file (counted in its reader's unit), and the lines nothing marked."""
        counts: Counter[Mark] = Counter()
        lost = []
        for note in lines:
            where = self._lines.get((file, note.line), Mark.UNACCOUNTED)
            counts[where] += 1
            if where is Mark.UNACCOUNTED:
                lost.append(note)
        return _account(file, unit, counts), lost


def _account(file: str, unit: Unit, counts: Counter[Mark]) -> FileAccount:
    ignored = {str(k): n for k, n in sorted(counts.items()) if k.ignored}
    return FileAccount(
        file=file,
        unit=unit,
        read=sum(counts.values()),
        placed=counts[Mark.PLAN],
        in_findings=counts[Mark.FINDING] + counts[Mark.UNACCOUNTED],
        ignored=ignored,
    )
