"""Captures → Plan: every workbook table and notes section placed, every leftover reported."""

from __future__ import annotations

from pipeline.model import FileAccount, Finding, Plan, Provenance
from pipeline.normalize.builder import PlanBuilder
from pipeline.normalize.columns import ColumnMatcher
from pipeline.normalize.ledger import Ledger
from pipeline.normalize.notes import add_notes
from pipeline.normalize.sheets import add_workbook
from pipeline.read.mission import Captures

MAX_LISTED = 10


def normalize(captures: Captures, ledger: Ledger | None = None) -> Plan:
    """Build the typed plan of one mission from what its folder holds, with an account per file
    (`ledger`, when given, keeps the mark of every cell and line for a caller to inspect)."""
    builder = PlanBuilder(captures.config, sources=captures.files, ledger=ledger or Ledger())
    matcher = ColumnMatcher(captures.config.columns)
    for _, grids in captures.workbooks:
        add_workbook(builder, grids, matcher)
    for name, lines in captures.notes:
        add_notes(builder, name, lines)
    say = builder.say
    for name, why in captures.skipped:
        builder.report(
            "READ001",
            "info",
            say("READ001", why=say(f"READ001_{why}")),
            Provenance(file=name),
            hint=say("READ001_hint"),
        )
    accounts: list[FileAccount] = []
    for name, grids in captures.workbooks:
        account, cells = builder.ledger.workbook_account(name, grids)
        accounts.append(account)
        if cells:
            places = [
                Provenance(file=name, sheet=g.sheet, cell=g.ref(r, c)) for g, r, c in cells[:MAX_LISTED]
            ]
            builder.report(
                "READ011", "warning", say("READ011", count=len(cells)), *places, hint=say("READ011_hint")
            )
    for name, lines in captures.notes:
        account, lost = builder.ledger.notes_account(name, lines, captures.units.get(name, "lines"))
        accounts.append(account)
        if lost:
            builder.report(
                "READ011",
                "warning",
                say("READ011_lines", count=len(lost)),
                *[Provenance(file=name, line=n.line) for n in lost[:MAX_LISTED]],
                hint=say("READ011_hint"),
            )
    plan = builder.plan(accounts)
    if plan.counts().empty:
        finding = Finding(
            code="READ013",
            severity="error",
            message=say("READ013"),
            hint=say("READ013_hint"),
            locations=[Provenance(file=name) for name in captures.files[:MAX_LISTED]],
        )
        plan = plan.model_copy(update={"intake": [*plan.intake, finding]})
    return plan
