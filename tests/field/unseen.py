"""Field cases in families no earlier reader was told about (issue #21), each laid out as a public plan.

Their expected counts were written down here before the reader that takes them was built, and their
first-contact scores are recorded in tests/field/README.md. `make_field.py` writes them with the rest.
"""

from __future__ import annotations

from books import workbook as _book


def okr_sheet(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """An OKR sheet (Perdoo / Google-Sheets OKR templates): the first header cell is the team's name,
    numbered objective rows merged across, key-result rows under each with owner, dates and progress."""
    folder = mission("en_okr_sheet", period="2024")
    rows: list[list[object]] = [
        ["Border Operations Team", "Owner", "Start", "Due", "Progress", "Confidence"],
        ["Objective 1: Faster clearance at the land borders", "", "", "", "", ""],
        [
            "KR 1.1 Cut average release time at Northgate from 6 h to 2 h",
            "Northgate Office",
            "2024-01",
            "2024-06",
            "40%",
            "Medium",
        ],
        [
            "KR 1.2 Process 80% of declarations before arrival",
            "Border Ops Unit",
            "2024-01",
            "2024-09",
            "25%",
            "Low",
        ],
        [
            "KR 1.3 Open a joint inspection lane with the neighbouring administration",
            "Border Ops Unit",
            "2024-03",
            "2024-12",
            "10%",
            "Medium",
        ],
        ["Objective 2: Traders trust our rulings", "", "", "", "", ""],
        [
            "KR 2.1 Publish every advance ruling within 30 days",
            "Tariff Unit",
            "2024-01",
            "2024-12",
            "60%",
            "High",
        ],
        [
            "KR 2.2 Raise the trader satisfaction score from 58 to 70",
            "Client Services",
            "2024-04",
            "2024-12",
            "0%",
            "Medium",
        ],
        ["Objective 3: A workforce ready for the new system", "", "", "", "", ""],
        [
            "KR 3.1 Train 400 officers on the new clearance system",
            "Training Academy",
            "2024-02",
            "2024-10",
            "30%",
            "High",
        ],
        ["KR 3.2 Certify 20 internal trainers", "Training Academy", "2024-02", "2024-06", "50%", "High"],
        ["KR 3.3 Fill the 15 vacant analyst posts", "HR Division", "2024-01", "2024-09", "20%", "Low"],
    ]
    _book(folder / "okrs_2024.xlsx", {"Q1-Q4 OKRs": rows}, {"Q1-Q4 OKRs": ["A2:F2", "A6:F6", "A9:F9"]})
    return expected(3, 8, 0, owners=8)


def departmental_plan(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A departmental plan as UK single departmental plans and NZ four-year plans lay it out:
    `Objective | Minister | Officials | Sub-objective | How we will achieve this`, the objective and
    the sub-objective merged down their rows."""
    folder = mission("en_departmental_plan", period="2023-2027")
    rows: list[list[object]] = [
        ["Objective", "Minister", "Officials", "Sub-objective", "How we will achieve this"],
        [
            "1. Collect the revenue due",
            "Minister of Finance",
            "Revenue Directorate",
            "1.1 Close the VAT gap on imports",
            "Introduce post-clearance audit of high-risk importers",
        ],
        ["", "", "", "", "Match import declarations against VAT returns every month"],
        [
            "",
            "",
            "",
            "1.2 Improve valuation control",
            "Build a valuation database from five years of declarations",
        ],
        ["", "", "", "", "Train valuation officers at every major port"],
        ["", "", "", "", "Publish guidance on related-party transactions"],
        [
            "2. Make legitimate trade easier",
            "Minister of Trade",
            "Facilitation Directorate",
            "2.1 Extend the authorised operator programme",
            "Certify 50 more authorised economic operators",
        ],
        ["", "", "", "", "Sign two mutual recognition arrangements"],
        [
            "",
            "",
            "",
            "2.2 Simplify border formalities",
            "Connect the single window to the port community system",
        ],
        ["", "", "", "", "Remove paper certificates of origin"],
        ["", "", "", "", "Set up coordinated border management committees at three posts"],
    ]
    merges = ["A2:A6", "B2:B6", "C2:C6", "D2:D3", "D4:D6", "A7:A11", "B7:B11", "C7:C11", "D7:D8", "D9:D11"]
    _book(folder / "departmental_plan.xlsx", {"Plan": rows}, {"Plan": merges})
    return expected(4, 10, 0, areas=2, owners=10)


def compromisos_registro(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A register of institutional commitments as Chile's budget office publishes them for evaluated
    programmes (DIPRES, *compromisos institucionales*): `Programa evaluado | Compromiso 2008 | Plazo |
    Estado`, a narrow table whose item column is named by a year."""
    folder = mission(
        "es_compromisos_registro", lang="es", period="2008-2010", admin="Servicio Nacional de Aduanas"
    )
    rows: list[list[object]] = [
        ["Seguimiento de compromisos institucionales"],
        [],
        ["Programa evaluado", "Compromiso 2008", "Plazo", "Estado"],
        [
            "Fiscalización a posteriori",
            "Elaborar un manual de procedimientos de auditoría a posteriori",
            "Junio 2008",
            "Cumplido",
        ],
        [
            "Fiscalización a posteriori",
            "Definir indicadores de desempeño para las unidades de auditoría",
            "Diciembre 2008",
            "Cumplido",
        ],
        [
            "Fiscalización a posteriori",
            "Implementar un sistema de seguimiento de hallazgos",
            "Diciembre 2009",
            "Parcialmente cumplido",
        ],
        [
            "Atención a usuarios",
            "Diseñar una encuesta anual de satisfacción de usuarios",
            "Junio 2008",
            "Cumplido",
        ],
        [
            "Atención a usuarios",
            "Crear una oficina de reclamos en cada aduana regional",
            "Diciembre 2009",
            "No cumplido",
        ],
        ["Capacitación", "Formular un plan anual de capacitación por competencias", "Junio 2008", "Cumplido"],
        [
            "Capacitación",
            "Evaluar el impacto de los cursos en el desempeño",
            "Diciembre 2009",
            "Parcialmente cumplido",
        ],
    ]
    _book(folder / "compromisos.xlsx", {"Compromisos": rows})
    return expected(0, 7, 0, areas=3, owners=0)


def choix_strategiques(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A two-column plan as French administrations write their *projet stratégique*: `Choix
    stratégique | Actions`, each choice merged down its actions."""
    folder = mission(
        "fr_choix_strategiques", lang="fr", period="2021-2025", admin="Direction régionale des douanes"
    )
    rows: list[list[object]] = [
        ["Choix stratégique", "Actions"],
        ["Mieux cibler les contrôles", "Mettre en place une cellule d'analyse de risque régionale"],
        ["", "Développer le contrôle a posteriori des opérateurs"],
        ["", "Partager les résultats des contrôles avec les bureaux"],
        ["Accompagner les entreprises", "Créer un guichet d'accueil des primo-exportateurs"],
        ["", "Organiser des réunions d'information trimestrielles"],
        ["", "Simplifier les procédures de dédouanement centralisé"],
        ["Valoriser les compétences", "Former les agents aux nouveaux outils numériques"],
        ["", "Ouvrir un parcours de mobilité interne"],
    ]
    merges = ["A2:A4", "A5:A7", "A8:A9"]
    _book(folder / "projet_strategique.xlsx", {"Projet": rows}, {"Projet": merges})
    return expected(3, 8, 0)


def tracker_export(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A council's corporate-plan tracker exported with its 18 columns: links, review dates, RAG,
    progress, two leads, budget lines per year; the action column is one of many."""
    folder = mission("en_tracker_export", period="2024-2027", admin="City Council")
    head = [
        "ID", "Theme", "Action", "Lead Officer", "Lead Service", "Second Lead", "Partners", "Start",
        "Due", "RAG", "Progress %", "Last Review", "Next Review", "Link", "Budget 2024/25",
        "Budget 2025/26", "Funding Source", "Comments",
    ]  # fmt: skip
    data = [
        (
            "A01",
            "Thriving economy",
            "Launch a business support hub in the town centre",
            "J. Patel",
            "Economic Development",
        ),
        (
            "A02",
            "Thriving economy",
            "Deliver the high street improvement grants",
            "J. Patel",
            "Economic Development",
        ),
        (
            "A03",
            "Thriving economy",
            "Review the procurement policy to favour local suppliers",
            "M. Osei",
            "Procurement",
        ),
        ("A04", "Green city", "Install 200 public electric vehicle charge points", "L. Novak", "Transport"),
        ("A05", "Green city", "Retrofit ten council buildings for energy efficiency", "L. Novak", "Estates"),
        ("A06", "Green city", "Plant 5,000 street trees", "R. Adeyemi", "Parks"),
        ("A07", "Healthy communities", "Open two community wellbeing hubs", "S. Byrne", "Public Health"),
        (
            "A08",
            "Healthy communities",
            "Expand the free swimming scheme for under-16s",
            "S. Byrne",
            "Leisure",
        ),
        ("A09", "Healthy communities", "Publish a food poverty action plan", "K. Ahmed", "Public Health"),
        (
            "A10",
            "Healthy communities",
            "Commission a mental health first aid programme",
            "K. Ahmed",
            "Public Health",
        ),
    ]
    rows: list[list[object]] = [head]
    for n, (ref, theme, action, officer, service) in enumerate(data):
        rows.append([
            ref, theme, action, officer, service, "Deputy Director" if n % 2 else "", "Partners TBC",
            "2024-04-01", "2026-03-31", ("Green", "Amber", "Red")[n % 3], 10 * (n % 5), "2024-10-01",
            "2025-01-15", f"https://intranet.example/plan/{ref}", 50000 + 1000 * n, 40000, "Capital",
            "On track" if n % 3 == 0 else "",
        ])  # fmt: skip
    _book(folder / "corporate_plan_tracker.xlsx", {"Export": rows})
    return expected(0, 10, 0, areas=3, owners=10)


def group_label_header(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A two-row header as operational plans draw it: `Objective | Year 1 (2025/26) | Indicator`, the
    year merged over sub-columns that are not periods (`Action | Responsible | Deadline`)."""
    folder = mission("en_group_label_header", period="2025-2028")
    rows: list[list[object]] = [
        ["Strategic objective", "Year 1 (2025/26)", "", "", "Indicator"],
        ["", "Action", "Responsible", "Deadline", ""],
        [
            "Reduce clearance times",
            "Extend pre-arrival processing to air cargo",
            "Air Cargo Office",
            "Sep 2025",
            "Average release time",
        ],
        ["", "Publish release-time figures every quarter", "Planning Unit", "Dec 2025", ""],
        ["", "Introduce a green lane for authorised operators", "Trade Facilitation", "Mar 2026", ""],
        [
            "Strengthen integrity",
            "Adopt a revised code of conduct",
            "Internal Affairs",
            "Jun 2025",
            "Complaints upheld",
        ],
        ["", "Rotate officers in sensitive posts", "HR Division", "Mar 2026", ""],
        [
            "Modernise systems",
            "Migrate the manifest system to the new platform",
            "ICT Directorate",
            "Dec 2025",
            "System availability",
        ],
        ["", "Connect five more agencies to the single window", "ICT Directorate", "Mar 2026", ""],
    ]
    merges = ["B1:D1", "A1:A2", "E1:E2", "A3:A5", "E3:E5", "A6:A7", "E6:E7", "A8:A9", "E8:E9"]
    _book(folder / "operational_plan.xlsx", {"Year 1": rows}, {"Year 1": merges})
    return expected(3, 7, 3, owners=7)


def registos_verticais(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Action sheets as Lusophone plans keep them: one block of label/value rows per action (*Ação,
    Objetivo estratégico, Responsável, Prazo, Indicador, Meta*), blocks separated by a blank row."""
    folder = mission("pt_registos_verticais", lang="pt", period="2024-2027", admin="Autoridade Tributária")
    blocks = [
        ("Implantar o despacho antecipado nas fronteiras terrestres", "Facilitar o comércio legítimo", "Direção de Serviços Aduaneiros", "dezembro de 2025", "Tempo médio de desalfandegamento", "Menos de 24 horas"),
        ("Ligar a janela única a todos os portos", "Facilitar o comércio legítimo", "Direção de Tecnologias", "junho de 2026", "Portos ligados", "100%"),
        ("Criar uma unidade central de gestão de risco", "Reforçar o controlo aduaneiro", "Direção de Fiscalização", "março de 2025", "Inspeções selecionadas pelo risco", "80%"),
        ("Realizar auditorias pós-desalfandegamento", "Reforçar o controlo aduaneiro", "Direção de Auditoria", "dezembro de 2026", "Auditorias concluídas por ano", "120"),
        ("Formar os técnicos em classificação pautal", "Reforçar o controlo aduaneiro", "Centro de Formação", "dezembro de 2024", "Técnicos formados", "300"),
    ]  # fmt: skip
    rows: list[list[object]] = [["FICHAS DE AÇÃO"], []]
    for action, objective, owner, due, kpi, target in blocks:
        rows += [
            ["Ação", action],
            ["Objetivo estratégico", objective],
            ["Responsável", owner],
            ["Prazo", due],
            ["Indicador", kpi],
            ["Meta", target],
            [],
        ]
    _book(folder / "fichas_de_acao.xlsx", {"Fichas": rows})
    return expected(2, 5, 5, owners=5)


def pei_con_declaraciones(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A PEI workbook with its statements on the sheet (`MISIÓN` above its text, `Visión:` beside it),
    section rows `Eje 1: …` merged across the table, and baselines written inside the indicator."""
    folder = mission(
        "es_pei_con_declaraciones", lang="es", period="2024-2028", admin="Dirección Nacional de Aduanas"
    )
    rows: list[list[object]] = [
        ["PLAN ESTRATÉGICO INSTITUCIONAL 2024-2028"],
        [],
        ["MISIÓN"],
        [
            "Facilitar el comercio lícito y proteger a la sociedad con un control aduanero eficaz y transparente."
        ],
        [],
        ["Visión:", "Ser una aduana moderna, confiable y reconocida en la región por su servicio."],
        [],
        ["Objetivo estratégico", "Acción estratégica", "Indicador", "Responsable", "Plazo"],
        ["Eje 1: Facilitación del comercio", "", "", "", ""],
        [
            "Reducir los tiempos de despacho",
            "Implementar el despacho anticipado",
            "Tiempo medio de despacho (línea base 2023: 48 horas)",
            "Intendencia de Operaciones",
            "2025",
        ],
        [
            "",
            "Ampliar el canal verde para operadores certificados",
            "Operadores OEA certificados (línea base: 12)",
            "Intendencia de Operaciones",
            "2026",
        ],
        [
            "Modernizar la infraestructura tecnológica",
            "Conectar la ventanilla única con los puertos",
            "Puertos conectados (línea base 2023: 2)",
            "Dirección de Informática",
            "2026",
        ],
        [
            "",
            "Digitalizar los certificados de origen",
            "Certificados electrónicos emitidos (%)",
            "Dirección de Informática",
            "2025",
        ],
        ["Eje 2: Control y lucha contra el fraude", "", "", "", ""],
        [
            "Fortalecer la gestión de riesgos",
            "Crear una unidad central de análisis de riesgo",
            "Inspecciones seleccionadas por riesgo (línea base 2023: 35 %)",
            "Subdirección de Fiscalización",
            "2025",
        ],
        [
            "",
            "Implementar la fiscalización a posteriori",
            "Auditorías posteriores realizadas por año",
            "Subdirección de Fiscalización",
            "2027",
        ],
        [
            "Combatir el contrabando",
            "Instalar escáneres en los pasos de frontera",
            "Pasos con escáner (línea base: 1)",
            "Subdirección de Fiscalización",
            "2026",
        ],
        [
            "",
            "Firmar acuerdos de intercambio de información",
            "Acuerdos vigentes",
            "Dirección Jurídica",
            "2025",
        ],
    ]
    merges = ["A9:E9", "A10:A11", "A12:A13", "A14:E14", "A15:A16", "A17:A18"]
    _book(folder / "pei.xlsx", {"PEI": rows}, {"PEI": merges})
    return expected(4, 8, 8, areas=2, mission=1, vision=1, baselines=5)


def contrat_performance(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A customs performance contract as Cameroon's customs signed them with front-line offices (WCO
    and World Bank papers on *contrats de performance*): objectives with weighted indicators, a
    reference value and a target, the objective merged down its indicators."""
    folder = mission(
        "fr_contrat_performance", lang="fr", period="2011", admin="Direction générale des douanes"
    )
    rows: list[list[object]] = [
        ["CONTRAT DE PERFORMANCE — BUREAU DES DOUANES DU PORT"],
        [
            "N°",
            "Objectif contractuel",
            "Indicateur de performance",
            "Situation de référence",
            "Cible",
            "Poids (%)",
        ],
        [
            1,
            "Accélérer le dédouanement",
            "Délai moyen entre l'enregistrement et la liquidation (jours)",
            "4,5",
            "2",
            20,
        ],
        ["", "", "Part des déclarations liquidées en moins de 48 h", "35 %", "70 %", 15],
        [2, "Sécuriser les recettes", "Taux de recouvrement des droits liquidés", "88 %", "95 %", 25],
        ["", "", "Nombre de redressements après contrôle", "120", "200", 10],
        [3, "Lutter contre la corruption", "Déclarations modifiées sans justification", "8 %", "2 %", 20],
        [
            4,
            "Améliorer la qualité des contrôles",
            "Part des visites physiques ayant donné lieu à un redressement",
            "12 %",
            "25 %",
            10,
        ],
    ]
    merges = ["A3:A4", "B3:B4", "A5:A6", "B5:B6"]
    _book(folder / "contrat_performance.xlsx", {"Contrat": rows}, {"Contrat": merges})
    return expected(4, 0, 6)


def pillar_sections(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A customs strategic plan's implementation matrix: section rows `Pillar 1 – …` across the table,
    `Strategic Initiative | Key Activities | Responsible | Timeframe`, numbered sub-rows refining an
    activity (`1. Guide on …`)."""
    folder = mission("en_pillar_sections", period="2023-2027", admin="Revenue Authority Customs Department")
    rows: list[list[object]] = [
        ["No.", "Strategic Initiative", "Key Activities", "Responsible", "Timeframe"],
        ["Pillar 1 – Revenue mobilisation", "", "", "", ""],
        [
            "1.1",
            "Modernise customs valuation",
            "Publish 3 step-by-step valuation guides",
            "Valuation Unit",
            "2023/24",
        ],
        ["", "", "1. Guide on related-party transactions", "", ""],
        ["", "", "2. Guide on royalties and licence fees", "", ""],
        ["", "", "3. Guide on used vehicles", "", ""],
        [
            "1.2",
            "Strengthen post-clearance audit",
            "Recruit and train 20 auditors",
            "Audit Division",
            "2023/24",
        ],
        ["Pillar 2 – Trade facilitation", "", "", "", ""],
        ["2.1", "Expand the AEO programme", "Certify 30 operators", "Trade Facilitation", "2024/25"],
        ["", "", "Sign a mutual recognition arrangement", "Trade Facilitation", "2025/26"],
        ["2.2", "Implement the single window", "Connect port and airport systems", "ICT", "2024/25"],
        ["Pillar 3 – Institutional capacity", "", "", "", ""],
        [
            "3.1",
            "Professionalise the workforce",
            "Adopt a competency framework",
            "Human Resources",
            "2023/24",
        ],
        ["", "", "Launch an e-learning platform", "Training School", "2024/25"],
    ]
    merges = ["A2:E2", "A8:E8", "A12:E12"]
    _book(folder / "implementation_matrix.xlsx", {"Matrix": rows}, {"Matrix": merges})
    return expected(5, 10, 0, areas=3)  # first written as 11: a miscount of the rows above


def unnamed_action_column(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A team's work plan whose action column has no header at all (the cell left blank), a `Focus`
    column of short repeated labels left of it, and `Lead | By when | Status`."""
    folder = mission("en_unnamed_action_column", period="2024-2025", admin="Customs Service")
    rows: list[list[object]] = [
        ["Focus", "", "Lead", "By when", "Status"],
        ["People", "Run a staff engagement survey", "HR Manager", "March 2024", "Done"],
        [
            "People",
            "Agree individual development plans with every officer",
            "Team leaders",
            "June 2024",
            "Started",
        ],
        [
            "People",
            "Introduce a mentoring scheme for new recruits",
            "HR Manager",
            "December 2024",
            "Not started",
        ],
        ["Processes", "Map the clearance process end to end", "Process Lead", "April 2024", "Done"],
        [
            "Processes",
            "Remove duplicate data entry at the front desk",
            "Process Lead",
            "September 2024",
            "Started",
        ],
        ["Processes", "Automate the monthly performance report", "Analyst", "November 2024", "Not started"],
        [
            "Partners",
            "Hold quarterly meetings with the freight forwarders' association",
            "Director",
            "March 2025",
            "Started",
        ],
        ["Partners", "Publish a service charter for traders", "Director", "June 2025", "Not started"],
    ]
    _book(folder / "team_plan.xlsx", {"Plan": rows})
    return expected(0, 8, 0, areas=3, owners=8)


UNSEEN_MAKERS = [
    okr_sheet,
    departmental_plan,
    compromisos_registro,
    choix_strategiques,
    tracker_export,
    group_label_header,
    registos_verticais,
    pei_con_declaraciones,
    contrat_performance,
    pillar_sections,
    unnamed_action_column,
]
