"""Workbooks as groups fill them in: headers anywhere, merged cells, per-area sheets, several languages."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import PLAN_HEADER

from pipeline.build import parse
from pipeline.checks import check


def _initiatives(plan, key: str) -> list[tuple[str, str, str | None]]:
    area = next(a for a in plan.areas if a.key == key)
    return [(o.title, i.title, i.owner) for o in area.objectives for i in o.initiatives]


def test_long_table_with_title_rows_and_merged_cells(make_mission) -> None:
    folder = make_mission(
        {
            "Plan": [
                ["Taller de planificación estratégica 2012"],
                [],
                PLAN_HEADER,
                [
                    "HR Development",
                    "Train staff",
                    "Build academy",
                    "HR",
                    "Q2 2012",
                    "2013",
                    "Trained (%)",
                    "10",
                    "80",
                ],
                [None, None, "Design curriculum", "Academy", "2013-06", "junio 2014", None, None, None],
                [
                    "Compliance Mgmt",
                    "Extend risk management",
                    "Profile imports",
                    "Risk Unit",
                    2013,
                    2014,
                    None,
                    None,
                    None,
                ],
            ]
        },
        merges={"Plan": ["A4:A5", "B4:B5"]},
    )
    plan = parse(folder)
    assert _initiatives(plan, "hr") == [
        ("Train staff", "Build academy", "HR"),
        ("Train staff", "Design curriculum", "Academy"),
    ]
    assert _initiatives(plan, "compliance") == [("Extend risk management", "Profile imports", "Risk Unit")]
    second = plan.areas[2].objectives[0].initiatives[1]
    assert (str(second.start), str(second.end)) == ("2013-06", "2014-06")
    assert (second.source.sheet, second.source.cell) == ("Plan", "A5:F5")
    matches = {m.label: (m.key, m.confidence) for m in plan.area_matches}
    assert matches["HR Development"][0] == "hr" and matches["Compliance Mgmt"][0] == "compliance"


def test_spanish_sheet_per_area_with_heading_cell(make_mission) -> None:
    folder = make_mission(
        {
            "Grupo 2": [
                ["Área clave: Gestión estratégica"],
                [],
                [
                    "N°",
                    "Objetivo estratégico",
                    "Iniciativa",
                    "Responsable",
                    "Plazo",
                    "Indicador",
                    "Línea base",
                    "Meta",
                ],
                [
                    "2.1",
                    "Planificar",
                    "Crear unidad de planificación",
                    "Dirección",
                    "2T 2013",
                    "Unidad creada",
                    "0",
                    "1",
                ],
            ]
        },
        language="es",
    )
    plan = parse(folder)
    (initiative,) = [i for o in plan.areas[1].objectives for i in o.initiatives]
    assert plan.areas[1].name == "Gestión estratégica"
    assert initiative.title == "Crear unidad de planificación" and str(initiative.end) == "Q2 2013"
    assert initiative.indicator and initiative.indicator.target == "1"


def test_french_headers_and_two_tables_on_one_sheet(make_mission) -> None:
    folder = make_mission(
        {
            "Atelier": [
                ["Axe stratégique : Cadre juridique et procédural"],
                ["Objectif stratégique", "Initiative", "Pilote", "Échéance"],
                ["Moderniser le code", "Rédiger le code", "Juridique", "déc. 2013"],
                [],
                ["Axe stratégique : Gestion de la conformité"],
                ["Objectif stratégique", "Initiative", "Pilote", "Échéance"],
                ["Cibler les contrôles", "Créer un centre de ciblage", "Risques", "T4 2014"],
            ]
        },
        language="fr",
    )
    plan = parse(folder)
    assert _initiatives(plan, "legal") == [("Moderniser le code", "Rédiger le code", "Juridique")]
    assert _initiatives(plan, "compliance") == [
        ("Cibler les contrôles", "Créer un centre de ciblage", "Risques")
    ]


def test_unmatched_area_is_kept_and_reported(make_mission) -> None:
    folder = make_mission(
        {
            "P": [
                PLAN_HEADER,
                ["Legal", "Reform", "Draft law", "Legal", 2012, 2013, None, None, None],
                ["Infrastructure", "Build posts", "New post", "Works", 2013, 2014, None, None, None],
            ]
        }
    )
    plan = parse(folder)
    assert plan.unmatched[0].label == "Infrastructure"
    assert plan.unmatched[0].objectives[0].initiatives[0].title == "New post"
    assert any(f.code == "AREA002" for f in check(plan).findings)


def test_areas_follow_the_captures_when_none_match_the_defaults(make_mission) -> None:
    folder = make_mission(
        {
            "Register": [
                ["ID", "Strategic Thrust", "Initiative", "Lead"],
                ["1", "Organisational excellence", "Digitise the archive", "IT"],
                ["2", "Service delivery", "Open a client desk", "Client Services"],
                ["3", "Organisational excellence", "Train supervisors", "HR"],
            ]
        }
    )
    plan = parse(folder)
    assert [(a.name, [i.title for i in a.initiatives]) for a in plan.areas] == [
        ("Organisational excellence", ["Digitise the archive", "Train supervisors"]),
        ("Service delivery", ["Open a client desk"]),
    ]
    assert not plan.unmatched and not plan.objectives()
    assert [f.code for f in plan.intake] == ["AREA004"]
    assert not [f for f in check(plan).findings if f.code.startswith(("AREA001", "OBJ", "READ005"))]


def test_extra_columns_become_notes_and_a_finding(make_mission) -> None:
    folder = make_mission(
        {
            "P": [
                [*PLAN_HEADER, "Donor code"],
                ["Legal", "Reform", "Draft law", "Legal", 2012, 2013, None, None, None, "B-12"],
            ]
        }
    )
    plan = parse(folder)
    assert plan.areas[0].objectives[0].initiatives[0].notes == {"Donor code": "B-12"}
    assert any(f.code == "READ003" and "'Donor code'" in f.message for f in plan.intake)


def test_row_without_objective_or_initiative_is_a_finding(make_mission) -> None:
    folder = make_mission(
        {
            "P": [
                PLAN_HEADER,
                ["Legal", "Reform", "Draft law", "Legal", 2012, 2013],
                ["Legal", None, None, "Someone", None, None, "orphan KPI"],
            ]
        }
    )
    plan = parse(folder)
    (finding,) = [f for f in plan.intake if f.code == "READ002"]
    assert "orphan KPI" in finding.message and finding.locations[0].cell == "A3:G3"


def test_swot_recommendations_and_statements(make_mission) -> None:
    folder = make_mission(
        {
            "FODA": [
                ["Fortalezas", "Debilidades", "Oportunidades", "Amenazas"],
                ["Equipo", "Ley antigua", None, "Contrabando"],
            ],
            "Recs": [
                ["ID", "Fuente", "Recomendación", "Estado", "Motivo"],
                ["R1", "OMA 2007", "Adherir a Kioto", "Abierta", None],
                ["R2", "FMI 2010", "Laboratorio", "Postergada", "Reforma 2014"],
            ],
            "MV": [["Misión", "Facilitar el comercio", "Sí"], ["Visión", "Aduana moderna"]],
        },
        language="es",
    )
    plan = parse(folder)
    assert [(s.quadrant, s.text) for s in plan.swot] == [
        ("strengths", "Equipo"),
        ("weaknesses", "Ley antigua"),
        ("threats", "Contrabando"),
    ]
    assert [(r.id, r.deferred) for r in plan.recommendations] == [("R1", None), ("R2", "Reforma 2014")]
    assert plan.mission[0].text == "Facilitar el comercio" and plan.mission[0].validated
    assert plan.vision[0].validated is False


def test_control_characters_are_stripped_and_reported(make_mission) -> None:
    # Excel stores a control character as the escape _x0007_; the reader decodes it, then strips it.
    folder = make_mission({"P": [PLAN_HEADER, ["Legal", "Reform", "Draft_x0007_ law", "Legal", 2012, 2013]]})
    plan = parse(folder)
    assert plan.areas[0].objectives[0].initiatives[0].title == "Draft law"
    (finding,) = [f for f in plan.intake if f.code == "READ008"]
    assert finding.locations[0].cell == "C2" and "U+0007" in finding.message


def test_real_dates_keep_their_day(make_mission) -> None:
    folder = make_mission(
        {
            "P": [
                PLAN_HEADER,
                ["Legal", "Reform", "Draft law", "Legal", dt.date(2012, 5, 2), dt.datetime(2013, 1, 31)],
            ]
        }
    )
    initiative = parse(folder).areas[0].objectives[0].initiatives[0]
    assert (str(initiative.start), str(initiative.end)) == ("2012-05-02", "2013-01-31")


def test_headers_with_years_and_wider_wording(make_mission) -> None:
    folder = make_mission(
        {
            "Matriz": [
                [
                    "Eje estratégico",
                    "Objetivos Estratégicos (OE)",
                    "Acciones",
                    "Unidad ejecutora",
                    "Fecha inicio",
                    "Fecha término",
                    "Indicador de resultado",
                    "Línea base 2011",
                    "Meta 2016",
                ],
                [
                    "Gestión estratégica",
                    "Planificar",
                    "Crear la unidad",
                    "Dirección",
                    2012,
                    2013,
                    "Unidad creada",
                    "0",
                    "1",
                ],
            ]
        },
        language="es",
    )
    (initiative,) = [i for a in parse(folder).areas for o in a.objectives for i in o.initiatives]
    assert (initiative.owner, str(initiative.start), str(initiative.end)) == ("Dirección", "2012", "2013")
    assert initiative.indicator is not None
    assert (initiative.indicator.baseline, initiative.indicator.target) == ("0", "1")


def test_objectives_as_section_rows_within_the_table(make_mission) -> None:
    folder = make_mission(
        {
            "Compliance Mgmt": [
                ["No.", "Key initiative", "Owner", "Start", "End"],
                ["Objective 1: Extend risk management"],
                ["1.1", "Profile all declarations", "Risk Unit", 2012, 2013],
                ["1.2", "Cut physical inspections", "Risk Unit", 2013, 2016],
                ["Objective 2 – Strengthen post-clearance audit"],
                ["2.1", "Create an audit unit", "Audit", 2012, 2013],
            ]
        },
        merges={"Compliance Mgmt": ["A2:E2", "A5:E5"]},
    )
    plan = parse(folder)
    got = [(o.title, i.title) for o in plan.areas[4].objectives for i in o.initiatives]
    assert got == [
        ("Extend risk management", "Profile all declarations"),
        ("Extend risk management", "Cut physical inspections"),
        ("Strengthen post-clearance audit", "Create an audit unit"),
    ]
    assert not [f for f in plan.intake if f.severity != "info"]
    (account,) = plan.accounting
    assert account.in_findings == 0 and account.placed == 2 + 10 + 5


def test_xlsb_binary_workbook(make_mission) -> None:
    from biff12 import xlsb

    folder = make_mission()
    header: list[float | str] = ["Área clave", "Objetivo", "Iniciativa", "Responsable", "Inicio", "Plazo"]
    row: list[float | str] = [
        "Cumplimiento",
        "Gestionar riesgos",
        "Perfilar declaraciones",
        "Unidad de Riesgo",
        2012.0,
        2013.0,
    ]
    (folder / "matriz.xlsb").write_bytes(
        xlsb([(0, c, v) for c, v in enumerate(header)] + [(1, c, v) for c, v in enumerate(row)])
    )
    plan = parse(folder)
    (initiative,) = [i for o in plan.areas[4].objectives for i in o.initiatives]
    assert (initiative.title, initiative.owner, str(initiative.end)) == (
        "Perfilar declaraciones",
        "Unidad de Riesgo",
        "2013",
    )
    assert plan.accounting[0].read == 12 and plan.accounting[0].in_findings == 0


def test_hidden_sheets_are_read_too(make_mission) -> None:
    from openpyxl import load_workbook

    folder = make_mission(
        {
            "Visible": [PLAN_HEADER, ["Legal", "Reform", "Draft law", "Legal", 2012, 2013]],
            "Secret": [PLAN_HEADER, ["HR", "Train", "Hidden plan row", "HR", 2012, 2013]],
        }
    )
    wb = load_workbook(folder / "taller.xlsx")
    wb["Secret"].sheet_state = "veryHidden"
    wb.save(folder / "taller.xlsx")
    titles = [i.title for _, o in parse(folder).objectives() for i in o.initiatives]
    assert titles == ["Draft law", "Hidden plan row"]


def _prefix_every_tag(xml: bytes) -> bytes:
    """A sheet as some writers save it: the main namespace on a prefix, `<x:c>` for `<c>`."""
    import re

    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return re.sub(
        rb"<(/?)([A-Za-z]+)([ >/])", rb"<\1x:\2\3", xml.replace(main, main.replace(b"xmlns=", b"xmlns:x="))
    )


def test_sheet_with_prefixed_tags_reads_as_the_plain_one(make_mission) -> None:
    import shutil
    import zipfile

    rows = [
        PLAN_HEADER,
        ["HR Development", "Train staff", "Build academy", "HR", 2012, 2013, "Trained (%)", 10, 80],
        [
            "Compliance Mgmt",
            "Extend risk management",
            "Profile imports",
            "Risk Unit",
            2013,
            2014,
            None,
            None,
            None,
        ],
    ]
    plain = make_mission({"Plan": rows})
    prefixed = plain.parent / "prefixed"
    shutil.copytree(plain, prefixed)
    with zipfile.ZipFile(plain / "taller.xlsx") as src, zipfile.ZipFile(prefixed / "taller.xlsx", "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(
                info, _prefix_every_tag(data) if info.filename.startswith("xl/worksheets/") else data
            )
    assert b"<x:c " in zipfile.ZipFile(prefixed / "taller.xlsx").read("xl/worksheets/sheet1.xml")
    assert parse(prefixed).areas == parse(plain).areas


def test_sheet_extent_is_exact_whatever_the_chunk_cuts(monkeypatch) -> None:
    import io

    from pipeline.read import xlsx_extent as extent

    cells = "".join(
        f'<c r="{col}{row}" t="inlineStr"><is><t>v{row}</t></is></c><c r="Z{row}" s="1"/>'
        for row in range(3, 40)
        for col in ("B", "D")
    )
    formula = '<c r="E41"><f>SUM(B3:B4)</f><v></v></c><c r="F41"><f>1+1</f><v>2</v></c>'
    xml = (
        f'<worksheet xmlns="x"><sheetData><row r="3">{cells}{formula}</row></sheetData></worksheet>'.encode()
    )
    for sheet in (xml, _prefix_every_tag(xml)):
        for chunk in (61, 64, 97, 1000, 10**6):  # cuts fall inside tags, values and between cells
            monkeypatch.setattr(extent, "CHUNK_BYTES", chunk)
            uncached: list[str] = []
            assert extent.measure(io.BytesIO(sheet), uncached) == (41 - 3 + 1, 6 - 2 + 1)
            assert uncached == ["E41"]


def test_cells_without_references_are_measured_where_the_reader_puts_them() -> None:
    import io

    from pipeline.read import xlsx_extent as extent

    xml = (
        b'<worksheet><sheetData><row r="2"><c/><c t="inlineStr"><is><t>a</t></is></c></row>'
        b'<row><c r="C3"><v>1</v></c><c><f>C3*2</f></c><c s="1"/><c/><c><v>7</v></c></row>'
        b'<row r="9" spans="1:3"/></sheetData></worksheet>'
    )
    uncached: list[str] = []
    with pytest.raises(extent.Irregular):
        extent.measure(io.BytesIO(xml), [])
    # B2 ("a"), C3, D3 (a formula without a result), G3 (after two empty cells): rows 2-3, columns B-G
    assert extent.measure_exact(io.BytesIO(xml), uncached, (100, 100, 10_000)) == (2, 6)
    assert uncached == ["D3"]


def test_workbook_with_cells_placed_by_position_or_a_sheet_stored_elsewhere_reads_as_the_plain_one(
    make_mission,
) -> None:
    import re
    import shutil
    import zipfile

    rows = [
        PLAN_HEADER,
        ["HR Development", "Train staff", "Build academy", "HR", 2012, 2013, "Trained (%)", 10, 80],
    ]
    plain = make_mission({"Plan": rows})
    edits = {
        "no_refs": lambda name, data: (
            name,
            re.sub(rb' r="[A-Z]+[0-9]+"', b"", data) if name == "xl/worksheets/sheet1.xml" else data,
        ),
        "moved": lambda name, data: (
            name.replace("worksheets/sheet1.xml", "elsewhere/s.xml"),
            data.replace(b"worksheets/sheet1.xml", b"elsewhere/s.xml"),
        ),
    }
    for kind, edit in edits.items():
        folder = plain.parent / kind
        shutil.copytree(plain, folder)
        with (
            zipfile.ZipFile(plain / "taller.xlsx") as src,
            zipfile.ZipFile(folder / "taller.xlsx", "w") as dst,
        ):
            for info in src.infolist():
                dst.writestr(*edit(info.filename, src.read(info.filename)))
        assert parse(folder).areas == parse(plain).areas, kind


FAR_CELLS = {  # a cell at XFD1048576 (or beyond) written in ways the workbook reader accepts
    "lower case": b'<c r="xfd1048576"><v>1</v></c>',
    "four letters": b'<c r="ZZZZ1048576"><v>1</v></c>',
    "single quotes": b"<c r='XFD1048576'><v>1</v></c>",
    "spaces around =": b'<c r = "XFD1048576"><v>1</v></c>',
    "a character reference": b'<c r="&#88;FD1048576"><v>1</v></c>',
    "r after other attributes": b'<c t="n" r="XFD1048576"><v>1</v></c>',
    "a decoy r inside another value": b"<c foo='r=\"A3\"' r='XFD1048576'><v>1</v></c>",
    "a prefixed r": b'<c xmlns:q="urn:q" q:r="XFD1048576"><v>1</v></c>',
    "two r attributes": b'<c r="A3" r="XFD1048576"><v>1</v></c>',
}


@pytest.mark.parametrize("form", FAR_CELLS)
def test_far_cell_is_refused_however_its_reference_is_written(tmp_path, form: str) -> None:
    import zipfile

    from openpyxl import Workbook

    from pipeline.errors import InputError
    from pipeline.read.extent import check_extent

    wb = Workbook()
    wb.active.append(["Objective", "Initiative"])
    wb.save(tmp_path / "plain.xlsx")
    far = tmp_path / "far.xlsx"
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as src, zipfile.ZipFile(far, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</sheetData>", b'<row r="1048576">' + FAR_CELLS[form] + b"</row></sheetData>"
                )
            dst.writestr(info, data)
    with pytest.raises(InputError, match=r"limits|damaged"):
        check_extent(far, "far.xlsx", max_rows=100_000, max_columns=500, max_cells=2_000_000)


def test_ods_with_a_renamed_namespace_is_measured_before_reading(tmp_path) -> None:
    """An .ods whose table namespace is renamed (the reader ignores it) and whose repeats ask for a
    whole sheet: measured before the reader opens it, whatever its namespace."""
    import zipfile

    from conftest import ROOT

    from pipeline.errors import InputError
    from pipeline.read.workbook import read_workbook

    source = ROOT / "tests" / "hostile" / "cases" / "ods_spans_too_far" / "grupo1.ods"
    with zipfile.ZipFile(source) as src:
        members = [(info.filename, src.read(info.filename), info.compress_type) for info in src.infolist()]
    far = (
        b'<table:table-row table:number-rows-repeated="1048570"><table:table-cell/></table:table-row>'
        b'<table:table-row><table:table-cell table:number-columns-repeated="16000"/>'
        b'<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
    )
    with zipfile.ZipFile(tmp_path / "grupo1.ods", "w") as dst:
        for name, data, compress in members:
            if name == "content.xml":
                at = data.find(b"</table:table>")
                data = (data[:at] + far + data[at:]).replace(
                    b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"', b'xmlns:table="urn:x"'
                )
            dst.writestr(name, data, compress_type=compress)
    with pytest.raises(InputError, match="filled cells span 2,097,147 rows"):
        read_workbook(tmp_path / "grupo1.ods", "grupo1.ods")


def test_columns_in_mission_toml_map_headers_and_ignore_others(make_mission) -> None:
    toml = '\n[columns]\n"Thrust" = "area"\n"Outcome sought" = "target"\nignore = ["Tier"]\n'
    folder = make_mission(
        {
            "Register": [
                ["Thrust", "Tier", "Initiative", "Lead", "Outcome sought"],
                ["Legal", "1", "Draft the customs law", "Legal Dept", "Law passed"],
            ]
        },
        toml_extra=toml,
    )
    plan = parse(folder)
    (initiative,) = plan.areas[0].initiatives
    assert initiative.notes == {"Tier": "1"}
    assert initiative.indicator is not None and initiative.indicator.target == "Law passed"
    assert not [f for f in plan.intake if f.code == "READ003"]


def test_a_wrong_field_in_columns_is_one_line_naming_mission_toml(make_mission) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    folder = make_mission({"P": [PLAN_HEADER]}, toml_extra='\n[columns]\n"Thrust" = "thrust"\n')
    result = CliRunner().invoke(main, ["parse", str(folder)])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "mission.toml" in line and "'Thrust' = 'thrust' is not a plan field" in line


def test_explain_says_what_each_column_was_read_as(make_mission) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    folder = make_mission(
        {
            "Register": [
                ["ID", "Strategic Thrust", "Initiative", "Plan Strt"],
                ["1", "Service", "Open a desk", "2023"],
            ]
        }
    )
    result = CliRunner().invoke(
        main, ["parse", str(folder), "--explain", "-o", str(folder.parent / "p.json")]
    )
    assert result.exit_code == 0
    assert "taller.xlsx, sheet 'Register', header row 1: plan table, 1 row of data" in result.output
    assert "B 'Strategic Thrust': Key area [area] (exact: 'strategic thrust')" in result.output
    assert "D 'Plan Strt': unknown, kept as a note — did you mean Start [start]?" in result.output


def test_a_workbook_with_no_plan_table_is_a_warning_naming_the_closest_row(make_mission) -> None:
    folder = make_mission(
        {"Sheet1": [["Programme review"], ["Thrust", "Lead", "When"], ["Service", "COO", "2023"]]}
    )
    plan = parse(folder)
    (read012,) = [f for f in plan.intake if f.code == "READ012"]
    assert read012.severity == "warning"
    assert "row 2: Thrust | Lead | When" in read012.message
    assert any(f.code == "READ013" and f.severity == "error" for f in plan.intake)


def test_a_register_of_kpis_is_linked_to_the_initiatives_that_cite_it(make_mission) -> None:
    folder = make_mission(
        {
            "Initiatives": [
                ["ID", "Key area", "Initiative", "Lead", "Linked KPIs"],
                ["I1", "Legal", "Draft the law", "Legal", "K1"],
            ],
            "KPIs": [
                ["ID", "KPI", "Target", "Current"],
                ["K1", "Law passed", "1", "0"],
                ["K2", "Rulings", "50", "0"],
            ],
        }
    )
    plan = parse(folder)
    legal = plan.areas[0]
    assert [(k.ref, k.name, k.baseline, k.target) for k in legal.indicators] == [
        ("K1", "Law passed", "0", "1")
    ]
    assert [k.name for k in plan.indicators] == ["Rulings"]  # cited by nothing: kept for the whole plan
