"""Write the same small Spanish capture with every tool a workshop room may have used.

Usage: python tests/writers/make_writers.py   (writes tests/writers/<writer>/ mission folders and
expected.json; the files are committed so the tests need none of these tools). Needs openpyxl,
xlsxwriter and python-docx; LibreOffice (Calc and Writer) and pandoc for their cases.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import xlsxwriter
from openpyxl import Workbook

HERE = Path(__file__).parent
TOML = (
    'administration = "Servicio Nacional de Aduanas"\nperiod = "2012-2016"\nlanguage = "es"\n'
    "date = 2012-03-23\n"
)
HEADER = [
    "Área clave",
    "Objetivo estratégico",
    "Iniciativa",
    "Responsable",
    "Inicio",
    "Plazo",
    "Indicador",
    "Línea base",
    "Meta",
    "Votos",
]
ROWS = [
    [
        "Marco legal y de procedimientos",
        "Modernizar la legislación aduanera",
        "Redactar la nueva Ley de Aduanas",
        "Departamento Jurídico",
        dt.date(2012, 6, 1),
        "4T 2013",
        "Ley enviada al Congreso",
        "No",
        "Sí",
    ],
    [
        None,
        None,
        "Adherir al Convenio de Kioto revisado",
        "Departamento Jurídico",
        2013,
        2014,
        "Instrumento depositado",
        "No",
        "Sí",
    ],
    [
        "Gestión del cumplimiento",
        "Extender la gestión de riesgos",
        "Perfilar todas las declaraciones",
        "Unidad de Riesgo",
        "junio 2012",
        "diciembre 2013",
        "Declaraciones perfiladas (%)",
        "35%",
        "100%",
    ],
    [
        None,
        None,
        "Reducir la tasa de inspección física",
        "Unidad de Riesgo",
        2013,
        2016,
        "Tasa de inspección física (%)",
        "42%",
        "15%",
    ],
    [
        None,
        "Fortalecer la fiscalización posterior",
        "Crear la unidad de auditoría posterior",
        "Dirección de Fiscalización",
        "2012-09",
        "2013-12",
        "Auditores formados",
        "4",
        "20",
    ],
    [
        None,
        None,
        "Plan anual de auditoría basado en riesgo",
        "Dirección de Fiscalización",
        2013,
        2016,
        "Auditorías por año",
        "25",
        "150",
    ],
]
NOTES_MD = (
    "# Notas del taller\n\n## Misión\n\nFacilitar el comercio legítimo.\n\nEstado: validada\n\n"
    "## Decisiones\n\n- El plan cubre 2012-2016.\n- Revisión intermedia en 2014.\n"
)
NOTES_TXT = "VISIÓN\nUna aduana moderna y confiable.\n\nTEMAS PENDIENTES\n- ¿Quién preside el comité?\n"


def _expected() -> list[list[object]]:
    out, area, objective = [], None, None
    for row in ROWS:
        area, objective = row[0] or area, row[1] or objective
        out.append([area, objective, row[2], row[3]])
    return out


def _merges() -> list[tuple[int, int, int, int]]:
    """(first row, col, last row, col), 0-based in the data, for merged Area/Objective cells."""
    return [(0, 0, 1, 0), (0, 1, 1, 1), (2, 0, 5, 0), (2, 1, 3, 1), (4, 1, 5, 1)]


def openpyxl_book(path: Path) -> None:
    """openpyxl: inline strings, a formula with no saved result (openpyxl never computes one)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Matriz"
    ws.append(["Taller de planificación estratégica — marzo de 2012"])
    ws.append([])
    ws.append(HEADER)
    for n, row in enumerate(ROWS):
        ws.append([*row, f"={n}+3"])
    for r0, c0, r1, c1 in _merges():
        ws.merge_cells(start_row=r0 + 4, start_column=c0 + 1, end_row=r1 + 4, end_column=c1 + 1)
    wb.save(path)


def xlsxwriter_book(path: Path) -> None:
    """xlsxwriter: shared strings, cached formula results, the 1904 date system, an _x0007_ escape."""
    wb = xlsxwriter.Workbook(str(path), {"date_1904": True})
    ws = wb.add_worksheet("Matriz")
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["Taller de planificación estratégica — marzo de 2012"])
    ws.write_row(2, 0, HEADER)
    for n, row in enumerate(ROWS):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(3 + n, c, dt.datetime.combine(value, dt.time()), date_format)
            elif value is not None:
                text = value if not (n == 5 and c == 2) else value + "\x07"
                ws.write(3 + n, c, text)
        ws.write_formula(3 + n, 9, f"={n}+3", None, n + 3)
    for r0, c0, r1, c1 in _merges():
        first = ROWS[r0][c0]
        ws.merge_range(3 + r0, c0, 3 + r1, c1, first)
    wb.close()


def _soffice(source: Path, target_format: str, out_dir: Path) -> Path | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print(f"LibreOffice not installed: {target_format} case skipped", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target_format,
                "--outdir",
                str(out_dir),
                str(source),
            ],
            check=True,
            capture_output=True,
        )
    return out_dir / f"{source.stem}.{target_format.split(':')[0]}"


def python_docx_notes(path: Path) -> None:
    """Word-like notes: heading styles and List Bullet paragraphs, as python-docx (and Word) write them."""
    document = docx.Document()
    document.add_heading("Notas del día 2", level=1)
    document.add_heading("Amenazas", level=2)
    document.add_paragraph("Contrabando creciente", style="List Bullet")
    document.add_heading("Riesgos", level=2)
    document.add_paragraph("Recortes presupuestarios en 2013", style="List Bullet")
    document.save(str(path))


NOTES_HTML = (
    "<html><body><h1>Notas del día 2</h1><h2>Amenazas</h2><ul><li>Contrabando creciente</li></ul>"
    "<h2>Riesgos</h2><ul><li>Recortes presupuestarios en 2013</li></ul></body></html>"
)


def build() -> dict:
    cases: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)

        def folder(name: str, **extra: object) -> Path:
            path = HERE / name
            path.mkdir(parents=True)
            (path / "mission.toml").write_text(TOML, "utf-8")
            cases[name] = {"findings": [], **extra}
            return path

        openpyxl_book(folder("openpyxl", findings=["READ010"]) / "matriz.xlsx")
        xlsxwriter_book(folder("xlsxwriter", findings=["READ008"]) / "matriz.xlsx")
        openpyxl_book(work / "matriz.xlsx")
        for name, fmt in (
            ("libreoffice_xlsx", "xlsx:Calc MS Excel 2007 XML"),
            ("libreoffice_ods", "ods"),
            ("legacy_xls", "xls:MS Excel 97"),
        ):
            converted = _soffice(work / "matriz.xlsx", fmt, work / name)
            if converted is not None:
                target = folder(name)
                shutil.copy(converted, target / converted.name)
        notes = folder("notes_text", notes=True)
        (notes / "notas.md").write_text(NOTES_MD, "utf-8")
        (notes / "notas_bom.txt").write_bytes(b"\xef\xbb\xbf" + NOTES_TXT.encode("utf-8"))
        (notes / "notas_1252.txt").write_bytes(NOTES_TXT.replace("VISIÓN", "VISION").encode("cp1252"))
        python_docx_notes(folder("notes_word", notes=True) / "notas.docx")
        (work / "notas.html").write_text(NOTES_HTML, "utf-8")
        converted = _soffice(work / "notas.html", "docx:MS Word 2007 XML", work / "lo")
        if converted is not None:
            shutil.copy(converted, folder("notes_libreoffice", notes=True) / "notas.docx")
        pandoc = shutil.which("pandoc")
        if pandoc:
            target = folder("notes_pandoc", notes=True) / "notas.docx"
            subprocess.run([pandoc, "-f", "html", "-o", str(target)], input=NOTES_HTML.encode(), check=True)
        else:
            print("pandoc not installed: pandoc case skipped", file=sys.stderr)
    return {"expected": _expected(), "cases": cases}


if __name__ == "__main__":
    for child in HERE.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
    result = build()
    (HERE / "expected.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {len(result['cases'])} writer cases to {HERE}")
