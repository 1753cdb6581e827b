"""Plan → a clean canonical workbook an administrator edits, which is itself a valid capture."""

from __future__ import annotations

import io
import json

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.config import default_areas
from pipeline.model import Indicator, Objective, Plan, PlanDate
from pipeline.read.workbook import EXPORT_LISTS as LISTS

STATEMENTS = "Statements & notes"
RECOMMENDATIONS = "Recommendations"
OBJECTIVES = "Objectives & initiatives"
RISKS, STAKEHOLDERS = "Risks", "Stakeholders"
DIRECT = "Initiatives by key area"  # initiatives with no objective: a table with no Objective column
INDICATORS = "Indicators"
CAPTURED = "Captured in"
PLAN_COLUMNS = [
    "Key area",
    "Strategic objective",
    "Ref",
    "Key initiative",
    "Owner",
    "Start",
    "End",
    "KPI",
    "Baseline",
    "Target",
    "Priority",
    "Resources",
    "Addresses rec.",
]
_HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _date(value: PlanDate | None) -> str | None:
    return str(value) if value else None  # '2014', 'Q2 2014', '2014-06', '2014-06-15': read back alike


def _sheet(wb: Workbook, title: str, header: list[str], widths: list[int]) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for n, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A2"
    return ws


def _append(ws: Worksheet, values: list[object]) -> None:
    ws.append(values)
    for cell in ws[ws.max_row]:
        cell.alignment = _WRAP


def _statements(wb: Workbook, plan: Plan) -> None:
    ws = _sheet(wb, STATEMENTS, ["Statement", "Text", "Validated", CAPTURED], [16, 90, 11, 44])
    for label, items in (("Mission", plan.mission), ("Vision", plan.vision), ("Value", plan.values)):
        for s in items:
            _append(ws, [label, s.text, "Yes" if s.validated else "No", str(s.source)])
    labels = {
        "strengths": "Strength",
        "weaknesses": "Weakness",
        "opportunities": "Opportunity",
        "threats": "Threat",
    }
    for card in plan.swot:
        _append(ws, [labels[card.quadrant], card.text, None, str(card.source)])
    for label, notes in (
        ("Workshop note", plan.workshop_notes),
        ("Decision", plan.decisions),
        ("Open question", plan.open_questions),
    ):
        for note in notes:
            _append(ws, [label, note.text, None, str(note.source)])


def _recommendations(wb: Workbook, plan: Plan) -> None:
    ws = _sheet(
        wb,
        RECOMMENDATIONS,
        ["ID", "Source", "Recommendation", "Key area", "Status", "Reason", CAPTURED],
        [12, 26, 60, 30, 11, 36, 44],
    )
    for rec in plan.recommendations:
        _append(
            ws,
            [
                rec.id,
                rec.origin,
                rec.text,
                rec.area,
                "Deferred" if rec.deferred else "Open",
                rec.deferred,
                str(rec.source),
            ],
        )


def _objective_rows(area: str, objective: Objective, note_keys: list[str]) -> list[list[object]]:
    rows: list[list[object]] = []
    blank_notes: list[object] = [None] * len(note_keys)
    kpis: list[Indicator | None] = [*objective.indicators]
    if not kpis and (objective.ref or objective.cites or not objective.initiatives):
        kpis = [None]  # one objective row all the same, for its number, citations or lack of initiatives
    for n, kpi in enumerate(kpis):  # objective-level rows: its number, KPIs and citations
        rows.append(
            [
                area,
                objective.title,
                objective.ref,
                None,
                None,
                None,
                None,
                kpi.name if kpi else None,
                kpi.baseline if kpi else None,
                kpi.target if kpi else None,
                None,
                None,
                ", ".join(objective.cites) if n == 0 and objective.cites else None,
                *blank_notes,
                str(kpi.source if kpi else objective.source),
            ]
        )
    for i in objective.initiatives:
        k = i.indicator
        rows.append(
            [
                area,
                objective.title,
                i.ref,
                i.title,
                i.owner,
                _date(i.start),
                _date(i.end),
                k.name if k else None,
                k.baseline if k else None,
                k.target if k else None,
                i.priority,
                i.resources,
                ", ".join(i.cites) or None,
                *[i.notes.get(key) for key in note_keys],
                str(i.source),
            ]
        )
    return rows


def _objectives(wb: Workbook, plan: Plan) -> list[str]:
    """The objectives and initiatives sheet; returns the owners offered in its drop-down list."""
    note_keys = sorted({key for _, o in plan.objectives() for i in o.initiatives for key in i.notes})
    header = [*PLAN_COLUMNS, *(f"Note: {key}" for key in note_keys), CAPTURED]
    ws = _sheet(
        wb, OBJECTIVES, header, [26, 40, 8, 44, 24, 10, 10, 30, 12, 12, 9, 14, 14, *[20] * len(note_keys), 44]
    )
    groups = [(a.name, a.objectives) for a in plan.areas] + [(g.label, g.objectives) for g in plan.unmatched]
    for area, objectives in groups:
        for objective in objectives:
            for row in _objective_rows(area, objective, note_keys):
                _append(ws, row)
    owners = sorted({i.owner for _, o in plan.objectives() for i in o.initiatives if i.owner})
    last = max(ws.max_row, 2) + 500  # room for rows the administrator adds
    for column, letter, count in (("A", "A", len(plan.areas)), ("E", "B", len(owners))):
        if count:
            check = DataValidation(
                type="list",
                formula1=f"'{LISTS}'!${letter}$1:${letter}${count}",
                allow_blank=True,
                showErrorMessage=column == "A",
                errorTitle="Key area",
                error="Choose one of the plan's key areas.",
            )
            check.add(f"{column}2:{column}{last}")
            ws.add_data_validation(check)
    return owners


def _direct_and_indicators(wb: Workbook, plan: Plan) -> None:
    """Initiatives set directly under an area, and indicators of an area or of the whole plan."""
    direct = [(name, i) for _, name, g in plan.groups() for i in g.initiatives]
    if direct:
        note_keys = sorted({key for _, i in direct for key in i.notes})
        ws = _sheet(
            wb,
            DIRECT,
            [
                "Key area",
                "Ref",
                "Key initiative",
                "Owner",
                "Start",
                "End",
                "KPI",
                "Baseline",
                "Target",
                "Priority",
                "Resources",
                "Addresses rec.",
                *(f"Note: {k}" for k in note_keys),
                CAPTURED,
            ],
            [26, 8, 44, 24, 10, 10, 30, 12, 12, 9, 14, 14, *[20] * len(note_keys), 44],
        )
        for area, i in direct:
            k = i.indicator
            _append(
                ws,
                [
                    area,
                    i.ref,
                    i.title,
                    i.owner,
                    _date(i.start),
                    _date(i.end),
                    k.name if k else None,
                    k.baseline if k else None,
                    k.target if k else None,
                    i.priority,
                    i.resources,
                    ", ".join(i.cites) or None,
                    *[i.notes.get(key) for key in note_keys],
                    str(i.source),
                ],
            )
    kpis: list[tuple[str | None, Indicator]] = [
        (name, k) for _, name, g in plan.groups() for k in g.indicators
    ]
    kpis += [(None, k) for k in plan.indicators]
    if kpis:
        labels = list(dict.fromkeys(label for _, k in kpis for label in k.series))
        note_keys = sorted({key for _, k in kpis for key in k.notes})
        ws = _sheet(
            wb,
            INDICATORS,
            [
                "Key area",
                "Ref",
                "KPI",
                "Responsible",
                "Baseline",
                "Target",
                *labels,
                *(f"Note: {key}" for key in note_keys),
                CAPTURED,
            ],
            [26, 8, 40, 24, 12, 12, *[12] * len(labels), *[20] * len(note_keys), 44],
        )
        for area_name, k in kpis:
            _append(
                ws,
                [
                    area_name,
                    k.ref,
                    k.name,
                    k.owner,
                    k.baseline,
                    k.target,
                    *[k.series.get(label) for label in labels],
                    *[k.notes.get(key) for key in note_keys],
                    str(k.source),
                ],
            )


def _lists(wb: Workbook, areas: list[str], owners: list[str]) -> None:
    """The drop-down lists, on a very hidden sheet that is never read back as a capture."""
    lists = wb.create_sheet(LISTS)
    lists.sheet_state = "veryHidden"
    for column, values in ((1, areas), (2, owners)):
        for n, value in enumerate(values, start=1):
            lists.cell(row=n, column=column, value=value)


def _risks_and_stakeholders(wb: Workbook, plan: Plan) -> None:
    if plan.risks:
        ws = _sheet(
            wb,
            RISKS,
            ["Risk", "Likelihood", "Impact", "Mitigation", "Owner", CAPTURED],
            [50, 12, 12, 40, 20, 44],
        )
        for r in plan.risks:
            _append(ws, [r.text, r.likelihood, r.impact, r.mitigation, r.owner, str(r.source)])
    if plan.stakeholders:
        ws = _sheet(wb, STAKEHOLDERS, ["Stakeholder", "Interest", "Engagement", CAPTURED], [36, 40, 40, 44])
        for s in plan.stakeholders:
            _append(ws, [s.name, s.interest, s.engagement, str(s.source)])


def export_workbook(plan: Plan) -> bytes:
    """The plan as a workbook with one sheet per kind; building a folder holding it gives the plan back."""
    wb = Workbook()
    wb.remove(wb.active)
    _statements(wb, plan)
    _recommendations(wb, plan)
    owners = _objectives(wb, plan)
    _direct_and_indicators(wb, plan)
    _risks_and_stakeholders(wb, plan)
    _lists(wb, [a.name for a in plan.areas], owners)
    wb.properties.creator = "plan-draft"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def mission_toml(plan: Plan) -> str:
    """A mission.toml giving the plan's settings back (areas written out unless they are the default five)."""
    q = json.dumps  # TOML basic strings accept JSON string escapes
    lines = [f"administration = {q(plan.administration, ensure_ascii=False)}"]
    if plan.country:
        lines.append(f"country = {q(plan.country, ensure_ascii=False)}")
    lines += [
        f'period = "{plan.period.start}-{plan.period.end}"',
        f'language = "{plan.language}"',
        f"version = {q(plan.version, ensure_ascii=False)}",
    ]
    if plan.date:
        lines.append(f"date = {plan.date.isoformat()}")
    workshop = plan.workshop
    if workshop.start or workshop.end or workshop.place:
        lines += ["", "[workshop]"]
        days = (("start", workshop.start), ("end", workshop.end))
        lines += [f"{key} = {day.isoformat()}" for key, day in days if day]
        if workshop.place:
            lines.append(f"place = {q(workshop.place, ensure_ascii=False)}")
    defaults = [(a.key, a.name) for a in default_areas(plan.language)]
    if [(a.key, a.name) for a in plan.areas] != defaults:
        for area in plan.areas:
            lines += ["", "[[areas]]", f"key = {q(area.key)}", f"name = {q(area.name, ensure_ascii=False)}"]
    checks = plan.checks
    lines += [
        "",
        "[checks]",
        f"ignore = {q(list(checks.ignore))}",
        f"max_initiatives_per_owner_year = {checks.max_initiatives_per_owner_year}",
        f"max_initiatives_per_area_year = {checks.max_initiatives_per_area_year}",
    ]
    return "\n".join(lines) + "\n"


def without_provenance(plan: Plan) -> dict:
    """The plan's content, leaving out where things were read (what an export round trip changes)."""
    data = plan.model_dump(mode="json", exclude={"intake", "accounting", "area_matches", "sources"})

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "source"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data)  # type: ignore[return-value]
