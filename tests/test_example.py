"""End to end on the embedded example: every objective and initiative lands under its own area."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import example_content as content
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, sections_by_heading, style_name

from pipeline.cli import main
from pipeline.config import default_areas
from pipeline.normalize.areas import AreaMatcher


def _built(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_objective_and_initiative_is_under_its_area(tmp_path: Path) -> None:
    document = docx.Document(str(_built(tmp_path) / "draft.docx"))
    sections = sections_by_heading(document)
    matcher = AreaMatcher(default_areas("en"))
    names = {a.key: a.name for a in default_areas("en")}
    placed = 0
    for area_label, objectives in content.PLAN.items():
        key, _ = matcher.match(area_label)
        assert key is not None, area_label
        body = sections[names[key]]
        for objective, initiatives in objectives:
            assert objective in body
            for initiative in initiatives:
                assert initiative[0] in body, initiative[0]
                placed += 1
    assert placed == sum(len(i) for objs in content.PLAN.values() for _, i in objs) == 33


def test_plan_json_counts_add_up(tmp_path: Path) -> None:
    plan = json.loads((_built(tmp_path) / "plan.json").read_text("utf-8"))
    assert [len(a["objectives"]) for a in plan["areas"]] == [len(o) for o in content.PLAN.values()]
    assert len(plan["recommendations"]) == len(content.RECOMMENDATIONS)
    assert len(plan["swot"]) == sum(len(v) for v in content.SWOT.values())
    assert plan["unmatched"] == []
    first = plan["areas"][0]["objectives"][0]["initiatives"][0]
    assert first["source"] == {
        "file": "workshop_groups.xlsx",
        "sheet": "Group 1",
        "cell": "A6:K6",
        "line": None,
    }
    assert first["start"] == {"year": 2012, "quarter": 2, "month": None, "day": None}


def test_example_findings_are_the_seeded_ones(tmp_path: Path) -> None:
    findings = json.loads((_built(tmp_path) / "findings.json").read_text("utf-8"))
    codes = sorted(f["code"] for f in findings["findings"] if f["severity"] != "info")
    assert codes == ["INI001", "INI002", "INI004"]
    assert findings["coverage"]["recommendations"]["IMF-10-03"] == []
    assert findings["coverage"]["areas"]["compliance"] == {"objectives": 3, "initiatives": 9, "with_kpi": 9}


def test_draft_has_cover_toc_mission_swot_and_annex(tmp_path: Path) -> None:
    document = docx.Document(str(_built(tmp_path) / "draft.docx"))
    text = [p.text for p in document.paragraphs]
    assert "Customs Service of Costa Serena" in text
    assert "Strategic Plan 2012–2016" in text
    assert "23 March 2012" in text
    assert content.MISSION in text and content.VISION in text
    assert 'TOC \\o "1-2"' in document.element.xml
    swot = document.tables[0]
    assert swot.rows[0].cells[0].text == "Strengths"
    assert "Committed and experienced senior management" in swot.rows[1].cells[0].text
    findings_table = next(t for t in document.tables if "Finding" in [c.text for c in t.rows[0].cells])
    assert any("has no owner" in c.text for row in findings_table.rows for c in row.cells)
    headings = [
        style_name(p) for p in document.paragraphs if p.text.endswith("Legal and procedures framework")
    ]
    assert headings == ["toc 1", "Heading 1"]  # the contents entry (Word's built-in toc 1), then the chapter
    header = document.sections[0].header.paragraphs[0].text
    assert header == "Customs Service of Costa Serena · Strategic Plan 2012–2016 · Draft 0.1"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = (_built(tmp_path / "a") / "draft.docx").read_bytes()
    second = (_built(tmp_path / "b") / "draft.docx").read_bytes()
    assert first == second


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Eje 3: Relaciones con actores", "stakeholders"),
        ("Axe 1 Cadre juridique et procédures", "legal"),
        ("Eixo 2 Gestão estratégica", "strategic"),
        ("Área-chave 3 Desenvolvimento de recursos humanos", "hr"),
        ("Group 2 HR Dev", "hr"),
        ("Développement des RH", "hr"),
    ],
)
def test_an_area_label_is_read_past_its_prefix_in_any_language(label: str, key: str) -> None:
    """The words before an area's name ('Eje 3', 'Axe', 'Eixo', 'Group 2') come from the vocabularies."""
    found, confidence = AreaMatcher(default_areas("pt")).match(label)
    assert (found, confidence >= 0.9) == (key, True), (found, confidence)


def test_a_short_form_means_one_thing_in_every_vocabulary() -> None:
    """Area labels' short forms ('RH', 'RRHH', 'Mgmt') are merged across languages: one given two
    meanings would silently take the last language's."""
    from typing import get_args

    from pipeline.vocab import Language, _load

    meanings: dict[str, set[str]] = {}
    for language in get_args(Language):
        for short, long in _load(language)["words"]["abbreviations"].items():
            meanings.setdefault(short, set()).add(long)
    assert {s: m for s, m in meanings.items() if len(m) > 1} == {}
