"""What a template provides and lacks: styles the draft uses, placeholders, the body position."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from pipeline.render.document import load_template
from pipeline.render.house_style import REQUIRED_STYLES
from pipeline.render.placeholders import (
    PLACEHOLDER,
    PLACEHOLDER_NAMES,
    body_placeholder,
    paragraph_text,
    template_parts,
)
from pipeline.render.styles import StyleIndex


@dataclass(frozen=True)
class TemplateReport:
    """The result of `plan-draft template check`."""

    styles_present: list[str]
    styles_added: list[str]  # Word built-ins the template lacks: the draft adds them
    styles_missing: list[str]
    placeholders: list[str]
    unknown_placeholders: list[str]
    has_body: bool
    body_problem: str | None = None  # where {{ body }} stands when the draft cannot go there

    @property
    def complete(self) -> bool:
        """True when nothing the draft uses is missing and no placeholder is unknown."""
        return not self.styles_missing and not self.unknown_placeholders and self.body_problem is None


def inspect_template(data: bytes, name: str) -> TemplateReport:
    """Read a template (nothing in it is run) and say what it provides for the draft."""
    document = load_template(data, name)
    index = StyleIndex(document.styles.element)
    present = [s for s in REQUIRED_STYLES if index.find(s) is not None]
    added = [s for s in REQUIRED_STYLES if s not in present and index.add_built_in(s) is not None]
    found: dict[str, None] = {}
    for _, part in template_parts(document):
        for p in part.iter(qn("w:p")):
            found.update((m.group(1), None) for m in PLACEHOLDER.finditer(paragraph_text(p)))
    placeholder, body_problem = body_placeholder(document)
    return TemplateReport(
        styles_present=present,
        styles_added=added,
        styles_missing=[s for s in REQUIRED_STYLES if s not in present and s not in added],
        placeholders=list(found),
        unknown_placeholders=[p for p in found if p not in PLACEHOLDER_NAMES],
        has_body=placeholder is not None,
        body_problem=body_problem,
    )
