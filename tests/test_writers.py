"""The same capture written by openpyxl, xlsxwriter, LibreOffice (.xlsx, .ods, .xls), Word-like
python-docx, LibreOffice and pandoc .docx, and text notes in three encodings (tests/writers/)."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from pipeline.build import parse

WRITERS = ROOT / "tests" / "writers"
SPEC = json.loads((WRITERS / "expected.json").read_text("utf-8"))
WORKBOOKS = sorted(name for name, case in SPEC["cases"].items() if not case.get("notes"))
NOTES = sorted(name for name, case in SPEC["cases"].items() if case.get("notes"))


@pytest.mark.parametrize("writer", WORKBOOKS)
def test_every_writer_gives_the_same_plan(writer: str) -> None:
    plan = parse(WRITERS / writer)
    got = [
        [area.name, o.title, i.title, i.owner]
        for area in plan.areas
        for o in area.objectives
        for i in o.initiatives
    ]
    assert got == SPEC["expected"]
    first = plan.areas[0].objectives[0].initiatives[0]
    assert (str(first.start), str(first.end)) == ("2012-06-01", "Q4 2013")  # a real date (1904 system too)
    assert sorted({f.code for f in plan.intake}) == SPEC["cases"][writer]["findings"]
    for account in plan.accounting:
        assert account.read == account.placed + account.in_findings + sum(account.ignored.values())
        assert account.ignored.get("title") == 1 and account.ignored.get("header") == 10


def test_formula_without_saved_result_is_reported_with_its_cells() -> None:
    (finding,) = [f for f in parse(WRITERS / "openpyxl").intake if f.code == "READ010"]
    assert [p.cell for p in finding.locations] == [f"J{n}" for n in range(4, 10)]


def test_control_character_escape_is_decoded_then_stripped() -> None:
    plan = parse(WRITERS / "xlsxwriter")
    assert plan.areas[4].objectives[1].initiatives[1].title == "Plan anual de auditoría basado en riesgo"
    (finding,) = [f for f in plan.intake if f.code == "READ008"]
    assert finding.locations[0].cell == "C9"


@pytest.mark.parametrize("writer", [n for n in NOTES if n != "notes_text"])
def test_docx_notes_from_every_writer(writer: str) -> None:
    plan = parse(WRITERS / writer)
    assert [s.text for s in plan.swot] == ["Contrabando creciente"]
    assert [s.quadrant for s in plan.swot] == ["threats"]
    assert [r.text for r in plan.risks] == ["Recortes presupuestarios en 2013"]
    (account,) = plan.accounting
    assert account.in_findings == 0 and account.placed == 2


def test_text_notes_in_utf8_bom_and_windows_1252() -> None:
    plan = parse(WRITERS / "notes_text")
    assert plan.mission[0].text == "Facilitar el comercio legítimo." and plan.mission[0].validated
    assert [v.text for v in plan.vision] == ["Una aduana moderna y confiable."] * 2
    assert [q.text for q in plan.open_questions] == ["¿Quién preside el comité?"] * 2
    assert [d.text for d in plan.decisions] == ["El plan cubre 2012-2016.", "Revisión intermedia en 2014."]
