"""Write the Spanish and French example missions, each laid out as a workshop in that language
captures it: a Latin American PEI matrix with a two-by-two FODA form (inputs/ejemplo), and a French
`axe / objectif / action` matrix with an FFOM table (inputs/exemple).

Usage: python scripts/make_example_es_fr.py inputs
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="385723")
HEAD_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")

# Eje → [(objetivo, [(iniciativa, responsable, inicio, término, indicador, línea base, meta, recomendación)])]
PEI = {
    "Eje 1: Marco legal y de procedimientos": [
        (
            "Modernizar la legislación aduanera al 2014",
            [
                (
                    "Redactar el proyecto de nueva Ley de Aduanas",
                    "Subdirección Jurídica",
                    "1T 2012",
                    "4T 2013",
                    "Proyecto enviado al Congreso",
                    "No",
                    "Sí",
                    "OMA-03",
                ),
                (
                    "Adherir al Convenio de Kioto Revisado",
                    "Subdirección Jurídica",
                    "2013",
                    "2014",
                    "Instrumento de adhesión depositado",
                    "No",
                    "Sí",
                    "OMA-04",
                ),
            ],
        ),
        (
            "Simplificar los procedimientos de despacho",
            [
                (
                    "Rediseñar el procedimiento de despacho anticipado",
                    "Subdirección de Operaciones",
                    "junio 2012",
                    "2T 2013",
                    "Tiempo medio de despacho (horas)",
                    "48",
                    "12",
                    "FMI-02",
                ),
            ],
        ),
    ],
    "Eje 2: Gestión estratégica": [
        (
            "Institucionalizar la planificación y el control de gestión",
            [
                (
                    "Crear la Unidad de Planificación Estratégica",
                    "Dirección Nacional",
                    "1T 2012",
                    "3T 2012",
                    "Unidad creada por resolución",
                    "No",
                    "Sí",
                    "OMA-01",
                ),
                (
                    "Implementar un tablero de indicadores de gestión",
                    "Unidad de Planificación",
                    "2013",
                    "2014",
                    "Indicadores publicados trimestralmente",
                    "0",
                    "20",
                    None,
                ),
            ],
        ),
    ],
    "Eje 3: Desarrollo de recursos humanos": [
        (
            "Profesionalizar la función aduanera",
            [
                (
                    "Diseñar la carrera funcionaria por competencias",
                    "Subdirección de Recursos Humanos",
                    "2012",
                    "2013",
                    "Perfiles de cargo aprobados (%)",
                    "10%",
                    "100%",
                    "OMA-06",
                ),
                (
                    "Crear la Escuela Aduanera virtual",
                    "Subdirección de Recursos Humanos",
                    "2013",
                    "2015",
                    "Funcionarios capacitados por año",
                    "150",
                    "900",
                    None,
                ),
            ],
        ),
    ],
    "Eje 4: Relaciones con las partes interesadas": [
        (
            "Fortalecer la coordinación con el sector privado",
            [
                (
                    "Instalar el Consejo Público-Privado de Facilitación",
                    "Dirección Nacional",
                    "2T 2012",
                    "4T 2012",
                    "Sesiones anuales del Consejo",
                    "0",
                    "4",
                    "OMA-08",
                ),
                (
                    "Publicar cartas de servicio para los usuarios",
                    "Departamento de Comunicaciones",
                    "2013",
                    "2013",
                    "Cartas publicadas",
                    "0",
                    "5",
                    None,
                ),
            ],
        ),
    ],
    "Eje 5: Gestión del cumplimiento": [
        (
            "Focalizar el control en los envíos de mayor riesgo",
            [
                (
                    "Crear la unidad central de gestión de riesgo",
                    "Subdirección de Fiscalización",
                    "1T 2012",
                    "4T 2012",
                    "Unidad operativa",
                    "No",
                    "Sí",
                    "FMI-01",
                ),
                (
                    "Reducir la inspección física de mercancías",
                    "Subdirección de Fiscalización",
                    "2013",
                    "2016",
                    "Declaraciones con inspección física (%)",
                    "35%",
                    "10%",
                    "FMI-01",
                ),
            ],
        ),
    ],
}

FODA = (
    [
        "Personal con experiencia y compromiso",
        "Presencia en todos los pasos fronterizos",
        "Sistema de declaración electrónica en operación",
    ],
    [
        "Sistemas informáticos obsoletos",
        "Alta rotación del personal técnico",
        "Escasa planificación de mediano plazo",
    ],
    [
        "Tratados de libre comercio vigentes",
        "Apoyo técnico de la OMA y del BID",
        "Ventanilla Única de Comercio Exterior",
    ],
    ["Contrabando organizado en zonas francas", "Crecimiento del comercio electrónico sin control"],
)

RECOMENDACIONES = [
    ("OMA-01", "Diagnóstico OMA 2010", "Adoptar un plan estratégico institucional con indicadores"),
    ("OMA-03", "Diagnóstico OMA 2010", "Actualizar la Ley de Aduanas"),
    ("OMA-04", "Diagnóstico OMA 2010", "Adherir al Convenio de Kioto Revisado"),
    ("OMA-06", "Diagnóstico OMA 2010", "Establecer una carrera funcionaria basada en competencias"),
    ("OMA-08", "Diagnóstico OMA 2010", "Formalizar el diálogo con el sector privado"),
    ("FMI-01", "Misión FMI 2011", "Crear una unidad central de gestión de riesgo"),
    ("FMI-02", "Misión FMI 2011", "Reducir los tiempos de despacho"),
]

NOTAS_ES = """# Taller de planificación estratégica 2012-2016

## Misión

Facilitar el comercio exterior lícito y proteger a la sociedad, recaudando con eficiencia los tributos
que gravan las operaciones aduaneras.

Estado: validada

## Visión

Ser al 2016 una aduana moderna, confiable y reconocida por su servicio y su integridad.

Estado: validada

## Valores

- Integridad
- Profesionalismo
- Vocación de servicio
- Transparencia

## Acuerdos

- El Comité Directivo revisará el borrador del plan el 15 de abril de 2012.
- Cada eje tendrá un coordinador designado por la Dirección Nacional.

## Temas pendientes

- Definir el presupuesto de la Escuela Aduanera virtual.
"""

# Axe → [(objectif, [(action, responsable, échéance, indicateur, référence, cible)])]
MATRICE = {
    "Axe 1 : Cadre juridique et procédures": [
        (
            "Moderniser le Code des douanes d'ici 2014",
            [
                (
                    "Rédiger l'avant-projet de Code des douanes",
                    "Direction de la législation",
                    "T4 2013",
                    "Avant-projet transmis au Ministre",
                    "Non",
                    "Oui",
                ),
                (
                    "Adhérer à la Convention de Kyoto révisée",
                    "Direction de la législation",
                    "2014",
                    "Instrument d'adhésion déposé",
                    "Non",
                    "Oui",
                ),
            ],
        ),
        (
            "Simplifier le dédouanement",
            [
                (
                    "Généraliser la procédure de dédouanement anticipé",
                    "Direction des opérations",
                    "T2 2013",
                    "Délai moyen de dédouanement (heures)",
                    "72",
                    "24",
                ),
            ],
        ),
    ],
    "Axe 2 : Gestion stratégique": [
        (
            "Piloter l'administration par la performance",
            [
                (
                    "Créer la cellule de planification stratégique",
                    "Direction générale",
                    "T3 2012",
                    "Cellule créée par arrêté",
                    "Non",
                    "Oui",
                ),
                (
                    "Mettre en place un tableau de bord trimestriel",
                    "Cellule de planification",
                    "2014",
                    "Indicateurs suivis",
                    "0",
                    "20",
                ),
            ],
        ),
    ],
    "Axe 3 : Développement des ressources humaines": [
        (
            "Professionnaliser les agents des douanes",
            [
                (
                    "Élaborer un référentiel des emplois et des compétences",
                    "Direction des ressources humaines",
                    "2013",
                    "Fiches de poste validées (%)",
                    "15 %",
                    "100 %",
                ),
                (
                    "Ouvrir l'école des douanes à la formation continue",
                    "Direction des ressources humaines",
                    "2015",
                    "Agents formés par an",
                    "200",
                    "800",
                ),
            ],
        ),
    ],
    "Axe 4 : Relations avec les partenaires": [
        (
            "Instaurer un dialogue régulier avec les opérateurs",
            [
                (
                    "Créer le comité douane-entreprises",
                    "Direction générale",
                    "T4 2012",
                    "Réunions annuelles du comité",
                    "0",
                    "4",
                ),
                (
                    "Publier une charte des usagers",
                    "Service de la communication",
                    "2013",
                    "Charte publiée",
                    "Non",
                    "Oui",
                ),
            ],
        ),
    ],
    "Axe 5 : Gestion de la conformité": [
        (
            "Cibler les contrôles sur les opérations à risque",
            [
                (
                    "Créer la cellule centrale d'analyse de risque",
                    "Direction du renseignement",
                    "T4 2012",
                    "Cellule opérationnelle",
                    "Non",
                    "Oui",
                ),
                (
                    "Réduire le taux de visite physique",
                    "Direction du renseignement",
                    "2016",
                    "Déclarations en circuit rouge (%)",
                    "60 %",
                    "15 %",
                ),
            ],
        ),
    ],
}

FFOM = (
    ["Agents motivés", "Système informatique SYDONIA en service"],
    ["Procédures encore manuelles", "Faible maîtrise des délais"],
    ["Appui de l'OMD (programme Columbus)", "Intégration régionale"],
    ["Fraude documentaire", "Baisse des recettes douanières"],
)

NOTES_FR = """# Atelier de planification stratégique 2012-2016

## Mission

Protéger l'économie nationale, faciliter les échanges légitimes et mobiliser les recettes douanières.

Statut : validée

## Vision

Une douane moderne, intègre et performante au service du développement à l'horizon 2016.

Statut : validée

## Valeurs

- Intégrité
- Professionnalisme
- Sens du service

## Décisions

- Le projet de plan sera présenté au Comité de direction le 20 avril 2012.

## Questions en suspens

- Le financement de l'école des douanes reste à confirmer.
"""


def _header(ws: Worksheet, row: int, labels: list[str]) -> None:
    for col, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=col, value=label)
        cell.font, cell.fill, cell.border = HEAD_FONT, HEAD_FILL, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[chr(64 + col)].width = width


def _cells(ws: Worksheet, row: int, values: list[object]) -> None:
    for col, value in enumerate(values, start=1):
        if value is not None:
            cell = ws.cell(row=row, column=col, value=value)
            cell.alignment, cell.border = WRAP, BOX


def spanish(folder: Path) -> None:
    """A PEI capture as Latin American administrations keep it: one matrix, ejes merged down."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mission.toml").write_text(
        "# Ejemplo en español: una administración ficticia, con los registros de un taller latinoamericano.\n"
        'administration = "Servicio Nacional de Aduanas de Costa Serena"\n'
        'country = "Costa Serena"\nperiod = "2012-2016"\nlanguage = "es"\n'
        'version = "0.1"\ndate = 2012-03-23\n\n'
        '[workshop]\nstart = 2012-03-19\nend = 2012-03-21\nplace = "Puerto Serena"\n',
        "utf-8",
    )
    wb = Workbook()
    ws = wb.active
    ws.title = "Matriz PEI"
    ws["A1"] = "Plan Estratégico Institucional 2012-2016 — Matriz de objetivos e iniciativas"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Taller de planificación estratégica, Puerto Serena, 19 al 21 de marzo de 2012"
    header = [
        "Eje estratégico",
        "Objetivo estratégico",
        "N°",
        "Iniciativa",
        "Unidad responsable",
        "Inicio",
        "Término",
        "Indicador",
        "Línea base",
        "Meta 2016",
        "Recomendación",
    ]
    _header(ws, 4, header)
    row = 5
    for e, (eje, objetivos) in enumerate(PEI.items(), start=1):
        eje_first = row
        for o, (objetivo, iniciativas) in enumerate(objetivos, start=1):
            obj_first = row
            for i, (titulo, resp, inicio, fin, kpi, base, meta, rec) in enumerate(iniciativas, start=1):
                first = row == eje_first
                _cells(
                    ws,
                    row,
                    [
                        eje if first else None,
                        objetivo if row == obj_first else None,
                        f"{e}.{o}.{i}",
                        titulo,
                        resp,
                        inicio,
                        fin,
                        kpi,
                        base,
                        meta,
                        rec,
                    ],
                )
                row += 1
            if row - 1 > obj_first:
                ws.merge_cells(start_row=obj_first, start_column=2, end_row=row - 1, end_column=2)
        if row - 1 > eje_first:
            ws.merge_cells(start_row=eje_first, start_column=1, end_row=row - 1, end_column=1)
    ws.freeze_panes = "A5"
    _widths(ws, [24, 32, 7, 40, 26, 9, 9, 32, 10, 10, 13])

    foda = wb.create_sheet("FODA")
    foda["A1"] = "Análisis FODA (plenaria del 19 de marzo)"
    foda["A1"].font = Font(bold=True, size=13)
    fortalezas, debilidades, oportunidades, amenazas = FODA
    _header(foda, 3, ["FORTALEZAS", "DEBILIDADES"])
    for n in range(max(len(fortalezas), len(debilidades))):
        _cells(
            foda,
            4 + n,
            [
                fortalezas[n] if n < len(fortalezas) else None,
                debilidades[n] if n < len(debilidades) else None,
            ],
        )
    top = 4 + max(len(fortalezas), len(debilidades)) + 1
    _header(foda, top, ["OPORTUNIDADES", "AMENAZAS"])
    for n in range(max(len(oportunidades), len(amenazas))):
        _cells(
            foda,
            top + 1 + n,
            [
                oportunidades[n] if n < len(oportunidades) else None,
                amenazas[n] if n < len(amenazas) else None,
            ],
        )
    _widths(foda, [50, 50])

    recs = wb.create_sheet("Recomendaciones")
    _header(recs, 1, ["Código", "Fuente", "Recomendación"])
    for n, rec in enumerate(RECOMENDACIONES, start=2):
        _cells(recs, n, list(rec))
    _widths(recs, [10, 24, 70])
    wb.properties.creator = "Unidad de Planificación"
    wb.save(folder / "taller_pei_2012.xlsx")
    (folder / "notas_facilitador.md").write_text(NOTAS_ES, "utf-8")


def french(folder: Path) -> None:
    """A French-speaking workshop's matrix: axe, objectif stratégique, action, with an FFOM table."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mission.toml").write_text(
        "# Exemple en français : une administration fictive, avec les saisies d'un atelier francophone.\n"
        'administration = "Direction générale des douanes de Costa Serena"\n'
        'country = "Costa Serena"\nperiod = "2012-2016"\nlanguage = "fr"\n'
        'version = "0.1"\ndate = 2012-03-23\n\n'
        '[workshop]\nstart = 2012-03-19\nend = 2012-03-21\nplace = "Port-Serena"\n',
        "utf-8",
    )
    wb = Workbook()
    ws = wb.active
    ws.title = "Matrice du plan"
    ws["A1"] = "Plan stratégique 2012-2016 — matrice axes, objectifs et actions"
    ws["A1"].font = Font(bold=True, size=13)
    header = [
        "Axe stratégique",
        "Objectif stratégique",
        "Action",
        "Responsable",
        "Échéance",
        "Indicateur",
        "Valeur de référence",
        "Cible 2016",
    ]
    _header(ws, 3, header)
    row = 4
    for axe, objectifs in MATRICE.items():
        axe_first = row
        for objectif, actions in objectifs:
            obj_first = row
            for action, resp, echeance, kpi, ref, cible in actions:
                _cells(
                    ws,
                    row,
                    [
                        axe if row == axe_first else None,
                        objectif if row == obj_first else None,
                        action,
                        resp,
                        echeance,
                        kpi,
                        ref,
                        cible,
                    ],
                )
                row += 1
            if row - 1 > obj_first:
                ws.merge_cells(start_row=obj_first, start_column=2, end_row=row - 1, end_column=2)
        if row - 1 > axe_first:
            ws.merge_cells(start_row=axe_first, start_column=1, end_row=row - 1, end_column=1)
    ws.freeze_panes = "A4"
    _widths(ws, [26, 32, 42, 28, 10, 32, 12, 10])

    ffom = wb.create_sheet("FFOM")
    _header(ffom, 1, ["Forces", "Faiblesses", "Opportunités", "Menaces"])
    for n in range(max(len(q) for q in FFOM)):
        _cells(ffom, 2 + n, [q[n] if n < len(q) else None for q in FFOM])
    _widths(ffom, [34, 34, 34, 34])
    wb.properties.creator = "Cellule de planification"
    wb.save(folder / "atelier_plan_strategique.xlsx")
    (folder / "notes_atelier.md").write_text(NOTES_FR, "utf-8")


# A Lusophone activity plan: a sheet per key area, 'OBJECTIVO Nº n: …' headings over tables of
# activities (Mozambique's and Cape Verde's plans de actividades), pre-1990 spelling left as typed.
PLANO = {
    "Quadro jurídico": [
        (
            "Modernizar a legislação aduaneira até 2014",
            [
                ("Elaborar a proposta do novo Código Aduaneiro", "Direcção Jurídica", "4º trimestre de 2013", "Proposta submetida ao Conselho de Ministros", "Não", "Sim"),
                ("Aderir à Convenção de Quioto Revista", "Direcção Jurídica", "2014", "Instrumento de adesão depositado", "Não", "Sim"),
            ],
        ),
    ],
    "Gestão estratégica": [
        (
            "Gerir a administração por resultados",
            [
                ("Criar uma unidade de planeamento estratégico", "Gabinete do Director-Geral", "2º trimestre de 2012", "Unidade em funcionamento", "Não", "Sim"),
                ("Publicar um relatório anual de desempenho", "Gabinete de Planeamento", "2013", "Relatórios publicados por ano", "0", "1"),
            ],
        ),
    ],
    "Recursos humanos": [
        (
            "Profissionalizar o pessoal aduaneiro",
            [
                ("Aprovar um quadro de competências", "Direcção de Recursos Humanos", "2013", "Postos com perfil de competências (%)", "10", "100"),
                ("Criar um centro de formação aduaneira", "Direcção de Recursos Humanos", "2014", "Funcionários formados por ano", "150", "600"),
            ],
        ),
    ],
    "Partes interessadas": [
        (
            "Reforçar a parceria com os operadores económicos",
            [
                ("Criar um comité consultivo com o sector privado", "Gabinete de Comunicação", "2012", "Reuniões realizadas por ano", "0", "4"),
                ("Lançar o programa de Operador Económico Autorizado", "Direcção de Procedimentos", "2015", "Operadores certificados", "0", "30"),
            ],
        ),
    ],
    "Gestão da conformidade": [
        (
            "Generalizar a gestão de risco",
            [
                ("Implantar a selectividade automática das declarações", "Direcção de Fiscalização", "2013", "Declarações sujeitas a análise de risco (%)", "20", "90"),
                ("Criar uma unidade de auditoria pós-desembaraço", "Direcção de Fiscalização", "2014", "Auditorias realizadas por ano", "10", "80"),
                ("Celebrar acordos de troca de informação com os países vizinhos", "Direcção de Fiscalização", "2016", "Acordos em vigor", "1", "4"),
            ],
        ),
    ],
}  # fmt: skip

FOFA = (
    ["Pessoal motivado", "Sistema informático em funcionamento", "Apoio político à reforma"],
    ["Procedimentos ainda manuais", "Pouca análise de risco"],
    ["Apoio da OMA (programa Columbus)", "Integração regional na SADC"],
    ["Fraude documental", "Baixa das receitas aduaneiras"],
)

NOTAS_PT = """# Seminário de planeamento estratégico 2012-2016

## Missão

Proteger a economia nacional, facilitar o comércio legítimo e cobrar as receitas aduaneiras.

Estado: validada

## Visão

Uma alfândega moderna, íntegra e eficaz ao serviço do desenvolvimento até 2016.

Estado: validada

## Valores

- Integridade
- Profissionalismo
- Espírito de serviço

## Decisões

- A proposta de plano será apresentada ao Conselho de Direcção a 20 de Abril de 2012.
"""


def portuguese(folder: Path) -> None:
    """A Lusophone workshop's plan of activities: a sheet per key area, 'OBJECTIVO Nº n: …' over each
    table, and a FOFA sheet."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mission.toml").write_text(
        "# Exemplo em português: uma administração fictícia, com os registos de um seminário lusófono.\n"
        'administration = "Alfândegas de Costa Serena"\n'
        'country = "Costa Serena"\nperiod = "2012-2016"\nlanguage = "pt"\n'
        'version = "0.1"\ndate = 2012-03-23\n\n'
        '[workshop]\nstart = 2012-03-19\nend = 2012-03-21\nplace = "Porto Serena"\n',
        "utf-8",
    )
    wb = Workbook()
    wb.remove(wb.active)
    number = 0
    for area, objectives in PLANO.items():
        ws = wb.create_sheet(area)
        row = 1
        for objective, activities in objectives:
            number += 1
            ws.cell(row=row, column=1, value=f"OBJECTIVO Nº {number}: {objective}").font = Font(
                bold=True, size=12
            )
            header = [
                "Actividades",
                "Unidade Orgânica Responsável",
                "Prazo",
                "Indicadores",
                "Situação de referência",
                "Metas 2016",
            ]
            _header(ws, row + 1, header)
            row += 2
            for activity in activities:
                _cells(ws, row, list(activity))
                row += 1
            row += 1
        _widths(ws, [46, 30, 20, 36, 14, 12])
    fofa = wb.create_sheet("FOFA")
    _header(fofa, 1, ["Forças", "Fraquezas", "Oportunidades", "Ameaças"])
    for n in range(max(len(q) for q in FOFA)):
        _cells(fofa, 2 + n, [q[n] if n < len(q) else None for q in FOFA])
    _widths(fofa, [34, 34, 34, 34])
    wb.properties.creator = "Gabinete de Planeamento"
    wb.save(folder / "plano_de_actividades.xlsx")
    (folder / "notas_seminario.md").write_text(NOTAS_PT, "utf-8")


def main(inputs: Path) -> None:
    spanish(inputs / "ejemplo")
    french(inputs / "exemple")
    portuguese(inputs / "exemplo")
    print(f"wrote {inputs / 'ejemplo'}, {inputs / 'exemple'} and {inputs / 'exemplo'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("inputs"))
