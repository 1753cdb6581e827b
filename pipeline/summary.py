"""The batch summary: as JSON, as a workbook a programme office can filter and sort, and as the lines
the batch ends with."""

from __future__ import annotations

import io
import json
import signal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from pipeline.batch import MissionResult, status_counts, summary_rows
from pipeline.errors import printable
from pipeline.outputs import write_atomic
from pipeline.own_files import OUTPUT_MARK
from pipeline.text import word_safe
from pipeline.workbook_writing import write_cell

SUMMARY_JSON, SUMMARY_XLSX = "summary.json", "summary.xlsx"
COLUMNS = [
    ("mission", "Mission", 40),
    ("administration", "Administration", 36),
    ("period", "Period", 11),
    ("language", "Language", 9),
    ("status", "Status", 10),
    ("seconds", "Seconds", 9),
    ("areas", "Key areas", 10),
    ("objectives", "Objectives", 11),
    ("initiatives", "Initiatives", 11),
    ("errors", "Errors", 8),
    ("warnings", "Warnings", 10),
    ("notes", "Notes", 8),
    ("output", "Output folder", 40),
    ("message", "Message", 80),
]
STATUS_FILL = {"failed": "F8CBAD", "empty": "FFEB9C", "built": "C6EFCE", "skipped": "EDEDED"}


def summary_json(results: list[MissionResult], interrupted: bool) -> bytes:
    """summary.json: totals and one row per mission."""
    data = {
        "missions": len(results),
        **status_counts(results),
        "interrupted": interrupted,
        "rows": summary_rows(results),
    }
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return text.encode("utf-8", "backslashreplace")  # a name that is not UTF-8 never stops the summary


def _cell(value: object) -> object:
    """A value a worksheet can hold: text printable, characters XML cannot hold removed."""
    return word_safe(printable(value))[0] if isinstance(value, str) else value


def summary_xlsx(results: list[MissionResult]) -> bytes:
    """summary.xlsx: one row per mission, a frozen header with filters, failed rows shaded."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Missions"
    ws.append([label for _, label, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    status_column = 1 + [key for key, _, _ in COLUMNS].index("status")
    for n, result in enumerate(results, start=2):
        row = summary_rows([result])[0]
        for column, (key, _, _) in enumerate(COLUMNS, start=1):
            write_cell(ws, n, column, _cell(row[key]))  # a mission named '=HYPERLINK(…)' stays text
        ws.cell(n, status_column).fill = PatternFill("solid", fgColor=STATUS_FILL[result.status])
        ws.cell(n, 1 + [key for key, _, _ in COLUMNS].index("seconds")).number_format = "0.0"
    for n, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A2"
    wb.properties.keywords = OUTPUT_MARK  # never read back as a capture, wherever it lands
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 1)}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def summary_lines(results: list[MissionResult], total: int, interrupted: bool, out_dir: Path) -> list[str]:
    """What the batch ends with: the counts, each failed or empty mission, and where the summary is."""
    counts = status_counts(results)
    empty = f", {counts['empty']} empty" if counts["empty"] else ""
    lines = [
        f"{len(results)} of {total} missions: {counts['built']} built{empty}, {counts['skipped']} skipped "
        f"(unchanged), {counts['failed']} failed" + (" — interrupted" if interrupted else "")
    ]
    lines += [f"  {r.status:<7} {r.mission}: {r.message}" for r in results if r.status in ("failed", "empty")]
    return [*lines, f"summary: {out_dir / SUMMARY_JSON}, {out_dir / SUMMARY_XLSX}"]


def write_summary(out_dir: Path, results: list[MissionResult], interrupted: bool) -> None:
    """summary.json and summary.xlsx, each written whole (atomically); a further Ctrl-C waits until
    both are, so an interrupted batch always leaves its summary."""
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        write_atomic(out_dir / SUMMARY_JSON, summary_json(results, interrupted))
        write_atomic(out_dir / SUMMARY_XLSX, summary_xlsx(results))
    finally:
        signal.signal(signal.SIGINT, handler)
