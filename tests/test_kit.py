"""The facilitator's kit: `init` writes capture workbooks that, once filled in, read back whole."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, style_name, without_provenance
from docx import Document
from openpyxl import load_workbook

from pipeline.build import build, parse
from pipeline.cli import main
from pipeline.own_files import LISTS_SHEET as EXPORT_LISTS
from pipeline.vocab import vocabulary

FILLED: dict[
    str, dict[str, Any]
] = {  # per language: objective, two initiatives, owners, dates, KPI, SWOT, statements, notes
    "en": {
        "objective": "Modernise the {area} framework",
        "initiatives": ["Draft the new rules for {area}", "Train the officers of {area}"],
        "owners": ["Legal Department", "Training Unit"],
        "dates": [("Q1 2014", "Q4 2015"), ("June 2015", "2016")],
        "kpi": ("Share of rules in force", "10%", "90%"),
        "swot": ["Committed staff", "Old IT systems", "Trade growth", "Smuggling networks"],
        "statements": [
            ("Mission", "We facilitate legitimate trade."),
            ("Vision", "A modern customs service."),
        ],
        "value": ("Value", "Integrity"),
        "team": "Border team",
        "decision": "The plan will be validated by the Director General in April.",
    },
    "es": {
        "objective": "Modernizar el marco de {area}",
        "initiatives": ["Redactar las nuevas normas de {area}", "Capacitar a los funcionarios de {area}"],
        "owners": ["Subdirección Jurídica", "Unidad de Capacitación"],
        "dates": [("1T 2014", "4T 2015"), ("junio 2015", "2016")],
        "kpi": ("Porcentaje de normas vigentes", "10%", "90%"),
        "swot": ["Personal comprometido", "Sistemas obsoletos", "Crecimiento del comercio", "Contrabando"],
        "statements": [("Misión", "Facilitamos el comercio legítimo."), ("Visión", "Una aduana moderna.")],
        "value": ("Valor", "Integridad"),
        "team": "Equipo Fronteras",
        "decision": "El plan será validado por el Director Nacional en abril.",
    },
    "fr": {
        "objective": "Moderniser le cadre de {area}",
        "initiatives": ["Rédiger les nouvelles règles de {area}", "Former les agents de {area}"],
        "owners": ["Direction juridique", "Service de la formation"],
        "dates": [("T1 2014", "T4 2015"), ("juin 2015", "2016")],
        "kpi": ("Part des règles en vigueur", "10 %", "90 %"),
        "swot": ["Personnel engagé", "Systèmes vétustes", "Croissance des échanges", "Contrebande"],
        "statements": [
            ("Mission", "Nous facilitons le commerce légitime."),
            ("Vision", "Une douane moderne."),
        ],
        "value": ("Valeur", "Intégrité"),
        "team": "Équipe Frontières",
        "decision": "Le plan sera validé par le Directeur général en avril.",
    },
    "pt": {
        "objective": "Modernizar o quadro de {area}",
        "initiatives": ["Redigir as novas normas de {area}", "Formar os funcionários de {area}"],
        "owners": ["Direção Jurídica", "Centro de Formação"],
        "dates": [("1º trimestre de 2014", "T4 2015"), ("junho de 2015", "2016")],
        "kpi": ("Percentagem de normas em vigor", "10%", "90%"),
        "swot": ["Pessoal empenhado", "Sistemas obsoletos", "Crescimento do comércio", "Contrabando"],
        "statements": [("Missão", "Facilitamos o comércio legítimo."), ("Visão", "Uma alfândega moderna.")],
        "value": ("Valor", "Integridade"),
        "team": "Equipa Fronteiras",
        "decision": "O plano será validado pelo Diretor-Geral em abril.",
    },
}


def _init(folder: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["init", str(folder), "--period", "2014-2018", *args])
    assert result.exit_code == 0, result.output


def _fill(folder: Path, language: str, group: int, recs: list[str]) -> int:
    """Fill one group's workbook as a group would; returns the number of cells written."""
    k, w = vocabulary().kit[language], vocabulary().export[language]
    data = FILLED[language]
    path = folder / k["group_file"].format(n=group)
    wb = load_workbook(path)
    written = 0
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        header = [c.value for c in ws[3]] if ws.max_row >= 3 and ws.cell(3, 1).value else []
        if ws.title == k["sheet_group"][:31]:
            assert ws["B1"].value == k["group_default"].format(n=group)
            ws["B1"] = f"{data['team']} {group}"
            written += 1
        elif ws.title == k["sheet_swot"][:31]:
            for column, text in enumerate(data["swot"], start=1):
                ws.cell(row=2, column=column, value=f"{text} ({group})")
                written += 1
        elif ws.title == k["sheet_statements"][:31]:
            rows = [*data["statements"], data["value"]]
            for row, (label, text) in enumerate(rows, start=2):
                ws.cell(row=row, column=1, value=label)
                ws.cell(row=row, column=2, value=text)
                ws.cell(row=row, column=3, value=w["yes"])
                written += 3
        else:
            assert header[0] == w["objective"], ws.title
            area = str(ws.cell(1, 1).value).split(":")[-1].strip()
            for n, initiative in enumerate(data["initiatives"]):
                start, end = data["dates"][n]
                values = [
                    data["objective"].format(area=area) + f" ({group})",
                    f"{group}.{n + 1}",
                    initiative.format(area=area),
                    data["owners"][n],
                    start,
                    end,
                    *data["kpi"],
                    5 - n,
                    "USD 20,000",
                    recs[n % len(recs)] if recs else None,
                ]
                for column, value in enumerate(values, start=1):
                    if value is not None:
                        ws.cell(row=4 + n, column=column, value=value)
                        written += 1
    wb.save(path)
    return written


def _reading_findings(folder: Path, out: Path) -> list[str]:
    """Findings about reading the captures or placing them in their key areas."""
    result = build(folder, out)
    return [
        f"{f.code} {f.message}" for f in result.findings.findings if f.code.startswith(("READ", "AREA00"))
    ]


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_a_filled_kit_reads_back_whole_in_its_language(tmp_path: Path, language: str) -> None:
    folder = tmp_path / "mission"
    _init(folder, "--language", language, "--administration", "Aduana", "--groups", "2")
    written = sum(_fill(folder, language, g, []) for g in (1, 2))
    notes = folder / vocabulary().kit[language]["notes_file"]
    decisions = vocabulary().labels[language]["decisions"]
    if language == "fr":  # the .docx template, filled under its heading
        document = Document(str(notes.with_suffix(".docx")))
        paragraphs = document.paragraphs
        at = next(n for n, p in enumerate(paragraphs) if p.text == decisions)
        paragraphs[at + 1].text = FILLED[language]["decision"]
        document.save(str(notes.with_suffix(".docx")))
    else:  # the Markdown template
        md = notes.with_suffix(".md")
        text = md.read_text("utf-8")
        md.write_text(
            text.replace(f"## {decisions}\n", f"## {decisions}\n\n- {FILLED[language]['decision']}\n"),
            "utf-8",
        )

    assert _reading_findings(folder, tmp_path / "out") == []
    plan = parse(folder)
    placed = sum(a.placed for a in plan.accounting if a.unit == "cells")
    assert placed == written + 2 * 5  # and each sheet's key-area heading
    assert sum(a.in_findings for a in plan.accounting) == 0
    for area in plan.areas:  # each group's objective under the area of its sheet, with both initiatives
        objectives = [o for key, o in plan.objectives() if key == area.key]
        assert len(objectives) == 2, area.name
        assert all(len(o.initiatives) == 2 and o.initiatives[0].start for o in objectives)
    assert len(plan.swot) == 8 and len(plan.mission) == 2 and len(plan.values) == 2
    assert [d.text for d in plan.decisions] == [FILLED[language]["decision"]]
    files = [vocabulary().kit[language]["group_file"].format(n=g) for g in (1, 2)]
    team = FILLED[language]["team"]
    assert plan.source_groups == {files[0]: f"{team} 1", files[1]: f"{team} 2"}

    draft = Document(str(tmp_path / "out" / "draft.docx"))
    body = "\n".join(p.text for p in draft.paragraphs)
    assert f"{files[0]} ({team} 1), {files[1]} ({team} 2)" in body  # the sources, each with its group
    headings = [p.text.split("  ")[-1] for p in draft.paragraphs if style_name(p).startswith("Heading")]
    labels = vocabulary().labels[language]
    assert labels["mission_vision"] in headings and labels["swot"] in headings
    assert all(a.name in " ".join(headings) for a in plan.areas)


def test_the_kit_is_in_the_mission_language_and_prints_well(tmp_path: Path) -> None:
    folder = tmp_path / "mision"
    recs = tmp_path / "recs.csv"
    recs.write_text(
        "ID,Source,Recommendation\nOMA-01,OMA 2010,Adoptar un plan estratégico\nFMI-02,FMI,Crear una unidad de riesgo\n"
    )
    _init(
        folder,
        "--language", "es",
        "--administration", "Servicio Nacional de Aduanas",
        "--owner", "Subdirección Jurídica",
        "--recommendations", str(recs),
    )  # fmt: skip
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "LEEME.txt", "grupo1.xlsx", "grupo2.xlsx", "grupo3.xlsx", "mission.toml",
        "notas.docx", "notas.md", "recomendaciones.xlsx",
    ]  # fmt: skip
    wb = load_workbook(folder / "grupo1.xlsx")
    assert wb.sheetnames[0] == "Grupo" and wb.sheetnames[-3:] == [
        "FODA",
        "Misión, visión, valores",
        EXPORT_LISTS,
    ]
    group = wb["Grupo"]
    assert (group["A1"].value, group["B1"].value) == ("Grupo", "Grupo 1")
    how = {group.cell(r, 1).value: group.cell(r, 2).value for r in range(5, 12)}
    assert "EJEMPLO" in how["Ref"] and "plenaria" in how["Prioridad"] and "2T 2014" in how["Inicio, Plazo"]
    assert load_workbook(folder / "grupo3.xlsx")["Grupo"]["B1"].value == "Grupo 3"
    ws = wb["Marco legal y de procedimientos"]
    assert ws["A1"].value == "Área clave: Marco legal y de procedimientos"
    assert [c.value for c in ws[3]][:4] == ["Objetivo estratégico", "Ref", "Iniciativa clave", "Responsable"]
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    checks = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    lists = wb[EXPORT_LISTS]
    owner, cites, start = checks["D4:D203"], checks["L4:L203"], checks["E4:E203"]
    assert owner.type == "list" and lists["B1"].value == "Subdirección Jurídica"
    assert cites.type == "list" and [lists["C1"].value, lists["C2"].value] == ["OMA-01", "FMI-02"]
    assert start.type is None and "2T 2014" in start.prompt
    assert checks["J4:J203"].type == "whole"
    toml = (folder / "mission.toml").read_text("utf-8")
    assert 'language = "es"' in toml and "# Las áreas clave" in toml
    assert "Misión" in (folder / "notas.md").read_text("utf-8")
    assert "No modifique" in (folder / "LEEME.txt").read_text("utf-8-sig")
    plan = parse(folder)  # the blank kit: the recommendations are read, and no reading finding
    assert [r.id for r in plan.recommendations] == ["OMA-01", "FMI-02"]
    assert [
        f for f in _reading_findings(folder, tmp_path / "out") if not f.startswith(("READ013", "AREA001"))
    ] == []


def test_what_a_group_types_on_its_group_sheet_besides_its_name_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    _init(folder, "--language", "fr", "--administration", "Douane", "--groups", "1")
    wb = load_workbook(folder / "groupe1.xlsx")
    wb["Groupe"]["B1"] = "Groupe Recettes"
    wb["Groupe"]["A14"] = "Membres : Awa, Jean, Sékou"
    wb.save(folder / "groupe1.xlsx")
    plan = parse(folder)
    assert plan.source_groups == {"groupe1.xlsx": "Groupe Recettes"}
    account = next(a for a in plan.accounting if a.file == "groupe1.xlsx")
    assert account.in_findings == 1 and account.ignored["kit"] == 17
    (lost,) = [f for f in plan.intake if any(loc.cell == "A14" for loc in f.locations)]
    assert "Membres : Awa, Jean, Sékou" in lost.message and lost.locations[0].sheet == "Groupe"


def test_init_never_replaces_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "notes.md").write_text("# Decisions\n- keep me\n")
    result = CliRunner().invoke(main, ["init", str(folder), "--administration", "A"])
    assert result.exit_code == 2
    assert "notes.md" in result.output and "already exists" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["notes.md"]  # nothing half-written
    assert (folder / "notes.md").read_text() == "# Decisions\n- keep me\n"


def test_init_from_an_earlier_mission_and_its_errors(tmp_path: Path) -> None:
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "mission.toml").write_text(
        'administration = "Douane du Sénégal"\nperiod = "2019-2023"\nlanguage = "fr"\n'
        '[[areas]]\nkey = "a"\nname = "Axe 1 : Performance"\n[[areas]]\nkey = "b"\nname = "Axe 2 : Partenariats"\n'
    )
    _init(tmp_path / "new", "--from", str(earlier), "--layout", "table", "--groups", "1")
    _init(tmp_path / "again", "--from", str(EXAMPLE), "--groups", "1")  # its captures' owners are offered
    owners = load_workbook(tmp_path / "again" / "group1.xlsx")[EXPORT_LISTS]
    offered = [v for n in range(1, owners.max_row + 1) if (v := owners.cell(row=n, column=2).value)]
    assert "Audit Directorate" in offered and offered == sorted(offered)
    wb = load_workbook(tmp_path / "new" / "groupe1.xlsx")
    assert wb.sheetnames[:2] == ["Groupe", "Plan"] and wb["Plan"]["A1"].value == "Axe stratégique"
    area_check = next(dv for dv in wb["Plan"].data_validations.dataValidation if "A2" in str(dv.sqref))
    assert area_check.type == "list" and area_check.showErrorMessage
    assert [wb[EXPORT_LISTS]["A1"].value, wb[EXPORT_LISTS]["A2"].value] == [
        "Axe 1 : Performance",
        "Axe 2 : Partenariats",
    ]
    assert "Douane du Sénégal" in (tmp_path / "new" / "mission.toml").read_text("utf-8")

    for args, words in (
        (["--administration", "A", "--period", "2014 onwards"], "--period"),
        (["--administration", "A", "--period", "2018-2014"], "before it starts"),
        ([], "--administration"),
        (["--administration", "A", "--recommendations", str(tmp_path / "none.csv")], "none.csv"),
    ):
        result = CliRunner().invoke(main, ["init", str(tmp_path / "bad"), *args])
        assert result.exit_code == 2 and words in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not (tmp_path / "bad").exists() or not any((tmp_path / "bad").iterdir())


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"  # tests skip when missing


@pytest.mark.skipif(not shutil.which(SOFFICE), reason="LibreOffice is not installed; `make test` installs it")
def test_a_kit_filled_then_saved_by_libreoffice_reads_back_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "mission"
    _init(folder, "--language", "fr", "--administration", "Douane", "--groups", "1")
    _fill(folder, "fr", 1, [])
    before = without_provenance(parse(folder))
    resaved = tmp_path / "resaved"
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
         "--outdir", str(resaved), str(folder / "groupe1.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    shutil.copyfile(resaved / "groupe1.xlsx", folder / "groupe1.xlsx")
    with zipfile.ZipFile(folder / "groupe1.xlsx") as package:
        assert b"LibreOffice" in package.read("docProps/app.xml")
    assert without_provenance(parse(folder)) == before
    assert _reading_findings(folder, tmp_path / "out") == []


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


LOCAL = {  # per language: the administration, and words the terminal and draft must say
    "es": ("Servicio Nacional de Aduanas", "se leyeron 4 archivos de", "resumen: 0 errores,", "Análisis de situación (FODA)"),
    "fr": ("Direction générale des douanes", "lecture de 4 fichiers dans", "0 erreur, 20 avertissements, 6 remarques", "Analyse de la situation (FFOM)"),
    "pt": ("Direção Geral das Alfândegas", "lidos 4 ficheiros de", "resumo: 0 erros,", "Análise da situação (FOFA)"),
}  # fmt: skip
ENGLISH = {"read", "wrote", "findings", "summary", "error", "errors", "warning", "warnings", "key", "area",
           "areas", "objectives", "initiatives", "at", "fix", "cells", "lines", "placed", "ignored", "header",
           "the", "of", "and", "sheet", "cell", "line", "start", "end", "owner", "group", "source",
           "example", "workshop"}  # fmt: skip


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_a_mission_has_no_english_in_any_output(tmp_path: Path, language: str) -> None:
    """init, parse (--explain), check, build, export and diff of a filled kit: no English word on the terminal, no
    English label in the draft or the exported workbook."""
    administration, read_line, summary, swot_heading = LOCAL[language]
    folder = tmp_path / "mission"
    runner = CliRunner()
    init = runner.invoke(
        main, ["init", str(folder), "--language", language, "--administration", administration,
               "--period", "2014-2018", "--groups", "2"],
    )  # fmt: skip
    _fill(folder, language, 1, [])
    _fill(folder, language, 2, [])
    out = tmp_path / "out"
    built = runner.invoke(main, ["build", str(folder), "-o", str(out)])
    checked = runner.invoke(main, ["check", str(out / "plan.json")])
    parsed = runner.invoke(main, ["parse", str(folder), "--explain", "-o", str(tmp_path / "p.json")])
    exported = runner.invoke(
        main, ["export", str(out / "plan.json"), "-o", str(tmp_path / "edit" / "plan.xlsx")]
    )
    diffed = runner.invoke(main, ["diff", str(tmp_path / "p.json"), str(out / "plan.json")])
    broken = folder / "roto.xlsx"
    broken.write_bytes(b"")
    failed = runner.invoke(main, ["parse", str(folder)])
    broken.unlink()
    toml = folder / "mission.toml"
    toml.write_text(toml.read_text("utf-8").replace('period = "2014-2018"', 'period = "2018-2014"'), "utf-8")
    unset = runner.invoke(main, ["parse", str(folder)])  # a mission.toml with a problem
    assert unset.exit_code == 2 and "2014" in unset.output, unset.output
    terminal = "".join(r.output for r in (init, built, checked, parsed, exported, diffed, failed, unset))
    assert read_line in built.output and summary in checked.output and failed.exit_code == 2, terminal
    said = ENGLISH - {"fr": {"note", "notes", "initiatives", "source"}, "es": {"error"}}.get(
        language, set()
    )  # the same words there
    names = ("findings.json", "plan.json", "build-stamp.json")
    identifiers = (
        r"\[[a-z_]+\]"  # --explain's `[columns]` identifiers ('Área clave [area]'), pasted as they are
    )
    terminal = re.sub(identifiers, "", terminal.replace(str(tmp_path), ""))
    words = set(re.findall(r"[A-Za-z]+", re.sub("|".join(names), "", terminal)))
    assert words.isdisjoint(said), sorted(words & said)

    draft = _docx_text(out / "draft.docx")
    en, local = vocabulary().labels["en"], vocabulary().labels[language]
    leaked = [
        en[k] for k in en if en[k] != local[k] and len(en[k]) > 5 and "{" not in en[k] and en[k] in draft
    ]
    assert leaked == [] and swot_heading in draft and administration in draft

    wb = load_workbook(tmp_path / "edit" / "plan.xlsx")
    values = {
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None
    }
    w_en, w_local = vocabulary().export["en"], vocabulary().export[language]
    leaked = [w_en[k] for k in w_en if w_en[k] != w_local[k] and w_en[k] in values]
    assert leaked == []
    if language == "pt":
        assert "T1 2014" in draft and "junho de 2015" in draft


PDFTOTEXT = shutil.which("pdftotext") or ""


@pytest.mark.skipif(
    not (SOFFICE and PDFTOTEXT), reason="LibreOffice and poppler are installed by `make test`"
)
def test_a_long_kit_sheet_prints_with_its_header_on_every_page_and_keeps_its_drop_downs(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "m"
    _init(folder, "--administration", "Customs", "--groups", "1", "--owner", "Legal Department")
    wb = load_workbook(folder / "group1.xlsx")
    for name in [wb.sheetnames[0], *wb.sheetnames[2:]]:
        if wb[name].sheet_state == "visible":
            wb[name].sheet_state = "hidden"  # print the first key area's sheet only (after Group)
    ws = wb.worksheets[1]
    for row in range(4, 124):  # 120 initiatives: several printed pages
        ws.cell(row=row, column=1, value=f"Objective {row // 10}")
        ws.cell(row=row, column=3, value=f"Initiative number {row} with a title long enough to wrap")
        ws.cell(row=row, column=12, value="REC-1")  # the last column: Addresses rec.
    wb.save(folder / "group1.xlsx")
    run = [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo"]
    subprocess.run(
        [*run, "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(folder / "group1.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(tmp_path / "pdf" / "group1.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    for page in pages:  # the header row repeats, and every column fits across the page
        assert "Strategic objective" in page and "Addresses rec." in page, page[:300]

    subprocess.run(
        [*run, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "x"), str(folder / "group1.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = load_workbook(tmp_path / "x" / "group1.xlsx")
    checks = resaved.worksheets[1].data_validations.dataValidation
    owner = next(dv for dv in checks if "D4" in str(dv.sqref))
    assert owner.type == "list" and EXPORT_LISTS in (owner.formula1 or "")


def test_init_refuses_names_its_own_build_would_refuse(tmp_path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    for args, says in (
        (["--administration", "Aduana\x7f Sur"], "holds a control character (U+007F)"),
        (["--administration", "   "], "a name cannot be blank"),
        (["--administration", "A", "--area", "Legal", "--area", "LEGAL"], "the same area to the reader"),
        (["--administration", "A", "--area", "x" * 151], "is over 100 characters"),
        (["--administration", "A", "--owner", "Unit\x07"], "holds a control character (U+0007)"),
    ):
        result = CliRunner().invoke(main, ["init", str(tmp_path / "kit"), *args])
        assert (
            result.exit_code == 2 and says in result.output and len(result.output.strip().splitlines()) == 1
        )
        assert not (tmp_path / "kit").exists()  # nothing half-written


def test_a_kit_groups_fill_without_help(tmp_path) -> None:
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from pipeline.build import parse
    from pipeline.cli import main

    args = [
        "--administration",
        "Aduana Nacional",
        "--language",
        "es",
        "--period",
        "2014-2018",
        "--groups",
        "1",
    ]
    args += [
        "--workshop-start",
        "2014-03-19",
        "--workshop-end",
        "2014-03-21",
        "--place",
        "Santiago",
        "--date",
        "2014-04-01",
    ]
    result = CliRunner().invoke(main, ["init", str(tmp_path / "kit"), *args, "--layout", "table"])
    assert result.exit_code == 0, result.output
    toml = (tmp_path / "kit" / "mission.toml").read_text("utf-8")
    assert (
        "date = 2014-04-01" in toml
        and '\n[workshop]\nstart = 2014-03-19\nend = 2014-03-21\nplace = "Santiago"' in toml
    )
    sheet = load_workbook(tmp_path / "kit" / "grupo1.xlsx")["Plan"]
    head = [c.value for c in sheet[1]]
    assert sheet.cell(2, head.index("Ref") + 1).value == "EJEMPLO"  # the example row, marked
    assert sheet.cell(2, head.index("Ref") + 1).font.i  # in italics
    assert sheet.cell(1, head.index("Ref") + 1).comment is not None  # the header explains Ref
    assert sheet.cell(5, 3).border.left.style == "thin"  # the cells to fill print as a grid
    readme = (tmp_path / "kit" / "LEEME.txt").read_text("utf-8")
    assert "la hoja Plan, con el área clave de cada fila" in readme and "Estado: validada" in readme
    plan = parse(tmp_path / "kit")  # read back untouched: the example is no initiative of the plan
    assert plan.counts().initiatives == 0
    (account,) = [a for a in plan.accounting if a.file == "grupo1.xlsx"]
    assert account.ignored.get("example", 0) >= 10 and account.placed == 1  # only the group's name
    assert plan.source_groups == {"grupo1.xlsx": "Grupo 1"}


def test_init_speaks_the_missions_language_and_names_the_real_file(tmp_path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    (tmp_path / "recs.csv").write_text("a,b\n1,2\n", "utf-8")
    for args, says in (
        (["--language", "es", "--period", "2014 en adelante"], "escriba años"),
        (["--language", "fr", "--area", "Légal", "--area", "LEGAL"], "sont le même axe pour le lecteur"),
        (
            ["--language", "pt", "--recommendations", str(tmp_path / "recs.csv")],
            f"{tmp_path / 'recs.csv'}: nenhuma recomendação lida",
        ),
    ):
        result = CliRunner().invoke(main, ["init", str(tmp_path / "kit"), "--administration", "A", *args])
        assert result.exit_code == 2 and says in result.output, result.output


def test_kit_files_no_group_filled_are_named_and_left_out_of_the_drafts_sources(tmp_path: Path) -> None:
    folder = tmp_path / "mission"
    _init(folder, "--language", "es", "--administration", "Aduana", "--groups", "3")
    _fill(folder, "es", 2, [])  # groups 1 and 3 sent nothing back; the notes templates are untouched
    result = build(folder, tmp_path / "out")

    untouched = ["grupo1.xlsx", "grupo3.xlsx", "notas.docx", "notas.md"]
    named = [f.locations[0].file for f in result.findings.findings if f.code == "SRC001"]
    assert named == untouched
    message = next(f.message for f in result.findings.findings if f.code == "SRC001")
    assert message == "ninguna declaración, objetivo, iniciativa o nota del plan proviene de 'grupo1.xlsx'"
    assert result.plan.contributing_sources() == ["grupo2.xlsx"]

    draft = Document(str(tmp_path / "out" / "draft.docx"))
    intro = next(p.text for p in draft.paragraphs if p.text.startswith("Se basa en"))
    assert intro.startswith("Se basa en 1 archivo fuente: grupo2.xlsx (Equipo Fronteras 2).")
