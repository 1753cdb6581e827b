"""Write the corpus of broken and hostile mission folders and `cases.json` (case → exit code, words;
the missions are Spanish, so the errors about their captures are expected in Spanish).

Usage: python tests/hostile/make_corpus.py   (writes tests/hostile/cases/; the files are committed,
so the tests need neither this script's extras nor LibreOffice). Needs openpyxl and python-docx;
the encrypted case needs msoffcrypto-tool and the .ods case LibreOffice (both skipped when absent).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from openpyxl import Workbook

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
from biff12 import xlsb  # noqa: E402  (the tests' own .xlsb writer)

CASES = HERE / "cases"
TOML = 'administration = "Aduana de prueba"\nperiod = "2012-2016"\nlanguage = "es"\n'
XXE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    + "]>\n"
)


def _good_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Área clave", "Objetivo estratégico", "Iniciativa", "Responsable", "Inicio", "Plazo"])
    ws.append(["Gestión estratégica", "Planificar", "Crear unidad", "Dirección", 2012, 2013])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, member: str, edit: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info.filename, edit(content) if info.filename == member else content)
    return out.getvalue()


def _docx_notes() -> bytes:
    document = docx.Document()
    document.add_heading("Decisiones", level=2)
    document.add_paragraph("Texto &xxe;")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _prefixed(xml: bytes) -> bytes:
    """The same sheet with a prefix on every tag (`<x:c>`), as some writers save it."""
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    xml = xml.replace(main, main.replace(b"xmlns=", b"xmlns:x="))
    return re.sub(rb"<(/?)([A-Za-z]+)([ >/])", rb"<\1x:\2\3", xml)


def _without_refs(xml: bytes) -> bytes:
    """The same sheet with cells placed by position: no `r` on cells, empty cells up to the far one."""
    xml = re.sub(rb'<c r="[A-Z]+([0-9]+)"', b"<c", xml)
    return xml.replace(b'<row r="1048576">', b'<row r="1048576">' + b"<c/>" * 16383)


def _moved_sheet(data: bytes) -> bytes:
    """The same workbook with its sheet stored at xl/elsewhere/s.xml (the relationships say where)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                content = content.replace(b"worksheets/sheet1.xml", b"elsewhere/s.xml")
            dst.writestr(info.filename.replace("xl/worksheets/sheet1.xml", "xl/elsewhere/s.xml"), content)
    return out.getvalue()


def _with_prolog(prolog: str, marker: bytes) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1].lstrip() if xml.startswith(b"<?xml") else xml
        return prolog.encode() + body.replace(b"Texto &amp;xxe;", marker)

    return edit


def build() -> list[dict]:
    good = _good_workbook()
    cases: list[dict] = []

    def case(
        name: str,
        files: dict[str, bytes | str],
        words: list[str],
        *,
        exit_code: int = 2,
        toml: str | None = TOML,
        args: list[str] | None = None,
        absent: list[str] | None = None,
    ) -> None:
        folder = CASES / name
        folder.mkdir(parents=True)
        if toml is not None:
            (folder / "mission.toml").write_text(toml, "utf-8")
        for file_name, content in files.items():
            path = folder / file_name
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        cases.append(
            {"case": name, "exit": exit_code, "words": words, "args": args or [], "absent": absent or []}
        )

    case("csv_named_xlsx", {"grupo1.xlsx": "Objetivo;Iniciativa\nA;B\n"}, ["grupo1.xlsx", "CSV"])
    case(
        "html_named_xlsx",
        {"grupo1.xlsx": "<html><body><table><tr><td>A</td></tr></table></body></html>"},
        ["grupo1.xlsx", "HTML"],
    )
    case(
        "pdf_named_xlsx",
        {"grupo1.xlsx": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"},
        ["grupo1.xlsx", "formatos legibles", ".ods"],
    )
    case("truncated_zip", {"grupo1.xlsx": good[: len(good) // 2]}, ["grupo1.xlsx", "dañado"])
    case(
        "zip_not_workbook",
        {"grupo1.xlsx": _zip({"hello.txt": b"not a workbook"})},
        ["grupo1.xlsx", "no se puede leer como planilla"],
    )
    case("empty_file", {"grupo1.xlsx": b""}, ["grupo1.xlsx", "empty"])
    empty = io.BytesIO()
    Workbook().save(empty)
    case("empty_workbook", {"grupo1.xlsx": empty.getvalue()}, ["grupo1.xlsx", "empty"])
    case(
        "notes_not_docx",
        {"grupo1.xlsx": good, "notas.docx": "solo texto"},
        ["notas.docx", "no es un documento de Word"],
    )
    case(
        "toml_syntax",
        {"grupo1.xlsx": good},
        ["mission.toml", "line 2", "column"],
        toml='administration = "X"\nperiod = 2012-2016"\n',
    )
    case(
        "toml_period_reversed",
        {"grupo1.xlsx": good},
        ["mission.toml", "before it starts"],
        toml='administration = "X"\nperiod = "2016-2012"\n',
    )
    case(
        "toml_language",
        {"grupo1.xlsx": good},
        ["mission.toml", "unknown language 'de'"],
        toml='administration = "X"\nperiod = "2012-2016"\nlanguage = "de"\n',
    )
    case("toml_missing", {"grupo1.xlsx": good}, ["mission.toml"], toml=None)
    case("no_captures", {"leeme.pdf": b"%PDF-1.4"}, ["no tiene capturas del taller"])
    case(
        "zip_bomb_ratio",
        {"grupo1.xlsx": _rewrite(good, "xl/worksheets/sheet1.xml", lambda xml: xml + b" " * (8 * 2**20))},
        ["grupo1.xlsx", "zip bomb"],
    )
    case(
        "xxe_workbook",
        {"grupo1.xlsx": _rewrite(good, "xl/workbook.xml", _with_prolog(XXE, b""))},
        ["grupo1.xlsx", "DOCTYPE"],
        absent=["root:"],
    )
    case(
        "xxe_docx_notes",
        {
            "grupo1.xlsx": good,
            "notas.docx": _rewrite(_docx_notes(), "word/document.xml", _with_prolog(XXE, b"Texto &xxe;")),
        },
        ["notas.docx", "DOCTYPE"],
        absent=["root:"],
    )
    case(
        "billion_laughs_docx",
        {
            "grupo1.xlsx": good,
            "notas.docx": _rewrite(
                _docx_notes(),
                "word/document.xml",
                _with_prolog(LAUGHS.replace("lolz", "w:document"), b"&lol9;"),
            ),
        },
        ["notas.docx", "DOCTYPE"],
    )
    template = _rewrite(_docx_notes(), "word/document.xml", _with_prolog(XXE, b"&xxe;"))
    case(
        "xxe_template",
        {"grupo1.xlsx": good, "plantilla.dotx.bin": template},
        ["plantilla.dotx.bin", "DOCTYPE"],
        args=["--template", "{case}/plantilla.dotx.bin"],
        absent=["root:"],
    )
    far = Workbook()
    far.active["A1"], far.active["B1"] = "Objetivo", "Iniciativa"
    far.active["XFD1048576"] = "lejos"
    buffer = io.BytesIO()
    far.save(buffer)
    case(
        "sheet_spans_too_far", {"grupo1.xlsx": buffer.getvalue()}, ["grupo1.xlsx", "hoja 'Sheet'", "límites"]
    )
    case(
        "sheet_spans_too_far_no_refs",
        {"grupo1.xlsx": _rewrite(buffer.getvalue(), "xl/worksheets/sheet1.xml", _without_refs)},
        ["grupo1.xlsx", "hoja 'Sheet'", "límites"],
    )
    case(
        "sheet_spans_too_far_moved",
        {"grupo1.xlsx": _moved_sheet(buffer.getvalue())},
        ["grupo1.xlsx", "hoja 'Sheet'", "límites"],
    )
    case(
        "sheet_spans_too_far_prefixed",
        {"grupo1.xlsx": _rewrite(buffer.getvalue(), "xl/worksheets/sheet1.xml", _prefixed)},
        ["grupo1.xlsx", "hoja 'Sheet'", "límites"],
    )
    case(
        "cell_too_long",
        {
            "grupo1.xlsx": _rewrite(
                good, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"Crear unidad", b"x" * 40_000)
            )
        },
        ["grupo1.xlsx", "celda", "caracteres"],
    )
    case(
        "output_is_a_file",
        {"grupo1.xlsx": good},
        ["no se puede escribir"],
        args=["-o", "{case}/mission.toml/out"],
    )
    case(
        "xlsb_spans_too_far",
        {"grupo1.xlsb": xlsb([(0, 0, "Objetivo"), (0, 1, "Iniciativa"), (1048575, 16383, 1.0)])},
        ["grupo1.xlsb", "hoja 'Hoja'", "1.048.576 filas"],
    )
    if (encrypted := _encrypted(good)) is not None:
        case("encrypted_workbook", {"grupo1.xlsx": encrypted}, ["grupo1.xlsx", "encrypted"])
    if (ods := _far_ods()) is not None:
        case("ods_spans_too_far", {"grupo1.ods": ods}, ["grupo1.ods", "límites"])
    if (xls := _far_xls()) is not None:
        case("xls_spans_too_far", {"grupo1.xls": xls}, ["grupo1.xls", "hoja 'Sheet'", "65.536 filas"])
    return cases


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _encrypted(data: bytes) -> bytes | None:
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        print("msoffcrypto-tool not installed: encrypted case skipped", file=sys.stderr)
        return None
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt("secreto", out)
    return out.getvalue()


def _libreoffice(wb: Workbook, target: str) -> bytes | None:
    """The workbook saved by LibreOffice in another format (None when LibreOffice is missing)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print(f"LibreOffice not installed: .{target} case skipped", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as tmp:
        wb.save(Path(tmp) / "far.xlsx")
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                tmp,
                str(Path(tmp) / "far.xlsx"),
            ],
            check=True,
            capture_output=True,
        )
        return (Path(tmp) / f"far.{target}").read_bytes()


def _far_ods() -> bytes | None:
    """An .ods whose filled cells run 600 columns wide (the limit is 500), saved by LibreOffice."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Hoja")
    for row in range(10):
        ws.append([f"r{row}c{col}" for col in range(600)])
    return _libreoffice(wb, "ods")


def _far_xls() -> bytes | None:
    """A legacy .xls with two filled cells at A1 and IV65536 (its largest possible sheet)."""
    wb = Workbook()
    wb.active["A1"], wb.active["IV65536"] = "Objetivo", "lejos"
    return _libreoffice(wb, "xls")


if __name__ == "__main__":
    shutil.rmtree(CASES, ignore_errors=True)
    written = build()
    (HERE / "cases.json").write_text(json.dumps(written, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {len(written)} cases to {CASES}")
