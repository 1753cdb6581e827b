"""The draft's closing parts: roadmap, monitoring and evaluation, and the annexes."""

from __future__ import annotations

from typing import Any

from pipeline.diff import Change
from pipeline.messages import Say
from pipeline.model import Finding, Indicator, Initiative, Objective, Plan
from pipeline.render.ooxml import Cell
from pipeline.render.writer import Content, Writer

MAX_LOCATIONS = 3
RUN_FILL = "2E74B5"
AREA_FILL = "DCE6F1"
_RUNS = Cell("", fill=RUN_FILL)  # a roadmap year the initiative runs in (one instance serves every row)


def _initiatives_by_area(plan: Plan) -> list[tuple[str, list[tuple[Objective | None, Initiative]]]]:
    groups = [
        (name, [*((o, i) for o in g.objectives for i in o.initiatives), *((None, i) for i in g.initiatives)])
        for _, name, g in plan.groups()
    ]  # objectives' initiatives first, as the chapters show them
    return [(name, items) for name, items in groups if items]


def roadmap(w: Writer, content: Content) -> None:
    """Initiatives × years of the plan period, shaded where each runs, grouped by area, landscape."""
    plan = content.plan
    groups = _initiatives_by_area(plan)
    if not groups:
        return
    lab = w.labels
    years = plan.period.years()
    w.landscape(True)
    w.heading(1, lab["roadmap"])
    w.para(lab["roadmap_intro"])
    rows: list[list[Any]] = [["#", lab["initiative"], lab["owner"], *map(str, years)]]
    span = 3 + len(years)
    for name, items in groups:
        rows.append([Cell(name, fill=AREA_FILL, span=span, bold=True)])
        for n, (_, i) in enumerate(items, start=1):
            first = i.start.year if i.start else (i.end.year if i.end else None)
            last = i.end.year if i.end else first
            marks = [
                _RUNS if first is not None and last is not None and first <= y <= last else "" for y in years
            ]
            title = i.title if first is not None else f"{i.title} ({lab['no_timeline']})"
            rows.append([w.numbers.get(id(i), str(n)), title, i.owner or "—", *marks])
    w.table(rows, [1.4, 9.0, 4.2, *[1.3] * len(years)])
    w.landscape(False)


MAX_SERIES_COLUMNS = 6  # values by year or milestone shown as columns; more go into the target cell


def monitoring(w: Writer, content: Content) -> None:
    """KPI, baseline, values by year or milestone, target, who reports it and what it measures,
    grouped by area; plan-level indicators last."""
    plan = content.plan
    lab = w.labels
    groups: list[tuple[str, list[tuple[Indicator, str, str]]]] = []
    for _, name, group in plan.groups():
        measured = [
            (k, w.numbers.get(id(o), o.title), k.owner or "—") for o in group.objectives for k in o.indicators
        ]
        measured += [
            (i.indicator, w.numbers.get(id(i), o.title), i.owner or "—")
            for o in group.objectives
            for i in o.initiatives
            if i.indicator
        ]
        measured += [
            (i.indicator, w.numbers.get(id(i), i.title), i.owner or "—")
            for i in group.initiatives
            if i.indicator
        ]
        measured += [(k, "—", k.owner or "—") for k in group.indicators]
        groups.append((name, [(k, item, owner) for k, item, owner in measured if k.name]))
    groups.append((lab["plan_level"], [(k, "—", k.owner or "—") for k in plan.indicators if k.name]))
    labels = list(
        dict.fromkeys(label for _, measured in groups for k, _, _ in measured for label in k.series)
    )
    shown = labels if len(labels) <= MAX_SERIES_COLUMNS else []
    header = [lab["kpi"], lab["baseline"], *shown, lab["target"], lab["owner"], lab["objective_short"]]
    rows: list[list[Any]] = [header]
    for name, measured in groups:
        if measured:
            rows.append([Cell(name, fill=AREA_FILL, span=len(header), bold=True)])
            rows += [
                [
                    k.name,
                    k.baseline or "—",
                    *(k.series.get(label) or "—" for label in shown),
                    _target(k, shown, lab),
                    owner,
                    item,
                ]
                for k, item, owner in measured
            ]
    if len(rows) == 1:
        return
    w.heading(1, lab["monitoring"])
    w.para(lab["monitoring_intro"])
    if shown:  # values by year take the room: the indicator column narrows, the others stay readable
        w.table(rows, [5.0, 2.2, *[2.2] * len(shown), 2.2, 3.0, 1.6])
    else:
        w.table(rows, [6.2, 2.5, 2.5, 3.4, 2.0])


def _target(kpi: Indicator, shown: list[str], lab: Say) -> str | list[str]:
    """The target cell: the target, and the values by year that have no column of their own."""
    rest = [lab.pair(k, v) for k, v in kpi.series.items() if k not in shown]
    return [kpi.target or "—", *rest] if rest else kpi.target or "—"


def _where(w: Writer, finding: Finding) -> str:
    places = [w.place(p) for p in finding.locations[:MAX_LOCATIONS]]
    more = len(finding.locations) - MAX_LOCATIONS
    return "; ".join(places) + (f" (+{more})" if more > 0 else "")


def annexes(w: Writer, content: Content) -> None:
    """Recommendations and what addresses them, coverage, findings, changes, and the source trace."""
    plan, findings, changes = content.plan, content.findings, content.changes
    lab = w.labels
    w.heading(1, lab["annexes"])
    if changes is not None:
        _changes(w, changes)
    if plan.recommendations:
        w.heading(2, lab["recommendations"])
        rows: list[list[Any]] = [["ID", lab["recommendation"], lab["rec_source"], lab["addressed_by"]]]
        for rec in plan.recommendations:
            by = findings.coverage.recommendations.get(rec.id, [])
            status = (
                lab["deferred"].format(reason=rec.deferred)
                if rec.deferred and not by
                else ([f"• {item}" for item in by] or [lab["not_addressed"]])
            )
            rows.append([rec.id, rec.text, rec.origin or "—", status])
        w.table(rows, [2.3, 5.9, 3.0, 5.4], sources=[r.source for r in plan.recommendations])
    w.heading(2, lab["coverage"])
    rows = [[lab["key_area"], lab["n_objectives"], lab["n_initiatives"], lab["n_kpis"]]]
    for key, name, _ in plan.groups():
        counts = findings.coverage.areas.get(key or name, {})
        rows.append([name, *(str(counts.get(k, 0)) for k in ("objectives", "initiatives", "with_kpi"))])
    w.table(rows, [7.6, 3.0, 3.0, 3.0])
    w.heading(2, lab["findings"])
    if findings.findings:
        w.table(
            [[lab["severity"], lab["code"], lab["finding"], lab["location"]]]
            + [
                [lab[f.severity], f.code, f.message + (f" — {f.hint}" if f.hint else ""), _where(w, f)]
                for f in findings.findings
            ],
            [2.6, 2.1, 6.7, 5.2],
        )
    else:
        w.para(lab["no_findings"])
    _trace(w, plan)


def _changes(w: Writer, changes: list[Change]) -> None:
    lab = w.labels
    w.heading(2, lab["changes"])
    if not changes:
        w.para(lab["no_changes"])
        return
    w.para(lab["changes_intro"])
    kinds = {"objective": lab["objective"], "initiative": lab["initiative"]}
    rows: list[list[Any]] = [[lab["change"], lab["key_area"], lab["item"], lab["details"]]]
    for c in changes:
        details = [
            lab.pair(lab["field_" + name], f"{old or '—'} → {new or '—'}") for name, old, new in c.fields
        ] or [""]
        rows.append([lab[c.kind], c.area, f"{kinds[c.item]}: {c.title}", details])
    w.table(rows, [2.0, 3.4, 5.6, 5.6])


def _trace(w: Writer, plan: Plan) -> None:
    lab = w.labels
    rows: list[list[Any]] = [["#", lab["item"], lab["source"]]]
    for _, _, group in plan.groups():
        for objective in group.objectives:
            number = w.numbers.get(id(objective), objective.ref or "")
            rows.append(
                [Cell(number, bold=True), Cell(objective.title, bold=True), w.place(objective.source)]
            )
            rows += [[w.numbers.get(id(i), ""), i.title, w.place(i.source)] for i in objective.initiatives]
        rows += [[w.numbers.get(id(i), ""), i.title, w.place(i.source)] for i in group.initiatives]
    if len(rows) == 1:
        return
    w.heading(2, lab["trace"])
    w.para(lab["trace_intro"])
    w.table(rows, [1.5, 8.4, 6.7])
