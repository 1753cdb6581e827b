"""The grid of cells every capture reader yields (workbook sheets, CSV files): one rectangle a sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.refs import cell_ref

Value = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta


@dataclass(frozen=True)
class Grid:
    """One sheet's used rectangle; `top`/`left` are its 0-based offset in the sheet."""

    file: str
    sheet: str
    top: int
    left: int
    rows: list[list[Value]]
    copies: frozenset[tuple[int, int]] = frozenset()  # cells filled from a merged range, not typed
    uncached: tuple[str, ...] = ()  # cells (A1) whose formula has no saved result: they read as empty
    recoded: tuple[int, ...] = ()  # rows (1-based) of a UTF-8 text file that were in Windows-1252

    def originals(self) -> Iterator[tuple[int, int]]:
        """Every non-empty cell a person typed (merged-range copies left out)."""
        for r, row in enumerate(self.rows):
            for c, value in enumerate(row):
                if value != "" and (r, c) not in self.copies:
                    yield r, c

    def ref(self, row: int, col: int) -> str:
        """A1 reference of a cell given by its index in `rows`."""
        return cell_ref(self.top + row, self.left + col)

    def filled(self, row: int) -> list[int]:
        """The columns of a row that hold something."""
        return [c for c, v in enumerate(self.rows[row]) if v != "" and v is not None]
