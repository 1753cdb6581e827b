"""The tools a user would otherwise reach for, run on the same workbook (bench only, never a dependency).

  python bench/peers.py docxtpl WORKBOOK TEMPLATE OUT.docx   openpyxl read + docxtpl (Jinja in Word)
  python bench/peers.py markdown WORKBOOK OUT.md            the same content as Markdown for pandoc
  python bench/peers.py template OUT.docx                    the docxtpl template the first one uses
"""

from __future__ import annotations

import sys
from pathlib import Path


def read_plan(workbook: Path) -> list[dict]:
    """Areas → objectives → initiatives from the long table, read with openpyxl (read-only)."""
    from openpyxl import load_workbook

    wb = load_workbook(workbook, read_only=True, data_only=True)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    next(rows)
    areas: dict[str, dict[str, list[dict]]] = {}
    for area, objective, initiative, owner, start, end, kpi, baseline, target in rows:
        areas.setdefault(area, {}).setdefault(objective, []).append(
            {"title": initiative, "owner": owner, "start": start, "end": end, "kpi": kpi,
             "baseline": baseline, "target": target})
    return [{"name": a, "objectives": [{"title": o, "initiatives": i} for o, i in objectives.items()]}
            for a, objectives in areas.items()]


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
    for cell, text in zip(table.rows[0].cells, ["Initiative", "Owner", "Start", "End", "KPI", "Target"],
                          strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for i in obj.initiatives %}"
    fields = ["{{ i.title }}", "{{ i.owner }}", "{{ i.start }}", "{{ i.end }}", "{{ i.kpi }}",
              "{{ i.baseline }} → {{ i.target }}"]
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
            lines += [f"## {obj['title']}", "", "| Initiative | Owner | Start | End | KPI | Target |",
                      "|---|---|---|---|---|---|"]
            lines += [f"| {i['title']} | {i['owner']} | {i['start']} | {i['end']} | {i['kpi']} | "
                      f"{i['baseline']} → {i['target']} |" for i in obj["initiatives"]]
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
