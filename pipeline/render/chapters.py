"""The draft's chapters: introduction, mission/vision/values, SWOT, key areas, decisions and risks."""

from __future__ import annotations

from typing import Any

from pipeline.grammar import of_name
from pipeline.messages import Say
from pipeline.model import AreaContent, Indicator, Initiative, Objective, Plan, Statement
from pipeline.render.ooxml import Cell
from pipeline.render.writer import Content, Writer
from pipeline.text import alike, fold
from pipeline.vocab import vocabulary


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
    if flagships := top_priorities(plan):
        items = ", ".join(
            f"«\u00a0{i.title}\u00a0»" if plan.language == "fr" else f"“{i.title}”" for i in flagships
        )
        w.para(lab["intro_priorities"].format(items=items))
    sources = plan.contributing_sources()
    named = [f"{s} ({plan.source_groups[s]})" if s in plan.source_groups else s for s in sources]
    w.para(lab["intro_sources"].format(files=lab.count("files", len(sources)), file_list=", ".join(named)))
    w.para(
        lab["intro_findings"].format(
            n_errors=findings.count("error"),
            n_warnings=findings.count("warning"),
            n_info=findings.count("info"),
        )
    )


MAX_FLAGSHIPS = 5  # the plenary's top priorities named in the introduction


def top_priorities(plan: Plan) -> list[Initiative]:
    """The initiatives the plenary ranked highest: those marked high (High, Alta, Haute …), else the
    most dots or votes, in capture order among equals; none where priorities do not tell them apart.
    An initiative several groups proposed in the same words is named once."""
    given = [i for _, _, i in plan.initiatives() if i.priority]
    high = vocabulary().evidence.top_priorities
    if flagged := [i for i in given if fold(i.priority or "") in high]:
        return _once_each(flagged)[:MAX_FLAGSHIPS]
    scored = [(n, i) for i in given if (n := _number(i.priority or "")) is not None]
    if len({n for n, _ in scored}) < 2:
        return []
    scored.sort(key=lambda t: -t[0])
    return _once_each([i for _, i in scored])[:MAX_FLAGSHIPS]


def _once_each(initiatives: list[Initiative]) -> list[Initiative]:
    """The first of initiatives worded the same (several groups proposing one)."""
    first: dict[str, Initiative] = {}
    for i in initiatives:
        first.setdefault(fold(i.title), i)
    return list(first.values())


def _number(text: str) -> float | None:
    """A priority given as dots, votes or a score ('12', '4,5 votes'), or None."""
    try:
        return float(text.replace(",", ".").split()[0])
    except (ValueError, IndexError):
        return None


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
        others = [o for o in distinct if o is not first]
        if others:  # a group's other wording, labelled so that it never reads as part of the statement
            w.para(lab.pair(lab["other_wordings"], "").rstrip())
            w.bullets([f"{o.text} ({w.place(o.source)})" for o in others])
    w.heading(3, lab["values"], numbered=False)
    values = unique(plan.values)
    if values:
        w.bullets(_values_alike_together(plan, values, lab))
    else:
        w.para(lab["not_stated"])
    if plan.goals:
        w.heading(3, lab["goals"], numbered=False)
        for goal in unique(plan.goals):
            w.para(goal.text, "Quote")


def _values_alike_together(plan: Plan, values: list[Statement], lab: Say) -> list[str]:
    """One line a value; values worded alike ('Compromiso', 'Compromiso con el país') on one line,
    each with the group (or file) that proposed it, for the plenary to choose."""
    groups = {g[0]: g for g in alike([v.text for v in values])}
    tail = {n for g in groups.values() for n in g[1:]}

    def who(s: Statement) -> str:
        return plan.source_groups.get(s.source.file, s.source.file)

    lines = []
    for n, value in enumerate(values):
        if n in tail:
            continue
        if n not in groups:
            lines.append(value.text)
            continue
        others = "; ".join(f"{values[o].text} ({who(values[o])})" for o in groups[n][1:])
        lines.append(f"{value.text} ({who(value)}) — {lab.pair(lab['near_wordings'], others)}")
    return lines


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
        line = f"{lab.pair(lab['kpi'], name or '—')} — {lab.pair(lab['baseline_target'], values)}"
        if kpi.series:
            line += " (" + "; ".join(lab.pair(k, v) for k, v in kpi.series.items()) + ")"
        w.para(line)


def _objective(w: Writer, objective: Objective, ranked: bool, place: tuple[int, int]) -> None:
    lab = w.labels
    mark = item_mark("o", *place)
    number = w.numbers[id(objective)] = w.heading(2, objective.title, source=objective.source, bookmark=mark)
    w.marks[mark] = number
    if objective.ref:
        w.para(lab.pair(lab["group_ref"], objective.ref))
    _kpi_lines(w, objective.indicators)
    if objective.cites:
        w.para(lab.pair(lab["addresses"], ", ".join(objective.cites)))
    for key, value in objective.notes.items():
        w.para(lab.pair(key, value))
    if not objective.initiatives:
        w.para(lab["no_initiatives"])
        return
    _initiatives_table(w, objective.initiatives, number, ranked, place)


def item_mark(kind: str, group: int, objective: int, initiative: int | None = None) -> str:
    """The bookmark name of an item: its kind and its place in `plan.groups()` ('pd_i_3_1_0'; an
    objective index of -1 for initiatives set directly under their area)."""
    place = [group, objective] if initiative is None else [group, objective, initiative]
    return f"pd_{kind}_" + "_".join(str(n) if n >= 0 else "x" for n in place)


def _initiatives_table(
    w: Writer, initiatives: list[Initiative], prefix: str, ranked: bool, place: tuple[int, int]
) -> None:
    """The initiatives of one heading, numbered under it (4.2 → 4.2.1, 4.2.2); the group's own
    reference, resources and extra columns under each title; a priority column where the plan has any."""
    lab = w.labels
    head = ["#", lab["initiative"], lab["owner"], lab["timeline"], lab["kpi"], lab["baseline_target"]]
    widths = [1.3, 5.0, 3.0, 2.3, 2.8, 2.4]
    if ranked:
        head.insert(4, lab["priority"])
        widths = [1.3, 4.0, 2.6, 2.1, 2.1, 2.3, 2.2]
    rows: list[list[Any]] = [head]
    for n, i in enumerate(initiatives, start=1):
        number = w.numbers[id(i)] = f"{prefix}.{n}"
        w.marks[item_mark("i", *place, n - 1)] = number
        title = [i.title]
        if i.ref:
            title.append(lab.pair(lab["group_ref"], i.ref))
        if i.resources:
            title.append(lab.pair(lab["resources"], i.resources))
        if i.cites:
            title.append(lab.pair(lab["addresses"], ", ".join(i.cites)))
        title += [lab.pair(k, v) for k, v in i.notes.items()]
        ik = i.indicator
        row = [
            Cell(number, bookmark=w.bookmark(item_mark("i", *place, n - 1))),
            title,
            i.owner or "—",
            lab.span(i.start, i.end) or "—",
            (ik.name if ik else "") or "—",
            f"{ik.baseline or '?'} → {ik.target or '?'}" if ik and (ik.baseline or ik.target) else "—",
        ]
        if ranked:
            row.insert(4, i.priority or "—")
        rows.append(row)
    w.table(rows, widths, sources=[i.source for i in initiatives])


def _resources(w: Writer, group: AreaContent) -> None:
    """What the area's initiatives ask of the budget, one row each, where any says."""
    lab = w.labels
    asked = [i for _, i in group.all_initiatives() if i.resources]
    if not asked:
        return
    w.heading(3, lab["resources_summary"], numbered=False)
    rows: list[list[Any]] = [["#", lab["initiative"], lab["resources"]]]
    rows += [[w.numbers.get(id(i), ""), i.title, i.resources] for i in asked]
    w.table(rows, [1.4, 9.6, 5.6])


def _area(w: Writer, title: str, group: AreaContent, ranked: bool, index: int) -> None:
    """One key area: its goals and indicators, its objectives, initiatives set directly under it (under
    a numbered heading of their own where the area has objectives too), and the resources asked."""
    lab = w.labels
    number = w.heading(1, title, new_page=not group.is_empty())  # an empty area takes no page of its own
    for goal in group.goals:
        w.para(goal.text, "Quote")
    _kpi_lines(w, group.indicators)
    if not group.objectives and not group.initiatives:
        w.para(lab["no_objectives"])
    for n, objective in enumerate(group.objectives):
        _objective(w, objective, ranked, (index, n))
    if group.initiatives:
        if group.objectives:
            number = w.heading(2, lab["other_initiatives"])
        _initiatives_table(w, group.initiatives, number, ranked, (index, -1))
    _resources(w, group)


def areas(w: Writer, content: Content) -> None:
    plan = content.plan
    lab = w.labels
    ranked = any(i.priority for _, _, i in plan.initiatives())
    for index, (key, name, group) in enumerate(plan.groups()):
        _area(w, name if key is not None else lab.pair(lab["unassigned"], name), group, ranked, index)


def notes(w: Writer, content: Content) -> None:
    plan = content.plan
    lab = w.labels
    if plan.decisions or plan.open_questions:
        both = plan.decisions and plan.open_questions
        w.heading(
            1,
            lab["decisions_and_questions"]
            if both
            else lab["decisions" if plan.decisions else "open_questions"],
        )
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
