"""PlanBuilder: gathers items from every capture, groups them by area, then freezes a Plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pipeline.config import MissionConfig
from pipeline.messages import Say
from pipeline.model import (
    Area,
    AreaMatch,
    FileAccount,
    Finding,
    Indicator,
    Initiative,
    Note,
    Objective,
    Plan,
    Provenance,
    Recommendation,
    Risk,
    Severity,
    Stakeholder,
    Statement,
    SwotItem,
    UnmatchedArea,
)
from pipeline.normalize.areas import AreaMatcher
from pipeline.normalize.cells import split_values
from pipeline.normalize.ledger import Ledger
from pipeline.text import fold, key_of, word_safe
from pipeline.vocab import QUADRANTS

NO_AREA = ""  # the label of items whose capture names no key area
Source = Provenance | Callable[[], Provenance]


def _provenance(source: Source) -> Provenance:
    return source() if callable(source) else source


class AreaSlot(NamedTuple):
    """Where items of one area gather: a configured area's key, or the label of an unmatched one."""

    key: str | None
    label: str


@dataclass
class ObjectiveDraft:
    """An objective while the captures are read: initiatives and KPIs are added as they come."""

    title: str
    ref: str | None
    source: Provenance
    indicators: list[Indicator] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)

    def freeze(self) -> Objective:
        return Objective(
            title=self.title,
            ref=self.ref,
            indicators=self.indicators,
            initiatives=self.initiatives,
            cites=list(dict.fromkeys(self.cites)),
            notes=self.notes,
            source=self.source,
        )


@dataclass
class AreaDraft:
    """One area's items while the captures are read; `label` is the first label it was read under."""

    label: str
    objectives: dict[str, ObjectiveDraft] = field(default_factory=dict)  # folded title → draft
    initiatives: list[Initiative] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    goals: list[Statement] = field(default_factory=list)

    def content(self) -> dict[str, list[Any]]:
        return {
            "objectives": [d.freeze() for d in self.objectives.values()],
            "initiatives": self.initiatives,
            "indicators": self.indicators,
            "goals": self.goals,
        }


@dataclass
class _Link:
    """An item citing register indicators by their ids ('Linked KPIs: K1, K3')."""

    refs: list[str]
    slot: AreaSlot
    objective: ObjectiveDraft | None
    item: str


@dataclass
class PlanBuilder:
    """Mutable while the captures are read; `plan()` returns the frozen result."""

    config: MissionConfig
    sources: list[str] = field(default_factory=list)
    source_groups: dict[str, str] = field(default_factory=dict)  # file → the group its Group sheet names
    statements: dict[str, list[Statement]] = field(
        default_factory=lambda: {"mission": [], "vision": [], "values": []}
    )
    swot: list[SwotItem] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    stakeholders: list[Stakeholder] = field(default_factory=list)
    notes: dict[str, list[Note]] = field(
        default_factory=lambda: {"decisions": [], "open_questions": [], "workshop": []}
    )
    indicators: list[Indicator] = field(default_factory=list)  # plan-level: no area, objective or item
    goals: list[Statement] = field(default_factory=list)  # plan-level
    findings: list[Finding] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)
    _areas: dict[AreaSlot, AreaDraft] = field(default_factory=dict)
    _matches: dict[str, AreaMatch] = field(default_factory=dict)
    _register: list[tuple[AreaSlot | None, Indicator]] = field(default_factory=list)
    _links: list[_Link] = field(default_factory=list)
    _matcher: AreaMatcher | None = None

    def __post_init__(self) -> None:
        self._matcher = AreaMatcher(self.config.areas)
        self.say = Say(self.config.language)

    def _lists(self) -> list[list[Any]]:
        return [
            *self.statements.values(),
            self.swot,
            self.risks,
            self.stakeholders,
            *self.notes.values(),
            self.goals,
        ]

    def checkpoint(self) -> list[int]:
        """How long each list of notes items is now (see `rollback`)."""
        return [len(items) for items in self._lists()]

    def rollback(self, checkpoint: list[int]) -> None:
        """Take back every notes item placed since the checkpoint (a file that was not notes)."""
        for items, size in zip(self._lists(), checkpoint, strict=True):
            del items[size:]

    def report(
        self,
        code: str,
        severity: Severity,
        message: str,
        *locations: Provenance,
        hint: str | None = None,
        area: str | None = None,
    ) -> None:
        """Record a finding raised while reading."""
        self.findings.append(
            Finding(
                code=code, severity=severity, message=message, locations=list(locations), hint=hint, area=area
            )
        )

    def text(self, value: str, source: Source) -> str:
        """Text safe for Word; each removed character is reported with its place.

        `source` may be a function, called only when something had to be removed.
        """
        clean, removed = word_safe(value)
        if removed:
            self.removed_characters(removed, _provenance(source))
        return clean

    def place(
        self, kind: str, text: str, source: Provenance, *, validated: bool = False, split: bool = True
    ) -> bool:
        """A statement, SWOT card, note, risk or stakeholder of `kind` ('values' split into each value
        unless `split` is False), in the plan; False for a kind that is none of these."""
        if kind in ("mission", "vision", "values"):
            texts = split_values(text) if kind == "values" and split else [text]
            self.statements[kind].extend(Statement(text=t, validated=validated, source=source) for t in texts)
        elif kind in QUADRANTS:
            self.swot.append(SwotItem(quadrant=kind, text=text, source=source))
        elif kind in ("decisions", "open_questions", "workshop"):
            self.notes[kind].append(Note(text=text, source=source))
        elif kind == "risks":
            self.risks.append(Risk(text=text, source=source))
        elif kind == "stakeholders":
            self.stakeholders.append(Stakeholder(name=text, source=source))
        else:
            return False
        return True

    def removed_characters(self, removed: list[str], source: Provenance) -> None:
        """Report characters Word cannot hold (as `U+XXXX`) that were removed from text at `source`."""
        self.report(
            "READ008",
            "warning",
            self.say("READ008", count=len(removed), chars=", ".join(dict.fromkeys(removed))),
            source,
            hint=self.say("READ008_hint"),
        )

    def matched_area(self, label: str, source: Source) -> str | None:
        """The configured area a captured label means, recording how it was matched (and where it
        was first seen: `source` may be a function, called only for a new label)."""
        if label not in self._matches:
            assert self._matcher is not None
            key, confidence = self._matcher.match(label)
            self._matches[label] = AreaMatch(
                label=label, key=key, confidence=confidence, source=_provenance(source)
            )
        return self._matches[label].key

    def names_area(self, label: str, *, exact: bool = False) -> bool:
        """Whether a label (a heading cell, a sheet name) names a configured area (`exact`: by its
        name, an alias or an abbreviation, not by similarity)."""
        assert self._matcher is not None
        key, confidence = self._matcher.match(label)
        return key is not None and (confidence == 1.0 or not exact)

    def area(self, label: str, source: Source) -> AreaDraft:
        """The area a label belongs to, created on first sight."""
        key = self.matched_area(label, source) if label != NO_AREA else None
        slot = AreaSlot(key, "" if key else label)
        draft = self._areas.get(slot)
        if draft is None:
            draft = self._areas[slot] = AreaDraft(label)
        return draft

    def objective(self, area_label: str, title: str, ref: str | None, source: Source) -> ObjectiveDraft:
        """The objective of that title under that area, created on first sight (`source` is called
        only then, or when the area label is new). A title that is only the number of an objective
        read before ('2', 'OE1') means that objective."""
        area = self.area(area_label, source)
        folded = key_of(title)
        draft = area.objectives.get(folded)
        if draft is None and len(title) <= 8 and any(ch.isdigit() for ch in title):
            draft = self._objective_by_ref(folded)
        if draft is None:
            draft = area.objectives[folded] = ObjectiveDraft(title=title, ref=ref, source=_provenance(source))
        elif draft.ref is None and ref:
            draft.ref = ref
        return draft

    def _objective_by_ref(self, ref: str) -> ObjectiveDraft | None:
        for area in self._areas.values():
            for draft in area.objectives.values():
                if draft.ref is not None and fold(draft.ref) == ref:
                    return draft
        return None

    def slot_of(self, area: AreaDraft) -> AreaSlot:
        """The slot an area draft stands in."""
        return next(slot for slot, draft in self._areas.items() if draft is area)

    def register_indicator(self, area_label: str | None, indicator: Indicator, source: Source) -> None:
        """An indicator of a register (a KPI sheet): linked later by its id, else kept where read."""
        slot = self.slot_of(self.area(area_label, source)) if area_label else None
        self._register.append((slot, indicator))

    def link_indicators(
        self, refs: list[str], area: AreaDraft, objective: ObjectiveDraft | None, item: str
    ) -> None:
        """Note that an item cites register indicators by id."""
        self._links.append(_Link([fold(r) for r in refs], self.slot_of(area), objective, item))

    def _place_register(self) -> None:
        """Put each register indicator with the objective (or area) of the items that cite it."""
        cited: dict[str, list[_Link]] = {}
        for link in self._links:
            for ref in link.refs:
                cited.setdefault(ref, []).append(link)
        for slot, indicator in self._register:
            links = cited.get(fold(indicator.ref or ""), []) if indicator.ref else []
            if links:
                items = ", ".join(dict.fromkeys(link.item for link in links))
                linked = indicator.model_copy(
                    update={"notes": {**indicator.notes, self.say("word_linked_to"): items}}
                )
                first = links[0]
                if first.objective is not None:
                    first.objective.indicators.append(linked)
                else:
                    self._areas[first.slot].indicators.append(linked)
            elif slot is not None:
                self._areas[slot].indicators.append(indicator)
            else:
                self.indicators.append(indicator)

    def _captured_areas(self) -> bool:
        """Whether the plan's areas are the ones the captures name, not the five defaults: when
        mission.toml lists none and the captures' labels match the defaults less often than not."""
        if self.config.areas_configured:
            return False
        matched = sum(1 for slot in self._areas if slot.key is not None)
        return len(self._areas) - matched > matched

    def plan(self, accounting: list[FileAccount] | None = None) -> Plan:
        """Freeze everything gathered into the Plan, areas in configured (or captured) order."""
        self._place_register()
        c = self.config
        if self._captured_areas():
            areas = self._areas_from_captures()
            unmatched: list[UnmatchedArea] = []
        else:
            by_key = {slot.key: draft for slot, draft in self._areas.items() if slot.key}
            areas = [
                Area(key=a.key, name=a.name, **(by_key[a.key].content() if a.key in by_key else {}))
                for a in c.areas
            ]
            unmatched = [
                UnmatchedArea(label=slot.label or self.say["no_area"], **draft.content())
                for slot, draft in self._areas.items()
                if slot.key is None
            ]
        return Plan(
            administration=c.administration,
            administration_article=c.administration_article,
            country=c.country,
            language=c.language,
            period=c.period,
            version=c.version,
            date=c.date,
            workshop=c.workshop,
            sources=self.sources,
            source_groups=self.source_groups,
            mission=self.statements["mission"],
            vision=self.statements["vision"],
            values=self.statements["values"],
            swot=self.swot,
            recommendations=self.recommendations,
            areas=areas,
            unmatched=unmatched,
            area_matches=list(self._matches.values()),
            indicators=self.indicators,
            goals=self.goals,
            risks=self.risks,
            stakeholders=self.stakeholders,
            workshop_notes=self.notes["workshop"],
            decisions=self.notes["decisions"],
            open_questions=self.notes["open_questions"],
            intake=self.findings,
            checks=c.checks,
            accounting=accounting or [],
        )

    def _areas_from_captures(self) -> list[Area]:
        areas: list[Area] = []
        keys: set[str] = set()
        alone = len(self._areas) == 1
        for slot, draft in self._areas.items():
            name = draft.label or self.say["whole_plan_area" if alone else "no_area"]
            key = base = slot.key or (fold(name).replace(" ", "-")[:40] or "area")
            n = 2
            while key in keys:
                key, n = f"{base}-{n}", n + 1
            keys.add(key)
            areas.append(Area(key=key, name=name, **draft.content()))
        if alone and not next(iter(self._areas.values())).label:
            return areas  # the captures name no area at all: one chapter, nothing to report
        labels = ", ".join(f"'{a.name}'" for a in areas)
        self.report(
            "AREA004",
            "info",
            self.say("AREA004", count=len(areas), labels=labels),
            *[m.source for m in self._matches.values()][:10],
            hint=self.say("AREA004_hint"),
        )
        return areas
