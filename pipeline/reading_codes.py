"""The catalogue of reading codes: every finding the reader raises (READ…), with its severity and what it
means. The consistency rules are catalogued beside their checks (`checks.CATALOGUE`); `plan-draft rules`
lists both, and a test holds every place that raises a reading finding to this catalogue."""

from __future__ import annotations

from typing import Literal

Severity = Literal["error", "warning", "info"]

READING: dict[str, tuple[Severity, str]] = {
    "READ001": ("info", "a file in the folder that is neither workbook nor notes"),
    "READ002": ("warning", "a table row with no objective or initiative"),
    "READ003": ("info", "columns that are not plan fields (values kept as notes)"),
    "READ004": ("warning", "a date nobody can read (kept as a note)"),
    "READ005": (
        "warning",
        "an initiative without an objective, in a table with an objective column (placed under its area)",
    ),
    "READ006": ("warning", "cells outside any recognised table"),
    "READ007": ("info", "note lines under an unknown heading"),
    "READ008": ("warning", "characters Word cannot hold were removed"),
    "READ009": ("warning", "a table whose columns hold no plan items"),
    "READ010": ("warning", "formula cells with no saved result (they read as empty)"),
    "READ011": ("warning", "cells or lines no rule placed, reported or ignored (a safety net)"),
    "READ012": (
        "warning",
        "a workbook with no plan or indicator table, naming its closest candidate header row",
    ),
    "READ013": (
        "error",
        "no objective and no initiative read from any capture (`batch` reports the mission as `empty`)",
    ),
    "READ014": ("warning", "a notes file that does not look like workshop notes: nothing from it is placed"),
    "READ015": ("warning", "lines under Mission or Vision after its statement (a table, a list)"),
    "READ016": ("warning", "lines of a UTF-8 text file saved in Windows-1252 (read as such, line by line)"),
}
