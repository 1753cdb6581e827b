"""Captures → Plan: every workbook table and notes section placed, every leftover reported."""

from __future__ import annotations

from pipeline.model import Plan, Provenance
from pipeline.normalize.builder import PlanBuilder
from pipeline.normalize.notes import add_notes
from pipeline.normalize.sheets import add_workbook
from pipeline.read.mission import Captures


def normalize(captures: Captures) -> Plan:
    """Build the typed plan of one mission from what its folder holds."""
    builder = PlanBuilder(captures.config, sources=captures.files)
    for _, grids in captures.workbooks:
        add_workbook(builder, grids)
    for name, lines in captures.notes:
        add_notes(builder, name, lines)
    for name, why in captures.skipped:
        builder.report("READ001", "info", f"file not read: {why}",
                       Provenance(file=name), hint="workbooks: .xlsx .xlsm .xlsb .xls .ods; "
                       "notes: .md .txt .docx")
    return builder.plan()
