"""Findings as a person reads them on a terminal: grouped by area, then severity."""

from __future__ import annotations

import click

from pipeline.messages import Say
from pipeline.model import FileAccount, Findings, Plan

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def summary_line(findings: Findings) -> str:
    """'1 error, 2 warnings, 3 notes'."""
    e, w, i = (findings.count(s) for s in ("error", "warning", "info"))
    return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}, {i} note{'s' * (i != 1)}"


def text_report(plan: Plan, findings: Findings, colour: bool) -> str:
    """The grouped report `plan-draft check` prints."""
    names = {a.key: a.name for a in plan.areas}
    say = Say(plan.language)
    lines: list[str] = []
    group: object = object()
    for f in findings.findings:
        if f.area != group:
            group = f.area
            title = names.get(f.area or "", say("report_general"))
            lines += ["", click.style(title, bold=True) if colour else title]
        tag = f"{f.severity:<7}"
        lines.append(
            f"  {click.style(tag, fg=_COLOURS[f.severity]) if colour else tag} {f.code:<8} {f.message}"
        )
        for place in f.locations[:5]:
            lines.append(f"{'':19}{say('report_at')} {say.place(place)}")
        if len(f.locations) > 5:
            lines.append(f"{'':19}{say('report_more', count=len(f.locations) - 5)}")
        if f.hint:
            lines.append(f"{'':19}{say('report_fix')}: {f.hint}")
    lines += ["", f"summary: {summary_line(findings)}"]
    return "\n".join(lines).lstrip("\n")


def account_line(account: FileAccount) -> str:
    """'notes.md: 21 lines read = 14 placed + 0 in findings + 7 ignored (heading 7)'."""
    ignored = sum(account.ignored.values())
    rules = ", ".join(f"{rule} {n}" for rule, n in account.ignored.items())
    return (
        f"{account.file}: {account.read} {account.unit} read = {account.placed} placed + "
        f"{account.in_findings} in findings + {ignored} ignored" + (f" ({rules})" if rules else "")
    )
