"""The tools a user would otherwise reach for, run on the same workbook (bench only, never a dependency).

Like for like: each writes the draft's four bulky parts — the chapters (a heading per area and
objective, a row per initiative), the roadmap (a row per initiative, a cell per plan year, shaded
where it runs), the monitoring table (a row per indicator) and the source trace (a row per objective
and initiative).

python bench/peers.py docxtpl WORKBOOK TEMPLATE OUT.docx   openpyxl read + docxtpl (Jinja in Word, `cellbg`)
python bench/peers.py markdown WORKBOOK OUT.md            the same content as Markdown for pandoc
python bench/peers.py template OUT.docx                    the docxtpl template the first one uses
python bench/peers.py floor WORKBOOK OUT.docx              the floor: calamine read, the same rows as
                                                           plain WordprocessingML text, deflated; no model
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
    for number, values in enumerate(rows, start=2):
        item = {f: values[c] if c < len(values) else None for f, c in columns.items()}
        if not item.get("initiative"):
            continue
        area = item.get("area") or sheet.title
        objective = item.get("objective") or "—"
        areas.setdefault(area, {}).setdefault(objective, []).append(
            {
                "title": item["initiative"],
                **{k: item.get(k) or "" for k in ("owner", "start", "end", "kpi", "baseline", "target")},
                "source": f"{workbook.name}, sheet '{sheet.title}', row {number}",
            }
        )
    return [
        {"name": a, "objectives": [{"title": o, "initiatives": i} for o, i in objectives.items()]}
        for a, objectives in areas.items()
    ]


YEARS = list(range(2012, 2017))  # the plan period of the generated missions


def _year(value: object) -> int | None:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else None


def roadmap_rows(areas: list[dict]) -> list[dict]:
    """A row per initiative with a flag per plan year: whether it runs that year."""
    rows = []
    for area in areas:
        for obj in area["objectives"]:
            for i in obj["initiatives"]:
                start, end = _year(i["start"]) or YEARS[0], _year(i["end"]) or YEARS[-1]
                rows.append({"title": i["title"], "years": [start <= y <= end for y in YEARS]})
    return rows


def context(workbook: Path) -> dict:
    """What the four parts are written from."""
    areas = read_plan(workbook)
    initiatives = [i for a in areas for o in a["objectives"] for i in o["initiatives"]]
    trace = [(o["title"], o["initiatives"][0]["source"]) for a in areas for o in a["objectives"]]
    trace += [(i["title"], i["source"]) for i in initiatives]
    return {
        "areas": areas,
        "years": YEARS,
        "roadmap": roadmap_rows(areas),
        "kpis": [i for i in initiatives if i["kpi"]],
        "trace": [{"item": t, "source": s} for t, s in trace],
    }


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

    document.add_heading("Implementation roadmap", level=1)
    roadmap = document.add_table(rows=4, cols=4)  # docxtpl's column loop: {%tc for %} | cell | {%tc endfor %}
    roadmap.style = "Table Grid"
    for cell, text in zip(
        roadmap.rows[0].cells,
        ["Initiative", "{%tc for y in years %}", "{{ y }}", "{%tc endfor %}"],
        strict=True,
    ):
        cell.text = text
    roadmap.rows[1].cells[0].text = "{%tr for r in roadmap %}"
    for cell, text in zip(
        roadmap.rows[2].cells,
        [
            "{{ r.title }}",
            "{%tc for on in r.years %}",
            "{% cellbg '1F4E79' if on else 'FFFFFF' %}",
            "{%tc endfor %}",
        ],
        strict=True,
    ):
        cell.text = text
    roadmap.rows[3].cells[0].text = "{%tr endfor %}"

    document.add_heading("Monitoring and evaluation", level=1)
    monitoring = document.add_table(rows=4, cols=4)
    monitoring.style = "Table Grid"
    for cell, text in zip(
        monitoring.rows[0].cells, ["Indicator", "Responsible", "Baseline", "Target"], strict=True
    ):
        cell.text = text
    monitoring.rows[1].cells[0].text = "{%tr for k in kpis %}"
    for cell, text in zip(
        monitoring.rows[2].cells,
        ["{{ k.kpi }}", "{{ k.owner }}", "{{ k.baseline }}", "{{ k.target }}"],
        strict=True,
    ):
        cell.text = text
    monitoring.rows[3].cells[0].text = "{%tr endfor %}"

    document.add_heading("Source trace", level=1)
    trace = document.add_table(rows=4, cols=2)
    trace.style = "Table Grid"
    trace.rows[0].cells[0].text, trace.rows[0].cells[1].text = "Item", "Source"
    trace.rows[1].cells[0].text = "{%tr for t in trace %}"
    trace.rows[2].cells[0].text, trace.rows[2].cells[1].text = "{{ t.item }}", "{{ t.source }}"
    trace.rows[3].cells[0].text = "{%tr endfor %}"
    document.save(str(out))


def docxtpl_render(workbook: Path, template: Path, out: Path) -> None:
    from docxtpl import DocxTemplate

    doc = DocxTemplate(str(template))
    doc.render(context(workbook), autoescape=True)
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
    data = context(workbook)
    lines += ["# Implementation roadmap", "", "| Initiative | " + " | ".join(map(str, YEARS)) + " |"]
    lines += ["|---" * (len(YEARS) + 1) + "|"]
    lines += [
        f"| {r['title']} | " + " | ".join("■" if on else "" for on in r["years"]) + " |"
        for r in data["roadmap"]
    ]
    lines += [
        "",
        "# Monitoring and evaluation",
        "",
        "| Indicator | Responsible | Baseline | Target |",
        "|---|---|---|---|",
    ]
    lines += [f"| {k['kpi']} | {k['owner']} | {k['baseline']} | {k['target']} |" for k in data["kpis"]]
    lines += ["", "# Source trace", "", "| Item | Source |", "|---|---|"]
    lines += [f"| {t['item']} | {t['source']} |" for t in data["trace"]]
    out.write_text("\n".join(lines) + "\n", "utf-8")


def floor(workbook: Path, out: Path) -> None:
    """The least a tool can do: read the sheet with calamine, write the same rows as
    WordprocessingML text (no model, no checks, no styles) and deflate it into a package."""
    import zipfile
    from xml.sax.saxutils import escape

    from python_calamine import CalamineWorkbook

    rows = iter(CalamineWorkbook.from_path(str(workbook)).get_sheet_by_index(0).to_python())
    col: dict[str, int] = {}
    for header in rows:  # the first row naming three of the columns, as the other peers find it
        col = {f: c for c, cell in reversed(list(enumerate(header))) if (f := _field(cell))}
        if len(col) >= 3:
            break
    data = [{f: r[c] if c < len(r) else "" for f, c in col.items()} for r in rows]
    data = [r for r in data if r.get("initiative")]

    def tr(cells: list[object], shaded: list[bool] | None = None) -> str:
        tcs = []
        for n, cell in enumerate(cells):
            fill = '<w:tcPr><w:shd w:val="clear" w:fill="1F4E79"/></w:tcPr>' if shaded and shaded[n] else ""
            tcs.append(f"<w:tc>{fill}<w:p><w:r><w:t>{escape(str(cell))}</w:t></w:r></w:p></w:tc>")
        return "<w:tr>" + "".join(tcs) + "</w:tr>"

    def cells(r: dict, *fields: str) -> list[object]:
        return [r.get(f, "") for f in fields]

    body = [
        "<w:tbl>",
        *(tr(cells(r, "initiative", "owner", "start", "end", "kpi")) for r in data),
        "</w:tbl>",
    ]
    body.append("<w:tbl>")
    for r in data:
        start, end = _year(r.get("start")) or YEARS[0], _year(r.get("end")) or YEARS[-1]
        body.append(tr([r["initiative"], *[""] * len(YEARS)], [False, *[start <= y <= end for y in YEARS]]))
    body += ["</w:tbl>", "<w:tbl>", *(tr(cells(r, "kpi", "owner", "baseline", "target")) for r in data)]
    body += [
        "</w:tbl>",
        "<w:tbl>",
        *(tr([r["initiative"], f"{workbook.name}, row {n}"]) for n, r in enumerate(data, 2)),
    ]
    body.append("</w:tbl>")
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + "".join(body)
        + "</w:body></w:document>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", xml)


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    if kind == "docxtpl":
        docxtpl_render(Path(args[0]), Path(args[1]), Path(args[2]))
    elif kind == "markdown":
        markdown(Path(args[0]), Path(args[1]))
    elif kind == "template":
        make_template(Path(args[0]))
    elif kind == "floor":
        floor(Path(args[0]), Path(args[1]))
    else:
        raise SystemExit(f"unknown peer {kind!r}")
