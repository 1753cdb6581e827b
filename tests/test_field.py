"""The field corpus: captures laid out as real plans are (tests/field/README.md cites each family).

Every objective, initiative and indicator of each capture lands in the plan, nothing is lost without
a finding, and every file's account adds up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.build import parse
from pipeline.checks import check

FIELD = Path(__file__).parent / "field"
CASES = json.loads((FIELD / "expected.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_field_capture_is_read_whole(name: str) -> None:
    want = CASES[name]["expected"]
    plan = parse(FIELD / "cases" / name)
    counts = plan.counts()
    assert (counts.objectives, counts.initiatives, counts.indicators) == (
        want["objectives"],
        want["initiatives"],
        want["indicators"],
    ), CASES[name]["layout"]
    assert len(plan.swot) == want["swot"]
    if want["areas"] is not None:
        groups = [g for _, _, g in plan.groups() if not g.is_empty()]
        assert len(groups) == want["areas"]
    assert sum(len(g.goals) for _, _, g in plan.groups()) + len(plan.goals) == want["goals"]
    for account in plan.accounting:
        assert account.read == account.placed + account.in_findings + sum(account.ignored.values())
    codes = {f.code for f in plan.intake}
    assert "READ011" not in codes  # every cell placed, reported or ignored by a named rule
    assert ("READ013" in codes) == bool(want.get("empty"))
    for code in want.get("warnings", []):
        assert code in codes
    for kind in ("mission", "vision", "values", "stakeholders", "decisions"):
        if kind in want:
            items = plan.decisions if kind == "decisions" else getattr(plan, kind)
            assert len(items) == want[kind], kind
    if "owners" in want:  # every item the source gives an owner keeps it
        assert sum(1 for _, _, i in plan.initiatives() if i.owner) == want["owners"]
    if "baselines" in want:  # baselines written inside an indicator's text are taken out
        assert sum(1 for _, k in _all_indicators(plan) if k.baseline) == want["baselines"]
    for title, (start, end) in want.get("dates", {}).items():
        (initiative,) = [i for _, _, i in plan.initiatives() if i.title == title]
        assert (str(initiative.start), str(initiative.end)) == (start, end)
    for title, cites in want.get("cites", {}).items():  # each reference cited, 'R1 e R2' as two
        (item,) = [i for _, _, i in plan.initiatives() if i.title == title]
        assert item.cites == cites, title
    indicators = {k.name: k for _, k in _all_indicators(plan)}
    for name_, series in want.get("series", {}).items():
        assert indicators[name_].series == series
    check(plan)  # the checks run on every layout


def _all_indicators(plan):
    for _, _, group in plan.groups():
        yield from ((None, k) for k in group.indicators)
        for o in group.objectives:
            yield from ((o, k) for k in o.indicators)
        yield from ((o, i.indicator) for o, i in group.all_initiatives() if i.indicator)
    yield from ((None, k) for k in plan.indicators)


def test_the_corpus_spans_the_layouts_and_languages() -> None:
    assert len(CASES) >= 15
    assert {name.split("_")[0] for name in CASES} >= {"en", "es", "fr", "pt"}
