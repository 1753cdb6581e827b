"""What changed between two plans: objectives and initiatives added, removed, or changed field by field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from pipeline.messages import Say
from pipeline.model import Initiative, Objective, Plan, PlanDate
from pipeline.text import key_of
from pipeline.vocab import Language, vocabulary

Kind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One difference: an objective or initiative added, removed, or changed (with its fields)."""

    kind: Kind
    item: Literal["objective", "initiative"]
    area: str
    title: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)


def _area_names(plan: Plan) -> dict[str | None, str]:
    return {a.key: a.name for a in plan.areas}


def _objectives(plan: Plan) -> dict[tuple[str, str], tuple[str, Objective]]:
    names = _area_names(plan)
    found: dict[tuple[str, str], tuple[str, Objective]] = {}
    for area in plan.areas:
        for o in area.objectives:
            found[(area.key, key_of(o.title))] = (names[area.key], o)
    for group in plan.unmatched:
        for o in group.objectives:
            found[(f"label:{group.label}", key_of(o.title))] = (group.label, o)
    return found


def _initiatives(plan: Plan) -> dict[tuple[str, str], tuple[str, Objective | None, Initiative]]:
    found: dict[tuple[str, str], tuple[str, Objective | None, Initiative]] = {}
    for key, name, group in plan.groups():
        area = key or f"label:{name}"
        for o, i in group.all_initiatives():
            slot = (area, key_of(i.title))
            if slot in found:  # the same wording twice in one area: tell them apart by objective
                slot = (area, f"{key_of(i.title)} / {key_of(o.title) if o else ''}")
            found[slot] = (name, o, i)
    return found


DateText = Callable[[PlanDate | None], str]


def _iso(value: PlanDate | None) -> str:
    return str(value) if value else ""


def _kpi(i: Initiative) -> tuple[str, str, str]:
    k = i.indicator
    return (k.name, k.baseline or "", k.target or "") if k else ("", "", "")


def _initiative_fields(
    old: tuple[str, Objective | None, Initiative],
    new: tuple[str, Objective | None, Initiative],
    date_text: DateText,
) -> list[tuple[str, str, str]]:
    (_, oo, a), (_, no, b) = old, new
    pairs = [
        ("title", a.title, b.title),
        ("objective", oo.title if oo else "", no.title if no else ""),
        ("owner", a.owner, b.owner),
        ("start", date_text(a.start), date_text(b.start)),
        ("end", date_text(a.end), date_text(b.end)),
        ("kpi", _kpi(a)[0], _kpi(b)[0]),
        ("baseline", _kpi(a)[1], _kpi(b)[1]),
        ("target", _kpi(a)[2], _kpi(b)[2]),
        ("priority", a.priority, b.priority),
        ("resources", a.resources, b.resources),
        ("recommendations", ", ".join(a.cites), ", ".join(b.cites)),
        (
            "notes",
            "; ".join(f"{k}: {v}" for k, v in a.notes.items()),
            "; ".join(f"{k}: {v}" for k, v in b.notes.items()),
        ),
    ]
    return [(name, str(x or ""), str(y or "")) for name, x, y in pairs if str(x or "") != str(y or "")]


def _objective_fields(a: Objective, b: Objective) -> list[tuple[str, str, str]]:
    def kpis(o: Objective) -> str:
        return "; ".join(f"{k.name} ({k.baseline or '?'} → {k.target or '?'})" for k in o.indicators)

    pairs = [
        ("ref", a.ref or "", b.ref or ""),
        ("kpis", kpis(a), kpis(b)),
        ("recommendations", ", ".join(a.cites), ", ".join(b.cites)),
    ]
    return [(name, x, y) for name, x, y in pairs if x != y]


def diff_plans(old: Plan, new: Plan, date_text: DateText = _iso) -> list[Change]:
    """Every difference in objectives and initiatives, in the new plan's order (removals last); each
    changed field by its key ('owner', 'start' …: `field_<key>` in the labels), dates worded by
    `date_text` (the draft's language: '2T 2015')."""
    changes: list[Change] = []
    old_objectives, new_objectives = _objectives(old), _objectives(new)
    for key, (area, o) in new_objectives.items():
        if key not in old_objectives:
            changes.append(Change("added", "objective", area, o.title))
        elif fields := _objective_fields(old_objectives[key][1], o):
            changes.append(Change("changed", "objective", area, o.title, fields))
    old_items, new_items = _initiatives(old), _initiatives(new)
    unmatched_old = {k: v for k, v in old_items.items() if k not in new_items}
    by_ref = {(k[0], v[2].ref): k for k, v in unmatched_old.items() if v[2].ref}
    for key, item in new_items.items():
        old_key = key if key in old_items else by_ref.get((key[0], item[2].ref)) if item[2].ref else None
        if old_key is None:
            changes.append(Change("added", "initiative", item[0], item[2].title))
            continue
        unmatched_old.pop(old_key, None)
        if fields := _initiative_fields(old_items[old_key], item, date_text):
            changes.append(Change("changed", "initiative", item[0], item[2].title, fields))
    changes += [Change("removed", "initiative", v[0], v[2].title) for v in unmatched_old.values()]
    changes += [
        Change("removed", "objective", area, o.title)
        for key, (area, o) in old_objectives.items()
        if key not in new_objectives
    ]
    return changes


def diff_lines(changes: list[Change], language: Language = "en") -> list[str]:
    """The changes as `plan-draft diff` prints them, in the plan's language: grouped by area, then a
    summary line."""
    labels = vocabulary().labels[language]
    marks = {"added": "+", "removed": "-", "changed": "~"}
    lines: list[str] = []
    area = None
    for change in changes:
        if change.area != area:
            area = change.area
            lines.append(area)
        lines.append(f"  {marks[change.kind]} {labels[change.item].lower()} '{change.title}'")
        lines += [
            f"      {labels['field_' + name]}: {before or '—'} → {after or '—'}"
            for name, before, after in change.fields
        ]
    counts = {k: sum(1 for c in changes if c.kind == k) for k in ("added", "removed", "changed")}
    lines.append(Say(language)("cli_diff_summary", **counts))
    return lines
