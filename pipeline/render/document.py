"""Plan + Findings + template → the Word draft (.docx bytes), identical for identical inputs."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from pipeline.errors import InputError
from pipeline.model import Finding, Findings, Objective, Plan, Statement
from pipeline.render import ooxml
from pipeline.render.house_style import build_default_template
from pipeline.render.labels import Labels
from pipeline.render.placeholders import BODY, fill_all, paragraph_text
from pipeline.text import fold

PORTRAIT_WIDTH_CM = 16.6
MAX_LOCATIONS = 3


@dataclass
class Rendered:
    """The draft's bytes and what the renderer had to say about the template."""

    data: bytes
    warnings: list[str] = field(default_factory=list)


class _Writer:
    """Appends draft content as raw elements; headings numbered as they are written."""

    def __init__(self, document: docx.document.Document, labels: Labels) -> None:
        self.document = document
        self.labels = labels
        self.elements: list[etree._Element] = []
        self.headings: list[tuple[int, str]] = []
        self.missing: set[str] = set()
        self._ids: dict[str, str | None] = {}
        self._numbers = [0, 0]

    def style(self, name: str) -> str | None:
        """The style id of a named style, or None (Normal) when the template lacks it."""
        if name not in self._ids:
            try:
                self._ids[name] = self.document.styles[name].style_id
            except KeyError:
                self.missing.add(name)
                self._ids[name] = None
        return self._ids[name]

    def heading(self, level: int, text: str, *, numbered: bool = True) -> None:
        if numbered and level <= 2:
            if level == 1:
                self._numbers = [self._numbers[0] + 1, 0]
                text = f"{self._numbers[0]}  {text}"
            else:
                self._numbers[1] += 1
                text = f"{self._numbers[0]}.{self._numbers[1]}  {text}"
        self.headings.append((level, text))
        self.elements.append(ooxml.paragraph(self.style(f"Heading {level}"), text, keep_next=True))

    def para(self, text: str, style: str | None = None, *, bold: bool = False) -> None:
        self.elements.append(ooxml.paragraph(self.style(style) if style else None, text, bold=bold))

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.para(item, "List Bullet")

    def table(self, rows: list[list], widths: list[float]) -> None:
        self.elements.append(ooxml.table(rows, widths, table_style=None,
                                         head_style=self.style("Table Heading"),
                                         body_style=self.style("Table Text"), band_fill="F2F6FA"))
        self.elements.append(ooxml.paragraph(None))


def _unique(statements: list[Statement]) -> list[Statement]:
    seen: dict[str, Statement] = {}
    for s in statements:
        key = fold(s.text)
        if key not in seen or (s.validated and not seen[key].validated):
            seen[key] = s
    return list(seen.values())


def _introduction(w: _Writer, plan: Plan, findings: Findings) -> None:
    lab = w.labels
    w.heading(1, lab["introduction"])
    when = lab.day_span(plan.workshop.start, plan.workshop.end)
    w.para(lab["intro_workshop"].format(
        administration=plan.administration,
        workshop_when=lab["intro_when"].format(dates=when) if when else "",
        workshop_where=lab["intro_where"].format(place=plan.workshop.place) if plan.workshop.place else ""))
    for note in plan.workshop_notes:
        w.para(note.text)
    n_obj = sum(len(a.objectives) for a in plan.areas)
    n_ini = sum(len(o.initiatives) for a in plan.areas for o in a.objectives)
    w.para(lab["intro_counts"].format(period=str(plan.period), n_objectives=n_obj, n_initiatives=n_ini,
                                      n_areas=len(plan.areas)))
    w.para(lab["intro_sources"].format(n_files=len(plan.sources), files=", ".join(plan.sources)))
    w.para(lab["intro_findings"].format(n_errors=findings.count("error"),
                                        n_warnings=findings.count("warning"), n_info=findings.count("info")))


def _statements(w: _Writer, plan: Plan) -> None:
    lab = w.labels
    w.heading(1, lab["mission_vision"])
    for key, statements in (("mission", plan.mission), ("vision", plan.vision)):
        w.heading(3, lab[key], numbered=False)
        unique = _unique(statements)
        if not unique:
            w.para(lab["not_stated"])
            continue
        first = next((s for s in unique if s.validated), unique[0])
        w.para(first.text, "Quote")
        w.para(lab["validated"] if first.validated else lab["not_validated"])
        for other in unique:
            if other is not first:
                w.para(f"{other.text} ({other.source})")
    w.heading(3, lab["values"], numbered=False)
    values = _unique(plan.values)
    if values:
        w.bullets([v.text for v in values])
    else:
        w.para(lab["not_stated"])


def _swot(w: _Writer, plan: Plan) -> None:
    lab = w.labels
    w.heading(1, lab["swot"])
    cells = {q: [f"• {s.text}" for s in plan.swot if s.quadrant == q] or ["—"]
             for q in ("strengths", "weaknesses", "opportunities", "threats")}
    half = PORTRAIT_WIDTH_CM / 2
    w.table([[lab["strengths"], lab["weaknesses"]], [cells["strengths"], cells["weaknesses"]]], [half, half])
    w.table([[lab["opportunities"], lab["threats"]], [cells["opportunities"], cells["threats"]]],
            [half, half])


def _objective(w: _Writer, objective: Objective) -> None:
    lab = w.labels
    w.heading(2, objective.title)
    for kpi in objective.indicators:
        w.para(f"{lab['kpi']}: {kpi.name} — {lab['baseline_target']}: {kpi.baseline or '?'} → "
               f"{kpi.target or '?'}")
    if objective.cites:
        w.para(f"{lab['addresses']}: {', '.join(objective.cites)}")
    if not objective.initiatives:
        w.para(lab["no_initiatives"])
        return
    rows: list[list] = [["#", lab["initiative"], lab["owner"], lab["timeline"], lab["kpi"],
                         lab["baseline_target"]]]
    for n, i in enumerate(objective.initiatives, start=1):
        title = [i.title]
        if i.cites:
            title.append(f"{lab['addresses']}: {', '.join(i.cites)}")
        title += [f"{k}: {v}" for k, v in i.notes.items()]
        kpi = i.indicator
        rows.append([i.ref or str(n), title, i.owner or "—", w.labels.span(i.start, i.end) or "—",
                     (kpi.name if kpi else "") or "—",
                     f"{kpi.baseline or '?'} → {kpi.target or '?'}" if kpi and (kpi.baseline or kpi.target)
                     else "—"])
    w.table(rows, [1.2, 4.9, 3.1, 2.3, 3.0, 2.1])


def _areas(w: _Writer, plan: Plan) -> None:
    lab = w.labels
    for area in plan.areas:
        w.heading(1, area.name)
        if not area.objectives:
            w.para(lab["no_objectives"])
        for objective in area.objectives:
            _objective(w, objective)
    for group in plan.unmatched:
        w.heading(1, f"{lab['unassigned']}: {group.label}")
        for objective in group.objectives:
            _objective(w, objective)


def _notes(w: _Writer, plan: Plan) -> None:
    lab = w.labels
    if plan.decisions or plan.open_questions:
        w.heading(1, f"{lab['decisions']} · {lab['open_questions']}")
        for key, notes in (("decisions", plan.decisions), ("open_questions", plan.open_questions)):
            if notes:
                w.heading(3, lab[key], numbered=False)
                w.bullets([n.text for n in notes])
    if plan.risks:
        w.heading(1, lab["risks"])
        columns = [(lab["risk"], 5.4, lambda r: r.text), (lab["likelihood"], 2.3, lambda r: r.likelihood),
                   (lab["impact"], 1.9, lambda r: r.impact), (lab["mitigation"], 4.4, lambda r: r.mitigation),
                   (lab["owner"], 2.6, lambda r: r.owner)]
        used = [c for n, c in enumerate(columns) if n == 0 or any(c[2](r) for r in plan.risks)]
        if len(used) == 1:  # risks noted as plain lines: a list reads better than a one-column table
            w.bullets([r.text for r in plan.risks])
        else:
            widths = [c[1] * PORTRAIT_WIDTH_CM / sum(c[1] for c in used) for c in used]
            w.table([[c[0] for c in used]] + [[c[2](r) or "—" for c in used] for r in plan.risks], widths)
    if plan.stakeholders:
        w.heading(1, lab["stakeholders"])
        w.table([[lab["stakeholder"], lab["interest"], lab["engagement"]]] +
                [[s.name, s.interest or "—", s.engagement or "—"] for s in plan.stakeholders],
                [5.6, 5.5, 5.5])


def _where(finding: Finding) -> str:
    places = [str(p) for p in finding.locations[:MAX_LOCATIONS]]
    more = len(finding.locations) - MAX_LOCATIONS
    return "; ".join(places) + (f" (+{more})" if more > 0 else "")


def _annexes(w: _Writer, plan: Plan, findings: Findings) -> None:
    lab = w.labels
    w.heading(1, lab["annexes"])
    if plan.recommendations:
        w.heading(2, lab["recommendations"])
        rows: list[list] = [["ID", lab["recommendation"], lab["rec_source"], lab["addressed_by"]]]
        for rec in plan.recommendations:
            by = findings.coverage.recommendations.get(rec.id, [])
            status = (lab["deferred"].format(reason=rec.deferred) if rec.deferred and not by
                      else ([f"• {item}" for item in by] or [lab["not_addressed"]]))
            rows.append([rec.id, rec.text, rec.origin or "—", status])
        w.table(rows, [2.3, 5.9, 3.0, 5.4])
    w.heading(2, lab["coverage"])
    rows = [[lab["key_area"], lab["n_objectives"], lab["n_initiatives"], lab["n_kpis"]]]
    for area in plan.areas:
        counts = findings.coverage.areas.get(area.key, {})
        rows.append([area.name, *(str(counts.get(k, 0)) for k in ("objectives", "initiatives", "with_kpi"))])
    w.table(rows, [7.6, 3.0, 3.0, 3.0])
    w.heading(2, lab["findings"])
    if not findings.findings:
        w.para(lab["no_findings"])
        return
    w.table([[lab["severity"], lab["code"], lab["finding"], lab["location"]]] +
            [[lab[f.severity], f.code, f.message + (f" — {f.hint}" if f.hint else ""), _where(f)]
             for f in findings.findings], [2.1, 2.2, 7.1, 5.2])


def _load_template(template: bytes | None, name: str) -> docx.document.Document:
    try:
        return docx.Document(io.BytesIO(template if template is not None else build_default_template()))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(name, f"not a usable Word template (.docx): {exc}") from None


def render(plan: Plan, findings: Findings, template: bytes | None = None,
           template_name: str = "template", cover_date: dt.date | None = None) -> Rendered:
    """The Word draft as bytes; warnings name template styles or placeholders it lacked."""
    document = _load_template(template, template_name)
    labels = Labels(plan.language)
    w = _Writer(document, labels)
    _introduction(w, plan, findings)
    _statements(w, plan)
    _swot(w, plan)
    _areas(w, plan)
    _notes(w, plan)
    _annexes(w, plan, findings)
    day = cover_date or plan.date
    values = {
        "administration": plan.administration, "country": plan.country or "", "title": labels["title"],
        "period": str(plan.period), "status": labels["draft"], "version_label": labels["version"],
        "version": plan.version, "date": labels.long_date(day) if day else "", "page_label": labels["page"],
    }
    body = document.element.body
    toc_heading = ooxml.paragraph(w.style("TOC Heading"), labels["contents"])
    entries = [(text, w.style(f"TOC {level}")) for level, text in w.headings if level <= 2]
    toc = ooxml.toc(labels["toc_hint"], entries)
    content = [toc_heading, *toc, *w.elements]
    placeholder = next((p for p in body.iter(ooxml.qn("w:p")) if BODY.fullmatch(paragraph_text(p).strip())),
                       None)
    warnings = [f"{template_name}: lacks style '{s}'; Normal used instead" for s in sorted(w.missing)]
    if placeholder is not None:
        for element in content:
            placeholder.addprevious(element)
        placeholder.getparent().remove(placeholder)
    else:
        sect = body.find(ooxml.qn("w:sectPr"))
        for element in content:
            (sect.addprevious(element) if sect is not None else body.append(element))
    parts = [body] + [part._element for s in document.sections
                      for part in (s.header, s.footer, s.first_page_header, s.first_page_footer,
                                   s.even_page_header, s.even_page_footer) if not part.is_linked_to_previous]
    unknown = fill_all(parts, values)
    warnings += [f"{template_name}: unknown placeholder '{{{{ {u} }}}}' left as is" for u in sorted(unknown)]
    ooxml.update_fields_on_open(document.settings.element)
    props = document.core_properties
    stamp = dt.datetime.combine(day or dt.date(plan.period.start, 1, 1), dt.time())
    props.title = f"{labels['title']} {plan.period} — {plan.administration}"
    props.author = props.last_modified_by = plan.administration
    props.subject, props.comments, props.keywords = labels["draft"], "", ""
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return Rendered(ooxml.fixed_time_package(buffer.getvalue()), warnings)
