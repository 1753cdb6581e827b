"""Every non-empty cell and note line is accounted for: placed, in a finding, or ignored by a rule."""

from __future__ import annotations

from conftest import EXAMPLE, PLAN_HEADER

from pipeline.build import parse

MESSY = {
    "Plan": [
        ["Workshop 2012 — group matrix"],  # title: ignored
        ["Key area: Legal"],  # area heading: placed (names the area)
        [],
        [*PLAN_HEADER[1:], "Budget line"],  # header: ignored
        ["Reform", "Draft law", "Legal", 2012, 2013, "k", "0", "1", "B-12"],  # placed, extra kept
        [None, "Publish rules", "Legal", 2013, 2014],  # placed (objective carried down)
        [None, None, "Someone", None, None, "orphan"],  # no objective/initiative: finding
        ["* Votes are dots from the plenary"],  # footnote: ignored
    ],
    "Ideas": [
        ["Parking lot"],  # sheet title: ignored
        ["Build a new lab"],  # no table: finding
        ["Mission", "Facilitate trade"],  # label-value statement: placed
    ],
    "Other": [["Budget", "Amount"], ["Training", 5000]],  # table of nothing known: finding
}


def test_messy_workbook_adds_up(make_mission) -> None:
    folder = make_mission(MESSY, notes={"n.md": "# Notes\n\nstray line\n\n## Decisions\n\n- Go ahead\n"})
    plan = parse(folder)
    workbook, notes = plan.accounting
    assert (workbook.file, workbook.unit) == ("taller.xlsx", "cells")
    assert workbook.placed == 1 + 9 + 4 + 2  # area heading, two rows, the statement
    assert workbook.in_findings == 2 + 1 + 4  # orphan row, stray idea, unknown table
    assert workbook.ignored == {"footnote": 1, "header": 9, "title": 2}
    assert workbook.read == workbook.placed + workbook.in_findings + sum(workbook.ignored.values()) == 35
    assert (notes.read, notes.placed, notes.in_findings, notes.ignored) == (4, 1, 1, {"heading": 2})
    assert not [f for f in plan.intake if f.code == "READ011"]


def test_example_accounts_add_up_with_nothing_unplaced() -> None:
    plan = parse(EXAMPLE)
    assert len(plan.accounting) == 3
    for account in plan.accounting:
        assert account.read == account.placed + account.in_findings + sum(account.ignored.values())
        assert account.in_findings == 0
    assert plan.accounting[0].read == 436
