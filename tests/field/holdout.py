"""A held-out set: field cases written after the evidence reader was built, run once to measure it.

Their expected counts were written before the first run; their first-contact scores are recorded in
tests/field/README.md, and what they taught is said there too. `make_field.py` writes them with the rest.
"""

from __future__ import annotations

from books import workbook as _book


def results_framework(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A UN-style results framework exported wide: `Outcome | Output | Indicator | Baseline | Target
    2026 | MoV | Responsible agency | Partners | Budget (USD) | Funding gap`, outcomes merged down."""
    folder = mission("en_results_framework", period="2023-2026", admin="Customs Administration")
    head = ["Outcome", "Output", "Indicator", "Baseline", "Target 2026", "MoV", "Responsible agency", "Partners", "Budget (USD)", "Funding gap"]  # fmt: skip
    rows: list[list[object]] = [
        head,
        ["1. Trade moves faster across borders", "1.1 Risk-based clearance rolled out at all ports", "Share of declarations on the green lane", "20%", "60%", "System report", "Customs", "WCO", 250000, 50000],
        ["", "1.2 Single window connected to ten agencies", "Agencies connected", "2", "10", "Project reports", "Trade Ministry", "World Bank", 900000, 300000],
        ["", "1.3 Traders informed of new procedures", "Outreach sessions held", "0", "24", "Attendance lists", "Customs", "Chamber of Commerce", 40000, 0],
        ["2. Revenue is collected fairly", "2.1 Post-clearance audit unit operational", "Audits completed per year", "15", "120", "Audit register", "Customs", "IMF", 180000, 60000],
        ["", "2.2 Valuation database in use", "Declarations checked against the database", "0%", "80%", "System report", "Customs", "", 120000, 20000],
    ]  # fmt: skip
    _book(folder / "results_framework.xlsx", {"RF": rows}, {"RF": ["A2:A4", "A5:A6"]})
    return expected(2, 5, 5, owners=5)


def poa_dos_filas(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A Spanish POA with a two-row header (`Cronograma` over quarters), a priority column, and
    `Objetivo específico N: …` rows merged across the table."""
    folder = mission("es_poa_dos_filas", lang="es", period="2025", admin="Aduana Nacional")
    rows: list[list[object]] = [
        ["Actividad", "Responsable", "Prioridad", "Cronograma", "", "", "", "Presupuesto (Bs)"],
        ["", "", "", "T1", "T2", "T3", "T4", ""],
        ["Objetivo específico 1: Mejorar el control en frontera", "", "", "", "", "", "", ""],
        ["Capacitar a los funcionarios de frontera en perfilamiento de riesgo", "Unidad de Capacitación", "Alta", "X", "X", "", "", 45000],
        ["Adquirir equipos de inspección no intrusiva", "Gerencia Administrativa", "Alta", "", "X", "X", "", 1200000],
        ["Elaborar protocolos de control conjunto con la policía", "Gerencia de Fiscalización", "Media", "", "", "X", "X", 8000],
        ["Objetivo específico 2: Modernizar la atención al usuario", "", "", "", "", "", "", ""],
        ["Implementar una mesa de ayuda en línea", "Gerencia de Sistemas", "Media", "X", "X", "X", "X", 60000],
        ["Publicar guías de trámites en el portal", "Unidad de Comunicación", "Baja", "", "X", "", "", 5000],
        ["Realizar una encuesta de satisfacción", "Unidad de Planificación", "Media", "", "", "", "X", 12000],
    ]  # fmt: skip
    merges = ["D1:G1", "A1:A2", "B1:B2", "C1:C2", "H1:H2", "A3:H3", "A7:H7"]
    _book(folder / "poa_2025.xlsx", {"POA": rows}, {"POA": merges})
    return expected(2, 6, 0, owners=6)


def fiches_action(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """French action sheets, one block of label/value rows per action (`Intitulé de l'action`, `Axe`,
    `Pilote`, `Échéance`, `Indicateur de suivi`), separated by a blank row."""
    folder = mission("fr_fiches_action", lang="fr", period="2024-2026", admin="Direction des douanes")
    blocks = [
        ("Dématérialiser les déclarations de transit", "Axe 1 - Facilitation", "Bureau du transit", "juin 2025", "Part des déclarations dématérialisées"),
        ("Créer un comité de liaison avec les transitaires", "Axe 1 - Facilitation", "Direction régionale", "décembre 2024", "Réunions tenues par an"),
        ("Renforcer le ciblage des conteneurs", "Axe 2 - Contrôle", "Cellule de ciblage", "mars 2025", "Taux de contrôles positifs"),
        ("Former les agents à l'analyse de risque", "Axe 2 - Contrôle", "École des douanes", "décembre 2025", "Agents formés"),
    ]  # fmt: skip
    rows: list[list[object]] = []
    for title, axis, pilot, due, kpi in blocks:
        rows += [
            ["Intitulé de l'action", title],
            ["Axe", axis],
            ["Pilote", pilot],
            ["Échéance", due],
            ["Indicateur de suivi", kpi],
            [],
        ]
    _book(folder / "fiches.xlsx", {"Fiches": rows})
    return expected(0, 4, 4, areas=2, owners=4)


def okr_equipas(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A Portuguese OKR sheet: the first header cell is the team's name, objective rows merged
    across, key results (`RC 1.1 …`) under each."""
    folder = mission("pt_okr_equipas", lang="pt", period="2025", admin="Autoridade Aduaneira")
    rows: list[list[object]] = [
        ["Equipa de Fiscalização", "Responsável", "Prazo", "Progresso"],
        ["Objetivo 1 – Reduzir o contrabando de tabaco", "", "", ""],
        ["RC 1.1 Aumentar as apreensões em 20%", "Brigada Móvel", "dezembro de 2025", "35%"],
        [
            "RC 1.2 Instalar dois scanners nos postos de fronteira",
            "Direção de Logística",
            "junho de 2025",
            "10%",
        ],
        ["RC 1.3 Partilhar alertas semanais com a polícia", "Unidade de Informações", "março de 2025", "50%"],
        ["Objetivo 2 – Controlar melhor o valor aduaneiro", "", "", ""],
        ["RC 2.1 Rever 500 declarações de alto risco", "Unidade de Valor", "setembro de 2025", "20%"],
        [
            "RC 2.2 Criar uma base de dados de preços de referência",
            "Unidade de Valor",
            "dezembro de 2025",
            "0%",
        ],
    ]
    _book(folder / "okr_2025.xlsx", {"OKR": rows}, {"OKR": ["A2:D2", "A6:D6"]})
    return expected(2, 5, 0, owners=5)


def vision_and_narrow_goals(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A small plan on one sheet: `Our Vision` and `Our Mission` labels with their text in the cell
    below, then a two-column table `Goal | What we will do`, each goal merged down its actions."""
    folder = mission("en_vision_narrow_goals", period="2024-2028", admin="Port Health and Customs Office")
    rows: list[list[object]] = [
        ["Our Vision"],
        ["A trusted border that keeps the community safe and trade moving."],
        [],
        ["Our Mission"],
        ["We clear goods and people quickly and fairly, and stop what does not belong."],
        [],
        ["Goal", "What we will do"],
        ["Faster, simpler clearance", "Offer pre-arrival lodgement for all sea cargo"],
        ["", "Publish clearance times every month"],
        ["", "Cut the number of forms by half"],
        ["Stronger enforcement", "Target high-risk consignments with shared intelligence"],
        ["", "Train all officers in detection techniques"],
        ["Skilled, proud people", "Introduce a career path for inspectors"],
        ["", "Recognise outstanding service each year"],
    ]
    merges = ["A8:A10", "A11:A12", "A13:A14"]
    _book(folder / "plan_on_a_page.xlsx", {"Plan on a page": rows}, {"Plan on a page": merges})
    return expected(3, 7, 0, mission=1, vision=1)


def matriz_sin_encabezado(mission, expected) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A Spanish matrix whose action column has no header, `Eje` merged down on its left, and
    `Responsable | Fecha límite | Indicador` on its right."""
    folder = mission("es_matriz_sin_encabezado", lang="es", period="2024-2027", admin="Servicio de Aduanas")
    rows: list[list[object]] = [
        ["Eje", "", "Responsable", "Fecha límite", "Indicador"],
        ["Integridad", "Aprobar un nuevo código de ética", "Dirección Jurídica", "junio 2024", "Código aprobado"],
        ["", "Rotar al personal de puestos sensibles cada dos años", "Recursos Humanos", "diciembre 2025", "Puestos rotados (%)"],
        ["", "Publicar las sanciones aplicadas cada año", "Auditoría Interna", "marzo 2025", "Informes publicados"],
        ["Servicio", "Abrir una oficina de atención en cada aduana", "Dirección de Operaciones", "diciembre 2026", "Oficinas abiertas"],
        ["", "Responder los reclamos en menos de diez días", "Dirección de Operaciones", "junio 2025", "Reclamos atendidos a tiempo (%)"],
        ["", "Medir la satisfacción de los usuarios", "Planificación", "diciembre 2024", "Encuesta realizada"],
    ]  # fmt: skip
    _book(folder / "matriz.xlsx", {"Matriz": rows}, {"Matriz": ["A2:A4", "A5:A7"]})
    return expected(0, 6, 6, areas=2, owners=6)


HOLDOUT_MAKERS = [
    results_framework,
    poa_dos_filas,
    fiches_action,
    okr_equipas,
    vision_and_narrow_goals,
    matriz_sin_encabezado,
]
