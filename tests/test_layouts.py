"""Property: a known plan written in random workshop layouts is read back whole.

Layouts vary header language and wording, column order, title rows, blank separators, merged or
repeated Area/Objective cells, and where the area is named (a column, a heading cell, the sheet name).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import MISSION_TOML, write_workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.build import parse

HEADERS = {
    "area": ["Key area", "Área clave", "Axe stratégique", "Eje estratégico", "Pillar"],
    "objective": ["Strategic objective", "Objetivo estratégico", "Objectif stratégique", "Goal"],
    "initiative": ["Key initiative", "Iniciativa", "Initiative", "Acción", "Action"],
    "owner": ["Owner", "Responsable", "Pilote", "Lead"],
    "start": ["Start", "Inicio", "Début"],
    "end": ["End", "Plazo", "Échéance", "Deadline"],
}
AREA_LABELS = {
    "legal": [
        "Legal and procedures framework",
        "Marco legal y de procedimientos",
        "Legal & Procedural Framework",
    ],
    "strategic": ["Strategic management", "Gestión estratégica", "Strategic Mgmt"],
    "hr": ["Human resources development", "HR Development", "Développement des ressources humaines"],
    "stakeholders": ["Stakeholder relations", "Stakeholders", "Relaciones con las partes interesadas"],
    "compliance": ["Compliance management", "Compliance Mgmt", "Gestion de la conformité"],
}
WORDS = [
    "modernise",
    "customs",
    "border",
    "risk",
    "audit",
    "training",
    "law",
    "clearance",
    "trade",
    "integrity",
    "partners",
    "data",
    "procedures",
    "controls",
    "staff",
]

initiative = st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=4),
    st.sampled_from(["Legal Dept", "HR Division", "Risk Unit", "IT Department"]),
    st.integers(2012, 2014),
    st.integers(0, 2),
)
objective = st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=4), st.lists(initiative, min_size=1, max_size=3)
)
plan_strategy = st.dictionaries(
    st.sampled_from(list(AREA_LABELS)), st.lists(objective, min_size=1, max_size=2), min_size=1, max_size=3
)
layout = st.fixed_dictionaries(
    {
        "order": st.permutations(["objective", "initiative", "owner", "start", "end"]),
        "language": st.lists(st.integers(0, 9), min_size=6, max_size=6),
        "titles": st.integers(0, 3),
        "blank_between": st.booleans(),
        "merge": st.booleans(),
        "repeat": st.booleans(),
        "area_where": st.sampled_from(["column", "heading", "sheet"]),
        "label": st.integers(0, 2),
    }
)


def _known(plan: dict) -> tuple[set[tuple], list[tuple]]:
    """The plan as (area key, objective, initiative, owner, start, end) rows, with unique titles."""
    rows = []
    for area, objectives in plan.items():
        for o, (words, initiatives) in enumerate(objectives):
            title = f"{' '.join(words).capitalize()} {area} {o}"
            for i, (iwords, owner, start, span) in enumerate(initiatives):
                rows.append(
                    (
                        area,
                        title,
                        f"{' '.join(iwords).capitalize()} {area} {o}.{i}",
                        owner,
                        start,
                        start + span,
                    )
                )
    return {r for r in rows}, rows


def _sheets(rows: list[tuple], lay: dict) -> tuple[dict, dict]:
    fields = (["area"] if lay["area_where"] == "column" else []) + lay["order"]
    header = [HEADERS[f][lay["language"][n % 6] % len(HEADERS[f])] for n, f in enumerate(fields)]
    by_area: dict[str, list[tuple]] = {}
    for row in rows:
        by_area.setdefault(row[0] if lay["area_where"] != "column" else "all", []).append(row)
    sheets: dict[str, list[list[object]]] = {}
    merges: dict[str, list[str]] = {}
    for n, (group, items) in enumerate(by_area.items()):
        label = AREA_LABELS[group][lay["label"]] if group in AREA_LABELS else ""
        name = label[:31] if lay["area_where"] == "sheet" else f"Group {n + 1}"
        table: list[list[object]] = [[f"Workshop title line {t}"] for t in range(lay["titles"])]
        if lay["area_where"] == "heading":
            table += [[f"Key area: {label}"], []]
        table.append(header)
        groups: list[tuple[int, int]] = []  # first and last Excel row of each objective's rows
        previous = None
        for row in items:
            values = {
                "area": AREA_LABELS[row[0]][lay["label"]],
                "objective": row[1],
                "initiative": row[2],
                "owner": row[3],
                "start": row[4],
                "end": row[5],
            }
            same = previous == row[1]
            if lay["blank_between"] and previous is not None and not same:
                table.append([])
            blank = same and not lay["repeat"]
            table.append([None if blank and f in ("objective", "area") else values[f] for f in fields])
            if same:
                groups[-1] = (groups[-1][0], len(table))
            else:
                groups.append((len(table), len(table)))
            previous = row[1]
        column = "ABCDEF"[fields.index("objective")]
        merges[name] = [
            f"{column}{a}:{column}{b}" for a, b in groups if lay["merge"] and not lay["repeat"] and b > a
        ]
        sheets[name] = table
    return sheets, merges


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_strategy, layout)
def test_random_layouts_recover_the_plan(plan: dict, lay: dict) -> None:
    known, rows = _known(plan)
    sheets, merges = _sheets(rows, lay)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "mission.toml").write_text(MISSION_TOML.format(language="en"), "utf-8")
        write_workbook(folder / "w.xlsx", sheets, merges)
        parsed = parse(folder)
    got = {
        (a.key, o.title, i.title, i.owner, i.start.year if i.start else None, i.end.year if i.end else None)
        for a in parsed.areas
        for o in a.objectives
        for i in o.initiatives
    }
    assert got == known
    assert not parsed.unmatched
    for account in parsed.accounting:
        assert account.in_findings == 0
