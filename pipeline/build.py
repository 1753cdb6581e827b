"""The stages for one mission: parse (folder → Plan), check (Plan → Findings), render (→ .docx), build."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from pipeline import __version__
from pipeline.checks import check
from pipeline.config import CONFIG_NAME
from pipeline.diff import Change, diff_plans
from pipeline.errors import InputError, PdfProblem, PlanDraftError, validation_problem, words
from pipeline.messages import Say
from pipeline.model import SCHEMA_VERSION, Findings, Plan
from pipeline.normalize import normalize
from pipeline.outputs import (
    DRAFT_NAME,
    FINDINGS_NAME,
    PDF_NAME,
    PLAN_NAME,
    PREVIOUS_DRAFT_NAME,
    STAMP_NAME,
    archive,
    digest,
    locked,
    replace_set,
    write_atomic,
)
from pipeline.read.mission import candidate_files, inside_folder, read_mission
from pipeline.text import first_control

if TYPE_CHECKING:
    from pipeline.render.document import Rendered
    from pipeline.render.office import Office

OUTPUT_NAMES = frozenset({PLAN_NAME, FINDINGS_NAME, DRAFT_NAME, PDF_NAME})  # what a stamp may name
# A control character or lone surrogate as JSON escapes it (tabs and line breaks are text): such a
# plan.json is read the slow way, to name the field.
_JSON_CONTROL = re.compile(rb"\\u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF])|\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
MAX_PLAN_BYTES = 64 * 2**20  # ten times the plan.json of 5,000 initiatives
MAX_REMEMBERED = 100  # hashes of generated drafts and plans the stamp remembers (to bound history/)


def parse(folder: Path) -> Plan:
    """Read every capture in a mission folder into the typed plan."""
    return normalize(read_mission(folder))


def explain_folder(folder: Path) -> list[str]:
    """What the reader recognises in every table of a mission folder (`parse --explain`)."""
    from pipeline.normalize.columns import ColumnMatcher
    from pipeline.normalize.explain import explain

    captures = read_mission(folder)
    return list(explain(captures, ColumnMatcher(captures.config.columns)))


def to_json(model: Plan | Findings) -> bytes:
    """A model as stable, readable JSON (UTF-8, indented, trailing newline)."""
    return type(model).__pydantic_serializer__.to_json(model, indent=2) + b"\n"  # UTF-8 as pydantic writes it


def load_plan(path: Path) -> Plan:
    """Read a plan.json written by `parse` (and perhaps edited by hand)."""
    try:
        if path.stat().st_size > MAX_PLAN_BYTES:
            raise InputError(path, f"is over {MAX_PLAN_BYTES // 2**20} MB; not a plan.json of a mission")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if _JSON_CONTROL.search(raw) is None:
        try:
            return Plan.model_validate_json(raw)  # parsed and validated in one pass
        except ValidationError:
            pass  # read it again below, for a message naming the line or field at fault
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        raise InputError(path, f"not valid JSON: {getattr(exc, 'msg', exc)}", line=line) from None
    except RecursionError:
        raise InputError(path, "not a plan: nested too deeply") from None
    if (bad := first_control(data)) is not None:
        raise InputError(
            path,
            f"not a plan: {bad[0]}: holds a control character ({bad[1]})",
            hint="remove it, or write it with 'plan-draft parse' again",
        )
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        field, message, others = validation_problem(exc, "plan")
        first = exc.errors()[0]
        if field == "schema_version" and first["type"] == "less_than_equal":
            newer = first["input"]
            message = f"written by a newer plan-draft (schema {newer}; this one reads up to {SCHEMA_VERSION})"
        more = f" (and {others} more problem(s))" if others else ""
        raise InputError(
            path,
            f"not a plan: {field}: {message}{more}",
            hint="write it with 'plan-draft parse', then edit values only",
        ) from None
    except RecursionError:
        raise InputError(path, "not a plan: nested too deeply") from None


def load_plan_or_folder(path: Path) -> Plan:
    """A plan.json, or a mission folder parsed on the fly."""
    return parse(path) if path.is_dir() else load_plan(path)


def load_plan_at(path: Path) -> Plan:
    """A plan.json, an output folder holding one, or a mission folder parsed on the fly."""
    if path.is_dir() and (path / PLAN_NAME).is_file():
        return load_plan(path / PLAN_NAME)
    return load_plan_or_folder(path)


def read_template(path: Path | None) -> bytes | None:
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
    # a warm office to lay the PDF out: a batch's (its socket), or one the command started early; no input
    office: str | Office | None = None


def render_plan(
    plan: Plan, findings: Findings, options: DraftOptions, changes: list[Change] | None = None
) -> Rendered:
    """Render with a template file or the default one."""
    from pipeline.render.document import render  # python-docx is loaded only by the stages that render

    template = read_template(options.template)
    name = str(options.template or "default template")

    def draft(pages: list[str] | str | None) -> Rendered:
        return render(plan, findings, template, name, options.date, options.comments, changes, pages)

    if not options.pdf:
        return draft(None)
    from pipeline.render.pdf import render_with_pages

    last: list[Rendered] = []

    def docx_and_contents(pages: list[str] | str) -> tuple[bytes, list[str]]:
        last[:] = [draft(pages)]
        return last[0].data, last[0].contents

    data, pdf = render_with_pages(docx_and_contents, options.office)
    rendered = last[0]
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
    notes: list[str] = field(
        default_factory=list
    )  # what the build did beside writing, in the plan's language


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
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()

    try:
        files = [*candidate_files(folder), folder / CONFIG_NAME]
        inputs = {
            p.name: digest(p) if inside_folder(p, folder) else f"not read: {p.resolve()}"
            for p in files
            if p.exists()
        }
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


MAX_STAMP_BYTES = 1 * 2**20  # a stamp names a few files and a hundred hashes
MAX_OUTPUT_BYTES = 2 * 2**30  # an output to compare with its stamp: a draft, a plan or a PDF


def _stamp_of(out: Path) -> dict[str, Any]:
    """The build stamp in an output folder, or {} where there is none or it is not one (too large,
    nested too deeply, not an object): a stamp is data, never trusted to name other files."""
    try:
        data = _regular_bytes(out / STAMP_NAME, MAX_STAMP_BYTES)
        loaded = json.loads(data.decode("utf-8")) if data is not None else None
    except (OSError, ValueError, RecursionError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _regular_bytes(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes, or None for anything else (a link to /dev/zero, a FIFO, a folder) or
    a file over `limit` bytes: what the output folder holds is checked, never trusted."""
    with path.open("rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None
        data = fh.read(limit + 1)
    return data if len(data) <= limit else None


def is_current(out: Path, stamp: dict[str, object]) -> bool:
    """Whether `out` holds a complete build made from exactly these inputs: the stamp, written last,
    names these inputs, and every output still has the content the stamp recorded for it."""
    previous = _stamp_of(out)
    outputs = previous.pop("outputs", None)
    previous.pop("generated", None)
    if previous != stamp or not isinstance(outputs, dict) or DRAFT_NAME not in outputs:
        return False
    options = stamp.get("options")
    if isinstance(options, dict) and options.get("pdf") and PDF_NAME not in outputs:
        return False  # the PDF pass failed last time: try it again rather than skip the mission for ever
    if not set(outputs) <= OUTPUT_NAMES or not all(isinstance(v, str) for v in outputs.values()):
        return False  # a stamp edited by hand names only plan-draft's own outputs, or is not trusted
    try:
        for name, sha in outputs.items():
            data = _regular_bytes(out / name, MAX_OUTPUT_BYTES)
            if data is None or digest(data) != sha:
                return False
    except OSError:
        return False
    return True


def build(folder: Path, out_dir: Path | None = None, options: DraftOptions | None = None) -> BuildResult:
    """All stages for one mission; nothing is written unless every stage succeeded.

    The outputs are written under the output folder's lock, the stamp last (it records each output's
    hash, so a set left half-replaced is never taken for current). A draft or plan.json being replaced
    is kept as `.previous`, and a `.previous` about to be overwritten goes to `history/`: a draft an
    administrator edited is never lost; copies of generated drafts are bounded.
    """
    options = options or DraftOptions()
    out = out_dir or default_output(folder)
    refuse_output_inside(folder, out)
    stamp = fingerprint(folder, options) if folder.is_dir() else {}
    plan = parse(folder)
    findings = check(plan, options.ignore)
    changes = None
    if options.changes:
        previous_plan = out / PLAN_NAME
        from pipeline.messages import Say

        dates = Say(plan.language).plan_date
        changes = diff_plans(load_plan(previous_plan), plan, dates) if previous_plan.is_file() else []
    pdf_error: PdfProblem | None = None
    try:
        rendered = render_plan(plan, findings, options, changes)
    except PdfProblem as exc:  # the .docx is still written; the error is raised once it is
        pdf_error = exc
        rendered = render_plan(plan, findings, replace(options, pdf=False), changes)
    try:
        return _write_build(out, plan, findings, rendered, stamp, pdf_error)
    except PlanDraftError as exc:
        exc.language = plan.language  # said in the mission's language
        raise


def _write_build(
    out: Path,
    plan: Plan,
    findings: Findings,
    rendered: Rendered,
    stamp: dict[str, object],
    pdf_error: PdfProblem | None,
) -> BuildResult:
    """The outputs of one build, written as one set under the output folder's lock."""
    files = {PLAN_NAME: to_json(plan), FINDINGS_NAME: to_json(findings), DRAFT_NAME: rendered.data}
    if rendered.pdf is not None:
        files[PDF_NAME] = rendered.pdf
    written: list[Path] = []
    notes: list[str] = []
    with locked(out):
        earlier = _stamp_of(out).get("generated", [])
        remembered: list[str] = (
            [h for h in earlier if isinstance(h, str)] if isinstance(earlier, list) else []
        )
        generated = set(remembered)
        kept = replace_set(  # the new set replaces the old whole, or not at all
            {out / name: data for name, data in files.items()}, {out / DRAFT_NAME, out / PLAN_NAME}, generated
        )
        written += [*kept, *(out / name for name in files)]
        stale_pdf = out / PDF_NAME
        if PDF_NAME not in files and stale_pdf.is_file():  # made from an earlier draft: never beside this one
            moved = archive(stale_pdf)
            stale_pdf.unlink()
            notes.append(Say(plan.language)("cli_pdf_moved", pdf=stale_pdf, copy=moved))
        hashes = {name: digest(data) for name, data in files.items()}
        remembered = [*dict.fromkeys([*remembered, hashes[DRAFT_NAME], hashes[PLAN_NAME]])][-MAX_REMEMBERED:]
        record = {**stamp, "outputs": hashes, "generated": remembered}
        write_atomic(out / STAMP_NAME, (json.dumps(record, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    if pdf_error is not None:
        raise pdf_error.having_written(
            words("pdf_without_outputs", path=str(out / DRAFT_NAME)), plan.language
        )
    outputs = [p for p in written if p.name != PREVIOUS_DRAFT_NAME] + [
        p for p in written if p.name == PREVIOUS_DRAFT_NAME
    ]
    return BuildResult(plan, findings, out, outputs, rendered.warnings, notes)


def refuse_output_inside(folder: Path, out: Path) -> None:
    """Outputs written into the mission folder itself would be read back as captures at the next
    build (a folder below it is safe: only the mission folder's own files are captures)."""
    if folder.is_dir() and out.resolve() == folder.resolve():
        raise InputError(
            out,
            "the output folder is the mission folder: its drafts would be read back as captures",
            hint="choose another -o, e.g. outputs/<mission> or a folder below the mission folder",
        )
