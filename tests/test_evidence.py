"""Tables read by evidence: header phrases, what the cells hold, where the column stands (issue #21)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.build import parse
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.normalize.evidence import is_action

ACTIONS = [
    "Implement the e-payment gateway",
    "Publish the tariff online every month",
    "Train 40 officers on customs valuation",
    "Sign two mutual recognition arrangements",
]


def _titles(plan):
    return [i.title for _, _, i in plan.initiatives()]


def test_a_wide_export_is_read_however_many_columns_no_vocabulary_knows(make_mission) -> None:
    extra = [f"Field {n}" for n in range(14)]
    rows = [["Action", "Lead", *extra]] + [[a, "Unit A", *[f"v{n}" for n in range(14)]] for a in ACTIONS]
    plan = parse(make_mission({"Export": rows}))
    assert _titles(plan) == ACTIONS
    first = next(i for _, _, i in plan.initiatives())
    assert first.owner == "Unit A" and first.notes["Field 13"] == "v13"  # unknown columns kept as notes


def test_a_header_phrase_names_the_action_column(make_mission) -> None:
    rows = [["Objective", "Officials", "How we will achieve this"]]
    rows += [["Collect the revenue due", "Revenue Directorate", a] for a in ACTIONS]
    plan = parse(make_mission({"Plan": rows}))
    assert _titles(plan) == ACTIONS
    assert {i.owner for _, _, i in plan.initiatives()} == {"Revenue Directorate"}
    assert plan.counts().objectives == 1


def test_an_unnamed_column_of_sentences_is_the_action_column_and_labels_left_of_it_the_areas(
    make_mission,
) -> None:
    rows = [["Stream", "", "Lead", "By when"]]
    rows += [["Alpha stream" if n < 2 else "Beta stream", a, "Unit", "2025"] for n, a in enumerate(ACTIONS)]
    plan = parse(make_mission({"Plan": rows}))
    groups = {name: [i.title for i in g.initiatives] for _, name, g in plan.groups() if g.initiatives}
    assert groups == {"Alpha stream": ACTIONS[:2], "Beta stream": ACTIONS[2:]}


def test_a_narrow_two_column_table_is_a_table(make_mission) -> None:
    rows = [["Choix stratégique", "Actions"], ["Mieux cibler les contrôles", ACTIONS[0]], ["", ACTIONS[1]]]
    plan = parse(make_mission({"Projet": rows}, merges={"Projet": ["A2:A3"]}, language="fr"))
    (objective,) = [o for _, _, g in plan.groups() for o in g.objectives]
    assert objective.title == "Mieux cibler les contrôles"
    assert [i.title for i in objective.initiatives] == ACTIONS[:2]


def test_a_data_row_after_a_blank_row_is_never_taken_for_a_header(make_mission) -> None:
    header = ["Key area", "Strategic objective", "Key initiative", "Owner", "Start", "End"]
    rows = [header, ["Compliance", "Modernise audit", ACTIONS[0], "Legal Dept", 2012, 2012], []]
    rows += [["Stakeholders", "Engage traders", ACTIONS[1], "Risk Unit", 2012, 2012]]
    plan = parse(make_mission({"P": rows}))
    assert sorted(_titles(plan)) == sorted(ACTIONS[:2])


def test_section_rows_open_areas_and_are_never_items(make_mission) -> None:
    rows = [
        ["No.", "Strategic Initiative", "Key Activities", "Responsible"],
        ["Pillar 1 – Revenue", "", "", ""],
        ["1.1", "Modernise valuation", ACTIONS[0], "Valuation"],
        ["", "", "1. Guide on royalties and licence fees", ""],
        ["Trade facilitation", "", "", ""],
        ["2.1", "Expand the AEO programme", ACTIONS[1], "Facilitation"],
    ]
    plan = parse(make_mission({"M": rows}, merges={"M": ["A2:D2", "A5:D5"]}))
    shape = {
        name: {o.title: [i.title for i in o.initiatives] for o in g.objectives}
        for _, name, g in plan.groups()
        if g.objectives
    }
    assert shape == {
        "Revenue": {"Modernise valuation": [ACTIONS[0], "1. Guide on royalties and licence fees"]},
        "Trade facilitation": {"Expand the AEO programme": [ACTIONS[1]]},
    }


def test_an_indicator_merged_down_its_initiatives_is_counted_once(make_mission) -> None:
    rows = [
        ["Strategic objective", "Action", "Indicator"],
        ["Reduce clearance times", ACTIONS[0], "Release time"],
    ]
    rows += [["", ACTIONS[1], ""]]
    plan = parse(make_mission({"P": rows}, merges={"P": ["A2:A3", "C2:C3"]}))
    assert plan.counts().indicators == 1
    (objective,) = [o for _, _, g in plan.groups() for o in g.objectives]
    assert [k.name for k in objective.indicators] == ["Release time"]


def test_statements_on_a_sheet_are_taken(make_mission) -> None:
    rows = [
        ["MISIÓN"],
        ["Facilitar el comercio lícito y proteger a la sociedad."],
        [],
        ["Visión: Ser una aduana moderna y confiable."],
        [],
        ["Objetivo", "Acción"],
        ["Reducir los tiempos", "Implementar el despacho anticipado"],
    ]
    plan = parse(make_mission({"PEI": rows}, language="es"))
    assert [s.text for s in plan.mission] == ["Facilitar el comercio lícito y proteger a la sociedad."]
    assert [s.text for s in plan.vision] == ["Ser una aduana moderna y confiable."]
    assert plan.mission[0].source.cell == "A2"


def test_records_laid_out_vertically_are_items(make_mission) -> None:
    rows: list[list[object]] = []
    for n, action in enumerate(ACTIONS[:3]):
        rows += [
            ["Ação", action],
            ["Objetivo estratégico", "Facilitar o comércio" if n < 2 else "Reforçar o controlo"],
            ["Responsável", f"Direção {n}"],
            ["Prazo", "dezembro de 2025"],
            ["Indicador", f"Indicador {n} (linha de base: {n * 10})"],
            [],
        ]
    plan = parse(make_mission({"Fichas": rows}, language="pt"))
    assert _titles(plan) == ACTIONS[:3]
    found = [(o.title if o else None, i.owner, i.end and i.end.year) for _, o, i in plan.initiatives()]
    assert found == [
        ("Facilitar o comércio", "Direção 0", 2025),
        ("Facilitar o comércio", "Direção 1", 2025),
        ("Reforçar o controlo", "Direção 2", 2025),
    ]
    indicators = [i.indicator for _, _, i in plan.initiatives()]
    assert [(k.name, k.baseline) for k in indicators if k] == [
        (f"Indicador {n}", str(n * 10)) for n in range(3)
    ]
    (account,) = plan.accounting  # every value placed, every label set aside as a header
    assert (account.placed, account.ignored, account.in_findings) == (15, {"header": 15}, 0)


def test_a_baseline_inside_an_indicator_is_taken_out(make_mission) -> None:
    rows = [["Acción", "Indicador"], [ACTIONS[0], "Tiempo medio de despacho (línea base 2023: 48 horas)"]]
    plan = parse(make_mission({"P": rows}, language="es"))
    indicator = next(i.indicator for _, _, i in plan.initiatives())
    assert indicator is not None
    assert (indicator.name, indicator.baseline) == ("Tiempo medio de despacho", "48 horas (2023)")


def test_what_opens_an_action_in_each_language() -> None:
    assert all(
        is_action(t)
        for t in (
            "Implement a risk engine",
            "Elaborar el manual",
            "Mettre en place un guichet",
            "Implantar a janela",
        )
    )
    assert not any(
        is_action(t) for t in ("Border Operations Team", "Average release time", "Direção de Logística")
    )


def test_a_workbook_no_header_names_says_why_and_explain_offers_a_columns_block(
    make_mission, tmp_path: Path
) -> None:
    rows = [["Stream", "Detail", "Person"]] + [["Digital", a, "Ana"] for a in ACTIONS]
    folder = make_mission({"Board": rows})
    result = CliRunner().invoke(main, ["parse", str(folder), "--explain", "-o", str(tmp_path / "p.json")])
    assert result.exit_code == 1  # nothing to draft
    assert "the closest, column B of sheet 'Board', holds 4 sentences, 4 of them opening with a verb" in (
        result.stderr
    )
    block = result.stderr[result.stderr.index("[columns]") :].splitlines()[:2]
    assert block == ["[columns]", '    "Detail" = "initiative"']
    toml = (folder / "mission.toml").read_text("utf-8") + "\n[columns]\n" + block[1].strip() + "\n"
    (folder / "mission.toml").write_text(toml, "utf-8")  # the facilitator pastes it: the plan is read
    assert _titles(parse(folder)) == ACTIONS


def test_an_empty_build_exits_1_with_its_reason(make_mission, tmp_path: Path) -> None:
    rows = [["Stream", "Detail"], ["Digital", "Implement the gateway now"], ["Digital", "Open a new desk"]]
    folder = make_mission({"Board": rows})
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nothing to draft" in result.stdout and "taller.xlsx: no column is named" in result.stderr


def test_mission_toml_takes_the_periods_plans_give(tmp_path: Path) -> None:
    years = {
        "2025": (2025, 2025),
        "FY2023": (2023, 2023),
        "2022/23": (2022, 2023),
        "FY2022-FY2025": (2022, 2025),
    }
    for text, (start, end) in years.items():
        (tmp_path / "mission.toml").write_text(f'administration = "A"\nperiod = "{text}"\n', "utf-8")
        period = load_config(tmp_path).period
        assert (period.start, period.end) == (start, end), text


def test_an_indicator_above_a_section_row_stays_with_its_initiative(make_mission) -> None:
    rows = [
        ["Objetivo", "Acción", "Indicador"],
        ["Modernizar", ACTIONS[0], "Puertos conectados"],
        ["", ACTIONS[1], "Certificados emitidos"],
        ["Eje 2: Control", "", ""],
        ["Combatir el contrabando", ACTIONS[2], "Escáneres instalados"],
    ]
    plan = parse(make_mission({"P": rows}, merges={"P": ["A2:A3", "A4:C4"]}, language="es"))
    found = {i.title: i.indicator.name if i.indicator else None for _, _, i in plan.initiatives()}
    assert found == {
        ACTIONS[0]: "Puertos conectados",
        ACTIONS[1]: "Certificados emitidos",
        ACTIONS[2]: "Escáneres instalados",
    }


def test_a_priority_column_naming_the_plans_priorities_is_its_areas(make_mission) -> None:
    rows = [["Priority", "What we will do", "Who leads"]]
    rows += [
        ["Housing", ACTIONS[0], "Director"],
        ["Housing", ACTIONS[1], "Director"],
        ["Transport", ACTIONS[2], "Highways"],
    ]
    plan = parse(make_mission({"Plan": rows}))
    groups = {name: [i.title for i in g.initiatives] for _, name, g in plan.groups() if g.initiatives}
    assert groups == {"Housing": ACTIONS[:2], "Transport": ACTIONS[2:3]}
    ranked = [["Priority", "Initiative", "Owner"], ["High", ACTIONS[0], "IT"], ["Low", ACTIONS[1], "HR"]]
    plan = parse(make_mission({"Plan": ranked}, name="ranked"))
    assert [i.priority for _, _, i in plan.initiatives()] == ["High", "Low"]  # ranks stay priorities


def test_explain_names_the_records_it_read(make_mission, tmp_path: Path) -> None:
    rows = [["Acción", ACTIONS[0]], ["Responsable", "Operaciones"], ["Plazo", "2025"], []]
    rows += [["Acción", ACTIONS[1]], ["Responsable", "Riesgo"], ["Plazo", "2026"]]
    folder = make_mission({"Fichas": rows}, language="es")
    result = CliRunner().invoke(main, ["parse", str(folder), "--explain", "-o", str(tmp_path / "p.json")])
    assert result.exit_code == 0
    assert (
        "hoja 'Fichas', filas 1-3: una ficha de filas etiqueta/valor "
        "(Iniciativa clave [initiative], Responsable [owner], Término [end])" in result.stderr
    )
    assert "no table recognised" not in result.stderr


def test_explain_speaks_the_missions_language_and_never_prints_escape_sequences(
    make_mission, tmp_path: Path
) -> None:
    rows = [
        ["Objectif", "Action", "Pilote_x001B_[31m"],
        ["Mieux cibler", ACTIONS[0], "Bureau"],
    ]  # ESC, as Excel escapes it
    folder = make_mission({"Plan": rows}, language="fr")
    result = CliRunner().invoke(main, ["parse", str(folder), "--explain", "-o", str(tmp_path / "p.json")])
    assert "feuille « Plan », ligne d'en-tête 1 : tableau du plan" in result.stderr.replace("\u00a0", " ")
    assert "\x1b" not in result.stderr
    assert "sheet" not in result.stderr and "kept as" not in result.stderr
    said = result.stderr.replace("\u00a0", " ")
    assert "A « Objectif » : Objectif stratégique [objective] (exact : « objectif »)" in said
    assert ": Responsable [owner]" in said


def test_columns_mapped_in_mission_toml_win_over_codes_and_length(make_mission) -> None:
    long_header = "Description of the initiative as agreed by the working group during the plenary session"
    rows = [
        ["Thrust-1", long_header, "Lead"],
        ["Revenue", ACTIONS[0], "Unit A"],
        ["Revenue", ACTIONS[1], "Unit B"],
    ]
    toml = f'\n[columns]\n"Thrust-1" = "area"\n"{long_header}" = "initiative"\n'
    plan = parse(make_mission({"Register": rows}, toml_extra=toml))
    assert _titles(plan) == ACTIONS[:2]
    assert {name for _, name, g in plan.groups() if g.initiatives} == {"Revenue"}


def test_every_field_a_column_can_be_read_as_is_named_in_every_language() -> None:
    """--explain names the field a column was read as in the mission's language, beside the
    identifier `[columns]` takes: a field added to the vocabularies without its name fails here."""
    from typing import get_args

    from pipeline.normalize.columns import SERIES_FIELDS
    from pipeline.vocab import Language, _load, vocabulary

    readable = {"other", *SERIES_FIELDS}
    for language in get_args(Language):
        data = _load(language)
        readable |= set(data["headers"]) | set(data["headers_exact"])
    for language in get_args(Language):
        missing = sorted(readable - set(vocabulary().fields[language]))
        assert missing == [], f"vocab/{language}.toml [fields] lacks {missing}"
