"""The accounting tells the truth: every cell counted "placed" can be found in the plan it went to.

A reader that counts a cell placed while its text is nowhere in plan.json hides a loss (issue #21).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.dates import DateError, parse_span
from pipeline.normalize import normalize
from pipeline.normalize.cells import cell_text, prefixed, split_baseline, split_ids, split_values
from pipeline.normalize.ledger import Ledger, Mark
from pipeline.read.mission import read_mission
from pipeline.text import fold
from pipeline.vocab import vocabulary

FIELD = Path(__file__).parent / "field" / "cases"
CASES = sorted(p.name for p in FIELD.iterdir())
EXAMPLES = Path(__file__).parent.parent / "inputs"


def _labels() -> set[str]:
    """Words a cell may hold to give a value rather than text: quadrants, statement kinds, marks."""
    vocab = vocabulary()
    return {*vocab.sections, *vocab.statements, *vocab.marks}


def _trace(value: object, plan_text: str) -> bool:
    """Whether a placed cell's text, or the value it became, stands in the plan."""
    raw = cell_text(value)
    text = fold(raw)
    if not text or text in plan_text or text in _labels():
        return True
    name, baseline = split_baseline(raw)  # 'Release time (baseline 2023: 48)' → name and baseline
    if baseline is not None and fold(name) in plan_text:
        return True
    for part in (raw, *re.split(r"\s+[—–-]\s+", raw)):  # 'Objective 1: Faster …', 'Group 1 — Key area: …'
        found = prefixed(part, ("area", "objective", "goal", "initiative"))
        if found is not None and fold(found[1]) in plan_text:
            return True
    if all(fold(v) in plan_text for v in split_values(raw)):  # 'Integrity; Service; Teamwork'
        return True
    if all(fold(v) in plan_text for v in split_ids(raw)):  # references cited: 'R1 e R2', 'WCO-07 and IMF 3'
        return True
    try:
        start, end = parse_span(value)
    except DateError:
        return False
    return all(d is None or str(d.year) in plan_text for d in (start, end))


def _untraced(folder: Path) -> list[str]:
    captures = read_mission(folder)
    ledger = Ledger()
    plan = normalize(captures, ledger)
    plan_text = fold(json.dumps(plan.model_dump(mode="json"), ensure_ascii=False))
    # an area label becomes its configured area: its key and name stand in the plan, and so does the
    # label the reader matched (kept in the area's aliases)
    grids = {(name, g.sheet): g for name, gs in captures.workbooks for g in gs}
    lost = []
    for file, sheet, r, c in ledger.marked_cells(Mark.PLAN):
        grid = grids[(file, sheet)]
        if (r, c) not in grid.copies and not _trace(grid.rows[r][c], plan_text):
            lost.append(f"{file}!{sheet}!{grid.ref(r, c)}: {grid.rows[r][c]!r}")
    return lost


@pytest.mark.parametrize("name", CASES)
def test_every_placed_cell_of_the_field_corpus_is_in_the_plan(name: str) -> None:
    assert _untraced(FIELD / name) == []


@pytest.mark.parametrize("name", ["example", "ejemplo", "exemple"])
def test_every_placed_cell_of_the_example_missions_is_in_the_plan(name: str) -> None:
    assert _untraced(EXAMPLES / name) == []
