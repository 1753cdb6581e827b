"""Findings as a person reads them on a terminal: grouped by area, then severity."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pipeline.messages import Say
from pipeline.model import FileAccount, Findings, Plan

if TYPE_CHECKING:
    from pipeline.review import Review
from pipeline.vocab import Language

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def summary_line(findings: Findings, language: Language = "en") -> str:
    """'1 error, 2 warnings, 3 notes', '0 erros, 14 avisos, 0 notas'."""
    e, w, i = (findings.count(s) for s in ("error", "warning", "info"))
    return Say(language)("cli_summary", errors=e, warnings=w, notes=i)


def counts_line(plan: Plan) -> str:
    """'5 key areas, 11 objectives, 33 initiatives, 33 indicators', in the plan's language."""
    say, c = Say(plan.language), plan.counts()
    text = say("cli_counts", areas=c.areas, objectives=c.objectives, initiatives=c.initiatives)
    if c.indicators:
        text += say("cli_indicators", indicators=c.indicators)
    return text + (say("cli_empty") if c.empty else "")


def text_report(plan: Plan, findings: Findings, colour: bool) -> str:
    """The grouped report `plan-draft check` prints."""
    names = {a.key: a.name for a in plan.areas}
    say = Say(plan.language)
    lines: list[str] = []
    group: object = object()
    width = max(len(say(f"cli_severity_{s}")) for s in ("error", "warning", "info"))
    indent = " " * (width + 12)  # under the message, past the tag and the code
    for f in findings.findings:
        if f.area != group:
            group = f.area
            title = names.get(f.area or "", say("report_general"))
            lines += ["", click.style(title, bold=True) if colour else title]
        tag = f"{say('cli_severity_' + f.severity):<{width}}"
        lines.append(
            f"  {click.style(tag, fg=_COLOURS[f.severity]) if colour else tag} {f.code:<8} {f.message}"
        )
        for place in f.locations[:5]:
            lines.append(f"{indent}{say('report_at')} {say.place(place)}")
        if len(f.locations) > 5:
            lines.append(f"{indent}{say('report_more', count=len(f.locations) - 5)}")
        if f.hint:
            lines.append(f"{indent}{say.pair(say('report_fix'), f.hint)}")
    lines += ["", say.pair(say("cli_summary_label"), summary_line(findings, plan.language))]
    return "\n".join(lines).lstrip("\n")


def account_line(account: FileAccount, language: Language = "en") -> str:
    """'notes.md: 21 lines read = 14 placed + 0 in findings + 7 ignored (heading 7)'."""
    say = Say(language)
    rules = ", ".join(f"{say('cli_ignored_' + rule)} {n}" for rule, n in account.ignored.items())
    line = say(
        "cli_account",
        file=account.file,
        read=account.read,
        unit=say(f"cli_unit_{account.unit}"),
        placed=account.placed,
        in_findings=account.in_findings,
        ignored=sum(account.ignored.values()),
    )
    return line + (f" ({rules})" if rules else "")


def empty_reasons(plan: Plan) -> list[str]:
    """Why a plan holds no objective and no initiative: each file's READ012 finding, one line each."""
    return [
        f"{f.locations[0].file if f.locations else ''}: {f.message}".lstrip(": ")
        for f in plan.intake
        if f.code == "READ012"
    ]


def review_lines(review: Review) -> list[str]:
    """What reviewers did to a draft, one line each, in the plan's language, then a count."""
    say = Say(review.plan.language)
    lines: list[str] = []
    for e in review.edits:
        item = say.item(e.item)
        text = e.new or e.old
        if e.kind == "changed":
            lines.append(
                say(
                    "review_changed",
                    item=item,
                    title=e.title,
                    field=say[f"field_{e.field}"],
                    old=e.old,
                    new=e.new,
                )
            )
        elif e.kind == "added":
            lines.append(say("review_added", where=e.where, title=e.title))
        elif e.kind == "deleted":
            lines.append(say("review_deleted", item=item, title=e.title))
        elif e.kind == "comment" and e.item:
            lines.append(
                say("review_comment", item=item, title=e.title, author=e.author, date=e.date[:10], text=text)
            )
        elif e.kind == "comment":
            lines.append(say("review_comment_outside", author=e.author, date=e.date[:10], text=text))
        elif e.kind == "merged":
            fields = ", ".join(say[f"field_{f}"] for f in e.field.split(","))
            lines.append(say("review_merged", item=item, title=e.title, fields=fields, text=text or "—"))
        elif e.kind in ("inserted", "removed"):
            lines.append(
                say(
                    f"review_{e.kind}", item=item, title=e.title, author=e.author, date=e.date[:10], text=text
                )
            )
        else:
            lines.append(say("review_text", where=e.where, text=text))
    lines.append(say("review_summary", draft=review.draft, count=len(review.edits)))
    return lines
