"""The draft's chapters: introduction, mission/vision/values, SWOT, key areas, decisions and risks."""

from __future__ import annotations

from typing import Any

from pipeline.grammar import of_name
from pipeline.model import AreaContent, Indicator, Initiative, Objective, Statement
from pipeline.render.writer import Content, Writer
from pipeline.text import fold


def unique(statements: list[Statement]) -> list[Statement]:
    """Statements once each (accents, case and punctuation folded); a validated wording wins."""
    seen: dict[str, Statement] = {}
    for s in statements:
        key = fold(s.text)
        if key not in seen or (s.validated and not seen[key].validated):
            seen[key] = s
    return list(seen.values())


def introduction(w: Writer, content: Content) -> None:
    plan, findings = content.plan, content.findings
    lab = w.labels
    w.heading(1, lab["introduction"])
    when = lab.day_span(plan.workshop.start, plan.workshop.end)
    w.para(
        lab["intro_workshop"].format(
            of_administration=of_name(plan.administration, plan.language, plan.administration_article),
            workshop_when=lab["intro_when"].format(dates=when) if when else "",
            workshop_where=lab["intro_where"].format(place=plan.workshop.place)
            if plan.workshop.place
            else "",
        )
    )
    for note in plan.workshop_notes:
        w.para(note.text)
    counts = plan.counts()
    w.para(
        lab["intro_counts"].format(
            period=str(plan.period),
            objectives=lab.count("objectives", counts.objectives),
            initiatives=lab.count("initiatives", counts.initiatives),
            areas=lab.count("areas", counts.areas),
        )
    )
    w.para(
        lab["intro_sources"].format(
            files=lab.count("files", len(plan.sources)), file_list=", ".join(plan.sources)
        )
    )
    w.para(
        lab["intro_findings"].format(
            n_errors=findings.count("error"),
            n_warnings=findings.count("warning"),
            n_info=findings.count("info"),
        )
    )


def statements(w: Writer, content: Content) -> None:
    plan = content.plan
    lab = w.labels
    w.heading(1, lab["mission_vision"])
    for key, items in (("mission", plan.mission), ("vision", plan.vision)):
        w.heading(3, lab[key], numbered=False)
        distinct = unique(items)
        if not distinct:
            w.para(lab["not_stated"])
            continue
        first = next((s for s in distinct if s.validated), distinct[0])
        w.para(first.text, "Quote")
        w.para(lab["validated"] if first.validated else lab["not_validated"])
        for other in distinct:
            if other is not first:
                w.para(f"{other.text} ({w.place(other.source)})")
    w.heading(3, lab["values"], numbered=False)
    values = unique(plan.values)
    if values:
        w.bullets([v.text for v in values])
    else:
        w.para(lab["not_stated"])
    if plan.goals:
        w.heading(3, lab["goals"], numbered=False)
        for goal in unique(plan.goals):
            w.para(goal.text, "Quote")


def swot(w: Writer, content: Content) -> None:
    plan = content.plan
    lab = w.labels
    w.heading(1, lab["swot"])
    cells = {
        q: [f"• {s.text}" for s in plan.swot if s.quadrant == q] or ["—"]
        for q in ("strengths", "weaknesses", "opportunities", "threats")
    }
    w.table([[lab["strengths"], lab["weaknesses"]], [cells["strengths"], cells["weaknesses"]]], [1, 1])
    w.table([[lab["opportunities"], lab["threats"]], [cells["opportunities"], cells["threats"]]], [1, 1])


def _kpi_lines(w: Writer, kpis: list[Indicator]) -> None:
    lab = w.labels
    for kpi in kpis:
        name = f"{kpi.name} ({kpi.ref})" if kpi.ref else kpi.name
        values = f"{kpi.baseline or '?'} → {kpi.target or '?'}"
        line = f"{lab['kpi']}: {name or '—'} — {lab['baseline_target']}: {values}"
        if kpi.series:
            line += " (" + "; ".join(f"{k}: {v}" for k, v in kpi.series.items()) + ")"
        w.para(line)


def _objective(w: Writer, objective: Objective) -> None:
    lab = w.labels
    w.numbers[id(objective)] = w.heading(2, objective.title, source=objective.source)
    _kpi_lines(w, objective.indicators)
    if objective.cites:
        w.para(f"{lab['addresses']}: {', '.join(objective.cites)}")
    for key, value in objective.notes.items():
        w.para(f"{key}: {value}")
    if not objective.initiatives:
        w.para(lab["no_initiatives"])
        return
    _initiatives_table(w, objective.initiatives)


def _initiatives_table(w: Writer, initiatives: list[Initiative]) -> None:
    lab = w.labels
    rows: list[list[Any]] = [
        ["#", lab["initiative"], lab["owner"], lab["timeline"], lab["kpi"], lab["baseline_target"]]
    ]
    for n, i in enumerate(initiatives, start=1):
        title = [i.title]
        if i.cites:
            title.append(f"{lab['addresses']}: {', '.join(i.cites)}")
        title += [f"{k}: {v}" for k, v in i.notes.items()]
        ik = i.indicator
        rows.append(
            [
                i.ref or str(n),
                title,
                i.owner or "—",
                lab.span(i.start, i.end) or "—",
                (ik.name if ik else "") or "—",
                f"{ik.baseline or '?'} → {ik.target or '?'}" if ik and (ik.baseline or ik.target) else "—",
            ]
        )
    w.table(rows, [1.2, 4.9, 3.1, 2.3, 3.0, 2.1], sources=[i.source for i in initiatives])


def _area(w: Writer, title: str, group: AreaContent) -> None:
    """One key area: its goals and indicators, its objectives, and initiatives set directly under it."""
    lab = w.labels
    w.heading(1, title)
    for goal in group.goals:
        w.para(goal.text, "Quote")
    _kpi_lines(w, group.indicators)
    if not group.objectives and not group.initiatives:
        w.para(lab["no_objectives"])
    for objective in group.objectives:
        _objective(w, objective)
    if group.initiatives:
        if group.objectives:
            w.heading(2, lab["other_initiatives"], numbered=False)
        _initiatives_table(w, group.initiatives)


def areas(w: Writer, content: Content) -> None:
    plan = content.plan
    lab = w.labels
    for area in plan.areas:
        _area(w, area.name, area)
    for group in plan.unmatched:
        _area(w, f"{lab['unassigned']}: {group.label}", group)


def notes(w: Writer, content: Content) -> None:
    plan = content.plan
    lab = w.labels
    if plan.decisions or plan.open_questions:
        w.heading(1, f"{lab['decisions']} · {lab['open_questions']}")
        for key, items in (("decisions", plan.decisions), ("open_questions", plan.open_questions)):
            if items:
                w.heading(3, lab[key], numbered=False)
                w.bullets([n.text for n in items])
    if plan.risks:
        w.heading(1, lab["risks"])
        columns = [
            (lab["risk"], 5.4, lambda r: r.text),
            (lab["likelihood"], 2.3, lambda r: r.likelihood),
            (lab["impact"], 1.9, lambda r: r.impact),
            (lab["mitigation"], 4.4, lambda r: r.mitigation),
            (lab["owner"], 2.6, lambda r: r.owner),
        ]
        used = [c for n, c in enumerate(columns) if n == 0 or any(c[2](r) for r in plan.risks)]
        if len(used) == 1:  # risks noted as plain lines: a list reads better than a one-column table
            w.bullets([r.text for r in plan.risks])
        else:
            w.table(
                [[c[0] for c in used]] + [[c[2](r) or "—" for c in used] for r in plan.risks],
                [c[1] for c in used],
            )
    if plan.stakeholders:
        w.heading(1, lab["stakeholders"])
        w.table(
            [[lab["stakeholder"], lab["interest"], lab["engagement"]]]
            + [[s.name, s.interest or "—", s.engagement or "—"] for s in plan.stakeholders],
            [1, 1, 1],
        )
