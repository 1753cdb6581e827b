"""Plan → a clean canonical workbook an administrator edits, which is itself a valid capture."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.config import default_areas, write_toml
from pipeline.messages import Say
from pipeline.model import Indicator, Initiative, Objective, Plan, PlanDate, Provenance
from pipeline.vocab import Language, vocabulary
from pipeline.workbook_writing import DropDownLists, header_row, write_cell

_WRAP = Alignment(wrap_text=True, vertical="top")


class Words(dict[str, str]):
    """The export's words in the plan's language, and the language's forms of places and dates."""

    def __init__(self, language: Language) -> None:
        super().__init__(vocabulary().export[language])
        self.say = self.labels = Say(language)

    def place(self, where: Provenance) -> str:
        """'taller.xlsx, hoja 'FODA', celda B7': where a value was captured, in the language."""
        return self.say.place(where)

    def date(self, value: PlanDate | None) -> str | None:
        """A date as the groups write it ('2T 2014', 'junio de 2014'); a day in ISO form: read back alike."""
        if value is None:
            return None
        return str(value) if value.day is not None else self.labels.plan_date(value)


class _Sheet:
    """A sheet written row by row (openpyxl's `max_row` walks every cell: appending through it is
    quadratic), every value a spreadsheet could take for a formula written as text."""

    def __init__(self, wb: Workbook, title: str, header: list[str], widths: list[int]) -> None:
        self.ws = wb.create_sheet(title[:31])
        self.rows = 1
        header_row(self.ws, 1, header, widths)

    def append(self, values: Sequence[object]) -> None:
        self.rows += 1
        for column, value in enumerate(values, start=1):
            if value is not None:
                write_cell(self.ws, self.rows, column, value)
                self.ws.cell(row=self.rows, column=column).alignment = _WRAP


def _statements(wb: Workbook, plan: Plan, w: Words) -> None:
    ws = _Sheet(
        wb,
        w["sheet_statements"],
        [w["statement"], w["text"], w["validated"], w["captured"]],
        [16, 90, 11, 44],
    )
    for label, items in ((w["mission"], plan.mission), (w["vision"], plan.vision), (w["value"], plan.values)):
        for s in items:
            ws.append([label, s.text, w["yes"] if s.validated else w["no"], w.place(s.source)])
    for card in plan.swot:
        ws.append([w[card.quadrant], card.text, None, w.place(card.source)])
    for key, notes in (
        ("workshop", plan.workshop_notes),
        ("decisions", plan.decisions),
        ("open_questions", plan.open_questions),
    ):
        for note in notes:
            ws.append([w[key], note.text, None, w.place(note.source)])


def _recommendations(wb: Workbook, plan: Plan, w: Words) -> None:
    ws = _Sheet(
        wb,
        w["sheet_recommendations"],
        [w["id"], w["source"], w["recommendation"], w["key_area"], w["status"], w["reason"], w["captured"]],
        [12, 26, 60, 30, 11, 36, 44],
    )
    for rec in plan.recommendations:
        ws.append(
            [
                rec.id,
                rec.origin,
                rec.text,
                rec.area,
                w["deferred"] if rec.deferred else w["open"],
                rec.deferred,
                w.place(rec.source),
            ]
        )


def _kpi(k: Indicator | None) -> list[object]:
    return [k.name, k.baseline, k.target] if k else [None, None, None]


def _initiative_cells(i: Initiative, note_keys: list[str], w: Words) -> list[object]:
    """An initiative's cells from Ref to its notes and where it was captured, in `plan_header` order."""
    return [
        i.ref,
        i.title,
        i.owner,
        w.date(i.start),
        w.date(i.end),
        *_kpi(i.indicator),
        i.priority,
        i.resources,
        ", ".join(i.cites) or None,
        *[i.notes.get(key) for key in note_keys],
        w.place(i.source),
    ]


def _objective_rows(area: str, objective: Objective, note_keys: list[str], w: Words) -> list[list[object]]:
    rows: list[list[object]] = []
    kpis: list[Indicator | None] = [*objective.indicators]
    if not kpis and (objective.ref or objective.cites or objective.notes or not objective.initiatives):
        kpis = [None]  # one objective row all the same, for its number, citations or lack of initiatives
    for n, kpi in enumerate(kpis):  # objective-level rows: its number, KPIs, citations and notes
        first = n == 0
        rows.append(
            [
                area,
                objective.title,
                objective.ref,
                None,
                None,
                None,
                None,
                *_kpi(kpi),
                None,
                None,
                ", ".join(objective.cites) if first and objective.cites else None,
                *[objective.notes.get(key) if first else None for key in note_keys],
                w.place(kpi.source if kpi else objective.source),
            ]
        )
    rows += [[area, objective.title, *_initiative_cells(i, note_keys, w)] for i in objective.initiatives]
    return rows


def plan_header(w: Mapping[str, str], *, area: bool = True, objective: bool = True) -> list[str]:
    """The plan table's header as `export` and `init` write it, in the words of one language."""
    return [
        *([w["key_area"]] if area else []),
        *([w["objective"]] if objective else []),
        w["ref"],
        w["initiative"],
        w["owner"],
        w["start"],
        w["end"],
        w["kpi"],
        w["baseline"],
        w["target"],
        w["priority"],
        w["resources"],
        w["cites"],
    ]


def _objectives(wb: Workbook, plan: Plan, w: Words) -> _Sheet:
    """The objectives and initiatives sheet."""
    note_keys = sorted(
        {key for _, o in plan.objectives() for key in o.notes}
        | {key for _, o in plan.objectives() for i in o.initiatives for key in i.notes}
    )
    header = [*plan_header(w), *(w["note"].format(key=key) for key in note_keys), w["captured"]]
    ws = _Sheet(
        wb,
        w["sheet_objectives"],
        header,
        [26, 40, 8, 44, 24, 10, 10, 30, 12, 12, 9, 14, 14, *[20] * len(note_keys), 44],
    )
    for _, name, group in plan.groups():
        for objective in group.objectives:
            for row in _objective_rows(name, objective, note_keys, w):
                ws.append(row)
    return ws


def _drop_downs(wb: Workbook, sheet: _Sheet, plan: Plan, w: Words) -> None:
    """Drop-downs of the key areas (column A, nothing else accepted) and of the owners (column E)."""
    lists = DropDownLists(wb)
    areas = lists.add([a.name for a in plan.areas])
    owners = lists.add(sorted({i.owner for _, _, i in plan.initiatives() if i.owner}))
    last = max(sheet.rows, 2) + 500  # room for rows the administrator adds
    for column, formula in (("A", areas), ("E", owners)):
        if formula:
            check = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=column == "A",
                errorTitle=w["area_error_title"],
                error=w["area_error"],
            )
            check.add(f"{column}2:{column}{last}")
            sheet.ws.add_data_validation(check)


def _direct_and_indicators(wb: Workbook, plan: Plan, w: Words) -> None:
    """Initiatives set directly under an area (a sheet with no objective column, so they are read
    back as such), and indicators of an area or of the whole plan."""
    direct = [(name, i) for _, name, g in plan.groups() for i in g.initiatives]
    if direct:
        note_keys = sorted({key for _, i in direct for key in i.notes})
        ws = _Sheet(
            wb,
            w["sheet_direct"],
            [*plan_header(w, objective=False), *(w["note"].format(key=k) for k in note_keys), w["captured"]],
            [26, 8, 44, 24, 10, 10, 30, 12, 12, 9, 14, 14, *[20] * len(note_keys), 44],
        )
        for area, i in direct:
            ws.append([area, *_initiative_cells(i, note_keys, w)])
    kpis: list[tuple[str | None, Indicator]] = [
        (name, k) for _, name, g in plan.groups() for k in g.indicators
    ]
    kpis += [(None, k) for k in plan.indicators]
    if kpis:
        labels = list(dict.fromkeys(label for _, k in kpis for label in k.series))
        note_keys = sorted({key for _, k in kpis for key in k.notes})
        ws = _Sheet(
            wb,
            w["sheet_indicators"],
            [
                w["key_area"],
                w["ref"],
                w["kpi"],
                w["responsible"],
                w["baseline"],
                w["target"],
                *labels,
                *(w["note"].format(key=key) for key in note_keys),
                w["captured"],
            ],
            [26, 8, 40, 24, 12, 12, *[12] * len(labels), *[20] * len(note_keys), 44],
        )
        for area_name, k in kpis:
            ws.append(
                [
                    area_name,
                    k.ref,
                    k.name,
                    k.owner,
                    k.baseline,
                    k.target,
                    *[k.series.get(label) for label in labels],
                    *[k.notes.get(key) for key in note_keys],
                    w.place(k.source),
                ]
            )


def _risks_and_stakeholders(wb: Workbook, plan: Plan, w: Words) -> None:
    if plan.risks:
        ws = _Sheet(
            wb,
            w["sheet_risks"],
            [w["risk"], w["likelihood"], w["impact"], w["mitigation"], w["owner"], w["captured"]],
            [50, 12, 12, 40, 20, 44],
        )
        for r in plan.risks:
            ws.append([r.text, r.likelihood, r.impact, r.mitigation, r.owner, w.place(r.source)])
    if plan.stakeholders:
        ws = _Sheet(
            wb,
            w["sheet_stakeholders"],
            [w["stakeholder"], w["interest"], w["engagement"], w["captured"]],
            [36, 40, 40, 44],
        )
        for s in plan.stakeholders:
            ws.append([s.name, s.interest, s.engagement, w.place(s.source)])


def export_workbook(plan: Plan) -> bytes:
    """The plan as a workbook with one sheet per kind, in the plan's language; building a folder
    holding it gives the plan back."""
    w = Words(plan.language)
    wb = Workbook()
    wb.remove(wb.active)
    _statements(wb, plan, w)
    _recommendations(wb, plan, w)
    objectives = _objectives(wb, plan, w)
    _direct_and_indicators(wb, plan, w)
    _risks_and_stakeholders(wb, plan, w)
    _drop_downs(wb, objectives, plan, w)
    wb.properties.creator = "plan-draft"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def mission_toml(plan: Plan) -> str:
    """A mission.toml giving the plan's settings back (areas written out unless they are the default five)."""
    workshop = {"start": plan.workshop.start, "end": plan.workshop.end, "place": plan.workshop.place}
    defaults = [(a.key, a.name) for a in default_areas(plan.language)]
    custom = [(a.key, a.name) for a in plan.areas] != defaults
    checks = plan.checks
    data = {
        "administration": plan.administration,
        "country": plan.country,
        "period": f"{plan.period.start}-{plan.period.end}",
        "language": plan.language,
        "version": plan.version,
        "date": plan.date,
        "workshop": {k: v for k, v in workshop.items() if v} or None,
        "areas": [{"key": a.key, "name": a.name} for a in plan.areas] if custom else None,
        "checks": {
            "ignore": list(checks.ignore),
            "max_initiatives_per_owner_year": checks.max_initiatives_per_owner_year,
            "max_initiatives_per_area_year": checks.max_initiatives_per_area_year,
        },
    }
    return write_toml(data)
