"""The administrator's loop: export to a workbook, edit it, build again, see what changed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
from click.testing import CliRunner
from conftest import EXAMPLE, PLAN_HEADER, ROOT, without_provenance
from openpyxl import load_workbook

from pipeline.build import parse
from pipeline.cli import main
from pipeline.export import export_workbook, mission_toml


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _round_trip(plan, tmp_path: Path):
    folder = tmp_path / "edit"
    folder.mkdir()
    (folder / "plan.xlsx").write_bytes(export_workbook(plan))
    (folder / "mission.toml").write_text(mission_toml(plan), "utf-8")
    return parse(folder)


def test_example_round_trip_is_lossless(tmp_path: Path) -> None:
    plan = parse(EXAMPLE)
    again = _round_trip(plan, tmp_path)
    assert without_provenance(again) == without_provenance(plan)
    assert [f.code for f in again.intake] == []


def test_rich_spanish_plan_round_trip(make_mission, tmp_path: Path) -> None:
    folder = make_mission(
        {
            "P": [
                [*PLAN_HEADER, "Ref", "Prioridad", "Presupuesto", "Recomendación", "Comentario"],
                [
                    "Legal",
                    "Reformar",
                    "Redactar ley",
                    "Jurídica",
                    "2T 2012",
                    "2013-06-15",
                    "Ley",
                    "No",
                    "Sí",
                    "1.1",
                    "9",
                    "USD 20.000",
                    "R1, R2",
                    "urgente",
                ],
                ["Legal", "Reformar", None, None, None, None, "Leyes vigentes", "3", "1"],
                [
                    "Infraestructura",
                    "Nuevos pasos",
                    "Construir paso",
                    None,
                    "junio 2013",
                    "sometime",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ],
            ],
            "Recs": [
                ["ID", "Fuente", "Recomendación", "Estado", "Motivo"],
                ["R1", "OMA 2007", "Adherir", None, None],
                ["R2", "FMI", "Laboratorio", "Postergada", "Reforma de 2014"],
            ],
            "FODA": [["Fortalezas", "Amenazas"], ["Equipo", "Contrabando"]],
            "Riesgos": [["Riesgo", "Probabilidad", "Mitigación"], ["Recortes", "Alta", "Priorizar"]],
            "Actores": [["Actor", "Interés"], ["Cámara de comercio", "Menos demoras"]],
        },
        notes={
            "n.md": "## Misión\n\nFacilitar.\n\nEstado: validada\n\n## Valores\n\n- Integridad\n\n"
            "## Decisiones\n\n- Revisar en 2014\n\n## Preguntas abiertas\n\n- ¿Quién?\n\n"
            "## Taller\n\n28 participantes.\n"
        },
        language="es",
    )
    plan = parse(folder)
    assert plan.unmatched and plan.risks and plan.stakeholders and plan.workshop_notes
    again = _round_trip(plan, tmp_path)
    assert without_provenance(again) == without_provenance(plan)


def test_export_edit_build_shows_the_changes(tmp_path: Path) -> None:
    out, edit = tmp_path / "out", tmp_path / "mission"
    assert run("build", str(EXAMPLE), "-o", str(out))[0] == 0
    code, output = run("export", str(out / "plan.json"), "-o", str(edit / "plan.xlsx"))
    assert code == 0 and "wrote" in output and (edit / "mission.toml").is_file()
    wb = load_workbook(edit / "plan.xlsx")
    assert wb.sheetnames == [
        "Statements & notes",
        "Recommendations",
        "Objectives & initiatives",
        "Risks",
        "_lists",
    ]
    assert wb["_lists"].sheet_state == "veryHidden"
    ws = wb["Objectives & initiatives"]
    assert ws.data_validations.dataValidation  # drop-down lists for key areas and owners
    for row in ws.iter_rows(min_row=2):
        if row[3].value == "Accede to the Revised Kyoto Convention":
            row[4].value = "Ministry of Finance"
    wb.save(edit / "plan.xlsx")
    before = (out / "draft.docx").read_bytes()
    code, output = run("build", str(edit), "-o", str(out), "--changes")
    assert code == 0
    assert (out / "draft.previous.docx").read_bytes() == before  # nothing overwritten without a copy
    document = docx.Document(io.BytesIO((out / "draft.docx").read_bytes()))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Change")
    assert [c.text for c in table.rows[1].cells] == [
        "Changed",
        "Legal and procedures framework",
        "Key initiative: Accede to the Revised Kyoto Convention",
        "owner: Legal Department → Ministry of Finance",
    ]
    code, output = run("diff", str(EXAMPLE), str(out))
    assert "~ key initiative 'Accede to the Revised Kyoto Convention'" in output
    assert "owner: Legal Department → Ministry of Finance" in output
    assert "summary: 0 added, 0 removed, 1 changed" in output


def test_diff_json_added_and_removed(tmp_path: Path) -> None:
    plan = parse(EXAMPLE)
    area = plan.areas[0]
    objective = area.objectives[0]
    edited = objective.model_copy(update={"initiatives": objective.initiatives[1:]})
    new = plan.model_copy(
        update={
            "areas": [area.model_copy(update={"objectives": [edited, *area.objectives[1:]]}), *plan.areas[1:]]
        }
    )
    (tmp_path / "old.json").write_text(plan.model_dump_json(), "utf-8")
    (tmp_path / "new.json").write_text(new.model_dump_json(), "utf-8")
    code, output = run("diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--format", "json")
    assert code == 0
    assert json.loads(output) == [
        {
            "kind": "removed",
            "item": "initiative",
            "area": "Legal and procedures framework",
            "title": "Draft a new Customs Law with the Ministry of Finance",
            "fields": [],
        }
    ]


def test_export_and_render_never_overwrite_without_a_copy(tmp_path: Path) -> None:
    assert run("build", str(EXAMPLE), "-o", str(tmp_path / "out"))[0] == 0
    workbook = tmp_path / "plan.xlsx"
    run("export", str(tmp_path / "out" / "plan.json"), "-o", str(workbook))
    edited = load_workbook(workbook)
    edited["Statements & notes"]["B2"] = "An edited mission"
    edited.save(workbook)
    mine = workbook.read_bytes()
    code, output = run("export", str(tmp_path / "out" / "plan.json"), "-o", str(workbook))
    assert code == 0 and "kept the previous plan.xlsx as" in output
    assert (tmp_path / "plan.previous.xlsx").read_bytes() == mine
    draft = tmp_path / "draft.docx"
    draft.write_bytes(b"an administrator's own file")
    assert run("render", str(tmp_path / "out" / "plan.json"), "-o", str(draft))[0] == 0
    assert (tmp_path / "draft.previous.docx").read_bytes() == b"an administrator's own file"


def test_export_speaks_the_plan_language_and_builds_back(make_mission, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = make_mission(
        {
            "P": [
                ["Axe stratégique", "Objectif stratégique", "Action", "Pilote", "Échéance"],
                ["Cadre juridique", "Moderniser le code", "Rédiger le code", "Juridique", "T4 2013"],
            ]
        },
        notes={"n.md": "## Mission\n\nFaciliter le commerce.\n\n## Décisions\n\n- Revoir en 2014\n"},
        language="fr",
    )
    plan = parse(folder)
    book = load_workbook(io.BytesIO(export_workbook(plan)))
    assert book.sheetnames[:3] == ["Énoncés et notes", "Recommandations", "Objectifs et initiatives"]
    assert [c.value for c in book["Objectifs et initiatives"][1]][:5] == [
        "Axe stratégique",
        "Objectif stratégique",
        "Réf.",
        "Initiative clé",
        "Responsable",
    ]
    again = _round_trip(plan, tmp_path)
    assert without_provenance(again) == without_provenance(plan)
    assert [f.code for f in again.intake] == []


def test_text_that_looks_like_a_formula_is_exported_as_text(make_mission, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = make_mission()
    (folder / "grupo.csv").write_text(
        ",".join(PLAN_HEADER) + "\nLegal,=Reform,+Draft law,-Legal,2012,2013,@risk,,\n", "utf-8"
    )
    plan = parse(folder)
    data = export_workbook(plan)
    sheet = load_workbook(io.BytesIO(data))["Objectives & initiatives"]
    row = sheet[2]
    assert [(row[n].value, row[n].data_type) for n in (1, 3, 4, 7)] == [
        ("=Reform", "s"),
        ("+Draft law", "s"),
        ("-Legal", "s"),
        ("@risk", "s"),
    ]
    again = _round_trip(plan, tmp_path)
    (initiative,) = [i for _, _, i in again.initiatives()]
    assert (initiative.title, initiative.owner) == ("+Draft law", "-Legal")
    assert without_provenance(again) == without_provenance(plan)


def test_initiatives_under_an_area_and_kpi_registers_round_trip(tmp_path: Path) -> None:
    plan = parse(ROOT / "tests" / "field" / "cases" / "en_thrust_register")
    again = _round_trip(plan, tmp_path)
    assert again.counts() == plan.counts()
    assert [[i.title for i in a.initiatives] for a in again.areas] == [
        [i.title for i in a.initiatives] for a in plan.areas
    ]


def test_a_spanish_export_speaks_spanish_and_reads_back_the_same(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from pipeline.build import parse
    from pipeline.export import export_workbook, mission_toml

    plan = parse(EXAMPLE.parent / "ejemplo")
    folder = tmp_path / "editada"
    folder.mkdir()
    (folder / "plan.xlsx").write_bytes(export_workbook(plan))
    (folder / "mission.toml").write_text(mission_toml(plan), "utf-8")
    values = [
        str(c.value)
        for ws in load_workbook(folder / "plan.xlsx")
        for row in ws.iter_rows()
        for c in row
        if c.value
    ]
    assert any(", hoja '" in v and ", celda " in v for v in values)  # where each was captured, in Spanish
    assert not any(", sheet '" in v or ", cell " in v for v in values)
    assert any(v.startswith(("1T ", "2T ", "3T ", "4T ")) for v in values)  # dates as the groups wrote them
    assert without_provenance(parse(folder)) == without_provenance(plan)
