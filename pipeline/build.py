"""The stages for one mission: parse (folder → Plan), check (Plan → Findings), render (→ .docx), build."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from pipeline import __version__
from pipeline.checks import check
from pipeline.diff import Change, diff_plans
from pipeline.errors import InputError, PdfProblem, PlanDraftError
from pipeline.model import Findings, Plan
from pipeline.normalize import normalize
from pipeline.outputs import write_all
from pipeline.read.mission import read_mission

if TYPE_CHECKING:
    from pipeline.render.document import Rendered

PLAN_NAME, FINDINGS_NAME, DRAFT_NAME, PDF_NAME = "plan.json", "findings.json", "draft.docx", "draft.pdf"
PREVIOUS_DRAFT_NAME, STAMP_NAME = "draft.previous.docx", "build-stamp.json"


def parse(folder: Path) -> Plan:
    """Read every capture in a mission folder into the typed plan."""
    return normalize(read_mission(folder))


def explain_folder(folder: Path) -> list[str]:
    """What the reader recognises in every table of a mission folder (`parse --explain`)."""
    from pipeline.read.columns import ColumnMatcher
    from pipeline.read.explain import explain

    captures = read_mission(folder)
    return list(explain(captures, ColumnMatcher(captures.config.columns)))


def to_json(model: Plan | Findings) -> bytes:
    """A model as stable, readable JSON (UTF-8, indented, trailing newline)."""
    return (model.model_dump_json(indent=2) + "\n").encode("utf-8")


def load_plan(path: Path) -> Plan:
    """Read a plan.json written by `parse` (and perhaps edited by hand)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    try:
        return Plan.model_validate_json(raw)  # parsed and validated in one pass
    except ValidationError:
        pass  # read it again below, for a message naming the line or field at fault
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        raise InputError(path, f"not valid JSON: {getattr(exc, 'msg', exc)}", line=line) from None
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise InputError(
            path,
            f"not a plan: {field}: {err['msg']}",
            hint="write it with 'plan-draft parse', then edit values only",
        ) from None


def load_plan_or_folder(path: Path) -> Plan:
    """A plan.json, or a mission folder parsed on the fly."""
    return parse(path) if path.is_dir() else load_plan(path)


def load_template(path: Path | None) -> bytes | None:
    """A template's bytes (None for the built-in default); InputError when unreadable."""
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read template: {exc.strerror}") from None


@dataclass(frozen=True)
class DraftOptions:
    """How a draft is made: template, cover date, source comments, rules switched off."""

    template: Path | None = None
    date: dt.date | None = None
    comments: bool = False
    ignore: tuple[str, ...] = ()
    changes: bool = False
    pdf: bool = False


def render_plan(
    plan: Plan, findings: Findings, options: DraftOptions, changes: list[Change] | None = None
) -> Rendered:
    """Render with a template file or the default one."""
    from pipeline.render.document import render  # python-docx is loaded only by the stages that render

    template = load_template(options.template)
    name = str(options.template or "default template")

    def draft(pages: list[str] | None) -> Rendered:
        return render(plan, findings, template, name, options.date, options.comments, changes, pages)

    rendered = draft(None)
    if not options.pdf:
        return rendered
    from pipeline.render.pdf import render_with_pages

    def docx_and_contents(pages: list[str] | None) -> tuple[bytes, list[str]]:
        made = draft(pages)
        return made.data, made.contents

    data, pdf = render_with_pages(docx_and_contents)
    rendered.data, rendered.pdf = data, pdf
    return rendered


@dataclass
class BuildResult:
    """What `build` produced for one mission."""

    plan: Plan
    findings: Findings
    out_dir: Path
    outputs: list[Path]
    warnings: list[str] = field(default_factory=list)


def safe_name(name: str) -> str:
    """A folder name that stays one folder: no separators, no leading dots, no control characters."""
    cleaned = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", "_", name).strip(" .")
    return cleaned[:120] or "mission"


def default_output(folder: Path) -> Path:
    """`outputs/<mission folder name>/`, the name made safe to use as one folder."""
    return Path("outputs") / safe_name(folder.resolve().name)


def fingerprint(folder: Path, options: DraftOptions) -> dict[str, object]:
    """Content hashes of everything a build depends on: inputs, mission.toml, template, tool, options."""

    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    try:
        inputs = {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}
        template = digest(options.template) if options.template else "default"
    except OSError as exc:
        raise InputError(folder, f"cannot read: {exc.strerror}") from None
    return {
        "tool": __version__,
        "inputs": inputs,
        "template": template,
        "options": {
            "date": str(options.date) if options.date else None,
            "comments": options.comments,
            "ignore": sorted(options.ignore),
            "changes": options.changes,
            "pdf": options.pdf,
        },
    }


def is_current(out: Path, stamp: dict[str, object]) -> bool:
    """Whether `out` holds a complete build made from exactly these inputs."""
    try:
        previous = json.loads((out / STAMP_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    outputs = (PLAN_NAME, FINDINGS_NAME, DRAFT_NAME)
    return previous == stamp and all((out / name).is_file() for name in outputs)


def build(folder: Path, out_dir: Path | None = None, options: DraftOptions | None = None) -> BuildResult:
    """All stages for one mission; nothing is written unless every stage succeeded.

    The draft being replaced is kept as draft.previous.docx; build-stamp.json records the inputs.
    """
    options = options or DraftOptions()
    stamp = fingerprint(folder, options) if folder.is_dir() else {}
    plan = parse(folder)
    findings = check(plan, options.ignore)
    out = out_dir or default_output(folder)
    changes = None
    if options.changes:
        previous_plan = out / PLAN_NAME
        changes = diff_plans(load_plan(previous_plan), plan) if previous_plan.is_file() else []
    pdf_error: PlanDraftError | None = None
    try:
        rendered = render_plan(plan, findings, options, changes)
    except PdfProblem as exc:  # the .docx is still written; the error is raised once it is
        pdf_error = exc
        rendered = render_plan(plan, findings, replace(options, pdf=False), changes)
    files = {out / PLAN_NAME: to_json(plan), out / FINDINGS_NAME: to_json(findings)}
    old_draft = out / DRAFT_NAME
    if old_draft.is_file() and (previous := old_draft.read_bytes()) != rendered.data:
        files[out / PREVIOUS_DRAFT_NAME] = previous
    files[out / DRAFT_NAME] = rendered.data
    if rendered.pdf is not None:
        files[out / PDF_NAME] = rendered.pdf
    files[out / STAMP_NAME] = (json.dumps(stamp, indent=2, sort_keys=True) + "\n").encode("utf-8")
    write_all(files)
    if pdf_error is not None:
        raise PdfProblem(f"{pdf_error}; wrote {out / DRAFT_NAME} and the other outputs, without the PDF")
    return BuildResult(plan, findings, out, [p for p in files if p.name != STAMP_NAME], rendered.warnings)
