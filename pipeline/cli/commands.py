"""The `plan-draft` command: Click commands only; the work is done by pipeline.build and friends.

Each command loads the modules its work needs when it runs (then `tune_process`): `--help` and
`--version` answer at once, and `batch --pdf` starts its offices while the rest loads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pipeline import __version__
from pipeline.cli.options import (
    comments_option,
    date_option,
    draft_options,
    ignore_option,
    pdf_option,
    strict_option,
    template_option,
)
from pipeline.errors import PdfProblem, PlanDraftError, words
from pipeline.outputs import DRAFT_NAME, write_atomic, write_keeping_previous
from pipeline.tuning import tune_process
from pipeline.vocab import LANGUAGES, Language

if TYPE_CHECKING:
    from pipeline.model import Findings, Plan

MAX_GROUPS = 30  # capture workbooks `init` writes at most


class _Group(click.Group):
    """Turns the project's errors into one line on stderr and exit code 2 (tracebacks with --debug)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Usage errors as one `error:` line too (Click's own message takes four)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            command = (
                f" {exc.ctx.command_path.partition(' ')[2]}"
                if exc.ctx and " " in exc.ctx.command_path
                else ""
            )
            click.echo(f"error: {exc.format_message()} (see 'plan-draft{command} --help')", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("error: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlanDraftError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            from pipeline.messages import Say

            say = Say(next((lang for lang in LANGUAGES if lang == exc.language), "en"))
            click.echo(say("cli_error", message=exc.describe(say)), err=True)
            sys.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # `plan-draft check … | head`: the reader stopped listening; not an error
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:  # a bug, or an input nobody foresaw: still one line, no traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                f"error: unexpected failure ({type(exc).__name__}: {exc}); run with --debug and report it",
                err=True,
            )
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plan-draft")
@click.option("--debug", is_flag=True, help="Show tracebacks (for developers).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn strategic-planning workshop captures into a checked Word draft of the plan.

    A mission folder holds mission.toml, the groups' workbooks and the facilitator's notes.
    """
    ctx.obj = {"debug": debug}


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def program_name() -> str:
    """How to call plan-draft again, as the user called it: 'plan-draft' where that is on the PATH,
    else the path they typed ('.venv/bin/plan-draft'), so that a printed hint works as printed."""
    called = sys.argv[0] if sys.argv else ""
    on_path = shutil.which("plan-draft")
    if Path(called).name == "plan-draft" and (
        on_path is None or Path(on_path).resolve() != Path(called).resolve()
    ):
        return called
    return "plan-draft"


def _exit_if_empty(plan: Plan) -> None:
    """Exit 1 where no objective and no initiative was read, saying why for each file."""
    from pipeline.cli.report import empty_reasons

    if plan.counts().empty:
        for reason in empty_reasons(plan):
            click.echo(reason, err=True)
        sys.exit(1)


def _exit_for(findings: Findings, strict: bool) -> None:
    if strict and findings.count("error"):
        sys.exit(1)


@main.command("parse")
@click.argument("mission_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to write the plan (default: standard output).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Print, per table, each column and what it was read as (to standard error).",
)
def parse_cmd(mission_dir: Path, output: Path | None, explain: bool) -> None:
    """Read every workshop capture in MISSION_DIR and write the normalized plan as JSON."""
    from pipeline.build import explain_folder, parse, to_json
    from pipeline.cli.report import account_line, counts_line
    from pipeline.messages import Say

    tune_process()
    if explain:
        for line in explain_folder(mission_dir):
            click.echo(line, err=True)
    plan = parse(mission_dir)
    data = to_json(plan)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        _exit_if_empty(plan)
        return
    if kept := write_keeping_previous(output, data):  # a plan.json edited by hand is never lost
        click.echo(Say(plan.language)("cli_kept", path=output.name, copy=kept), err=True)
    for account in plan.accounting:
        click.echo(account_line(account, plan.language), err=True)
    say = Say(plan.language)
    click.echo(say("cli_parsed", path=output, counts=counts_line(plan), findings=len(plan.intake)), err=True)
    _exit_if_empty(plan)


@main.command("check")
@click.argument("source", type=click.Path(path_type=Path, exists=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: grouped report for people; json: findings and coverage for tools.",
)
@strict_option
@ignore_option
def check_cmd(source: Path, fmt: str, strict: bool, ignore: tuple[str, ...]) -> None:
    """Check a plan (PLAN.json, or a MISSION_DIR read on the fly) against the key areas."""
    from pipeline.build import load_plan_or_folder, to_json
    from pipeline.checks import check
    from pipeline.cli.report import text_report

    tune_process()
    plan = load_plan_or_folder(source)
    findings = check(plan, ignore)
    if fmt == "json":
        click.echo(to_json(findings).decode("utf-8"), nl=False)
    else:
        click.echo(text_report(plan, findings, colour=sys.stdout.isatty()))
    _exit_for(findings, strict)


@main.command("render")
@click.argument("plan_json", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path(DRAFT_NAME),
    show_default=True,
    help="The Word draft to write.",
)
@template_option
@date_option
@ignore_option
@comments_option
@pdf_option
def render_cmd(
    plan_json: Path,
    output: Path,
    template: Path | None,
    date: dt.datetime | None,
    ignore: tuple[str, ...],
    comments: bool,
    pdf: bool,
) -> None:
    """Render the Word draft of PLAN_JSON (checks are run again for the findings annex)."""
    from pipeline.render.office import office_started_early

    with office_started_early(pdf) as office:
        from pipeline.build import DraftOptions, load_plan, render_plan
        from pipeline.checks import check

        tune_process()
        plan = load_plan(plan_json)
        findings = check(plan, ignore)
        options = DraftOptions(template, _day(date), comments, ignore, pdf=pdf, office=office)
        try:
            rendered, problem = render_plan(plan, findings, options), None
        except PdfProblem as exc:  # the .docx is still written
            rendered, problem = render_plan(plan, findings, replace(options, pdf=False)), exc
    from pipeline.cli.report import counts_line, summary_line
    from pipeline.messages import Say

    if kept := write_keeping_previous(output, rendered.data):
        click.echo(Say(plan.language)("cli_kept", path=output.name, copy=kept), err=True)
    if rendered.pdf is not None:
        write_atomic(output.with_suffix(".pdf"), rendered.pdf)
        click.echo(Say(plan.language)("cli_wrote", paths=output.with_suffix(".pdf")))
    if problem is not None:
        raise problem.having_written(words("pdf_without", path=str(output)), plan.language)
    for warning in rendered.warnings:  # in the plan's language
        click.echo(Say(plan.language)("cli_warning", message=warning), err=True)
    summary = summary_line(findings, plan.language)
    click.echo(Say(plan.language)("cli_rendered", path=output, counts=counts_line(plan), summary=summary))


@main.command("build")
@click.argument("mission_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-o",
    "--output-dir",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Output folder (default: outputs/<mission folder name>/).",
)
@draft_options
def build_cmd(
    mission_dir: Path,
    out_dir: Path | None,
    template: Path | None,
    strict: bool,
    ignore: tuple[str, ...],
    date: dt.datetime | None,
    comments: bool,
    changes: bool,
    pdf: bool,
) -> None:
    """Parse, check and render MISSION_DIR: writes plan.json, findings.json and draft.docx."""
    from pipeline.render.office import office_started_early

    with office_started_early(pdf) as office:
        from pipeline.build import DraftOptions, build

        tune_process()
        options = DraftOptions(template, _day(date), comments, ignore, changes, pdf, office)
        result = build(mission_dir, out_dir, options)
    from pipeline.cli.report import counts_line, summary_line
    from pipeline.messages import Say

    for warning in result.warnings:  # in the plan's language
        click.echo(Say(result.plan.language)("cli_warning", message=warning), err=True)
    for note in result.notes:
        click.echo(note, err=True)
    say = Say(result.plan.language)
    counts = counts_line(result.plan)
    click.echo(say("cli_read", count=len(result.plan.sources), folder=mission_dir, counts=counts))
    details = result.out_dir / "plan.json"
    summary = summary_line(result.findings, result.plan.language)
    click.echo(say("cli_findings", summary=summary, details=details, program=program_name()))
    click.echo(say("cli_wrote", paths=", ".join(str(p) for p in result.outputs)))
    _exit_if_empty(result.plan)
    _exit_for(result.findings, strict)


@main.command("init")
@click.argument("mission_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--language", type=click.Choice(LANGUAGES), help="Language of the kit and the draft  [default: en]."
)
@click.option("--administration", help="The customs administration (required unless --from gives it).")
@click.option("--country", help="Its country.")
@click.option(
    "--period", help="The plan's first and last year, e.g. 2014-2018  [default: the next five years]."
)
@click.option(
    "--groups",
    type=click.IntRange(1, MAX_GROUPS),
    default=3,
    show_default=True,
    help="Capture workbooks to write.",
)
@click.option(
    "--area",
    "areas",
    multiple=True,
    help="A key area, in the draft's order (repeat; default: the five WCO areas).",
)
@click.option(
    "--owner", "owners", multiple=True, help="A responsible unit offered in the owner drop-down (repeat)."
)
@click.option(
    "--layout",
    type=click.Choice(["sheets", "table"]),
    default="sheets",
    show_default=True,
    help="A sheet per key area, or one table with a key area column.",
)
@click.option(
    "--from",
    "previous",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Start from an earlier mission folder's mission.toml (language, administration, areas…).",
)
@click.option(
    "--recommendations",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A workbook or CSV of the diagnostic's recommendations (ID, Recommendation), for groups to cite.",
)
@click.option(
    "--workshop-start", type=click.DateTime(["%Y-%m-%d"]), help="The workshop's first day (YYYY-MM-DD)."
)
@click.option("--workshop-end", type=click.DateTime(["%Y-%m-%d"]), help="Its last day (YYYY-MM-DD).")
@click.option("--place", help="Where it is held.")
@click.option(
    "--date", "cover", type=click.DateTime(["%Y-%m-%d"]), help="The draft's cover date (YYYY-MM-DD)."
)
def init_cmd(
    mission_dir: Path,
    language: str | None,
    administration: str | None,
    country: str | None,
    period: str | None,
    groups: int,
    areas: tuple[str, ...],
    owners: tuple[str, ...],
    layout: str,
    previous: Path | None,
    recommendations: Path | None,
    workshop_start: dt.datetime | None,
    workshop_end: dt.datetime | None,
    place: str | None,
    cover: dt.datetime | None,
) -> None:
    """Write a capture kit into MISSION_DIR: mission.toml, one workbook per group, a notes template
    and instructions for the groups, in the mission's language."""
    from pipeline.config import load_config
    from pipeline.kit import make_kit, owners_of, recommendations_from, settings_for, write_kit
    from pipeline.messages import Say

    tune_process()

    earlier = load_config(previous) if previous else None
    lang: Language = language or (earlier.language if earlier else "en")  # type: ignore[assignment]
    try:
        settings = settings_for(
            lang,
            earlier,
            owners_of(previous) if previous else [],
            administration=administration,
            country=country,
            period=period,
            groups=groups,
            areas=areas,
            owners=owners,
            layout=layout,
            workshop=(_day(workshop_start), _day(workshop_end or workshop_start), place or None),
            cover=_day(cover),
        )
        recs = recommendations_from(recommendations, settings) if recommendations else []
        written = write_kit(mission_dir, make_kit(settings, recs), lang)
    except PlanDraftError as exc:
        exc.language = lang  # said in the kit's language
        raise
    say = Say(lang)
    names = ", ".join(p.name for p in written)
    click.echo(say("cli_init", files=len(written), folder=mission_dir, names=names))
    if recs:
        click.echo(say("cli_init_recs", recs=len(recs)))


@main.group("template")
def template_group() -> None:
    """Work with Word templates."""


@template_group.command("check")
@click.argument("template", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--strict", is_flag=True, help="Exit with code 1 when a style is missing or a placeholder unknown."
)
def template_check_cmd(template: Path, strict: bool) -> None:
    """List what TEMPLATE provides for the draft and what it lacks (styles, placeholders, body)."""
    from pipeline.build import read_template
    from pipeline.render.template_check import inspect_template

    tune_process()

    report = inspect_template(read_template(template) or b"", str(template))
    click.echo(f"styles the draft uses, present: {', '.join(report.styles_present) or 'none'}")
    if report.styles_added:
        click.echo(f"styles added to the draft (Word's built-in ones): {', '.join(report.styles_added)}")
    click.echo(f"styles missing (Normal is used instead): {', '.join(report.styles_missing) or 'none'}")
    click.echo(f"placeholders: {', '.join(report.placeholders) or 'none'}")
    if report.unknown_placeholders:
        click.echo(f"unknown placeholders (left as they are): {', '.join(report.unknown_placeholders)}")
    if report.body_problem:
        click.echo(f"body cannot go where the template puts it: {report.body_problem}")
    else:
        click.echo("body goes: " + ("at the {{ body }} paragraph" if report.has_body else "at the end"))
    if strict and not report.complete:
        sys.exit(1)


@main.command("review")
@click.argument("draft", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text for people, json for tools.",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="Also write the review as a workbook (one row per edit or comment, a column for the decision).",
)  # fmt: skip
@click.option(
    "--tracked", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
    help="Read tracked changes as accepted or as rejected.",
)  # fmt: skip
def review_cmd(draft: Path, fmt: str, output: Path | None, tracked: str) -> None:
    """List what reviewers did to DRAFT (a draft plan-draft wrote, edited in Word or LibreOffice):
    edited cells and headings, rows added and deleted, tracked changes, comments, text typed."""
    from pipeline.apply import review_workbook
    from pipeline.cli.report import review_lines
    from pipeline.messages import Say
    from pipeline.review import read_review

    tune_process()

    review = read_review(draft, "reject" if tracked == "reject" else "accept")
    if fmt == "json":
        rows = [{k: v for k, v in asdict(e).items() if k != "place"} for e in review.edits]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for line in review_lines(review):
            click.echo(line)
    if output is not None:
        write_atomic(output, review_workbook(review))
        click.echo(Say(review.plan.language)("cli_wrote", paths=output), err=True)


@main.command("apply")
@click.argument("draft", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o", "--output-dir", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
    help="A new folder: the edited mission (workbook, mission.toml) and review.xlsx.",
)  # fmt: skip
@click.option(
    "--tracked", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
    help="Apply tracked changes (accept) or keep the text they changed (reject).",
)  # fmt: skip
def apply_cmd(draft: Path, out_dir: Path, tracked: str) -> None:
    """Write the plan of DRAFT with its reviewers' edits applied, as a mission folder to build."""
    from pipeline.apply import apply_review, kept_lines, write_edit_folder
    from pipeline.messages import Say
    from pipeline.review import read_review

    tune_process()

    review = read_review(draft, "reject" if tracked == "reject" else "accept")
    applied = apply_review(review)
    write_edit_folder(out_dir, applied, review)
    say = Say(review.plan.language)
    for line in kept_lines(applied, say):
        click.echo(line, err=True)
    click.echo(
        say(
            "cli_applied",
            folder=out_dir,
            applied=applied.applied,
            kept=len(applied.kept),
            program=program_name(),
        )
    )


@main.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
def diff_cmd(old: Path, new: Path, fmt: str) -> None:
    """List objectives and initiatives added, removed and changed (field by field) from OLD to NEW.

    OLD and NEW are plan.json files, output folders holding one, or mission folders.
    """
    from pipeline.build import load_plan_at
    from pipeline.diff import diff_lines, diff_plans
    from pipeline.messages import Say

    tune_process()

    before, after = load_plan_at(old), load_plan_at(new)
    changes = diff_plans(before, after, Say(after.language).plan_date)
    if fmt == "json":
        click.echo(json.dumps([asdict(c) for c in changes], indent=2, ensure_ascii=False))
        return
    for line in diff_lines(changes, after.language):
        click.echo(line)


@main.command("export")
@click.argument("plan_json", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("plan.xlsx"),
    show_default=True,
    help="The workbook to write.",
)
def export_cmd(plan_json: Path, output: Path) -> None:
    """Write PLAN_JSON as a clean workbook to edit; a folder holding it (and mission.toml) is a capture.

    A mission.toml with the plan's settings is written beside the workbook when none is there.
    """
    from pipeline.build import load_plan
    from pipeline.cli.report import counts_line
    from pipeline.export import export_workbook, mission_toml
    from pipeline.messages import Say

    tune_process()

    plan = load_plan(plan_json)
    if kept := write_keeping_previous(output, export_workbook(plan)):
        click.echo(Say(plan.language)("cli_kept", path=output.name, copy=kept))
    say = Say(plan.language)
    click.echo(say("cli_wrote", paths=f"{output} ({counts_line(plan)})"))
    toml = output.parent / "mission.toml"
    if not toml.exists():
        write_atomic(toml, mission_toml(plan).encode("utf-8"))
        click.echo(say("cli_wrote", paths=toml))


@main.command("batch")
@click.argument("missions_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-o",
    "--output-dir",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("outputs"),
    show_default=True,
    help="Where each mission's outputs go, as OUT_DIR/<mission path>/, with summary.json/.xlsx.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the machine's cores).",
)
@click.option("--force", is_flag=True, help="Rebuild every mission, even those whose inputs did not change.")
@draft_options
def batch_cmd(
    missions_dir: Path,
    out_dir: Path,
    jobs: int | None,
    force: bool,
    template: Path | None,
    strict: bool,
    ignore: tuple[str, ...],
    date: dt.datetime | None,
    comments: bool,
    changes: bool,
    pdf: bool,
) -> None:
    """Build every mission folder below MISSIONS_DIR in parallel; one broken mission never stops the rest."""
    from pipeline.office_pool import OfficePool

    cores = os.cpu_count() or 1
    # The offices start first: they start while the modules below load.
    with contextlib.closing(OfficePool(min(jobs or cores, cores), pdf)) as offices:
        from pipeline.batch import MissionResult, find_missions, run_batch, status_counts
        from pipeline.build import DraftOptions
        from pipeline.summary import summary_lines, write_summary

        tune_process()
        options = DraftOptions(template, _day(date), comments, ignore, changes, pdf)
        total = len(find_missions(missions_dir))
        tty = sys.stderr.isatty()
        bar = click.progressbar(length=total, label="building", file=sys.stderr) if tty else None
        with bar if bar is not None else contextlib.nullcontext():
            done = [0]

            def progress(result: MissionResult) -> None:
                done[0] += 1
                if bar is not None:
                    bar.update(1)
                else:
                    click.echo(
                        f"[{done[0]}/{total}] {result.mission}: {result.status}"
                        + (f" ({result.message})" if result.message else ""),
                        err=True,
                    )

            results, interrupted = run_batch(
                missions_dir, out_dir, options, jobs=jobs, force=force, progress=progress, offices=offices
            )
    write_summary(out_dir, results, interrupted)
    for line in summary_lines(results, total, interrupted, out_dir):
        click.echo(line)
    counts = status_counts(results)
    if interrupted:
        sys.exit(130)
    if counts["failed"] or (strict and (counts["empty"] or any(r.errors for r in results))):
        sys.exit(1)


@main.command("schema")
@click.option("--findings", is_flag=True, help="Print the schema of findings.json instead.")
def schema_cmd(findings: bool) -> None:
    """Print the JSON Schema of plan.json (or findings.json)."""
    from pipeline.model import Findings, Plan

    tune_process()
    model = Findings if findings else Plan
    click.echo(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False))


@main.command("rules")
def rules_cmd() -> None:
    """List every code a finding can have: the reader's (READ…) and the consistency rules, with their
    severity and what each says."""
    from pipeline.checks import CATALOGUE
    from pipeline.reading_codes import READING

    tune_process()

    for code, (severity, summary) in READING.items():
        click.echo(f"{code:<9}{severity:<8}{summary}")
    for r in CATALOGUE:
        click.echo(f"{r.code:<9}{r.severity:<8}{r.summary}")


def run() -> None:
    """The console entry point: `main`, whose commands tune the process for building plans once
    their modules are loaded (see pipeline.tuning); what the library logs (a wait for another run's
    lock) goes to standard error as one line."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    logging.getLogger("pipeline").addHandler(handler)
    main()
