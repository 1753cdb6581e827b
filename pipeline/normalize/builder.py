"""PlanBuilder: gathers items from every capture, groups objectives by area, then freezes a Plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
from pipeline.normalize.ledger import Ledger
from pipeline.text import fold, word_safe

NO_AREA = "(no key area given)"


@dataclass
class _ObjectiveDraft:
    title: str
    ref: str | None
    source: Provenance
    indicators: list[Indicator] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)

    def freeze(self) -> Objective:
        return Objective(title=self.title, ref=self.ref, indicators=self.indicators,
                         initiatives=self.initiatives, cites=list(dict.fromkeys(self.cites)),
                         source=self.source)


@dataclass
class PlanBuilder:
    """Mutable while the captures are read; `plan()` returns the frozen result."""

    config: MissionConfig
    sources: list[str] = field(default_factory=list)
    statements: dict[str, list[Statement]] = field(
        default_factory=lambda: {"mission": [], "vision": [], "values": []})
    swot: list[SwotItem] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    stakeholders: list[Stakeholder] = field(default_factory=list)
    notes: dict[str, list[Note]] = field(
        default_factory=lambda: {"decisions": [], "open_questions": [], "workshop": []})
    findings: list[Finding] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)
    _objectives: dict[tuple[str, str], _ObjectiveDraft] = field(default_factory=dict)
    _matches: dict[str, AreaMatch] = field(default_factory=dict)
    _matcher: AreaMatcher | None = None

    def __post_init__(self) -> None:
        self._matcher = AreaMatcher(self.config.areas)
        self.say = Say(self.config.language)

    def report(self, code: str, severity: Severity, message: str, *locations: Provenance,
               hint: str | None = None, area: str | None = None) -> None:
        """Record a finding raised while reading."""
        self.findings.append(Finding(code=code, severity=severity, message=message,
                                     locations=list(locations), hint=hint, area=area))

    def text(self, value: str, source: Provenance | Callable[[], Provenance]) -> str:
        """Text safe for Word; each removed character is reported with its place.

        `source` may be a function, called only when something had to be removed.
        """
        clean, removed = word_safe(value)
        if removed:
            self.removed_characters(removed, source() if callable(source) else source)
        return clean

    def removed_characters(self, removed: list[str], source: Provenance) -> None:
        """Report characters Word cannot hold (as `U+XXXX`) that were removed from text at `source`."""
        self.report("READ008", "warning", self.say("READ008", count=len(removed),
                                                   chars=", ".join(dict.fromkeys(removed))),
                    source, hint=self.say("READ008_hint"))

    def area_key(self, label: str, source: Provenance | Callable[[], Provenance]) -> str | None:
        """The configured area a captured label means, recording how it was matched (and where it
        was first seen: `source` may be a function, called only for a new label)."""
        if label not in self._matches:
            assert self._matcher is not None
            key, confidence = self._matcher.match(label)
            self._matches[label] = AreaMatch(label=label, key=key, confidence=confidence,
                                             source=source() if callable(source) else source)
        return self._matches[label].key

    def names_area(self, label: str) -> bool:
        """Whether a label (a heading cell, a sheet name) names a configured area."""
        assert self._matcher is not None
        return self._matcher.match(label)[0] is not None

    def objective(self, area_label: str, title: str, ref: str | None,
                  source: Callable[[], Provenance]) -> _ObjectiveDraft:
        """The objective of that title under that area, created on first sight (`source` is called
        only then, or when the area label is new)."""
        key = self.area_key(area_label, source) if area_label != NO_AREA else None
        slot = (f"key:{key}" if key else f"label:{area_label}", fold(title))
        draft = self._objectives.get(slot)
        if draft is None:
            draft = _ObjectiveDraft(title=title, ref=ref, source=source())
            self._objectives[slot] = draft
        elif draft.ref is None and ref:
            draft.ref = ref
        return draft

    def plan(self, accounting: list[FileAccount] | None = None) -> Plan:
        """Freeze everything gathered into the Plan, areas in configured order."""
        by_area: dict[str, list[Objective]] = {a.key: [] for a in self.config.areas}
        unmatched: dict[str, list[Objective]] = {}
        for (slot, _), draft in self._objectives.items():
            kind, _, name = slot.partition(":")
            target = by_area[name] if kind == "key" else unmatched.setdefault(name, [])
            target.append(draft.freeze())
        c = self.config
        return Plan(
            administration=c.administration, country=c.country, language=c.language,
            period=c.period, version=c.version, date=c.date, workshop=c.workshop,
            sources=self.sources, mission=self.statements["mission"],
            vision=self.statements["vision"], values=self.statements["values"], swot=self.swot,
            recommendations=self.recommendations,
            areas=[Area(key=a.key, name=a.name, objectives=by_area[a.key]) for a in c.areas],
            unmatched=[UnmatchedArea(label=k, objectives=v) for k, v in unmatched.items()],
            area_matches=list(self._matches.values()), risks=self.risks,
            stakeholders=self.stakeholders, workshop_notes=self.notes["workshop"],
            decisions=self.notes["decisions"],
            open_questions=self.notes["open_questions"], intake=self.findings, checks=c.checks,
            accounting=accounting or [],
        )
