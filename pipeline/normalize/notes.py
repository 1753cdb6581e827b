"""Facilitator note lines → mission, vision, values, SWOT, decisions, open questions, risks."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.model import Provenance, Statement
from pipeline.normalize.builder import PlanBuilder
from pipeline.normalize.ledger import FINDING, PLAN, Mark
from pipeline.read.notes import NoteLine
from pipeline.text import fold
from pipeline.vocab import vocabulary

_STATUS = re.compile(r"^(status|estado|statut|validation|validacion) (.+)$")
_VALIDATED_HEADING = re.compile(r"\b(validated|validada|validado|validee|valide|approved|aprobada)\b")
_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*|[ivx]+)[.)]?\s+")


MAX_SECTION_WORDS = 6  # a section's name is a few words: only a heading's first words are looked up


def section_of(heading: str) -> str | None:
    """The section a heading opens ('FODA' → 'swot', 'Décisions' → 'decisions'), or None."""
    folded = _NUMBER.sub("", fold(heading))
    sections = vocabulary().sections
    if folded in sections:
        return sections[folded]
    words = folded.split(maxsplit=MAX_SECTION_WORDS)[:MAX_SECTION_WORDS]
    for n in range(len(words), 0, -1):  # 'Mission (validated)', 'Vision statement agreed'
        if " ".join(words[:n]) in sections:
            return sections[" ".join(words[:n])]
    return None


MIN_LINES_TO_JUDGE = 20  # a shorter file is judged as notes whatever its shape
MAX_UNPLACED_SHARE = 0.5  # more lines under no known heading than this: not workshop notes
MAX_SECTION_LINES = 150  # one section taking more lines than this (and most of the file): not notes


def add_notes(builder: PlanBuilder, name: str, lines: list[NoteLine]) -> None:
    """Place every line of one notes file; lines under unknown headings become findings.

    A file that does not look like workshop notes (a form, a report: most lines under no known
    heading, or one section swallowing hundreds of lines) gets a warning, and nothing from it is placed.
    """
    checkpoint = builder.checkpoint()
    sizes = _read_notes(builder, name, lines)
    unplaced = sizes.pop(None, 0)
    biggest = max(sizes.items(), key=lambda kv: kv[1], default=("", 0))
    why = None
    if len(lines) >= MIN_LINES_TO_JUDGE and unplaced > MAX_UNPLACED_SHARE * len(lines):
        why = builder.say("READ014_unplaced", unplaced=unplaced, total=len(lines))
    elif biggest[1] > MAX_SECTION_LINES and biggest[1] > 0.6 * len(lines):
        why = builder.say("READ014_flood", heading=biggest[0], count=biggest[1])
    if why is not None:
        builder.rollback(checkpoint)
        for line in lines:
            builder.ledger.line(name, line.line, FINDING, replace=True)
        builder.report(
            "READ014",
            "warning",
            builder.say("READ014", why=why),
            Provenance(file=name),
            hint=builder.say("READ014_hint"),
        )


def _read_notes(builder: PlanBuilder, name: str, lines: list[NoteLine]) -> dict[str | None, int]:
    """Place the lines; returns how many lines each heading took (None: under no known heading)."""
    sizes: dict[str | None, int] = {}
    section: str | None = None
    heading: NoteLine | None = None
    validated = False
    block: list[NoteLine] = []
    unplaced: list[tuple[NoteLine | None, list[NoteLine]]] = []

    def flush() -> None:
        if not block:
            return
        key = None if section is None else (heading.text if heading else section)
        sizes[key] = sizes.get(key, 0) + len(block)
        if section is None:
            unplaced.append((heading, list(block)))
            where = FINDING
        else:
            _place(builder, name, section, block, validated or _validated_heading(heading))
            where = PLAN
        for note in block:
            builder.ledger.line(name, note.line, where)
        block.clear()

    for line in lines:
        if not line.level and line.strong and not line.in_table and section_of(line.text) is not None:
            line = replace(line, level=3)  # a bold line naming a section: a heading typed by hand
        if line.level:
            flush()
            builder.ledger.line(name, line.line, Mark.HEADING)
            found = section_of(line.text)
            if found is not None or line.level <= (heading.level if heading else 9):
                section, heading, validated = found, line, False
            continue
        if section in ("mission", "vision", "values") and (m := _STATUS.match(fold(line.text))):
            validated = fold(m.group(2)).split()[0] in vocabulary().validated
            builder.ledger.line(name, line.line, PLAN)  # recorded as the statement's validation
            continue
        block.append(line)
    flush()
    for head, group in unplaced:
        say = builder.say
        message = (
            say("READ007", count=len(group), heading=head.text, sample=group[0].text[:100])
            if head
            else say("READ007_top", count=len(group), sample=group[0].text[:100])
        )
        builder.report(
            "READ007",
            "info",
            message,
            *[Provenance(file=name, line=line.line) for line in group[:10]],
            hint=say("READ007_hint"),
        )
    return sizes


def _validated_heading(heading: NoteLine | None) -> bool:
    return bool(heading and _VALIDATED_HEADING.search(fold(heading.text)))


def _src(name: str, line: NoteLine) -> Provenance:
    return Provenance(file=name, line=line.line)


def _place(builder: PlanBuilder, name: str, section: str, block: list[NoteLine], validated: bool) -> None:
    """The lines under one note heading, placed as its section says."""
    if section in ("mission", "vision"):
        _place_statement(builder, name, section, block, validated)
    elif section == "goals":
        for line in block:
            src = _src(name, line)
            builder.goals.append(Statement(text=builder.text(line.text, src), source=src))
    else:
        for line in block:
            _place_line(builder, name, section, line, validated)


def _place_statement(
    builder: PlanBuilder, name: str, section: str, block: list[NoteLine], validated: bool
) -> None:
    """A mission or vision: its paragraphs, not a table or list that follows them (READ015)."""
    statement: list[NoteLine] = []
    for line in block:
        if line.in_table or (statement and line.bullet):
            break
        statement.append(line)
    rest = block[len(statement) :]
    if statement:
        text, src = " ".join(line.text for line in statement), _src(name, statement[0])
        builder.statements[section].append(
            Statement(text=builder.text(text, src), validated=validated, source=src)
        )
    if rest:
        for line in rest:
            builder.ledger.line(name, line.line, FINDING)
        builder.report(
            "READ015",
            "warning",
            builder.say("READ015", count=len(rest), heading=section, sample=rest[0].text[:100]),
            *[_src(name, line) for line in rest[:10]],
            hint=builder.say("READ015_hint"),
        )


def _place_line(builder: PlanBuilder, name: str, section: str, line: NoteLine, validated: bool) -> None:
    src = _src(name, line)
    text = builder.text(line.text, src)
    if builder.place(section, text, src, validated=validated, split=not line.bullet):
        return
    # 'swot' with no quadrant heading under it
    builder.ledger.line(name, line.line, FINDING)
    builder.report(
        "READ007",
        "info",
        builder.say("READ007_swot", text=text[:100]),
        src,
        hint=builder.say("READ007_swot_hint"),
    )
