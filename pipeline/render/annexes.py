"""The draft's closing parts: roadmap, monitoring and evaluation, and the annexes."""

from __future__ import annotations

from pipeline.diff import Change
from pipeline.model import Finding, Findings, Initiative, Objective, Plan
from pipeline.render.ooxml import Cell
from pipeline.render.writer import Writer

MAX_LOCATIONS = 3
RUN_FILL = "2E74B5"
AREA_FILL = "DCE6F1"
_RUNS = Cell("", fill=RUN_FILL)  # a roadmap year the initiative runs in (one instance serves every row)


def _initiatives_by_area(plan: Plan) -> list[tuple[str, list[tuple[Objective, Initiative]]]]:
    groups = [(a.name, [(o, i) for o in a.objectives for i in o.initiatives]) for a in plan.areas]
    groups += [(g.label, [(o, i) for o in g.objectives for i in o.initiatives]) for g in plan.unmatched]
    return [(name, items) for name, items in groups if items]


def roadmap(w: Writer, plan: Plan) -> None:
    """Initiatives × years of the plan period, shaded where each runs, grouped by area, landscape."""
    groups = _initiatives_by_area(plan)
    if not groups:
        return
    lab = w.labels
    years = plan.period.years()
    w.landscape(True)
    w.heading(1, lab["roadmap"])
    w.para(lab["roadmap_intro"])
    rows: list[list] = [["#", lab["initiative"], lab["owner"], *map(str, years)]]
    span = 3 + len(years)
    for name, items in groups:
        rows.append([Cell(name, fill=AREA_FILL, span=span, bold=True)])
        for n, (_, i) in enumerate(items, start=1):
            first = i.start.year if i.start else (i.end.year if i.end else None)
            last = i.end.year if i.end else first
            marks = [_RUNS if first is not None and last is not None and first <= y <= last else ""
                     for y in years]
            title = i.title if first is not None else f"{i.title} ({lab['no_timeline']})"
            rows.append([i.ref or str(n), title, i.owner or "—", *marks])
    w.table(rows, [1.4, 9.0, 4.2, *[1.3] * len(years)])
    w.landscape(False)


def monitoring(w: Writer, plan: Plan) -> None:
    """KPI, baseline, target and who reports it, grouped by area."""
    lab = w.labels
    rows: list[list] = [[lab["kpi"], lab["baseline"], lab["target"], lab["owner"], lab["objective_short"]]]
    groups = [(a.name, a.objectives) for a in plan.areas] + [(g.label, g.objectives) for g in plan.unmatched]
    for name, objectives in groups:
        measured = [(k, o, "—") for o in objectives for k in o.indicators]
        measured += [(i.indicator, o, i.owner or "—")
                     for o in objectives for i in o.initiatives if i.indicator]
        measured = [(k, o, owner) for k, o, owner in measured if k.name]
        if measured:
            rows.append([Cell(name, fill=AREA_FILL, span=5, bold=True)])
            rows += [[k.name, k.baseline or "—", k.target or "—", owner, w.numbers.get(id(o), o.title)]
                     for k, o, owner in measured]
    if len(rows) == 1:
        return
    w.heading(1, lab["monitoring"])
    w.para(lab["monitoring_intro"])
    w.table(rows, [6.2, 2.5, 2.5, 3.4, 2.0])


def _where(w: Writer, finding: Finding) -> str:
    places = [w.place(p) for p in finding.locations[:MAX_LOCATIONS]]
    more = len(finding.locations) - MAX_LOCATIONS
    return "; ".join(places) + (f" (+{more})" if more > 0 else "")


def annexes(w: Writer, plan: Plan, findings: Findings, changes: list[Change] | None = None) -> None:
    """Recommendations and what addresses them, coverage, findings, changes, and the source trace."""
    lab = w.labels
    w.heading(1, lab["annexes"])
    if changes is not None:
        _changes(w, changes)
    if plan.recommendations:
        w.heading(2, lab["recommendations"])
        rows: list[list] = [["ID", lab["recommendation"], lab["rec_source"], lab["addressed_by"]]]
        for rec in plan.recommendations:
            by = findings.coverage.recommendations.get(rec.id, [])
            status = (lab["deferred"].format(reason=rec.deferred) if rec.deferred and not by
                      else ([f"• {item}" for item in by] or [lab["not_addressed"]]))
            rows.append([rec.id, rec.text, rec.origin or "—", status])
        w.table(rows, [2.3, 5.9, 3.0, 5.4], sources=[r.source for r in plan.recommendations])
    w.heading(2, lab["coverage"])
    rows = [[lab["key_area"], lab["n_objectives"], lab["n_initiatives"], lab["n_kpis"]]]
    for area in plan.areas:
        counts = findings.coverage.areas.get(area.key, {})
        rows.append([area.name, *(str(counts.get(k, 0)) for k in ("objectives", "initiatives", "with_kpi"))])
    w.table(rows, [7.6, 3.0, 3.0, 3.0])
    w.heading(2, lab["findings"])
    if findings.findings:
        w.table([[lab["severity"], lab["code"], lab["finding"], lab["location"]]] +
                [[lab[f.severity], f.code, f.message + (f" — {f.hint}" if f.hint else ""), _where(w, f)]
                 for f in findings.findings], [2.6, 2.1, 6.7, 5.2])
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
    rows: list[list] = [[lab["change"], lab["key_area"], lab["item"], lab["details"]]]
    for c in changes:
        details = [f"{name}: {old or '—'} → {new or '—'}" for name, old, new in c.fields] or [""]
        rows.append([lab[c.kind], c.area, f"{kinds[c.item]}: {c.title}", details])
    w.table(rows, [2.0, 3.4, 5.6, 5.6])


def _trace(w: Writer, plan: Plan) -> None:
    lab = w.labels
    rows: list[list] = [["#", lab["item"], lab["source"]]]
    for _, objective in plan.objectives():
        number = w.numbers.get(id(objective), objective.ref or "")
        rows.append([Cell(number, bold=True), Cell(objective.title, bold=True),
                     w.place(objective.source)])
        rows += [[i.ref or "", i.title, w.place(i.source)] for i in objective.initiatives]
    if len(rows) == 1:
        return
    w.heading(2, lab["trace"])
    w.para(lab["trace_intro"])
    w.table(rows, [1.5, 8.4, 6.7])
