"""Write the embedded example mission (workbook, notes, mission.toml) into a folder.

Usage: python scripts/make_example.py inputs/example
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

sys.path.insert(0, str(Path(__file__).parent))
import example_content as content

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
HEAD_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
TITLE = "Strategic Planning Workshop 2012-2016 — Costa Serena Customs Service, 19–21 March 2012"

MISSION_TOML = f'''# The embedded example: a fictional administration, laid out like a real workshop capture.
administration = "{content.ADMINISTRATION}"
country = "Costa Serena"
period = "2012-2016"
language = "en"
version = "0.1"
date = 2012-03-23

[workshop]
start = 2012-03-19
end = 2012-03-21
place = "Puerto Serena"
'''


def _header(ws: Worksheet, row: int, labels: list[str], col: int = 1) -> None:
    for offset, label in enumerate(labels):
        cell = ws.cell(row=row, column=col + offset, value=label)
        cell.fill, cell.font, cell.border = HEAD_FILL, HEAD_FONT, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _title(ws: Worksheet, text: str, subtitle: str | None = None) -> None:
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=13, color="1F4E79")
    ws["A2"] = text
    ws["A2"].font = Font(bold=True, size=12)
    if subtitle:
        ws["A3"] = subtitle
        ws["A3"].font = Font(italic=True, color="666666")


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = width


def _statements(wb: Workbook) -> None:
    ws = wb.active
    ws.title = "Mission & Vision"
    _title(ws, "Mission, vision and values (validated in plenary, day 1)")
    _header(ws, 5, ["Statement", "Text", "Validated"])
    for r, (label, text) in enumerate(
        [("Mission", content.MISSION), ("Vision", content.VISION), ("Values", content.VALUES)], start=6
    ):
        for c, value in enumerate([label, text, "Yes"], start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.alignment, cell.border = WRAP, BOX
        ws.row_dimensions[r].height = 48
    _widths(ws, [14, 90, 11])


def _swot(wb: Workbook) -> None:
    ws = wb.create_sheet("SWOT")
    _title(ws, "SWOT analysis (cards clustered by the plenary)")
    quadrants = list(content.SWOT)
    _header(ws, 4, quadrants)
    for c, quadrant in enumerate(quadrants, start=1):
        for r, text in enumerate(content.SWOT[quadrant], start=5):
            cell = ws.cell(row=r, column=c, value=text)
            cell.alignment, cell.border = WRAP, BOX
    _widths(ws, [38, 38, 38, 38])


def _recommendations(wb: Workbook) -> None:
    ws = wb.create_sheet("Recommendations")
    _title(ws, "Diagnostic recommendations to be answered by the plan")
    _header(ws, 4, ["ID", "Source", "Recommendation", "Key area", "Status", "Reason"])
    for r, rec in enumerate(content.RECOMMENDATIONS, start=5):
        for c, value in enumerate(rec, start=1):
            cell = ws.cell(row=r, column=c, value=value or None)
            cell.alignment, cell.border = WRAP, BOX
    _widths(ws, [11, 24, 50, 28, 10, 30])


def _group_sheet(wb: Workbook, number: int, area: str, objectives: list, two_row_header: bool) -> None:
    ws = wb.create_sheet(f"Group {number}")
    _title(ws, f"Group {number} — Key area: {area}", "One row per key initiative. Votes = dots in plenary.")
    labels = ["No.", "Strategic objective", "Key initiative", "Responsible"]
    if two_row_header:
        _header(ws, 5, [*labels, "Timeline", "", "KPI", "", "", "Votes", "Addresses rec."])
        _header(ws, 6, ["", "", "", "", "Start", "End", "Indicator", "Baseline", "Target", "", ""])
        for first, last in [
            ("A5", "A6"),
            ("B5", "B6"),
            ("C5", "C6"),
            ("D5", "D6"),
            ("E5", "F5"),
            ("G5", "I5"),
            ("J5", "J6"),
            ("K5", "K6"),
        ]:
            ws.merge_cells(f"{first}:{last}")
        row = 7
    else:
        _header(
            ws, 5, [*labels, "Start", "End", "Indicator", "Baseline", "Target", "Votes", "Addresses rec."]
        )
        row = 6
    for o, (objective, initiatives) in enumerate(objectives, start=1):
        first = row
        for i, (title, owner, start, end, kpi, base, target, votes, recs) in enumerate(initiatives, 1):
            values = [
                f"{number}.{o}.{i}",
                objective,
                title,
                owner or None,
                start,
                end,
                kpi,
                base,
                target,
                votes,
                recs or None,
            ]
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=c, value=value)
                cell.alignment, cell.border = WRAP, BOX
                if hasattr(value, "year") and not isinstance(value, int | str):
                    cell.number_format = "dd/mm/yyyy"
            row += 1
        ws.merge_cells(start_row=first, start_column=2, end_row=row - 1, end_column=2)
    _widths(ws, [7, 34, 42, 22, 10, 10, 30, 12, 14, 7, 14])


def _long_sheet(wb: Workbook, areas: list[tuple[str, list]]) -> None:
    ws = wb.create_sheet("Groups 4-5")
    _title(ws, "Groups 4 and 5 — stakeholders and compliance (plenary version)")
    _header(
        ws,
        4,
        [
            "Key area",
            "Strategic objective",
            "Key initiative",
            "Responsible",
            "Timeline",
            "Indicator",
            "Baseline",
            "Target",
            "Votes",
            "Addresses rec.",
            "Comments",
        ],
    )
    row = 5
    for area, objectives in areas:
        area_first = row
        for objective, initiatives in objectives:
            first = row
            for title, owner, start, end, kpi, base, target, votes, recs in initiatives:
                timeline = f"{start} – {end}" if start != end else str(start)
                values = [
                    area,
                    objective,
                    title,
                    owner or None,
                    timeline,
                    kpi,
                    base,
                    target,
                    votes,
                    recs or None,
                    None,
                ]
                for c, value in enumerate(values, start=1):
                    cell = ws.cell(row=row, column=c, value=value)
                    cell.alignment, cell.border = WRAP, BOX
                row += 1
            ws.merge_cells(start_row=first, start_column=2, end_row=row - 1, end_column=2)
        ws.merge_cells(start_row=area_first, start_column=1, end_row=row - 1, end_column=1)
    ws.cell(row=7, column=11, value="Needs budget approval in 2014")
    _widths(ws, [16, 34, 42, 22, 18, 30, 10, 10, 7, 14, 24])


def write_workbook(path: Path) -> None:
    """The groups' workbook: statements, SWOT, recommendations, three group sheets, one long sheet."""
    wb = Workbook()
    _statements(wb)
    _swot(wb)
    _recommendations(wb)
    areas = list(content.PLAN.items())
    for number, (area, objectives) in enumerate(areas[:3], start=1):
        _group_sheet(wb, number, area, objectives, two_row_header=number == 3)
    _long_sheet(wb, areas[3:])
    wb.properties.creator = "Workshop secretariat"
    wb.save(path)


NOTES_MD = f"""# Facilitator notes — strategic planning workshop, day 1

## Workshop

Participants: 28 managers and officers from headquarters and the five regional directorates.

## Mission (validated)

{content.MISSION}

## Vision

{content.VISION}

Status: validated

## Values

- Integrity
- Professionalism
- Service orientation
- Transparency
- Teamwork

## Decisions

- The plan period is 2012-2016, with a mid-term review in 2014.
- The five key areas of the WCO Columbus Programme structure the plan.
- Each key initiative has a single accountable unit.

## Open questions

- Who chairs the consultative committee with the private sector: the Director General or the Deputy?
- Can the IT master plan be financed from the donor programme?
"""


def write_docx_notes(path: Path) -> None:
    """Day-2 notes as a facilitator would type them in Word: headings, bullets, a risk list."""
    document = docx.Document()
    document.add_heading("Workshop notes — day 2 and closing session", level=1)
    document.add_heading("Proceedings", level=2)
    document.add_paragraph("Groups presented their matrices; the plenary voted with dots on the initiatives.")
    document.add_heading("Decisions", level=2)
    for text in [
        "Recommendation IMF-10-03 (laboratory) is deferred until the public-sector reform law.",
        "The strategic planning unit will consolidate the draft plan by 30 April 2012.",
    ]:
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Risks", level=2)
    for text in [
        "Budget cuts in 2013 delay the IT investments.",
        "Congress does not pass the new Customs Law before 2014.",
        "Staff resist the rotation rules at border posts.",
    ]:
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Open questions", level=2)
    document.add_paragraph(
        "How will the regional directorates report on the KPIs each quarter?", style="List Bullet"
    )
    document.core_properties.author = "Workshop facilitator"
    document.save(str(path))


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mission.toml").write_text(MISSION_TOML, "utf-8")
    write_workbook(folder / "workshop_groups.xlsx")
    (folder / "facilitator_notes_day1.md").write_text(NOTES_MD, "utf-8")
    write_docx_notes(folder / "facilitator_notes_day2.docx")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "inputs/example"))
