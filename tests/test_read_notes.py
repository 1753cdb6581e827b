"""Facilitator notes in Markdown, plain text (any common encoding) and Word."""

from __future__ import annotations

from pathlib import Path

import docx
from conftest import PLAN_HEADER

from pipeline.build import parse
from pipeline.read.notes import read_notes

NOTES_MD = """# Notas del facilitador

## Misión

Facilitar el comercio legítimo y proteger a la sociedad.

Estado: validada

## Valores

- Integridad
- Transparencia

## Decisiones

1. El plan cubre 2012-2016.

## Almuerzo

- El menú fue excelente.
"""


def test_markdown_sections_in_spanish(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER]}, notes={"notas.md": NOTES_MD}, language="es")
    plan = parse(folder)
    assert plan.mission[0].text == "Facilitar el comercio legítimo y proteger a la sociedad."
    assert plan.mission[0].validated and plan.mission[0].source.line == 5
    assert [v.text for v in plan.values] == ["Integridad", "Transparencia"]
    assert [d.text for d in plan.decisions] == ["El plan cubre 2012-2016."]
    (unplaced,) = [f for f in plan.intake if f.code == "READ007"]
    assert "Almuerzo" in unplaced.message and unplaced.locations[0].line == 20


def test_plain_text_in_windows_1252_with_uppercase_headings(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(
        "MENACES\n- Contrebande accrue\n\nQUESTIONS OUVERTES\n- Qui pilote l'échéancier ?\n".encode("cp1252")
    )
    lines = read_notes(path, "notes.txt")
    assert [(line.text, line.level, line.bullet) for line in lines] == [
        ("MENACES", 1, False),
        ("Contrebande accrue", 0, True),
        ("QUESTIONS OUVERTES", 1, False),
        ("Qui pilote l'échéancier ?", 0, True),
    ]


def test_utf8_bom_text(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_bytes("\ufeffVISION\nUne douane moderne.\n".encode())
    assert [line.text for line in read_notes(path, "n.txt")] == ["VISION", "Une douane moderne."]


def test_docx_headings_bullets_and_tables(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER]})
    document = docx.Document()
    document.add_heading("Strengths", level=2)
    document.add_paragraph("Experienced staff", style="List Bullet")
    document.add_heading("Open questions", level=2)
    document.add_paragraph("Who chairs the committee?", style="List Number")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Budget for 2013?"
    document.save(str(folder / "notes.docx"))
    plan = parse(folder)
    assert [(s.quadrant, s.text) for s in plan.swot] == [("strengths", "Experienced staff")]
    assert [q.text for q in plan.open_questions] == ["Who chairs the committee?", "Budget for 2013?"]
    assert str(plan.open_questions[0].source) == "notes.docx, paragraph 4"


def test_conflicting_mission_between_notes_and_workbook(make_mission) -> None:
    folder = make_mission(
        {"MV": [["Mission", "Collect revenue"]]}, notes={"n.md": "## Mission\n\nFacilitate trade\n"}
    )
    plan = parse(folder)
    assert [(m.text, m.source.file) for m in plan.mission] == [
        ("Collect revenue", "taller.xlsx"),
        ("Facilitate trade", "n.md"),
    ]


def test_bold_lines_naming_a_section_are_headings(make_mission) -> None:
    folder = make_mission(
        {"P": [PLAN_HEADER]},
        notes={"n.md": "**Decisiones:**\n\n- Revisar en 2014\n\n**Una idea en negrita** que sigue.\n"},
    )
    document = docx.Document()
    document.add_paragraph().add_run("Amenazas").bold = True
    document.add_paragraph("Contrabando creciente")
    document.save(str(folder / "d.docx"))
    plan = parse(folder)
    assert [d.text for d in plan.decisions] == ["Revisar en 2014", "Una idea en negrita que sigue."]
    assert [(s.quadrant, s.text) for s in plan.swot] == [("threats", "Contrabando creciente")]


def test_docx_merged_cells_once_and_tables_within_cells(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Decisions", level=2)
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "The plan covers 2012-2016."
    inner = table.cell(1, 0).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "A steering committee meets each quarter."
    table.cell(1, 1).text = "Mission validated."
    document.save(str(tmp_path / "notes.docx"))
    texts = [line.text for line in read_notes(tmp_path / "notes.docx", "notes.docx")]
    assert texts == [
        "Decisions",
        "The plan covers 2012-2016.",
        "A steering committee meets each quarter.",
        "Mission validated.",
    ]


def test_docx_nested_too_deep_is_one_line_naming_the_file(tmp_path: Path) -> None:
    import io
    import zipfile

    import pytest

    from pipeline.errors import InputError

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(tmp_path / "notas.docx", "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                nest = b"<w:tbl><w:tr><w:tc>" * 400 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 400
                data = data.replace(b"<w:sectPr", nest + b"<w:p/><w:sectPr", 1)
            dst.writestr(info.filename, data)
    with pytest.raises(InputError, match=r"notas\.docx: is not a readable Word document"):
        read_notes(tmp_path / "notas.docx", "notas.docx")


def test_table_cells_in_word_notes_never_open_a_section(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER]})
    document = docx.Document()
    document.add_heading("Decisions", 1)
    document.add_paragraph("The plan covers 2012-2016.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Values").bold = True
    table.cell(0, 1).text = "Integrity, transparency"
    table.cell(1, 0).text, table.cell(1, 1).text = "Stakeholders", "Ministry"
    document.save(folder / "notas.docx")
    plan = parse(folder)
    assert plan.values == [] and plan.stakeholders == []
    assert [n.text for n in plan.decisions] == [
        "The plan covers 2012-2016.",
        "Values",
        "Integrity, transparency",
        "Stakeholders",
        "Ministry",
    ]


def test_mission_is_its_statement_not_the_table_after_it(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER]})
    document = docx.Document()
    document.add_heading("Razón de ser", 1)
    document.add_paragraph("Facilitar el comercio lícito.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Elemento", "Descripción"
    document.add_heading("Propósito", 1)
    document.add_paragraph("Una aduana moderna.")
    document.save(folder / "pei.docx")
    plan = parse(folder)
    assert [s.text for s in plan.mission] == ["Facilitar el comercio lícito."]
    assert [s.text for s in plan.vision] == ["Una aduana moderna."]
    (read015,) = [f for f in plan.intake if f.code == "READ015"]
    assert read015.message.startswith("2 lines under 'mission' after its statement")


def test_a_file_that_is_not_notes_floods_nothing(make_mission) -> None:
    lines = ["# Grant application", "", "## Values", ""] + [
        f"- Criterion {n}: value for money" for n in range(200)
    ]
    folder = make_mission({"P": [PLAN_HEADER]}, notes={"form.md": "\n".join(lines)})
    plan = parse(folder)
    assert plan.values == []
    (read014,) = [f for f in plan.intake if f.code == "READ014"]
    assert read014.severity == "warning" and "'Values' would take 200 lines" in read014.message
    (account,) = [a for a in plan.accounting if a.file == "form.md"]
    assert account.placed == 0 and account.in_findings == account.read
