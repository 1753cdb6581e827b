"""Each rule of the catalogue on a small capture seeded with exactly its problem."""

from __future__ import annotations

from conftest import PLAN_HEADER, ROOT

from pipeline.build import parse
from pipeline.checks import CATALOGUE, check

GOOD = ["Legal", "Reform the law", "Draft the code", "Legal Dept", 2012, 2013, "Code adopted (%)", "0", "100"]
MV = {"MV": [["Mission", "Facilitate trade", "Yes"], ["Vision", "A modern customs", "Yes"]]}


def codes(make_mission, rows: list[list[object]], **sheets) -> dict[str, list[str]]:
    folder = make_mission({"P": [PLAN_HEADER, *rows], **MV, **sheets})
    found: dict[str, list[str]] = {}
    for f in check(parse(folder)).findings:
        if f.code != "AREA001":
            found.setdefault(f.code, []).append(f.message)
    return found


def test_clean_capture_has_no_findings_but_empty_areas(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER, GOOD], **MV})
    findings = check(parse(folder)).findings
    assert sorted(f.message for f in findings) == sorted(
        f"key area '{a}' has no strategic objective or key initiative"
        for a in [
            "Strategic management",
            "Human resources development",
            "Stakeholder relations",
            "Compliance management",
        ]
    )


def test_owner_rules(make_mission) -> None:
    found = codes(
        make_mission,
        [
            ["Legal", "Reform", "A", None, 2012, 2013, "k (%)", "0", "1"],
            ["Legal", "Reform", "B", "Legal / Finance", 2012, 2013, "k (%)", "0", "1"],
        ],
    )
    assert found["INI001"] == ["initiative 'A' has no owner"]
    assert found["INI002"] == ["initiative 'B' has several owners (Legal / Finance)"]


def test_date_rules(make_mission) -> None:
    found = codes(
        make_mission,
        [
            ["Legal", "Reform", "A", "L", 2014, 2013, "k", "0", "1"],
            ["Legal", "Reform", "B", "L", 2015, 2018, "k", "0", "1"],
            ["Legal", "Reform", "C", "L", None, None, "k", "0", "1"],
        ],
    )
    assert found["INI003"] == ["initiative 'A' ends (2013) before it starts (2014)"]
    assert found["INI004"] == ["initiative 'B' has dates outside 2012–2016: 2018"]
    assert found["INI005"] == ["initiative 'C' has no start or end"]


def test_kpi_rules(make_mission) -> None:
    found = codes(
        make_mission,
        [
            ["Legal", "Reform", "A", "L", 2012, 2013, "Release time (hours)", "24", "48"],
            ["Legal", "Reform", "B", "L", 2012, 2013, "Staff trained (%)", None, "80"],
            ["Legal", "Other", "C", "L", 2012, 2013, None, None, None],
        ],
    )
    assert found["KPI002"] == [
        "KPI 'Release time (hours)' should go down, but the target (48) is above the baseline (24)"
    ]
    assert found["KPI001"] == ["KPI 'Staff trained (%)' has no baseline"]
    assert found["OBJ002"] == ["objective 'Other' has no indicator"]


def test_duplicates_across_areas_fold_accents_and_case(make_mission) -> None:
    found = codes(
        make_mission, [GOOD, ["HR", "Reform the LAW!", "Train staff", "HR", 2012, 2013, "k", "1", "2"]]
    )
    assert found["DUP001"] == ["objective 'Reform the law' appears 2 times across key areas"]


def test_recommendation_rules(make_mission) -> None:
    folder = make_mission(
        {
            "P": [[*PLAN_HEADER, "Addresses rec."], [*GOOD, "R1, R9"]],
            **MV,
            "Recs": [
                ["ID", "Recommendation", "Status", "Reason"],
                ["R1", "Adopt RKC", None, None],
                ["R2", "Audit", None, None],
                ["R3", "Lab", "Deferred", "2014 reform"],
            ],
        }
    )
    found = {f.code: f.message for f in check(parse(folder)).findings}
    assert found["REC001"].startswith("recommendation R2 ")
    assert found["REC002"] == "'Draft the code' cites recommendation 'R9', which is not in the captures"


def test_mission_rules(make_mission) -> None:
    folder = make_mission(
        {"P": [PLAN_HEADER, GOOD], "MV": [["Mission", "Collect revenue"]]},
        notes={"n.md": "## Mission\n\nFacilitate trade\n"},
    )
    found = {f.code: f.message for f in check(parse(folder)).findings}
    assert found["MV001"] == "no vision statement in the captures"
    assert found["MV002"] == "the mission is not recorded as validated"
    assert found["MV003"] == "the mission is worded differently in 2 places"


def test_workload_threshold_from_mission_toml(make_mission) -> None:
    rows = [["Legal", "Reform", f"Task {n}", "Legal Dept", 2013, 2013, "k (%)", "0", "1"] for n in range(3)]
    folder = make_mission(
        {"P": [PLAN_HEADER, *rows], **MV}, toml_extra="\n[checks]\nmax_initiatives_per_owner_year = 2\n"
    )
    found = [
        (f.message, [p.cell for p in f.locations])
        for f in check(parse(folder)).findings
        if f.code == "LOAD001"
    ]
    assert found == [
        ("Legal Dept carries 3 key initiatives in 2013 (threshold 2)", ["A2:I2", "A3:I3", "A4:I4"])
    ]


def test_ignore_switches_rules_off(make_mission) -> None:
    folder = make_mission({"P": [PLAN_HEADER, GOOD], **MV}, toml_extra='\n[checks]\nignore = ["AREA001"]\n')
    assert check(parse(folder)).findings == []


def test_catalogue_codes_are_unique_and_documented() -> None:
    readme = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert len({r.code for r in CATALOGUE}) == len(CATALOGUE)
    for r in CATALOGUE:
        assert f"`{r.code}`" in readme, f"{r.code} is not in docs/rules.md"


def test_area_rules(make_mission) -> None:
    folder = make_mission(
        {
            "P": [
                PLAN_HEADER,
                GOOD,
                ["Infrastructure", "Build posts", "New post", "Works", 2013, 2014, "Posts", "0", "2"],
                ["Relations with stakeholders", "Talk", "Committee", "DG", 2013, 2014, "Meetings", "0", "4"],
                ["Legal", "Empty objective", None, None, None, None, "Laws", "0", "1"],
            ],
            **MV,
        }
    )
    found: dict[str, list[tuple[str, list[str]]]] = {}
    for f in check(parse(folder)).findings:
        found.setdefault(f.code, []).append((f.message, [str(p) for p in f.locations]))
    assert found["AREA002"] == [
        (
            "key area 'Infrastructure' matches none of the configured areas; its 1 "
            "strategic objective and 1 key initiative are kept apart",
            ["taller.xlsx, sheet 'P', cell B3"],
        )
    ]
    assert found["AREA003"][0][0] == (
        "'Relations with stakeholders' read as key area 'Stakeholder relations' (confidence 0.85)"
    )
    assert found["OBJ001"] == [
        ("objective 'Empty objective' has no key initiative", ["taller.xlsx, sheet 'P', cell B5"])
    ]


def test_smart_rules(make_mission) -> None:
    found = codes(
        make_mission,
        [
            ["Legal", "Improve the law", "Draft", "L", 2012, 2013, "Law adopted", "No", "Yes"],
            [
                "Legal",
                "Cut release time to 24 hours by 2015",
                "Measure",
                "L",
                2012,
                2013,
                "Hours",
                "72",
                "24",
            ],
        ],
    )
    assert found["SMART001"] == ["target 'Yes' of KPI 'Law adopted' has no number"]
    assert found["SMART002"] == [
        "objective 'Improve the law' states no quantity or date, and no KPI of it has a numeric target"
    ]


def test_findings_speak_the_plan_language(make_mission) -> None:
    folder = make_mission(
        {"P": [PLAN_HEADER, ["Legal", "Reformar", "Redactar", None, 2014, 2013]]}, language="es"
    )
    found: dict[str, tuple[str, str | None]] = {}
    for f in check(parse(folder)).findings:
        found.setdefault(f.code, (f.message, f.hint))
    assert found["INI001"] == (
        "la iniciativa 'Redactar' no tiene responsable",
        "indique una unidad responsable",
    )
    assert found["INI003"][0] == "la iniciativa 'Redactar' termina (2013) antes de empezar (2014)"
    assert found["MV001"][0] == "no hay declaración de misión en los registros"
    assert (
        found["AREA001"][0]
        == "el área clave 'Gestión estratégica' no tiene ningún objetivo estratégico ni iniciativa clave"
    )


def test_every_rule_has_its_message_and_hint_in_every_language() -> None:
    from pipeline.checks import rule_codes
    from pipeline.vocab import LANGUAGES, vocabulary

    for language in LANGUAGES:
        messages = vocabulary().messages[language]
        for code in sorted(rule_codes()):
            assert code in messages, (language, code)
            assert f"{code}_hint" in messages or code.startswith("READ0"), (language, f"{code}_hint")
    readme = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for code in rule_codes():
        assert f"| `{code}` |" in readme, f"{code} is not in docs/rules.md"


def test_every_rule_yields_typed_hits_in_every_language(make_mission) -> None:
    from pipeline.checks import CATALOGUE, Hit
    from pipeline.messages import Say

    for language in ("en", "es", "fr"):
        folder = make_mission({"P": [PLAN_HEADER, ["Legal", "Reform", "Draft", None, 2014, 2013, "KPI", None, None]]},
                              language=language, name=f"m-{language}")  # fmt: skip
        plan = parse(folder)
        for r in CATALOGUE:
            for hit in r.check(plan, plan.checks, Say(plan.language)):
                assert isinstance(hit, Hit) and hit.message, r.code


def test_reworded_duplicates_and_citations_across_areas_are_flagged(make_mission) -> None:
    header = ["Área clave", "Objetivo estratégico", "Iniciativa clave", "Responsable", "Recomendación"]
    rows = [
        header,
        [
            "Marco legal",
            "Simplificar los procedimientos de despacho",
            "Rediseñar el despacho",
            "Jurídica",
            "R4",
        ],
        ["Marco legal", "Simplificar procedimientos de despacho aduanero", "Publicar guías", "Jurídica", ""],
        ["Marco legal", "Modernizar la legislación aduanera", "Redactar la ley", "Jurídica", ""],
    ]
    recs = [
        ["ID", "Recomendación", "Área clave"],
        ["R4", "Ampliar la gestión de riesgos", "Gestión del cumplimiento"],
    ]
    plan = parse(make_mission({"Grupo": rows, "Recomendaciones": recs}, language="es"))
    findings = {f.code: f for f in check(plan).findings}
    assert "DUP001" not in findings and findings["DUP002"].message == (
        "el objetivo 'Simplificar los procedimientos de despacho' y 'Simplificar procedimientos de despacho "
        "aduanero' parecen el mismo elemento redactado dos veces"
    )
    assert findings["REC003"].message == (
        "'Rediseñar el despacho' cita la recomendación 'R4', que pertenece al área clave 'Gestión del cumplimiento'"
    )
    assert [f.message for f in check(plan).findings].count(findings["DUP002"].message) == 1


def test_every_reading_finding_is_in_the_catalogue_with_its_severity() -> None:
    import re

    from click.testing import CliRunner

    from pipeline.cli import main
    from pipeline.reading_codes import READING
    from pipeline.vocab import LANGUAGES, vocabulary

    raised: set[tuple[str, str]] = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        text = path.read_text("utf-8")
        raised |= set(re.findall(r'report\(\s*"(READ\d{3})",\s*"(\w+)"', text))
        raised |= set(re.findall(r'code="(READ\d{3})",\s*severity="(\w+)"', text))
    assert raised, "no reading finding found in the source: the pattern is stale"
    wrong = sorted(f"{code} raised as {sev}" for code, sev in raised if READING.get(code, ("",))[0] != sev)
    assert wrong == [], f"not in the catalogue, or another severity there: {wrong}"
    for code in READING:  # each has its message in every language
        assert all(code in vocabulary().messages[lang] for lang in LANGUAGES), code
    listed = CliRunner().invoke(main, ["rules"]).output
    assert all(code in listed for code in READING) and all(r.code in listed for r in CATALOGUE)


def test_values_worded_alike_are_flagged_and_drafted_on_one_line(make_mission, tmp_path) -> None:
    from docx import Document

    from pipeline.build import build

    rows = [
        ["Área clave", "Objetivo estratégico", "Iniciativa clave", "Responsable"],
        ["Marco legal", "Modernizar la legislación aduanera", "Redactar la ley", "Jurídica"],
    ]
    statements = [
        ["Elemento", "Texto"],
        ["Valor", "Compromiso"],
        ["Valor", "Integridad"],
        ["Valor", "Compromiso con el país"],
        ["Valor", "Integridad"],  # identical once folded: once, and no finding
        ["Fortaleza", "Personal comprometido"],
        ["Fortaleza", "Personal comprometido con la institución"],
        ["Debilidad", "Personal insuficiente"],
    ]
    folder = make_mission({"Grupo": rows, "MVV": statements}, language="es")
    plan = parse(folder)
    alike = [f.message for f in check(plan).findings if f.code == "DUP003"]
    assert alike == [
        "valores redactados de forma parecida, para que el plenario elija: Compromiso / Compromiso con el país",
        "elementos FODA (Fortalezas) redactados de forma parecida, para que el plenario elija: "
        "Personal comprometido / Personal comprometido con la institución",
    ]
    build(folder, tmp_path / "out")
    text = [p.text for p in Document(str(tmp_path / "out" / "draft.docx")).paragraphs]
    values = text[text.index("Valores") + 1 : text.index("Valores") + 3]
    assert values == [
        "Compromiso (taller.xlsx) — también redactado: Compromiso con el país (taller.xlsx)",
        "Integridad",
    ]


def test_a_group_of_reworded_items_is_one_finding(make_mission) -> None:
    header = ["Área clave", "Objetivo estratégico", "Iniciativa clave", "Responsable"]
    titles = [
        "Simplificar los procedimientos de despacho",
        "Simplificar procedimientos de despacho aduanero",
        "Simplificar el despacho y sus procedimientos",
    ]
    rows = [header, *[["Marco legal", t, f"Iniciativa {n}", "Jurídica"] for n, t in enumerate(titles)]]
    plan = parse(make_mission({"Grupo": rows}, language="es"))
    (found,) = [f for f in check(plan).findings if f.code == "DUP002"]
    assert found.message == (
        "el objetivo 'Simplificar los procedimientos de despacho' y otros 2 parecen el mismo elemento "
        "con otra redacción: Simplificar procedimientos de despacho aduanero / Simplificar el despacho y "
        "sus procedimientos"
    )
    assert len(found.locations) == 3
