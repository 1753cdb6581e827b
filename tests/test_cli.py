"""The command line as users meet it: exit codes, one-line errors naming the file, the stage loop."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, PLAN_HEADER, style_name

from pipeline.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_stages_with_a_hand_edit_in_between(tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.json"
    code, _, err = run("parse", str(EXAMPLE), "-o", str(plan_path))
    assert code == 0 and "33 initiatives" in err
    plan = json.loads(plan_path.read_text("utf-8"))
    plan["areas"][0]["objectives"][0]["title"] = "Adopt a modern Customs Code by 2014"
    plan_path.write_text(json.dumps(plan), "utf-8")
    code, out, _ = run("render", str(plan_path), "-o", str(tmp_path / "draft.docx"))
    assert code == 0, out
    headings = [
        p.text for p in docx.Document(str(tmp_path / "draft.docx")).paragraphs if style_name(p) == "Heading 2"
    ]
    assert any(h.endswith("  Adopt a modern Customs Code by 2014") for h in headings)  # whatever its number


def test_check_json_and_strict(tmp_path: Path) -> None:
    code, out, _ = run("check", str(EXAMPLE), "--format", "json")
    assert code == 0
    assert {f["code"] for f in json.loads(out)["findings"]} >= {"INI001", "INI004"}
    code, out, _ = run("check", str(EXAMPLE), "--strict")
    assert code == 1 and "summary: 1 error" in out
    code, _, _ = run("check", str(EXAMPLE), "--strict", "--ignore", "INI001")
    assert code == 0


def test_build_writes_three_outputs_and_strict_exit(tmp_path: Path) -> None:
    code, out, _ = run("build", str(EXAMPLE), "-o", str(tmp_path), "--strict")
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "build-stamp.json",
        "draft.docx",
        "findings.json",
        "plan.json",
    ]
    assert "5 key areas, 11 objectives, 33 initiatives" in out


def test_missing_folder_is_exit_2_naming_it(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path / "nowhere"))
    assert code == 2
    assert err.startswith("error: ") and "nowhere" in err and err.count("\n") == 1


def test_folder_without_captures(make_mission) -> None:
    folder = make_mission()
    code, _, err = run("parse", str(folder))
    assert code == 2 and "holds no workshop captures" in err


def test_bad_toml_names_line(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER]})
    (folder / "mission.toml").write_text('administration = "X"\nperiod = 2012-2016"\n', "utf-8")
    code, _, err = run("build", str(folder), "-o", str(folder / "out"))
    assert code == 2 and "mission.toml" in err and "line 2" in err


def test_reversed_period_and_unknown_language(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER]})
    toml = folder / "mission.toml"
    toml.write_text('administration = "X"\nperiod = "2016-2012"\n', "utf-8")
    assert "ends (2012) before it starts (2016)" in run("parse", str(folder))[2]
    toml.write_text('administration = "X"\nperiod = "2012-2016"\nlanguage = "de"\n', "utf-8")
    code, _, err = run("parse", str(folder))
    assert code == 2 and "unknown language 'de'" in err


def test_csv_named_xlsx_is_named_in_error(make_mission) -> None:
    folder = make_mission()
    (folder / "grupo1.xlsx").write_text("Objetivo,Iniciativa\nA,B\n", "utf-8")
    code, _, err = run("build", str(folder), "-o", str(folder / "out"))
    assert code == 2 and "grupo1.xlsx" in err and "CSV" in err
    assert not (folder / "out").exists()


def test_failed_build_keeps_previous_outputs(make_mission, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(EXAMPLE), "-o", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    folder = make_mission()
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 truncated")
    assert run("build", str(folder), "-o", str(out))[0] == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_bad_plan_json(tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text("{not json", "utf-8")
    code, _, err = run("render", str(bad))
    assert code == 2 and "plan.json" in err and "line 1" in err
    bad.write_text('{"administration": "X"}', "utf-8")
    code, _, err = run("check", str(bad))
    assert code == 2 and "not a plan" in err


def test_schema_is_json_schema() -> None:
    _, out, _ = run("schema")
    schema = json.loads(out)
    assert schema["title"] == "Plan" and "areas" in schema["properties"]


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("error: ")


def test_docx_notes_that_are_not_a_document(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER]})
    (folder / "notas.docx").write_text("just text", "utf-8")
    code, _, err = run("parse", str(folder))
    assert code == 2 and "notas.docx" in err and "is not a Word document (.docx)" in err


def test_links_to_files_outside_the_mission_are_not_read(make_mission, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("## Decisions\n\n- TOP SECRET\n", "utf-8")
    folder = make_mission({"P": [PLAN_HEADER, ["Legal", "Reform", "Draft", "L", 2012, 2013]]})
    (folder / "notes.md").symlink_to(secret)
    code, out, _ = run("parse", str(folder))
    assert code == 0 and "TOP SECRET" not in out
    assert "file not read: a link to a file outside the mission folder" in out


def test_default_output_folder_name_is_made_safe() -> None:
    from pipeline.build import safe_name

    assert safe_name("Misión Chile 2012") == "Misión Chile 2012"
    assert safe_name("..") == "mission"
    assert safe_name("a/b\\c:d\x00e") == "a_b_c_d_e"


def test_an_edited_draft_survives_any_number_of_rebuilds(make_mission, tmp_path: Path) -> None:
    folder = make_mission(
        {"P": [PLAN_HEADER, ["Legal", "Reform", "Draft law", "Legal", 2012, 2013, None, None, None]]}
    )
    out = tmp_path / "out"
    assert run("build", str(folder), "-o", str(out))[0] == 0
    (out / "draft.docx").write_bytes(b"an administrator's edits")  # edited in Word
    (out / "plan.json").write_text(
        (out / "plan.json").read_text("utf-8").replace("Draft law", "Draft the law")
    )
    for year in (2014, 2015, 2016):  # each rebuild makes a new draft (another cover date)
        assert run("build", str(folder), "-o", str(out), "--date", f"{year}-01-01")[0] == 0
    kept = [p.read_bytes() for p in out.rglob("draft*.docx")]
    assert b"an administrator's edits" in kept
    plans = [p.read_text("utf-8") for p in out.rglob("plan*.json")]
    assert any("Draft the law" in text for text in plans)  # the hand-edited plan.json is kept too


def test_outputs_in_the_mission_folder_are_refused(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER]})
    code, _, err = run("build", str(folder), "-o", str(folder))
    assert code == 2
    assert "the output folder is the mission folder" in err
    assert not (folder / "draft.docx").exists()


def test_plan_draft_outputs_and_kept_copies_are_never_read_as_captures(make_mission, tmp_path: Path) -> None:
    folder = make_mission(
        {"P": [PLAN_HEADER, ["Legal", "Reform", "Draft law", "Legal", 2012, 2013, None, None, None]]}
    )
    out = tmp_path / "out"
    assert run("build", str(folder), "-o", str(out))[0] == 0
    shutil.copy(out / "draft.docx", folder / "draft.docx")  # a draft dropped back into the folder
    shutil.copy(folder / "taller.xlsx", folder / "plan.previous.xlsx")  # a copy export kept
    code, _, _ = run("parse", str(folder), "-o", str(tmp_path / "plan.json"))
    assert code == 0
    plan = json.loads((tmp_path / "plan.json").read_text("utf-8"))
    assert plan["sources"] == ["taller.xlsx"]
    ours = [f for f in plan["intake"] if f["code"] == "READ001"]
    assert sorted(loc["file"] for f in ours for loc in f["locations"]) == ["draft.docx", "plan.previous.xlsx"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "error: {file}: el archivo está vacío (guarde la planilla de nuevo)"),
        ("fr", "erreur\u00a0: {file}\u00a0: le fichier est vide (enregistrez à nouveau le classeur)"),
        ("pt", "erro: {file}: o ficheiro está vazio (guarde a folha de cálculo de novo)"),
        ("en", "error: {file}: the file is empty (save the workbook again)"),
    ],
)
def test_a_broken_capture_is_said_in_the_missions_language(
    make_mission, language: str, expected: str
) -> None:
    folder = make_mission({"P": [PLAN_HEADER]}, language=language)
    (folder / "grupo2.xlsx").write_bytes(b"")
    result = CliRunner().invoke(main, ["parse", str(folder)])
    assert result.exit_code == 2
    assert result.output.strip() == expected.format(file=folder / "grupo2.xlsx")


def test_every_problem_of_a_mission_toml_is_said_at_once(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER]})
    (folder / "mission.toml").write_text(
        'administration = "A"\nperiod = "2016-2012"\nlanguage = "de"\nversion = 3\n', "utf-8"
    )
    result = CliRunner().invoke(main, ["parse", str(folder)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {folder / 'mission.toml'}: period: the period ends (2012) before it starts (2016); "
        "language: unknown language 'de': use en, es, fr, pt; version: give a text"
    )


def test_an_article_or_a_rule_code_wrong_is_said_with_the_other_problems(make_mission) -> None:
    """They are checked beside the model (the language's grammar, the rule catalogue), and were said
    alone: a mission.toml took one run per problem to put right."""
    folder = make_mission({"P": [PLAN_HEADER]})
    (folder / "mission.toml").write_text(
        'administration = "A"\nadministration_article = "der"\nperiod = "2016-2012"\nlanguage = "es"\n'
        '[checks]\nignore = ["NOPE001"]\n',
        "utf-8",
    )
    result = CliRunner().invoke(main, ["parse", str(folder)])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    said = result.output.strip()
    assert said.startswith("error: ")  # in the mission's language, Spanish
    assert "administration_article: 'der' no es un artículo de 'es' (use uno de: 'el', 'la'" in said
    assert "checks.ignore: ninguna regla tiene el código NOPE001" in said
    assert "period: el período termina (2012) antes de empezar (2016)" in said
