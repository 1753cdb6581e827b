"""The Spanish, French and Portuguese example missions: every objective and action under its key
area, in the draft's own language, with nothing left unread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import make_example_es_fr as content
import pytest
from click.testing import CliRunner
from conftest import ROOT, sections_by_heading

from pipeline.build import build, parse
from pipeline.cli import main
from pipeline.config import default_areas
from pipeline.vocab import Language, vocabulary

CASES: dict[str, tuple[Language, dict[str, Any], int]] = {
    "ejemplo": ("es", content.PEI, 11),
    "exemple": ("fr", content.MATRICE, 8),
    "exemplo": ("pt", content.PLANO, 9),
}


@pytest.mark.parametrize("folder", sorted(CASES))
def test_each_objective_and_action_is_under_its_area(tmp_path: Path, folder: str) -> None:
    language, matrix, swot = CASES[folder]
    result = build(ROOT / "inputs" / folder, tmp_path)
    assert [f.code for f in result.findings.findings if f.code.startswith("READ")] == []
    sections = sections_by_heading(docx.Document(str(tmp_path / "draft.docx")))
    names = [a.name for a in default_areas(language)]
    assert [name for name in names if name in sections] == names  # the five areas, in the language
    for area_name, (label, objectives) in zip(names, matrix.items(), strict=True):
        body = sections[area_name]
        for objective, actions in objectives:
            assert objective in body, (label, objective)
            assert all(action[0] in body for action in actions), objective
    plan = result.plan
    assert plan.language == language and len(plan.swot) == swot
    assert sum(len(a) for objs in matrix.values() for _, a in objs) == len(plan.initiatives()) == 11
    assert all(s.validated for s in [*plan.mission, *plan.vision])
    labels = vocabulary().labels[language]
    assert labels["mission_vision"] in sections and labels["roadmap"] in sections


def test_the_spanish_example_cites_every_recommendation_and_reads_the_foda_form() -> None:
    plan = parse(ROOT / "inputs" / "ejemplo")
    assert [r.id for r in plan.recommendations] == [r[0] for r in content.RECOMENDACIONES]
    cited = {c for _, _, i in plan.initiatives() for c in i.cites}
    assert cited == {r[0] for r in content.RECOMENDACIONES}
    quadrants = [c.quadrant for c in plan.swot]
    assert quadrants.count("strengths") == 3 and quadrants.count("threats") == 2
    starts = [str(i.start) for _, _, i in plan.initiatives()]
    assert "Q1 2012" in starts and "2012-06" in starts  # '1T 2012' and 'junio 2012'


def test_the_examples_are_what_the_script_writes(tmp_path: Path) -> None:
    content.main(tmp_path)
    for folder in CASES:
        for path in (ROOT / "inputs" / folder).iterdir():
            again = tmp_path / folder / path.name
            if path.suffix in (".md", ".toml"):
                assert again.read_text("utf-8") == path.read_text("utf-8"), path.name
        ours = parse(tmp_path / folder).model_dump(exclude={"sources"})
        assert ours == parse(ROOT / "inputs" / folder).model_dump(exclude={"sources"})


def test_make_target_builds_every_example(tmp_path: Path) -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert all(f"inputs/{folder}" in makefile for folder in CASES)
    result = CliRunner().invoke(main, ["build", str(ROOT / "inputs" / "exemple"), "-o", str(tmp_path)])
    assert result.exit_code == 0 and result.output.startswith("lecture de 2 fichiers dans ")


def test_the_french_check_report_writes_its_labels_as_french_does(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(ROOT / "inputs" / "exemple"), "-o", str(out)]).exit_code == 0
    report = runner.invoke(main, ["check", str(out / "plan.json")]).output.splitlines()
    assert any(line.strip().startswith("correction\u00a0: ") for line in report)
    assert report[-1].startswith("bilan\u00a0: ")
