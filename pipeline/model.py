"""The typed plan: what a workshop produced, each item with the place it came from."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from pipeline.vocab import Language

Severity = Literal["error", "warning", "info"]
Quadrant = Literal["strengths", "weaknesses", "opportunities", "threats"]
MAX_PERIOD_YEARS = 15  # the roadmap gives each year a column; Word allows 63 in a table
SCHEMA_VERSION = 2  # 2: initiatives, indicators and goals directly under an area or the plan


class Frozen(BaseModel):
    """Base of every model: immutable, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Provenance(Frozen):
    """Where an item was read: a workbook cell range, or a line of a notes file."""

    file: str = Field(description="File name relative to the mission folder.")
    sheet: str | None = Field(None, description="Worksheet name, for workbook items.")
    cell: str | None = Field(None, description="Cell or range in A1 notation, e.g. 'B7' or 'B7:F7'.")
    line: int | None = Field(None, description="1-based line (text notes) or paragraph (.docx).")

    def describe(
        self, sheet: str = "sheet", cell: str = "cell", line: str = "line", paragraph: str = "paragraph"
    ) -> str:
        """ "taller.xlsx, sheet 'FODA', cell B7" or "notes.md, line 4", with the words given."""
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"{sheet} '{self.sheet}'")
        if self.cell is not None:
            parts.append(f"{cell} {self.cell}")
        if self.line is not None:
            parts.append(f"{paragraph if self.file.lower().endswith('.docx') else line} {self.line}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return self.describe()


class PlanDate(Frozen):
    """A date as precise as the capture gave it: a year, a quarter, a month or a day."""

    year: int = Field(ge=1000, le=9999, description="Four-digit year.")
    quarter: int | None = Field(None, ge=1, le=4, description="Quarter 1-4, when given as such.")
    month: int | None = Field(None, ge=1, le=12, description="Month 1-12, when given.")
    day: int | None = Field(None, ge=1, le=31, description="Day of month, when given.")

    @model_validator(mode="after")
    def _consistent(self) -> PlanDate:
        if self.quarter is not None and self.month is not None:
            raise ValueError("give a quarter or a month, not both")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.day is not None and self.month is not None:
            dt.date(self.year, self.month, self.day)  # raises ValueError when impossible
        return self

    def first_day(self) -> dt.date:
        """The earliest day the value can mean (for a start)."""
        if self.month is not None:
            return dt.date(self.year, self.month, self.day or 1)
        if self.quarter is not None:
            return dt.date(self.year, 3 * self.quarter - 2, 1)
        return dt.date(self.year, 1, 1)

    def last_day(self) -> dt.date:
        """The latest day the value can mean (for an end)."""
        if self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            return dt.date(self.year, self.month, self.day or last)
        if self.quarter is not None:
            month = 3 * self.quarter
            return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.quarter is not None:
            return f"Q{self.quarter} {self.year}"
        return str(self.year)


class Period(Frozen):
    """The plan period in whole years, e.g. 2012-2016."""

    start: int = Field(ge=1000, le=9999, description="First year of the plan.")
    end: int = Field(ge=1000, le=9999, description="Last year of the plan.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError(
                "period_order",
                "the period ends ({end}) before it starts ({start})",
                {"start": self.start, "end": self.end},
            )
        if self.end - self.start + 1 > MAX_PERIOD_YEARS:
            raise PydanticCustomError(
                "period_span",
                "the period spans {years} years (at most {most}: the roadmap has a column per year)",
                {"years": self.end - self.start + 1, "most": MAX_PERIOD_YEARS},
            )
        return self

    def years(self) -> list[int]:
        """Every year of the period."""
        return list(range(self.start, self.end + 1))

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


class Statement(Frozen):
    """A mission, vision or values statement as one source worded it."""

    text: str = Field(description="The statement as captured.")
    validated: bool = Field(False, description="True where the capture records its validation.")
    source: Provenance = Field(description="Where it was read.")


class SwotItem(Frozen):
    """One card of the SWOT (FODA, FFOM) analysis."""

    quadrant: Quadrant = Field(description="Strengths, weaknesses, opportunities or threats.")
    text: str = Field(description="The card's text.")
    notes: dict[str, str] = Field(
        default_factory=dict, description="Other columns of its row: header → value."
    )
    source: Provenance = Field(description="Where it was read.")


class Recommendation(Frozen):
    """A recommendation of an earlier diagnostic (WCO, IMF, ...) the plan must answer."""

    id: str = Field(description="Identifier the captures use to cite it, e.g. 'WCO-07'.")
    text: str = Field(description="The recommendation.")
    origin: str | None = Field(None, description="Who made it, e.g. 'WCO diagnostic 2007'.")
    area: str | None = Field(None, description="Key area it belongs to, as captured.")
    deferred: str | None = Field(None, description="Reason, when explicitly deferred.")
    source: Provenance = Field(description="Where it was read.")


class Indicator(Frozen):
    """A KPI: what is measured, where it stands and where it should be."""

    name: str = Field(description="The indicator, e.g. 'Average release time (hours)'.")
    ref: str | None = Field(None, description="Number or code the capture gave it, e.g. 'KPI-3'.")
    baseline: str | None = Field(None, description="Value at the start, as captured.")
    target: str | None = Field(None, description="Value to reach, as captured.")
    owner: str | None = Field(None, description="Who reports it, where the capture names one.")
    series: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Values by year or milestone, header → value, in column order ('Meta 2015', 'Milestone 1', "
            "'2022 Réalisation')."
        ),
    )
    notes: dict[str, str] = Field(
        default_factory=dict,
        description=("Other columns of the indicator: unit, means of verification, frequency …"),
    )
    source: Provenance = Field(description="Where it was read.")


class Initiative(Frozen):
    """A key initiative: one accountable owner, a timeline, and how success is measured."""

    title: str = Field(description="What will be done.")
    ref: str | None = Field(None, description="Number or code the group gave it.")
    owner: str | None = Field(None, description="Accountable unit or person, as captured.")
    start: PlanDate | None = Field(None, description="When it starts.")
    end: PlanDate | None = Field(None, description="When it ends.")
    indicator: Indicator | None = Field(None, description="Its KPI, when the row gives one.")
    priority: str | None = Field(None, description="Priority or dot-votes, as captured.")
    resources: str | None = Field(None, description="Budget or resources, as captured.")
    cites: list[str] = Field(default_factory=list, description="Recommendation ids it answers.")
    notes: dict[str, str] = Field(default_factory=dict, description="Extra columns: header → value.")
    source: Provenance = Field(description="Where it was read (the row's cells).")


class Objective(Frozen):
    """A strategic objective of one key area, with its initiatives and KPIs."""

    title: str = Field(description="The objective as worded by the group.")
    ref: str | None = Field(None, description="Number or code the group gave it.")
    indicators: list[Indicator] = Field(default_factory=list, description="Objective-level KPIs.")
    initiatives: list[Initiative] = Field(default_factory=list, description="Its key initiatives.")
    cites: list[str] = Field(default_factory=list, description="Recommendation ids it answers.")
    notes: dict[str, str] = Field(
        default_factory=dict, description="Other columns of its row: header → value."
    )
    source: Provenance = Field(description="Where it was first read.")


class AreaContent(Frozen):
    """What the groups set for one key area."""

    objectives: list[Objective] = Field(default_factory=list, description="Its objectives.")
    initiatives: list[Initiative] = Field(
        default_factory=list,
        description=(
            "Key initiatives placed directly under the area: plans with no objective layer "
            "(area or thrust → initiatives)."
        ),
    )
    indicators: list[Indicator] = Field(
        default_factory=list,
        description=("Indicators of the area linked to no objective or initiative (KPI registers)."),
    )
    goals: list[Statement] = Field(
        default_factory=list,
        description=(
            "Overall objectives or goals stated for the area ('Overall Objective: …' above its table)."
        ),
    )

    def all_initiatives(self) -> list[tuple[Objective | None, Initiative]]:
        """Every initiative of the area with its objective (None for those directly under it)."""
        return [(None, i) for i in self.initiatives] + [
            (o, i) for o in self.objectives for i in o.initiatives
        ]

    def is_empty(self) -> bool:
        """Whether nothing at all was captured for the area."""
        return not (self.objectives or self.initiatives or self.indicators or self.goals)


class Area(AreaContent):
    """A key area of the plan and what the groups set for it."""

    key: str = Field(description="Stable key of the area, e.g. 'hr'.")
    name: str = Field(description="The area's name in the plan's language.")


class UnmatchedArea(AreaContent):
    """Items whose area label matched no configured area: kept, and reported."""

    label: str = Field(description="The area as the capture wrote it.")


class AreaMatch(Frozen):
    """How a captured area label was mapped to a configured area."""

    label: str = Field(description="The label as captured.")
    key: str | None = Field(description="The configured area it was mapped to, or none.")
    confidence: float = Field(ge=0, le=1, description="1.0 exact name or alias; lower for fuzzy.")
    source: Provenance = Field(description="First place the label was read.")


class Risk(Frozen):
    """A risk or assumption with its mitigation."""

    text: str = Field(description="The risk.")
    likelihood: str | None = Field(None, description="As captured.")
    impact: str | None = Field(None, description="As captured.")
    mitigation: str | None = Field(None, description="How it is mitigated.")
    owner: str | None = Field(None, description="Who watches it.")
    source: Provenance = Field(description="Where it was read.")


class Stakeholder(Frozen):
    """A stakeholder of the administration and how to engage it."""

    name: str = Field(description="The stakeholder.")
    interest: str | None = Field(None, description="Its interest or role.")
    engagement: str | None = Field(None, description="How it will be engaged.")
    source: Provenance = Field(description="Where it was read.")


class Note(Frozen):
    """A decision or open question from the facilitator's notes."""

    text: str = Field(description="The note.")
    source: Provenance = Field(description="Where it was read.")


class Finding(Frozen):
    """Something a planner should look at, with every place involved."""

    code: str = Field(description="Stable rule code, e.g. 'AREA001'.")
    severity: Severity = Field(description="error, warning or info.")
    message: str = Field(description="One line saying what is wrong.")
    locations: list[Provenance] = Field(default_factory=list, description="Places involved.")
    area: str | None = Field(None, description="Key of the area concerned, if any.")
    hint: str | None = Field(None, description="A suggested fix.")


class Workshop(Frozen):
    """When and where the workshop was held."""

    start: dt.date | None = Field(None, description="First day.")
    end: dt.date | None = Field(None, description="Last day.")
    place: str | None = Field(None, description="City or venue.")


class FileAccount(Frozen):
    """Where the content of one capture file went; `read` = placed + in_findings + sum(ignored)."""

    file: str = Field(description="The capture file.")
    unit: Literal["cells", "lines", "paragraphs"] = Field(
        description="Non-empty cells (workbooks), lines (text notes) or paragraphs (Word)."
    )
    read: int = Field(description="How many were read.")
    placed: int = Field(description="Placed in the plan.")
    in_findings: int = Field(description="Reported in a finding, with their place.")
    ignored: dict[str, int] = Field(default_factory=dict, description="Ignored by rule: header, title, ...")


class CheckConfig(Frozen):
    """The `[checks]` table of mission.toml: rules to switch off and thresholds."""

    ignore: tuple[str, ...] = Field((), description="Rule codes not to report.")
    max_initiatives_per_owner_year: int = Field(6, ge=1, description="Workload per owner and year.")
    max_initiatives_per_area_year: int = Field(12, ge=1, description="Workload per key area and year.")


class Plan(Frozen):
    """The normalized plan of one mission; `plan.json` is this model."""

    schema_version: int = Field(
        SCHEMA_VERSION,
        ge=1,
        le=SCHEMA_VERSION,
        description="Version of this model's layout (a newer one is refused).",
    )
    administration: str = Field(description="The customs administration.")
    administration_article: str | None = Field(None, description="Its article (inferred when None).")
    country: str | None = Field(None, description="Its country.")
    language: Language = Field(description="Language of the draft.")
    period: Period = Field(description="Plan period.")
    version: str = Field("0.1", description="Draft version shown on the cover.")
    date: dt.date | None = Field(None, description="Draft date shown on the cover.")
    workshop: Workshop = Field(default_factory=Workshop, description="The workshop.")
    sources: list[str] = Field(default_factory=list, description="Capture files read.")
    source_groups: dict[str, str] = Field(
        default_factory=dict, description="The group each kit workbook names on its Group sheet, by file."
    )
    mission: list[Statement] = Field(default_factory=list, description="Mission statements.")
    vision: list[Statement] = Field(default_factory=list, description="Vision statements.")
    values: list[Statement] = Field(default_factory=list, description="Values.")
    swot: list[SwotItem] = Field(default_factory=list, description="SWOT cards.")
    recommendations: list[Recommendation] = Field(default_factory=list, description="To answer.")
    areas: list[Area] = Field(description="Configured key areas, in order.")
    unmatched: list[UnmatchedArea] = Field(default_factory=list, description="Unplaced areas.")
    area_matches: list[AreaMatch] = Field(default_factory=list, description="Label mapping.")
    indicators: list[Indicator] = Field(
        default_factory=list,
        description=("Plan-level indicators: in a register that names no area, objective or initiative."),
    )
    goals: list[Statement] = Field(
        default_factory=list,
        description=("The plan's overall goal or impact statements ('Goal: …', a logframe's impact row)."),
    )
    risks: list[Risk] = Field(default_factory=list, description="Risks and assumptions.")
    stakeholders: list[Stakeholder] = Field(default_factory=list, description="Stakeholders.")
    workshop_notes: list[Note] = Field(default_factory=list, description="How the workshop ran.")
    decisions: list[Note] = Field(default_factory=list, description="Decisions noted.")
    open_questions: list[Note] = Field(default_factory=list, description="Open questions.")
    intake: list[Finding] = Field(default_factory=list, description="Findings while reading.")
    checks: CheckConfig = Field(default_factory=CheckConfig, description="Check settings.")
    accounting: list[FileAccount] = Field(default_factory=list, description="Where each file's content went.")

    def contributing_sources(self) -> list[str]:
        """The capture files some statement, card, objective, initiative, indicator or note of the plan
        was read from, or that a reading finding quotes, in reading order: a kit workbook no group
        filled in is read (its area titles open areas) but gives none."""
        gave = {a.file for a in self.accounting if a.in_findings}
        gave.update(loc.file for f in self.intake for loc in f.locations)
        flat: list[Statement | SwotItem | Recommendation | Indicator | Risk | Stakeholder | Note] = [
            *self.mission, *self.vision, *self.values, *self.goals, *self.swot, *self.recommendations,
            *self.indicators, *self.risks, *self.stakeholders, *self.workshop_notes, *self.decisions,
            *self.open_questions,
        ]  # fmt: skip
        gave.update(item.source.file for item in flat)
        for _, _, group in self.groups():
            gave.update(k.source.file for k in group.indicators)
            for objective in group.objectives:
                gave.add(objective.source.file)
                gave.update(k.source.file for k in objective.indicators)
        for _, _, initiative in self.initiatives():
            gave.add(initiative.source.file)
            if initiative.indicator:
                gave.add(initiative.indicator.source.file)
        return [f for f in self.sources if f in gave]

    def groups(self) -> list[tuple[str | None, str, AreaContent]]:
        """Every area as (key, name, content): configured areas, then unmatched ones (key None)."""
        found: list[tuple[str | None, str, AreaContent]] = [(a.key, a.name, a) for a in self.areas]
        return found + [(None, g.label, g) for g in self.unmatched]

    def objectives(self) -> list[tuple[str | None, Objective]]:
        """Every objective with its area key (None for unmatched areas)."""
        return [(key, obj) for key, _, group in self.groups() for obj in group.objectives]

    def initiatives(self) -> list[tuple[str | None, Objective | None, Initiative]]:
        """Every initiative with its area key and objective (None where it stands under its area)."""
        return [(key, o, i) for key, _, group in self.groups() for o, i in group.all_initiatives()]

    def counts(self) -> PlanCounts:
        """How many areas, objectives, initiatives and indicators the plan holds."""
        objectives = initiatives = 0
        indicators = len(self.indicators)
        for _, _, group in self.groups():
            objectives += len(group.objectives)
            initiatives += len(group.initiatives) + sum(len(o.initiatives) for o in group.objectives)
            indicators += len(group.indicators) + sum(len(o.indicators) for o in group.objectives)
            indicators += sum(1 for i in group.initiatives if i.indicator)
            indicators += sum(1 for o in group.objectives for i in o.initiatives if i.indicator)
        return PlanCounts(
            areas=len(self.areas) + len(self.unmatched),
            objectives=objectives,
            initiatives=initiatives,
            indicators=indicators,
        )


class PlanCounts(Frozen):
    """The counts a reader checks first; one definition for the terminal, the draft and the batch."""

    areas: int = Field(description="Key areas, configured and unmatched.")
    objectives: int = Field(description="Strategic objectives.")
    initiatives: int = Field(description="Key initiatives, under objectives or directly under an area.")
    indicators: int = Field(description="Indicators at every level.")

    @property
    def empty(self) -> bool:
        """Whether no objective and no initiative was read."""
        return not (self.objectives or self.initiatives)


class Coverage(Frozen):
    """Counts a reviewer reads first: per area, and per recommendation."""

    areas: dict[str, dict[str, int]] = Field(description="Area key → objectives/initiatives/kpis.")
    recommendations: dict[str, list[str]] = Field(description="Recommendation id → citing items.")


class Findings(Frozen):
    """What `check` returns and `findings.json` holds."""

    findings: list[Finding] = Field(description="Every finding, ordered by area then severity.")
    coverage: Coverage = Field(description="Coverage matrix.")

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity == severity)
