"""The tools a user would otherwise reach for, run on the same workbook (bench only, never a dependency).

python bench/peers.py docxtpl WORKBOOK TEMPLATE OUT.docx   openpyxl read + docxtpl (Jinja in Word)
python bench/peers.py markdown WORKBOOK OUT.md            the same content as Markdown for pandoc
python bench/peers.py template OUT.docx                    the docxtpl template the first one uses
"""

from __future__ import annotations

import sys
from pathlib import Path

# The long table's columns as a workshop names them (a peer script would be written for its layout).
COLUMNS = {
    "area": ("area", "área", "key area", "área clave", "area clave", "axe", "eje"),
    "objective": ("objective", "objetivo", "objectif", "strategic objective", "objetivo estratégico"),
    "initiative": ("initiative", "iniciativa", "action", "acción", "key initiative"),
    "owner": ("owner", "responsable", "lead"),
    "start": ("start", "inicio", "début", "debut"),
    "end": ("end", "fin", "término", "échéance"),
    "kpi": ("kpi", "indicator", "indicador", "indicateur"),
    "baseline": ("baseline", "línea base", "linea base", "valeur de référence", "référence"),
    "target": ("target", "meta", "cible"),
}


def _field(header: object) -> str | None:
    name = str(header or "").strip().lower()
    return next((f for f, words in COLUMNS.items() if name in words), None)


def read_plan(workbook: Path) -> list[dict]:
    """Areas → objectives → initiatives from the long table (first sheet), read with openpyxl
    (read-only): the header is the first row naming three of the columns; rows without an
    initiative are passed over."""
    from openpyxl import load_workbook

    wb = load_workbook(workbook, read_only=True, data_only=True)
    sheet = wb.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    columns: dict[str, int] = {}
    for header in rows:
        columns = {f: c for c, cell in reversed(list(enumerate(header))) if (f := _field(cell))}
        if len(columns) >= 3:
            break
    areas: dict[str, dict[str, list[dict]]] = {}
    for values in rows:
        item = {f: values[c] if c < len(values) else None for f, c in columns.items()}
        if not item.get("initiative"):
            continue
        area = item.get("area") or sheet.title
        objective = item.get("objective") or "—"
        areas.setdefault(area, {}).setdefault(objective, []).append(
            {
                "title": item["initiative"],
                **{k: item.get(k) or "" for k in ("owner", "start", "end", "kpi", "baseline", "target")},
            }
        )
    return [
        {"name": a, "objectives": [{"title": o, "initiatives": i} for o, i in objectives.items()]}
        for a, objectives in areas.items()
    ]


def make_template(out: Path) -> None:
    """Heading per area, heading per objective, one table row per initiative, as Jinja in Word."""
    import docx

    document = docx.Document()
    document.add_paragraph("{%p for area in areas %}")
    document.add_heading("{{ area.name }}", level=1)
    document.add_paragraph("{%p for obj in area.objectives %}")
    document.add_heading("{{ obj.title }}", level=2)
    table = document.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["Initiative", "Owner", "Start", "End", "KPI", "Target"], strict=True
    ):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for i in obj.initiatives %}"
    fields = [
        "{{ i.title }}",
        "{{ i.owner }}",
        "{{ i.start }}",
        "{{ i.end }}",
        "{{ i.kpi }}",
        "{{ i.baseline }} → {{ i.target }}",
    ]
    for cell, text in zip(table.rows[2].cells, fields, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.save(str(out))


def docxtpl_render(workbook: Path, template: Path, out: Path) -> None:
    from docxtpl import DocxTemplate

    doc = DocxTemplate(str(template))
    doc.render({"areas": read_plan(workbook)}, autoescape=True)
    doc.save(str(out))


def markdown(workbook: Path, out: Path) -> None:
    lines: list[str] = []
    for area in read_plan(workbook):
        lines += [f"# {area['name']}", ""]
        for obj in area["objectives"]:
            lines += [
                f"## {obj['title']}",
                "",
                "| Initiative | Owner | Start | End | KPI | Target |",
                "|---|---|---|---|---|---|",
            ]
            lines += [
                f"| {i['title']} | {i['owner']} | {i['start']} | {i['end']} | {i['kpi']} | "
                f"{i['baseline']} → {i['target']} |"
                for i in obj["initiatives"]
            ]
            lines.append("")
    out.write_text("\n".join(lines), "utf-8")


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    if kind == "docxtpl":
        docxtpl_render(Path(args[0]), Path(args[1]), Path(args[2]))
    elif kind == "markdown":
        markdown(Path(args[0]), Path(args[1]))
    elif kind == "template":
        make_template(Path(args[0]))
    else:
        raise SystemExit(f"unknown peer {kind!r}")
