"""CSV captures, as Excel, Google Sheets, Kobo and Google Forms export them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build import parse

ROWS = [
    ["Key area", "Strategic objective", "Key initiative", "Owner", "Start", "End"],
    ["Legal", "Reform the law", "Draft the customs law", "Legal Dept", "Q1 2013", "2014"],
    ["Compliance", "Target risk", "Set up a targeting centre", "Risk Unit", "2013", "2015"],
]


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom"),
    [
        (",", "utf-8", b""),
        (";", "utf-8", b"\xef\xbb\xbf"),
        ("\t", "utf-16", b""),
        (";", "cp1252", b""),
    ],
)
def test_csv_reads_like_a_one_sheet_workbook(make_mission, delimiter: str, encoding: str, bom: bytes) -> None:
    folder = make_mission()
    text = "\r\n".join(delimiter.join(row) for row in ROWS) + "\r\n"
    (folder / "grupo.csv").write_bytes(bom + text.encode(encoding))
    plan = parse(folder)
    got = [
        (a.key, o.title, i.title, i.owner, str(i.start), str(i.end))
        for a in plan.areas
        for o in a.objectives
        for i in o.initiatives
    ]
    assert got == [
        ("legal", "Reform the law", "Draft the customs law", "Legal Dept", "Q1 2013", "2014"),
        ("compliance", "Target risk", "Set up a targeting centre", "Risk Unit", "2013", "2015"),
    ]
    (account,) = plan.accounting
    assert (account.read, account.placed, account.ignored) == (18, 12, {"header": 6})
    assert plan.intake == []


def test_csv_with_quoted_separators_and_line_breaks(make_mission) -> None:
    folder = make_mission()
    (folder / "poa.csv").write_text(
        'Objetivo;Actividad;Responsable\n"Mejorar; ampliar";"Capacitar\nal personal";"RR.HH."\n', "utf-8"
    )
    plan = parse(folder)
    (objective,) = plan.objectives()
    assert objective[1].title == "Mejorar; ampliar"
    assert objective[1].initiatives[0].title == "Capacitar\nal personal"


def test_an_empty_csv_is_a_one_line_error(make_mission) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    folder = make_mission()
    (folder / "vacio.csv").write_text(";;\n;;\n", "utf-8")
    result = CliRunner().invoke(main, ["parse", str(folder)])
    assert result.exit_code == 2
    assert result.output.strip().endswith(
        "vacio.csv: the CSV file is empty (fill it in, or remove it from the mission folder)"
    )


def test_a_few_windows_1252_lines_in_a_utf8_csv_are_read_and_reported(tmp_path: Path) -> None:
    from pipeline.build import parse

    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "mission.toml").write_text(
        'administration = "A"\nperiod = "2014-2016"\nlanguage = "es"\n', "utf-8"
    )
    data = (
        "Objetivo;Acción;Responsable\n".encode()
        + "Mejorar la gestión;Capacitar al personal;Dirección\n".encode()
    )
    data += "Reducir tiempos;Implementar el despacho anticipado;Operación aduanera\n".encode("cp1252")
    (folder / "poa.csv").write_bytes(data)
    plan = parse(folder)
    owners = sorted(i.owner or "" for _, _, i in plan.initiatives())
    assert owners == ["Dirección", "Operación aduanera"]  # no mojibake anywhere
    (finding,) = [f for f in plan.intake if f.code == "READ016"]
    assert finding.message.startswith("1 línea de este archivo UTF-8") and finding.locations[0].line == 3


def test_excel_sep_line_is_honoured_and_an_unclosed_quote_is_refused(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.build import parse
    from pipeline.cli import main

    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "mission.toml").write_text('administration = "A"\nperiod = "2014-2016"\n', "utf-8")
    (folder / "plan.csv").write_text(
        "sep=|\nObjective|Initiative|Owner\nFaster clearance|Open a green lane, now|Ops\n", "utf-8"
    )
    plan = parse(folder)
    (initiative,) = [i for _, _, i in plan.initiatives()]
    assert initiative.title == "Open a green lane, now" and initiative.source.cell == "A3:C3"
    lines = ["Objective,Initiative,Owner", 'Faster clearance,"Open a green lane,Ops'] + [
        f"Goal {n},Action {n},Unit" for n in range(30)
    ]
    (folder / "plan.csv").write_text("\n".join(lines) + "\n", "utf-8")
    result = CliRunner().invoke(main, ["parse", str(folder)])
    assert result.exit_code == 2
    assert "plan.csv: a quote opened on line 2 is never closed" in result.output
