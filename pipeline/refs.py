"""A1 cell references: column letters and numbers, both ways.

Written here rather than taken from `openpyxl.utils.cell`: importing openpyxl costs about 125 ms,
which every `parse` would pay although only `export` writes workbooks.
"""

from __future__ import annotations

from functools import cache


@cache
def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """Excel letters → 1-based column number (A → 1, AB → 28)."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def cell_ref(row: int, col: int) -> str:
    """0-based row and column → A1 reference."""
    return f"{column_letter(col)}{row + 1}"
