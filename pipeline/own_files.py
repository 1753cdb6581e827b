"""What plan-draft's own files carry so that the reader knows them: the contract between the
writers (`export`, `init`) and the readers, imported by both sides so neither imports the other."""

from __future__ import annotations

LISTS_SHEET = "_lists"  # the very hidden sheet of drop-down lists in an exported or kit workbook
KIT_MARK = b"plan-draft init"  # the last line of the instructions `init` writes for the groups
OUTPUT_MARK = (
    "plan-draft output"  # in the core properties of workbooks plan-draft writes that are never captures
)
