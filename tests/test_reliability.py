"""Reliability, round 2: what an adversarial review found, each case run against the real command."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, PLAN_HEADER, PLAN_ROW

from pipeline.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _template_with_prolog(prolog: bytes) -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b"?>" + prolog, 1)
            dst.writestr(info, data)
    return out.getvalue()


def test_a_comment_before_a_doctype_does_not_defeat_the_check(tmp_path: Path) -> None:
    template = tmp_path / "house.docx"
    template.write_bytes(_template_with_prolog(b'<!-- <w:p> --><!DOCTYPE w [<!ENTITY e "boom">]>'))
    out = tmp_path / "out"
    code, output = run("build", str(EXAMPLE), "-o", str(out), "--template", str(template))
    assert code == 2
    assert output.strip() == (f"error: {template}: part word/document.xml declares a DOCTYPE or XML entities; "
                              "refused (entities can expand or read other files) "
                              "(save the file again from Excel, Word or LibreOffice)")  # fmt: skip
    assert not out.exists()


def test_a_plain_comment_in_the_prolog_is_fine(tmp_path: Path, make_mission) -> None:
    template = tmp_path / "house.docx"
    template.write_bytes(_template_with_prolog(b"<!-- saved by a tool -->"))
    folder = make_mission({"P": [PLAN_HEADER, PLAN_ROW]})
    code, output = run("build", str(folder), "-o", str(tmp_path / "out"), "--template", str(template))
    assert code == 0, output


def _mission(tmp_path: Path, toml_changes: dict[str, str] | None = None) -> Path:
    import shutil

    folder = tmp_path / "mission"
    shutil.copytree(EXAMPLE, folder)
    toml = (folder / "mission.toml").read_text("utf-8")
    for old, new in (toml_changes or {}).items():
        assert old in toml
        toml = toml.replace(old, new)
    (folder / "mission.toml").write_text(toml, "utf-8")
    return folder


def test_a_long_administration_name_builds_and_the_cover_keeps_it(tmp_path: Path) -> None:
    name = ("Servicio Nacional de Aduanas de la República " * 6)[:247].strip()
    folder = _mission(tmp_path, {'"Customs Service of Costa Serena"': f'"{name}"'})
    code, output = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert code == 0, output
    document = docx.Document(str(tmp_path / "out" / "draft.docx"))
    assert any(name in p.text for p in document.paragraphs[:12])
    assert len(document.core_properties.title) <= 255


def test_a_period_too_long_for_the_roadmap_names_the_field(tmp_path: Path) -> None:
    folder = _mission(tmp_path, {'period = "2012-2016"': 'period = "2012-9999"'})
    code, output = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert code == 2
    assert output.strip() == (f"error: {folder / 'mission.toml'}: period: the period spans 7988 years "
                              "(at most 15: the roadmap has a column per year)")  # fmt: skip


@pytest.mark.parametrize(("edit", "says"), [
    (lambda p: p.update(schema_version=99), "schema_version: written by a newer plan-draft (schema 99; this one reads up to 2)"),
    (lambda p: p["areas"][0]["objectives"][0]["initiatives"][0]["start"].update(year=20145),
     "areas.0.objectives.0.initiatives.0.start.year: Input should be less than or equal to 9999"),
    (lambda p: p["period"].update(start=0), "period.start: Input should be greater than or equal to 1000"),
])  # fmt: skip
def test_an_impossible_plan_json_names_the_field(tmp_path: Path, edit, says: str) -> None:
    import json

    assert run("parse", str(EXAMPLE), "-o", str(tmp_path / "plan.json"))[0] == 0
    plan = json.loads((tmp_path / "plan.json").read_text("utf-8"))
    edit(plan)
    (tmp_path / "plan.json").write_text(json.dumps(plan), "utf-8")
    for command in ("check", "render", "export"):
        code, output = run(
            command, str(tmp_path / "plan.json"), *(["-o", str(tmp_path / "x")] if command != "check" else [])
        )
        assert code == 2, command
        (line,) = output.strip().splitlines()
        assert says in line, (command, line)


def test_a_plan_nested_100000_deep_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    code, output = run("check", str(path))
    assert code == 2 and output.strip() == f"error: {path}: not a plan: nested too deeply"


def test_usage_errors_and_unknown_codes_are_one_line() -> None:
    code, output = run("build", str(EXAMPLE), "--bogus")
    assert code == 2 and output.strip() == "error: No such option '--bogus'. (see 'plan-draft build --help')"
    code, output = run("check", str(EXAMPLE), "--ignore", "NOPE001")
    assert code == 2 and "no rule has the code NOPE001" in output and len(output.strip().splitlines()) == 1
    assert run("check", str(EXAMPLE), "--ignore", "smart001")[0] == 0  # any case


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    folder = _mission(tmp_path)
    (folder / "bad\nname.xlsx").write_bytes(b"not a workbook, just text; with; separators")
    code, output = run("parse", str(folder))
    assert code == 2
    (line,) = output.strip().splitlines()
    assert "bad\\nname.xlsx" in line


def test_a_mission_toml_linked_to_a_device_is_refused(tmp_path: Path) -> None:
    folder = _mission(tmp_path)
    (folder / "mission.toml").unlink()
    (folder / "mission.toml").symlink_to("/dev/zero")
    code, output = run("parse", str(folder))
    assert code == 2 and "is a link out of the mission folder, or not a regular file; not read" in output


def test_an_office_lock_file_does_not_trigger_a_rebuild(tmp_path: Path) -> None:
    root, out = tmp_path / "missions", tmp_path / "out"
    folder = _mission(tmp_path)
    root.mkdir(exist_ok=True)
    folder.rename(root / "m")
    assert run("batch", str(root), "-o", str(out))[0] == 0
    (root / "m" / "~$workshop_groups.xlsx").write_bytes(b"owner lock")
    assert "0 built, 1 skipped" in run("batch", str(root), "-o", str(out))[1]


def test_a_long_output_file_name_is_written(tmp_path: Path) -> None:
    name = "d" * 240 + ".docx"
    assert run("parse", str(EXAMPLE), "-o", str(tmp_path / "plan.json"))[0] == 0
    code, output = run("render", str(tmp_path / "plan.json"), "-o", str(tmp_path / name))
    assert code == 0, output
    assert (tmp_path / name).is_file()


def _retyped(data: bytes, kind: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", kind
                )
            dst.writestr(info, content)
    return out.getvalue()


def _notes_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Mission", 1)
    document.add_paragraph("Facilitate legitimate trade.")
    document.add_paragraph("{{ body }}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_templates_and_macro_documents_are_read_as_documents(tmp_path: Path) -> None:
    import json

    template = tmp_path / "house.dotx"
    template.write_bytes(
        _retyped(
            _notes_docx(), b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
        )
    )
    code, output = run("build", str(EXAMPLE), "-o", str(tmp_path / "out"), "--template", str(template))
    assert code == 0, output
    folder = _mission(tmp_path)
    (folder / "notes.docm").write_bytes(
        _retyped(_notes_docx(), b"application/vnd.ms-word.document.macroEnabled.main+xml")
    )
    (folder / "notes2.dotm").write_bytes(
        _retyped(_notes_docx(), b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
    )
    code, output = run("parse", str(folder), "-o", str(tmp_path / "plan.json"))
    assert code == 0, output
    plan = json.loads((tmp_path / "plan.json").read_text("utf-8"))
    assert {"notes.docm", "notes2.dotm"} <= set(plan["sources"])
    assert sum(s["text"].startswith("Facilitate legitimate trade.") for s in plan["mission"]) == 2


def test_an_excel_template_capture_is_read(tmp_path: Path) -> None:
    import json
    import shutil

    folder = _mission(tmp_path)
    shutil.move(folder / "workshop_groups.xlsx", folder / "workshop_groups.xltx")
    code, output = run("parse", str(folder), "-o", str(tmp_path / "plan.json"))
    assert code == 0, output
    assert "workshop_groups.xltx" in json.loads((tmp_path / "plan.json").read_text("utf-8"))["sources"]


def test_utf16_notes_without_a_bom_are_read(tmp_path: Path, make_mission) -> None:
    import json

    folder = make_mission({"P": [PLAN_HEADER, PLAN_ROW]})
    (folder / "notas.txt").write_bytes("MISIÓN\nFacilitar el comercio legítimo.\n".encode("utf-16-le"))
    code, output = run("parse", str(folder), "-o", str(tmp_path / "plan.json"))
    assert code == 0, output
    assert (
        json.loads((tmp_path / "plan.json").read_text("utf-8"))["mission"][0]["text"]
        == "Facilitar el comercio legítimo."
    )


def test_control_characters_in_mission_toml_or_plan_json_name_the_field(tmp_path: Path) -> None:
    import json

    folder = _mission(tmp_path, {'"Customs Service of Costa Serena"': '"Customs \\u0007 Service"'})
    code, output = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert code == 2 and output.strip().endswith(
        "mission.toml: administration: holds a control character (U+0007) (remove it)"
    )
    assert run("parse", str(EXAMPLE), "-o", str(tmp_path / "plan.json"))[0] == 0
    plan = json.loads((tmp_path / "plan.json").read_text("utf-8"))
    plan["areas"][0]["objectives"][0]["initiatives"][0]["title"] = "Bad \x1b[31m title"
    (tmp_path / "plan.json").write_text(json.dumps(plan), "utf-8")
    for command in ("render", "export", "check"):
        extra = ["-o", str(tmp_path / f"x.{command}")] if command != "check" else []
        code, output = run(command, str(tmp_path / "plan.json"), *extra)
        assert (
            code == 2
            and "areas.0.objectives.0.initiatives.0.title: holds a control character (U+001B)" in output
        )
        assert "\x1b" not in output


def _template_with_section(change) -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = change(data)
            dst.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize(("change", "says"), [
    (lambda d: re.sub(rb"<w:sectPr.*</w:sectPr>", b"", d, flags=re.S), None),
    (lambda d: re.sub(rb'<w:pgSz w:w="\d+"', b'<w:pgSz w:w="wide"', d), 'the page setup is not a number: <w:pgSz w:w="wide">'),
    (lambda d: re.sub(rb'w:left="\d+"', b'w:left="11000"', d), "the margins leave"),
])  # fmt: skip
def test_a_template_page_setup_is_checked(tmp_path: Path, make_mission, change, says: str | None) -> None:
    template = tmp_path / "house.docx"
    template.write_bytes(_template_with_section(change))
    folder = make_mission({"P": [PLAN_HEADER, PLAN_ROW]})
    code, output = run("build", str(folder), "-o", str(tmp_path / "out"), "--template", str(template))
    if says is None:  # no page setup at all: the default one
        assert code == 0, output
    else:
        assert code == 2 and len(output.strip().splitlines()) == 1 and says in output


def test_pathological_markdown_lines_are_read_in_linear_time(tmp_path: Path, make_mission) -> None:
    import subprocess
    import sys

    folder = make_mission({"P": [PLAN_HEADER, PLAN_ROW]})
    lines = ["# " + "a " * 300_000 + " " * 300_000, "[" * 1_000_000, "[x](" * 250_000, "**" * 400_000]
    (folder / "notas.md").write_text("\n".join(lines) + "\n", "utf-8")
    done = subprocess.run([sys.executable, "-m", "pipeline", "parse", str(folder), "-o", str(tmp_path / "p.json")],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_a_package_of_too_many_parts_or_bytes_is_refused(tmp_path: Path, make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER]})
    with zipfile.ZipFile(folder / "many.xlsx", "w") as archive:
        for n in range(5_001):
            archive.writestr(f"xl/media/p{n}.bin", b"x")
    code, output = run("parse", str(folder))
    assert code == 2 and "the package holds 5,001 parts (limit 5,000); refused" in output
    (folder / "many.xlsx").unlink()
    template = tmp_path / "big.docx"
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(zipfile.ZipInfo("word/media/huge.bin"), bytes(range(256)) * (70 * 2**12))
    template.write_bytes(buffer.getvalue())
    code, output = run("build", str(folder), "-o", str(tmp_path / "out"), "--template", str(template))
    assert code == 2 and "the package would unpack to 70 MB (limit 60 MB); refused" in output


def _xlsx_with_shared_strings(strings: list[str], cells: list[int]) -> bytes:
    """A minimal .xlsx whose one sheet's cells refer to shared strings by index, as Excel saves them."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet = "".join(
        f'<row r="{n}"><c r="A{n}" t="s"><v>{i}</v></c></row>' for n, i in enumerate(cells, start=1)
    )
    table = "".join(f"<si><t>{s}</t></si>" for s in strings)
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="Plan" sheetId="1" r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="r1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="r2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{ns}"><sheetData>{sheet}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{ns}" count="{len(cells)}" uniqueCount="{len(strings)}">{table}</sst>',
    }  # fmt: skip
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_one_long_shared_string_in_many_cells_is_refused_before_reading(tmp_path: Path, make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER, PLAN_ROW]})
    (folder / "bomb.xlsx").write_bytes(_xlsx_with_shared_strings(["x" * 32_000], [0] * 2_000))
    code, output = run("parse", str(folder))
    assert code == 2
    assert (
        "bomb.xlsx: its cells would hold 64,000,000 characters once read (limit 50,000,000); refused"
        in output
    )
    (folder / "bomb.xlsx").write_bytes(
        _xlsx_with_shared_strings(["Objective", "Initiative", "x" * 32_000], [0, 1, 2])
    )
    assert run("parse", str(folder))[0] == 0  # a long string used once is fine


_ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="{table}" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="Hoja1">'
    '<table:table-row table:number-rows-repeated="{rows}"><table:table-cell office:value-type="string" '
    'table:number-columns-repeated="{cols}"><text:p>{text}</text:p></table:table-cell></table:table-row>'
    "</table:table></office:spreadsheet></office:body></office:document-content>"
)


@pytest.mark.parametrize(("namespace", "rows", "cols", "text", "says"), [
    ("urn:example:not-the-table-namespace", 1_048_576, 2, "x", "filled cells span 1,048,576 rows"),
    ("urn:oasis:names:tc:opendocument:xmlns:table:1.0", 60_000, 20, "y" * 50, "characters once read"),
])  # fmt: skip
def test_ods_sheets_are_measured_whatever_their_namespace(
    tmp_path: Path, make_mission, namespace: str, rows: int, cols: int, text: str, says: str
) -> None:
    folder = make_mission({"P": [PLAN_HEADER]})
    with zipfile.ZipFile(folder / "hoja.ods", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", _ODS_CONTENT.format(table=namespace, rows=rows, cols=cols, text=text))
    code, output = run("parse", str(folder))
    assert code == 2 and says in output, output


def test_budgets_of_a_mission_hold_across_its_files(tmp_path: Path, make_mission) -> None:
    from openpyxl import Workbook

    folder = make_mission({"P": [PLAN_HEADER]})
    for n in range(3):  # each within the limits, together not
        book = Workbook(write_only=True)
        sheet = book.create_sheet("P")
        for row in range(20_000):
            sheet.append([f"r{row}", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
        book.save(folder / f"big{n}.xlsx")
    code, output = run("parse", str(folder))
    assert (
        code == 2
        and "big2.xlsx: its sheets span 200,000 cells in all; the mission's workbooks may span 500,000"
        in output
    )
    for n in range(3):
        (folder / f"big{n}.xlsx").unlink()
    (folder / "notas.txt").write_bytes(b"x" * (9 * 2**20))
    code, output = run("parse", str(folder))
    assert code == 2 and "notas.txt: the notes file is over 8 MB; refused" in output
    (folder / "notas.txt").unlink()
    for n in range(201):
        (folder / f"f{n}.txt").write_text("- a line\n", "utf-8")
    code, output = run("parse", str(folder))
    assert code == 2 and "holds 202 files (limit 200)" in output


def test_a_huge_plan_json_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    with path.open("wb") as fh:
        fh.truncate(65 * 2**20)
    code, output = run("check", str(path))
    assert code == 2 and output.strip() == f"error: {path}: is over 64 MB; not a plan.json of a mission"


def test_an_xls_sheet_stored_inside_another_record_is_measured() -> None:
    import struct

    from pipeline.read.extent import xls_stream_extents

    def record(kind: int, body: bytes = b"") -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    def number(row: int, col: int) -> bytes:  # NUMBER: row, column, format, value
        return record(0x0203, struct.pack("<HHHd", row, col, 0, 1.0))

    sheet = record(0x0809, bytes(16)) + number(0, 0) + number(65535, 255) + record(0x000A)
    name = b"Hoja"
    globals_ = record(0x0809, bytes(16))
    boundsheet_size = 4 + 8 + len(name)
    hidden_at = (
        len(globals_) + boundsheet_size + 4 + 4
    )  # after BOUNDSHEET, EOF, and an unknown record's header
    globals_ += record(0x0085, struct.pack("<IBBBB", hidden_at, 0, 0, len(name), 0) + name) + record(0x000A)
    stream = globals_ + record(0x1234, sheet)  # the sheet inside an unknown record: walked past in sequence
    assert xls_stream_extents(stream) == {"Hoja": (65536, 256)}
