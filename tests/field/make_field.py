"""Write the field corpus: captures laid out as real plans and planning forms are, one mission each.

Each case rebuilds the layout of a family of public plans or forms (cited in tests/field/README.md)
with content written for the corpus, and states the counts a reader of the source would expect.
Run: `.venv/bin/python tests/field/make_field.py` (writes tests/field/cases/ and expected.json).
"""

from __future__ import annotations

import json
import shutil
import sys
from functools import partial
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from books import workbook  # noqa: E402
from holdout import HOLDOUT_MAKERS  # noqa: E402
from reading_words import READING_WORD_MAKERS  # noqa: E402
from unseen import UNSEEN_MAKERS  # noqa: E402

CASES = HERE / "cases"
TOML = 'administration = "{admin}"\nperiod = "{period}"\nlanguage = "{lang}"\ndate = 2024-01-15\n'


def mission(name: str, lang: str = "en", period: str = "2022-2026", admin: str = "Revenue Authority") -> Path:
    folder = CASES / name
    folder.mkdir(parents=True)
    (folder / "mission.toml").write_text(TOML.format(admin=admin, period=period, lang=lang), "utf-8")
    return folder


def expected(
    objectives: int,
    initiatives: int,
    indicators: int,
    swot: int = 0,
    areas: int | None = None,
    goals: int = 0,
    **extra: object,
) -> dict[str, object]:
    return {
        "objectives": objectives,
        "initiatives": initiatives,
        "indicators": indicators,
        "swot": swot,
        "areas": areas,
        "goals": goals,
        **extra,
    }


def thrust_register() -> dict[str, object]:
    """A public-works department's initiative register exported from its system, with a KPI sheet."""
    folder = mission("en_thrust_register")
    head = [
        "ID",
        "Strategic Thrust",
        "Tier",
        "Initiative",
        "Lead",
        "Responsible Branch",
        "Expected Outcome",
        "Plan Start",
        "Plan End",
        "Actual Start",
        "Progress (%)",
        "Linked KPIs",
    ]
    rows = [
        [
            "I-01",
            "Organisational Excellence",
            "1",
            "Digitise the asset register",
            "CIO",
            "ICT Branch",
            "All assets in one register",
            "2022-07",
            "2023-06",
            "2022-09",
            40,
            "K1",
        ],
        [
            "I-02",
            "Organisational Excellence",
            "2",
            "Introduce a leadership programme",
            "HR Director",
            "People Branch",
            "60 managers trained",
            "2023-01",
            "2024-12",
            "",
            0,
            "K2",
        ],
        [
            "I-03",
            "Service Delivery",
            "1",
            "Open a single client desk",
            "COO",
            "Client Services",
            "One desk for all permits",
            "2022-10",
            "2023-09",
            "2022-11",
            55,
            "K3",
        ],
        [
            "I-04",
            "Service Delivery",
            "2",
            "Publish service standards",
            "COO",
            "Client Services",
            "Standards online",
            "2023-01",
            "2023-06",
            "",
            0,
            "K3",
        ],
        [
            "I-05",
            "Infrastructure Renewal",
            "1",
            "Replace the fleet management system",
            "CFO",
            "Fleet Branch",
            "Fleet costs known",
            "2024-01",
            "2025-06",
            "",
            0,
            "",
        ],
        [
            "I-06",
            "Infrastructure Renewal",
            "2",
            "Adopt a maintenance backlog plan",
            "CFO",
            "Works Branch",
            "Backlog halved",
            "2023-04",
            "2026-03",
            "",
            0,
            "",
        ],
    ]
    kpis = [
        ["ID", "KPI", "Target", "Current", "Plan Start", "Plan End"],
        ["K1", "Assets recorded in the register (%)", "100", "35", "2022-07", "2023-06"],
        ["K2", "Managers trained", "60", "0", "2023-01", "2024-12"],
        ["K3", "Permits issued at the desk (%)", "80", "10", "2022-10", "2023-09"],
    ]
    workbook(folder / "register_export.xlsx", {"Initiatives": [head, *rows], "KPIs": kpis})
    return expected(0, 6, 3, areas=3)


def kra_table() -> dict[str, object]:
    """A customs administration's key-result-area table, KRA and objective merged down the KPI rows."""
    folder = mission("en_kra_table", admin="Customs Service")
    rows = [
        ["Key Result Area", "Objective", "Strategies", "Key Performance Indicators"],
        [
            "Border Security",
            "Secure the border while moving legitimate goods",
            "Reallocate staff to regional ports",
            "Staff at regional ports",
        ],
        ["", "", "Use risk-based lanes for passengers", "Passenger processing time (minutes)"],
        [
            "",
            "Protect the community from illicit goods",
            "Screen air and sea cargo by risk",
            "Cargo screened (%)",
        ],
        [
            "Revenue Collection",
            "Collect revenue fairly and efficiently",
            "Audit importers after clearance",
            "Post-clearance audits per year",
        ],
        ["", "", "Automate valuation checks", "Declarations checked automatically (%)"],
    ]
    workbook(
        folder / "kra.xlsx",
        {"Corporate Plan": rows},
        {"Corporate Plan": ["A2:A4", "B2:B3", "A5:A6", "B5:B6"]},
    )
    return expected(3, 5, 5, areas=2)


def priority_plan() -> dict[str, object]:
    """A regional customs organisation's plan: priority heading, overall objective, objectives → actions."""
    folder = mission("en_priority_plan", admin="Regional Customs Organisation")
    sheet = [
        ["Priority 1: Customs Leadership"],
        ["Overall Objective: Enhance the leadership capability to enable modernisation reforms"],
        ["Objective", "Actions", "Timeframe", "Responsibility"],
        ["Strengthen leadership at all levels", "Run an executive programme", "2023-2024", "Secretariat"],
        ["", "Mentor supervisors in every member", "2023-2025", "Members"],
        ["Promote integrity", "Adopt a professional standards framework", "2023", "Secretariat"],
        [],
        ["Priority 2: Trade Facilitation"],
        ["Overall Objective: Reduce the time and cost of cross-border trade"],
        ["Objective", "Actions", "Timeframe", "Responsibility"],
        ["Simplify procedures", "Implement advance rulings", "2024-2025", "Members"],
        ["", "Measure release times every two years", "2024-2026", "Secretariat"],
        ["", "Publish border procedures online", "2023", "Members"],
    ]
    workbook(folder / "strategic_plan.xlsx", {"Plan 2022-2027": sheet})
    return expected(3, 6, 0, areas=2, goals=2)


def logframe() -> dict[str, object]:
    """A logframe (results framework): impact, outcomes, outputs and activities with milestones."""
    folder = mission("en_logframe", admin="Ministry of Finance")
    rows = [
        [
            "Results chain",
            "Indicator",
            "Baseline",
            "Milestone 1",
            "Milestone 2",
            "Target",
            "Means of verification",
            "Assumptions",
        ],
        [
            "Impact: Revenue mobilised to fund public services",
            "Tax revenue to GDP (%)",
            "11",
            "12",
            "13",
            "15",
            "National accounts",
            "Stable economy",
        ],
        [
            "Outcome 1: Voluntary compliance improved",
            "Returns filed on time (%)",
            "55",
            "60",
            "70",
            "80",
            "Tax system reports",
            "",
        ],
        [
            "Output 1.1: Taxpayer services modernised",
            "Online filing rate (%)",
            "20",
            "40",
            "60",
            "75",
            "E-filing statistics",
            "Internet access grows",
        ],
        ["Activity 1.1.1: Build an e-filing portal", "", "", "", "", "", "", ""],
        [
            "Outcome 2: Audit targeted on risk",
            "Audits selected by risk (%)",
            "10",
            "30",
            "50",
            "70",
            "Audit plans",
            "",
        ],
        ["Output 2.1: Risk engine in use", "", "", "", "", "", "", ""],
    ]
    workbook(folder / "logframe.xlsx", {"Logframe": rows})
    return expected(2, 3, 4, goals=1)


def indicator_register() -> dict[str, object]:
    """An indicator sheet with no objective or initiative column (it used to end the mission)."""
    folder = mission("en_indicator_register")
    rows = [
        ["Indicator", "Baseline", "Target", "Means of verification"],
        ["Average clearance time (hours)", "48", "24", "Time release study"],
        ["Declarations lodged electronically (%)", "70", "98", "System reports"],
        ["Staff trained in risk management", "40", "200", "Training records"],
    ]
    workbook(folder / "indicators.xlsx", {"M&E": rows})
    return expected(0, 0, 3, empty=True)


def workplan_quarters() -> dict[str, object]:
    """A ministry's annual work plan: activities marked by quarter under a year merged above them."""
    folder = mission("en_workplan", admin="Ministry of Trade", period="2024-2025")
    head1 = [
        "Expected output",
        "Planned activity",
        "Person responsible",
        "Budget",
        2024,
        "",
        "",
        "",
        2025,
        "",
        "",
        "",
    ]
    head2 = ["", "", "", "", "Q1", "Q2", "Q3", "Q4", "Q1", "Q2", "Q3", "Q4"]
    rows = [
        [
            "Trade portal live",
            "Design the trade information portal",
            "ICT Unit",
            "20,000",
            "X",
            "X",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "",
            "Load all import procedures",
            "Trade Facilitation Unit",
            "5,000",
            "",
            "",
            "X",
            "X",
            "X",
            "",
            "",
            "",
        ],
        [
            "Traders trained",
            "Train 300 traders on the portal",
            "Outreach Unit",
            "8,000",
            "",
            "",
            "",
            "",
            "X",
            "X",
            "",
            "",
        ],
        ["Review done", "Run a user survey", "M&E Unit", "2,000", "", "", "", "", "", "", "✓", "✓"],
    ]
    workbook(
        folder / "annual_work_plan.xlsx", {"AWP": [head1, head2, *rows]}, {"AWP": ["E1:H1", "I1:L1", "A3:A4"]}
    )
    return expected(
        3,
        4,
        0,
        dates={
            "Design the trade information portal": ["Q1 2024", "Q2 2024"],
            "Run a user survey": ["Q3 2025", "Q4 2025"],
        },
    )


def balanced_scorecard() -> dict[str, object]:
    """A balanced-scorecard workbook: perspective → objective → measure → target → initiative."""
    folder = mission("en_balanced_scorecard", admin="Customs Department")
    rows = [
        ["Perspective", "Objective", "Measure", "Target", "Initiative"],
        [
            "Financial",
            "Increase revenue collected",
            "Revenue against budget (%)",
            "100",
            "Valuation database",
        ],
        [
            "Customer",
            "Faster clearance for traders",
            "Average release time (hours)",
            "12",
            "Pre-arrival processing",
        ],
        ["Internal Process", "Risk-based controls", "Physical inspection rate (%)", "15", "Risk engine"],
        [
            "Learning and Growth",
            "Skilled and ethical staff",
            "Staff with competency profile (%)",
            "90",
            "Competency framework",
        ],
    ]
    workbook(folder / "scorecard.xlsx", {"BSC 2024": rows})
    return expected(4, 4, 4, areas=4)


def pei_ceplan() -> dict[str, object]:
    """A Peruvian PEI form: OEI with indicators and yearly targets, then AEI linked by the OEI code."""
    folder = mission(
        "es_pei_formulario", lang="es", period="2020-2022", admin="Superintendencia Nacional de Aduanas"
    )
    oei = [
        ["FORMULARIO N° 2: OBJETIVOS ESTRATÉGICOS INSTITUCIONALES"],
        [
            "Código",
            "Objetivo Estratégico Institucional (OEI)",
            "Indicador",
            "Línea de base",
            "Meta 2020",
            "Meta 2021",
            "Meta 2022",
            "Unidad orgánica responsable",
        ],
        [
            "OEI.01",
            "Mejorar el cumplimiento tributario y aduanero",
            "Brecha de cumplimiento (%)",
            "32",
            "30",
            "28",
            "25",
            "Intendencia Nacional de Cumplimiento",
        ],
        [
            "OEI.02",
            "Facilitar el comercio exterior",
            "Tiempo de despacho (horas)",
            "48",
            "40",
            "36",
            "30",
            "Intendencia de Aduanas",
        ],
    ]
    aei = [
        ["FORMULARIO N° 3: ACCIONES ESTRATÉGICAS INSTITUCIONALES"],
        ["Código", "Acción Estratégica Institucional (AEI)", "OEI", "Unidad orgánica responsable"],
        ["AEI.01.01", "Fiscalización basada en riesgo", "OEI.01", "Intendencia Nacional de Cumplimiento"],
        ["AEI.01.02", "Servicios digitales al contribuyente", "OEI.01", "Intendencia de Servicios"],
        ["AEI.02.01", "Despacho anticipado de mercancías", "OEI.02", "Intendencia de Aduanas"],
        ["AEI.02.02", "Ventanilla única de comercio exterior", "OEI.02", "Intendencia de Aduanas"],
    ]
    workbook(folder / "pei.xlsx", {"OEI": oei, "AEI": aei})
    return expected(
        2,
        4,
        2,
        series={"Brecha de cumplimiento (%)": {"Meta 2020": "30", "Meta 2021": "28", "Meta 2022": "25"}},
    )


def foda_bolivia() -> dict[str, object]:
    """A Bolivian institutional-plan FODA form: the quadrant as a label merged down a column."""
    folder = mission("es_foda_formulario", lang="es", period="2021-2025", admin="Aduana Nacional")
    rows = [
        ["FORMULARIO FODA"],
        ["ANÁLISIS", "VARIABLES Y/O FACTORES", "INCIDENCIA"],
        ["FORTALEZAS", "Personal con experiencia en control", "Alta"],
        ["", "Sistema informático propio", "Media"],
        ["DEBILIDADES", "Procesos manuales en frontera", "Alta"],
        ["", "Rotación de personal", "Media"],
        ["OPORTUNIDADES", "Cooperación internacional", "Alta"],
        ["AMENAZAS", "Contrabando organizado", "Alta"],
        ["", "Recortes presupuestarios", "Media"],
    ]
    workbook(folder / "foda.xlsx", {"FODA": rows}, {"FODA": ["A3:A4", "A5:A6", "A8:A9"]})
    doc = Document()
    doc.add_heading("Razón de ser", 1)
    doc.add_paragraph("Facilitar el comercio lícito y controlar el tráfico de mercancías con integridad.")
    doc.add_heading("Propósito", 1)
    doc.add_paragraph("Ser una aduana moderna, confiable y reconocida en la región.")
    doc.add_heading("Valores", 1)
    for value in ("Integridad", "Transparencia", "Servicio"):
        doc.add_paragraph(value, style="List Bullet")
    doc.save(folder / "mision_vision.docx")
    return expected(0, 0, 0, swot=7, empty=True, mission=1, vision=1, values=3)


def poa_csv() -> dict[str, object]:
    """A POA exported as CSV with semicolons in Windows-1252, as Excel saves it in Latin locales."""
    folder = mission("es_poa_csv", lang="es", period="2024-2024", admin="Dirección Nacional de Aduanas")
    text = (
        "Objetivo específico;Actividad;Responsable;Inicio;Fin;Indicador;Meta\n"
        "Reducir tiempos de despacho;Implementar canal verde ampliado;Gerencia de Operaciones;01/02/2024;"
        "30/06/2024;Despachos en canal verde (%);60\n"
        ";Capacitar a 120 funcionarios;Gerencia de Personal;03/2024;09/2024;Funcionarios capacitados;120\n"
        "Fortalecer la integridad;Aplicar declaraciones juradas;Unidad de Ética;T1 2024;T4 2024;"
        "Declaraciones presentadas (%);100\n"
    )
    (folder / "poa_2024.csv").write_bytes(text.encode("cp1252"))
    return expected(2, 3, 3)


def pap_performance() -> dict[str, object]:
    """A French performance table (PAP/RAP): objective heading, indicators with past and target years."""
    folder = mission(
        "fr_pap_performance", lang="fr", period="2022-2024", admin="Direction générale des douanes"
    )
    rows = [
        ["OBJECTIF 1 : Améliorer l'efficacité du dédouanement"],
        ["Indicateur", "Unité", "2020 Réalisation", "2021 Réalisation", "2022 Prévision", "2023 Cible"],
        ["Délai moyen d'immobilisation des marchandises", "minutes", "9", "8", "7", "6"],
        ["Part des déclarations dématérialisées", "%", "92", "95", "97", "99"],
        [],
        ["OBJECTIF 2 : Lutter contre la fraude"],
        ["Indicateur", "Unité", "2020 Réalisation", "2021 Réalisation", "2022 Prévision", "2023 Cible"],
        ["Contentieux à enjeu réglés", "nombre", "1200", "1250", "1300", "1400"],
    ]
    workbook(folder / "pap_programme.xlsx", {"Performance": rows})
    return expected(
        2,
        0,
        3,
        series={
            "Part des déclarations dématérialisées": {
                "2020 Réalisation": "92",
                "2021 Réalisation": "95",
                "2022 Prévision": "97",
                "2023 Cible": "99",
            }
        },
    )


def axe_matrix() -> dict[str, object]:
    """A French axe / objectif / action matrix with its own axes (not the five default areas)."""
    folder = mission("fr_axe_matrice", lang="fr", admin="Direction générale des douanes")
    rows = [
        ["Axe stratégique", "Objectif opérationnel", "Action", "Pilote", "Échéance", "Indicateur", "Cible"],
        [
            "Douane numérique",
            "Dématérialiser les procédures",
            "Généraliser le guichet unique",
            "DSI",
            "T4 2023",
            "Procédures en ligne (%)",
            "100",
        ],
        ["", "", "Ouvrir un portail des opérateurs", "DSI", "2024", "Opérateurs inscrits", "5000"],
        [
            "Douane de confiance",
            "Renforcer le contrôle a posteriori",
            "Créer une cellule d'audit",
            "DRH",
            "juin 2024",
            "Audits réalisés",
            "300",
        ],
    ]
    workbook(folder / "matrice.xlsx", {"Matrice": rows}, {"Matrice": ["A2:A3", "B2:B3"]})
    return expected(2, 3, 3, areas=2)


def brazil_action_plan() -> dict[str, object]:
    """A Brazilian action-plan template exported as CSV (comma, UTF-8 with BOM)."""
    folder = mission("pt_plano_de_acao_csv", admin="Receita Federal")
    text = (
        "Objetivo Estratégico,Iniciativa,Unidade Responsável,Data de Início (dd/mm/aaaa),Prazo,Indicador,Meta\n"
        "Ampliar a conformidade,Programa de conformidade cooperativa,Coordenação de Fiscalização,01/03/2023,"
        "12/2024,Empresas no programa,200\n"
        "Ampliar a conformidade,Malha fiscal digital,Coordenação de Tecnologia,01/06/2023,06/2025,"
        "Declarações na malha (%),90\n"
    )
    (folder / "plano_de_acao.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return expected(1, 2, 2)


def mozambique_activity_plan() -> dict[str, object]:
    """A Lusophone annual activity plan: `OBJECTIVO Nº 1: …` above each table of `Linha de Acção |
    Actividades | Indicadores | Metas 2015 | Unidade Orgânica Responsável | Prazo` (pre-1990 spelling),
    a FOFA sheet of `Pontos Fortes | Pontos Fracos | Oportunidades | Ameaças`, notes in Portuguese."""
    folder = mission("pt_plano_actividades", lang="pt", period="2015-2019", admin="Autoridade Tributária")
    header = [
        "Linha de Acção",
        "Actividades",
        "Indicadores",
        "Metas 2015",
        "Unidade Orgânica Responsável",
        "Prazo",
    ]
    rows = [
        ["PLANO DE ACTIVIDADES E ORÇAMENTO 2015"],
        [],
        ["OBJECTIVO Nº 1: AUMENTAR A ARRECADAÇÃO DE RECEITAS DE FORMA SUSTENTÁVEL"],
        header,
        [
            "Alargamento da base tributária",
            "Registar novos contribuintes no NUIT",
            "Novos NUIT emitidos",
            "150000",
            "Direcção Geral de Impostos",
            "Dezembro de 2015",
        ],
        [
            "",
            "Realizar campanhas de educação fiscal",
            "Campanhas realizadas",
            "12",
            "Gabinete de Comunicação",
            "4º trimestre de 2015",
        ],
        [],
        ["OBJECTIVO Nº 2: MODERNIZAR E FORTALECER A ADMINISTRAÇÃO TRIBUTÁRIA"],
        header,
        [
            "Janela Única Electrónica",
            "Expandir a JUE a mais postos fronteiriços",
            "Postos ligados à JUE",
            "8",
            "Direcção Geral das Alfândegas",
            "Junho de 2015",
        ],
        [
            "Formação",
            "Formar os novos ingressos",
            "Funcionários formados",
            "400",
            "Instituto de Formação",
            "2015",
        ],
    ]
    fofa = [
        ["Pontos Fortes", "Pontos Fracos", "Oportunidades", "Ameaças"],
        ["Quadros experientes", "Processos manuais", "Crescimento do comércio regional", "Contrabando"],
    ]
    workbook(folder / "plano_actividades_2015.xlsx", {"Plano": rows, "FOFA": fofa}, {"Plano": ["A5:A6"]})
    (folder / "notas.md").write_text(
        "# Seminário de planeamento\n\n## Missão\n\nArrecadar receitas e facilitar o comércio legítimo.\n\n"
        "## Visão\n\nUma administração tributária moderna e de referência.\n\n## Valores\n\n- Integridade\n"
        "- Profissionalismo\n",
        "utf-8",
    )
    return expected(2, 4, 4, swot=4)


def grant_form() -> dict[str, object]:
    """A grant application in Word dropped into the folder as notes, beside a small plan workbook."""
    folder = mission("en_grant_form_as_notes")
    workbook(
        folder / "plan.xlsx",
        {
            "Plan": [
                ["Objective", "Initiative", "Owner", "Start", "End"],
                ["Modernise clearance", "Deploy a risk engine", "IT", 2023, 2024],
            ]
        },
    )
    doc = Document()
    doc.add_paragraph("GRANT APPLICATION FORM")
    for n in range(1, 31):
        doc.add_paragraph(f"{n}. Please describe item {n} of the proposed action in no more than 200 words.")
        doc.add_paragraph(f"Applicant answer for item {n}: the organisation will deliver the work package.")
    table = doc.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Value based", "Yes"
    table.cell(1, 0).text, table.cell(1, 1).text = "Stakeholders", "Ministry, donors, NGOs"
    table.cell(2, 0).text, table.cell(2, 1).text = "Decisions", "Board approval"
    doc.save(folder / "grant_application.docx")
    return expected(1, 1, 0, values=0, stakeholders=0, decisions=0, warnings=["READ014"])


def kpi_sheet_years() -> dict[str, object]:
    """A KPI sheet of a strategic plan with the year of each target in its header."""
    folder = mission("en_kpi_targets_by_year", period="2024-2026")
    rows = [
        ["Strategic Objective", "KPI", "Baseline (2023)", "Target 2024", "Target 2025", "Target 2026"],
        ["Faster clearance", "Average release time (hours)", "36", "30", "24", "18"],
        ["Integrity", "Complaints upheld per year", "40", "35", "30", "20"],
    ]
    workbook(folder / "kpis.xlsx", {"KPIs": rows})
    return expected(
        2,
        0,
        2,
        series={
            "Average release time (hours)": {"Target 2024": "30", "Target 2025": "24", "Target 2026": "18"}
        },
    )


CASE_MAKERS = [
    thrust_register,
    kra_table,
    priority_plan,
    logframe,
    indicator_register,
    workplan_quarters,
    balanced_scorecard,
    pei_ceplan,
    foda_bolivia,
    poa_csv,
    pap_performance,
    axe_matrix,
    brazil_action_plan,
    mozambique_activity_plan,
    grant_form,
    kpi_sheet_years,
]


def main() -> None:
    shutil.rmtree(CASES, ignore_errors=True)
    CASES.mkdir()
    cases = {}
    makers = [
        *CASE_MAKERS,
        *(
            partial(make, mission, expected)
            for make in (*UNSEEN_MAKERS, *HOLDOUT_MAKERS, *READING_WORD_MAKERS)
        ),
    ]
    for make in makers:
        before = set(CASES.iterdir())
        counts = make()
        make = getattr(make, "func", make)
        (name,) = {p.name for p in set(CASES.iterdir()) - before}
        cases[name] = {"layout": (make.__doc__ or "").strip(), "expected": counts}
    (HERE / "expected.json").write_text(json.dumps(cases, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
