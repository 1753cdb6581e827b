"""The rule catalogue: one small pure function per rule, each with a stable code and severity."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from pipeline.messages import Say
from pipeline.model import (
    CheckConfig,
    Coverage,
    Finding,
    Findings,
    Indicator,
    Objective,
    Plan,
    Provenance,
    Severity,
    Statement,
    SwotItem,
)
from pipeline.text import alike, content_words, fold, key_of
from pipeline.vocab import vocabulary

_OWNER_SPLIT = re.compile(r"\s*[/+;,\n]\s*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


class Hit(NamedTuple):
    """One problem a rule found: what it says, where, in which area, and how to fix it."""

    message: str
    locations: list[Provenance]
    area: str | None
    hint: str | None


Check = Callable[[Plan, CheckConfig, Say], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    """A rule of the catalogue: its code, severity, what it checks and the function that does.

    Its messages are `[messages]` entries keyed by its code (and `<code>_hint`) in every vocabulary;
    `tests/test_checks.py` fails when one is missing.
    """

    code: str
    severity: Severity
    summary: str
    check: Check


CATALOGUE: list[Rule] = []


def rule(code: str, severity: Severity, summary: str) -> Callable[[Check], Check]:
    """Register a rule; it yields a Hit for each problem."""

    def register(fn: Check) -> Check:
        CATALOGUE.append(Rule(code, severity, summary, fn))
        return fn

    return register


def _kpis(objective: Objective) -> list[Indicator]:
    """The objective's own KPIs and those of its initiatives."""
    return [*objective.indicators, *(i.indicator for i in objective.initiatives if i.indicator)]


def _all_kpis(plan: Plan) -> Iterator[tuple[str | None, Indicator]]:
    """Every indicator with its area key: by objective (its own, then its initiatives'), then the
    area's initiatives and indicators, then the plan's."""
    for key, _, group in plan.groups():
        for objective in group.objectives:
            for kpi in _kpis(objective):
                yield key, kpi
        for initiative in group.initiatives:
            if initiative.indicator:
                yield key, initiative.indicator
        for kpi in group.indicators:
            yield key, kpi
    for kpi in plan.indicators:
        yield None, kpi


def _short(text: str, n: int = 160) -> str:
    """An item's text as a finding quotes it: whole, unless it runs to a paragraph."""
    return text if len(text) <= n else text[: n - 1] + "…"


@rule("AREA001", "error", "a configured key area has no strategic objective or key initiative")
def area_without_objectives(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for area in plan.areas:
        if not area.objectives and not area.initiatives:
            yield Hit(say("AREA001", area=area.name), [], area.key, say("AREA001_hint"))


@rule("AREA002", "warning", "rows whose key area matches none of the configured areas")
def unmatched_area(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for group in plan.unmatched:
        count = len(group.all_initiatives())
        places = [o.source for o in group.objectives] + [i.source for i in group.initiatives]
        yield Hit(
            say("AREA002", label=group.label, objectives=len(group.objectives), initiatives=count),
            places[:10],
            None,
            say("AREA002_hint"),
        )


@rule("AREA003", "info", "an area label was matched by similarity, not by an exact name")
def fuzzy_area(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    names = {a.key: a.name for a in plan.areas}
    for match in plan.area_matches:
        if match.key is not None and match.confidence < 1.0:
            message = say(
                "AREA003", label=match.label, area=names[match.key], confidence=f"{match.confidence:.2f}"
            )
            yield Hit(message, [match.source], match.key, say("AREA003_hint"))


@rule("OBJ001", "error", "a strategic objective has no key initiative")
def objective_without_initiatives(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for key, objective in plan.objectives():
        if not objective.initiatives:
            yield Hit(
                say("OBJ001", objective=_short(objective.title)),
                [objective.source],
                key,
                say("OBJ001_hint"),
            )


@rule("OBJ002", "warning", "a strategic objective has no KPI")
def objective_without_kpi(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for key, objective in plan.objectives():
        if not any(kpi.name for kpi in _kpis(objective)):
            yield Hit(
                say("OBJ002", objective=_short(objective.title)),
                [objective.source],
                key,
                say("OBJ002_hint"),
            )


@rule("INI001", "error", "a key initiative has no owner")
def initiative_without_owner(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for key, _o, initiative in plan.initiatives():
        if not initiative.owner:
            yield Hit(
                say("INI001", initiative=_short(initiative.title)),
                [initiative.source],
                key,
                say("INI001_hint"),
            )


@rule("INI002", "warning", "a key initiative names more than one owner")
def initiative_with_several_owners(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for key, _o, initiative in plan.initiatives():
        if initiative.owner and len([p for p in _OWNER_SPLIT.split(initiative.owner) if p]) > 1:
            yield Hit(
                say("INI002", initiative=_short(initiative.title), owner=initiative.owner),
                [initiative.source],
                key,
                say("INI002_hint"),
            )


@rule("INI003", "error", "a key initiative ends before it starts")
def initiative_reversed(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for key, _o, i in plan.initiatives():
        if i.start and i.end and i.start.first_day() > i.end.last_day():
            yield Hit(
                say("INI003", initiative=_short(i.title), end=i.end, start=i.start),
                [i.source],
                key,
                say("INI003_hint"),
            )


@rule("INI004", "warning", "a key initiative runs outside the plan period")
def initiative_outside_period(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    first, last = plan.period.start, plan.period.end
    for key, _o, i in plan.initiatives():
        outside = [str(d) for d in (i.start, i.end) if d and not first <= d.year <= last]
        if outside:
            yield Hit(
                say("INI004", initiative=_short(i.title), period=plan.period, dates=", ".join(outside)),
                [i.source],
                key,
                say("INI004_hint"),
            )


@rule("INI005", "warning", "a key initiative has no start or end")
def initiative_without_dates(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for key, _o, i in plan.initiatives():
        missing = [name for name, d in (("start", i.start), ("end", i.end)) if d is None]
        if missing:
            words = say("word_start_or_end") if len(missing) == 2 else say(f"word_{missing[0]}")
            yield Hit(
                say("INI005", initiative=_short(i.title), missing=words),
                [i.source],
                key,
                say("INI005_hint"),
            )


@rule("KPI001", "warning", "a KPI lacks a baseline or a target")
def kpi_incomplete(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for key, kpi in _all_kpis(plan):
        missing = [
            n
            for n, v in (("indicator", kpi.name), ("baseline", kpi.baseline), ("target", kpi.target))
            if not v
        ]
        if missing:
            label = f"'{_short(kpi.name)}'" if kpi.name else say("word_unnamed")
            yield Hit(
                say("KPI001", kpi=label, missing=say.either(missing)),
                [kpi.source],
                key,
                say("KPI001_hint"),
            )


def _number(text: str | None) -> float | None:
    found = _NUMBER.search(text or "")
    return float(found.group().replace(",", ".")) if found else None


@rule("KPI002", "warning", "a KPI target moves the wrong way from its baseline")
def kpi_wrong_direction(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for key, kpi in _all_kpis(plan):
        base, target = _number(kpi.baseline), _number(kpi.target)
        if base is None or target is None or not kpi.name:
            continue
        name = fold(kpi.name)
        directions = vocabulary().directions
        down, up = bool(directions["down"].search(name)), bool(directions["up"].search(name))
        if down == up:
            continue  # the indicator does not say which way is good
        lower_better = down
        if (lower_better and target > base) or (not lower_better and target < base):
            way = say("word_down") if lower_better else say("word_up")
            relation = say("word_above") if target > base else say("word_below")
            yield Hit(
                say(
                    "KPI002",
                    kpi=_short(kpi.name),
                    way=way,
                    target=kpi.target,
                    relation=relation,
                    baseline=kpi.baseline,
                ),
                [kpi.source],
                key,
                say("KPI002_hint"),
            )


@rule("DUP001", "warning", "duplicate objectives or initiatives (same text once folded)")
def duplicates(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    seen: dict[str, list[tuple[str | None, str, Provenance]]] = defaultdict(list)
    for key, _name, group in plan.groups():
        for objective in group.objectives:
            seen["objective:" + key_of(objective.title)].append((key, objective.title, objective.source))
            for i in objective.initiatives:
                seen["initiative:" + key_of(i.title)].append((key, i.title, i.source))
        for i in group.initiatives:
            seen["initiative:" + key_of(i.title)].append((key, i.title, i.source))
    for slot, items in seen.items():
        if len(items) > 1 and slot.split(":", 1)[1]:
            kind = say(f"word_{slot.split(':', 1)[0]}")
            areas = {k for k, _, _ in items}
            where = say("word_across_areas") if len(areas) > 1 else say("word_in_one_area")
            yield Hit(
                say("DUP001", kind=kind, title=_short(items[0][1]), count=len(items), where=where),
                [p for _, _, p in items],
                items[0][0],
                say("DUP001_hint"),
            )


MIN_SHARED_WORDS = 3  # reworded duplicates share at least this many content words …
MIN_OVERLAP = 0.8  # … and this share of the shorter title's words
MAX_BUCKET = 60  # a word shared by more titles than this says nothing about duplicates
MAX_QUOTED = 6  # titles a finding about a group of alike items quotes


@rule("DUP002", "warning", "likely duplicates: the same words, reworded (for the plenary to decide)")
def reworded_duplicates(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    """Objectives (or initiatives) sharing most of their content words but not identical once folded
    (those are DUP001), one finding a group of them. Each title is compared only with titles sharing
    one of its two rarest words, so the check stays linear in the plan's size."""
    for kind, items in (("objective", _objective_items(plan)), ("initiative", _initiative_items(plan))):
        words = [content_words(title) for _, title, _ in items]
        frequency = Counter(w for ws in words for w in ws)
        buckets: dict[str, list[int]] = defaultdict(list)
        for n, ws in enumerate(words):
            for w in sorted(ws, key=lambda w: (frequency[w], w))[:2]:
                buckets[w].append(n)
        pairs: set[tuple[int, int]] = set()
        for members in buckets.values():
            if len(members) <= MAX_BUCKET:
                pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
        alike: dict[int, list[int]] = {}  # the first item of each group of alike items → the group
        first = list(range(len(items)))
        for a, b in sorted(pairs):
            shared = len(words[a] & words[b])
            same = fold(items[a][1]) == fold(items[b][1])
            if same or shared < MIN_SHARED_WORDS or shared < MIN_OVERLAP * min(len(words[a]), len(words[b])):
                continue
            if first[b] == b and b not in alike:  # b joins a's group (pairs come sorted: a < b)
                head = first[a]
                first[b] = head
                alike.setdefault(head, [head]).append(b)
        for head, group in sorted(alike.items()):
            title, kind_word = _short(items[head][1]), say(f"word_{kind}")
            if len(group) == 2:
                message = say("DUP002", kind=kind_word, title=title, other=_short(items[group[1]][1]))
            else:
                quoted = list(dict.fromkeys(_short(items[n][1], 80) for n in group[1:]))
                others = " / ".join(quoted[:MAX_QUOTED]) + (" / …" if len(quoted) > MAX_QUOTED else "")
                message = say("DUP002_many", kind=kind_word, title=title, count=len(group) - 1, others=others)
            yield Hit(message, [items[n][2] for n in group][:10], items[head][0], say("DUP002_hint"))


@rule("DUP003", "info", "values or SWOT cards worded alike (listed together for the plenary to choose)")
def worded_alike(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    lists: list[tuple[str, list[Statement] | list[SwotItem]]] = [(say("word_values_alike"), plan.values)]
    for quadrant in ("strengths", "weaknesses", "opportunities", "threats"):
        cards = [s for s in plan.swot if s.quadrant == quadrant]
        lists.append((say("word_swot_alike", quadrant=say[quadrant]), cards))
    for what, items in lists:
        for group in alike([item.text for item in items]):
            texts = list(dict.fromkeys(_short(items[n].text, 80) for n in group))
            yield Hit(
                say("DUP003", what=what, items=" / ".join(texts)),
                [items[n].source for n in group][:10],
                None,
                say("DUP003_hint"),
            )


def _objective_items(plan: Plan) -> list[tuple[str | None, str, Provenance]]:
    return [(key, o.title, o.source) for key, o in plan.objectives()]


def _initiative_items(plan: Plan) -> list[tuple[str | None, str, Provenance]]:
    return [(key, i.title, i.source) for key, _, i in plan.initiatives()]


@rule("REC003", "info", "an item cites a recommendation of another key area than the one it is filed under")
def citation_across_areas(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    keys = {fold(m.label): m.key for m in plan.area_matches if m.key}
    keys.update({fold(a.name): a.key for a in plan.areas} | {fold(a.key): a.key for a in plan.areas})
    names = {a.key: a.name for a in plan.areas}
    home = {fold(r.id): keys.get(fold(r.area)) for r in plan.recommendations if r.area}
    cited = [(key, o.title, o.cites, o.source) for key, o in plan.objectives()]
    cited += [(key, i.title, i.cites, i.source) for key, _, i in plan.initiatives()]
    for key, title, cites, source in cited:
        for rec in cites:
            area = home.get(fold(rec))
            if key is not None and area is not None and area != key:
                yield Hit(
                    say("REC003", item=_short(title), rec=rec, area=names[area]),
                    [source],
                    key,
                    say("REC003_hint"),
                )


@rule("SRC001", "info", "a capture file gave the plan nothing (a kit workbook no group filled in?)")
def file_gave_nothing(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    given = set(plan.contributing_sources())
    for account in plan.accounting:
        if account.file not in given:
            yield Hit(
                say("SRC001", file=account.file), [Provenance(file=account.file)], None, say("SRC001_hint")
            )


def _citations(plan: Plan) -> dict[str, list[str]]:
    cited: dict[str, list[str]] = {fold(r.id): [] for r in plan.recommendations}
    for _, objective in plan.objectives():
        for rec in objective.cites:
            cited.setdefault(fold(rec), []).append(objective.title)
    for _, _o, i in plan.initiatives():
        for rec in i.cites:
            cited.setdefault(fold(rec), []).append(i.title)
    return cited


@rule("REC001", "warning", "a diagnostic recommendation is neither addressed nor deferred")
def recommendation_unaddressed(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    cited = _citations(plan)
    for rec in plan.recommendations:
        if not rec.deferred and not cited.get(fold(rec.id)):
            yield Hit(say("REC001", id=rec.id, text=_short(rec.text)), [rec.source], None, say("REC001_hint"))


@rule("REC002", "error", "an item cites a recommendation id that does not exist")
def unknown_citation(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    known = {fold(r.id) for r in plan.recommendations}
    items = [(key, o.title, o.source, o.cites) for key, o in plan.objectives()]
    items += [(key, i.title, i.source, i.cites) for key, _o, i in plan.initiatives()]
    for key, item, source, cites in items:
        for rec in cites:
            if fold(rec) not in known:
                yield Hit(say("REC002", item=_short(item), rec=rec), [source], key, say("REC002_hint"))


@rule("MV001", "error", "the mission or the vision is missing")
def mission_vision_missing(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for name, statements in (("mission", plan.mission), ("vision", plan.vision)):
        if not statements:
            word = say(f"word_{name}")
            yield Hit(say("MV001", statement=word), [], None, say("MV001_hint", statement=word))


@rule("MV002", "info", "the mission or the vision is not recorded as validated")
def mission_vision_not_validated(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for name, statements in (("mission", plan.mission), ("vision", plan.vision)):
        if statements and not any(s.validated for s in statements):
            yield Hit(
                say("MV002", statement=say(f"word_{name}")),
                [s.source for s in statements],
                None,
                say("MV002_hint"),
            )


@rule("MV003", "warning", "sources word the mission, vision or values differently")
def statements_conflict(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for name, statements in (("mission", plan.mission), ("vision", plan.vision)):
        if len({fold(s.text) for s in statements}) > 1:
            yield Hit(
                say("MV003", statement=say(f"word_{name}"), count=len(statements)),
                [s.source for s in statements],
                None,
                say("MV003_hint"),
            )
    by_file: dict[str, set[str]] = defaultdict(set)
    for value in plan.values:
        by_file[value.source.file].add(fold(value.text))
    if len({frozenset(v) for v in by_file.values()}) > 1:
        yield Hit(say("MV003_values"), [v.source for v in plan.values][:10], None, say("MV003_values_hint"))


@rule("LOAD001", "warning", "more initiatives a year for one owner or key area than a team can carry")
def workload(plan: Plan, config: CheckConfig, say: Say) -> Iterator[Hit]:
    per_owner: dict[tuple[str, int], list[Provenance]] = defaultdict(list)
    per_area: dict[tuple[str, int], list[Provenance]] = defaultdict(list)
    names = {a.key: a.name for a in plan.areas}
    for key, _o, i in plan.initiatives():
        if not (i.start and i.end):
            continue
        for year in range(max(i.start.year, plan.period.start), min(i.end.year, plan.period.end) + 1):
            if i.owner:
                per_owner[(i.owner, year)].append(i.source)
            if key:
                per_area[(key, year)].append(i.source)
    for (owner, year), places in sorted(per_owner.items()):
        if len(places) > config.max_initiatives_per_owner_year:
            yield Hit(
                say(
                    "LOAD001",
                    owner=owner,
                    count=len(places),
                    year=year,
                    threshold=config.max_initiatives_per_owner_year,
                ),
                places,
                None,
                say("LOAD001_hint"),
            )
    for (key, year), places in sorted(per_area.items()):
        if len(places) > config.max_initiatives_per_area_year:
            yield Hit(
                say(
                    "LOAD001_area",
                    area=names[key],
                    count=len(places),
                    year=year,
                    threshold=config.max_initiatives_per_area_year,
                ),
                places,
                key,
                say("LOAD001_area_hint"),
            )


@rule("SMART001", "info", "a KPI target states no quantity")
def target_without_quantity(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for key, kpi in _all_kpis(plan):
        if kpi.target and not _NUMBER.search(kpi.target):
            yield Hit(
                say("SMART001", target=_short(kpi.target), kpi=_short(kpi.name)),
                [kpi.source],
                key,
                say("SMART001_hint"),
            )


@rule("SMART002", "info", "an objective states no quantity or date, nor has a KPI with a numeric target")
def objective_not_measurable(plan: Plan, _: CheckConfig, say: Say) -> Iterator[Hit]:
    for key, objective in plan.objectives():
        kpis = _kpis(objective)
        if _NUMBER.search(objective.title) or any(k.target and _NUMBER.search(k.target) for k in kpis):
            continue
        yield Hit(
            say("SMART002", objective=_short(objective.title)),
            [objective.source],
            key,
            say("SMART002_hint"),
        )


_ORDER = {"error": 0, "warning": 1, "info": 2}


def rule_codes() -> frozenset[str]:
    """Every code a finding can have: the catalogue's rules and the reading codes (READ…)."""
    from pipeline.reading_codes import READING

    return frozenset(r.code for r in CATALOGUE) | frozenset(READING)


def coverage(plan: Plan) -> Coverage:
    """Objectives, initiatives and KPIs per area; the items citing each recommendation."""
    areas = {}
    for key, name, group in plan.groups():
        initiatives = [i for _, i in group.all_initiatives()]
        areas[key or name] = {
            "objectives": len(group.objectives),
            "initiatives": len(initiatives),
            "with_kpi": sum(1 for i in initiatives if i.indicator and i.indicator.name),
        }
    cited = _citations(plan)
    return Coverage(
        areas=areas, recommendations={r.id: cited.get(fold(r.id), []) for r in plan.recommendations}
    )


def check(plan: Plan, ignore: tuple[str, ...] = ()) -> Findings:
    """Run every rule with the plan's check settings; findings ordered by area, then severity."""
    config = plan.checks
    say = Say(plan.language)
    skip = {c.upper() for c in (*config.ignore, *ignore)}
    found: list[Finding] = [f for f in plan.intake if f.code not in skip]
    for r in CATALOGUE:
        if r.code in skip:
            continue
        for message, locations, area, hint in r.check(plan, config, say):
            found.append(
                Finding(
                    code=r.code,
                    severity=r.severity,
                    message=message,
                    locations=locations,
                    area=area,
                    hint=hint,
                )
            )
    area_order = {a.key: n for n, a in enumerate(plan.areas)}
    found.sort(key=lambda f: (area_order.get(f.area or "", -1), _ORDER[f.severity], f.code))
    return Findings(findings=found, coverage=coverage(plan))
