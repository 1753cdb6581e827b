"""What a template provides and lacks: styles the draft uses, placeholders, the body position."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.render.document import load_template
from pipeline.render.house_style import REQUIRED_STYLES
from pipeline.render.placeholders import BODY, PLACEHOLDER, PLACEHOLDER_NAMES, paragraph_text
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

    @property
    def complete(self) -> bool:
        """True when nothing the draft uses is missing and no placeholder is unknown."""
        return not self.styles_missing and not self.unknown_placeholders


def inspect_template(data: bytes, name: str) -> TemplateReport:
    """Read a template (nothing in it is run) and say what it provides for the draft."""
    document = load_template(data, name)
    index = StyleIndex(document.styles.element)
    present = [s for s in REQUIRED_STYLES if index.find(s) is not None]
    added = [s for s in REQUIRED_STYLES if s not in present and index.add_built_in(s) is not None]
    parts = [document.element.body] + [
        part._element
        for s in document.sections
        for part in (
            s.header,
            s.footer,
            s.first_page_header,
            s.first_page_footer,
            s.even_page_header,
            s.even_page_footer,
        )
        if not part.is_linked_to_previous
    ]
    found: dict[str, None] = {}
    has_body = False
    for part in parts:
        for p in part.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
            text = paragraph_text(p)
            has_body = has_body or bool(BODY.fullmatch(text.strip()))
            found.update((m.group(1), None) for m in PLACEHOLDER.finditer(text))
    return TemplateReport(
        styles_present=present,
        styles_added=added,
        styles_missing=[s for s in REQUIRED_STYLES if s not in present and s not in added],
        placeholders=list(found),
        unknown_placeholders=[p for p in found if p not in PLACEHOLDER_NAMES],
        has_body=has_body,
    )
