"""CSV captures, as Excel, Google Sheets, Kobo and Google Forms export them."""

from __future__ import annotations

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
