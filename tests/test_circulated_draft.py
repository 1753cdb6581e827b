"""The draft a ministry circulates: numbers agree with headings everywhere, what the kit asks for
(priority, resources) reaches the draft, the groups' own references are kept as a field (issue #22)."""

from __future__ import annotations

import io

import docx
from conftest import sections_by_heading

from pipeline.build import parse
from pipeline.checks import check
from pipeline.render.document import render

HEADER = [
    "Área clave",
    "Objetivo estratégico",
    "Ref",
    "Iniciativa clave",
    "Responsable",
    "Inicio",
    "Fin",
    "Prioridad",
    "Recursos",
]
ROWS = [
    [
        "Marco legal",
        "Modernizar la ley",
        "4.1",
        "Redactar la nueva ley de aduanas",
        "Jurídica",
        2013,
        2014,
        12,
        "Consultoría externa",
    ],
    [
        "Marco legal",
        "Modernizar la ley",
        "4.7",
        "Adherir al Convenio de Kioto",
        "Jurídica",
        2014,
        2015,
        3,
        "",
    ],
    [
        "Marco legal",
        "Simplificar el despacho",
        "9",
        "Rediseñar el despacho anticipado",
        "Operaciones",
        2012,
        2013,
        7,
        "Préstamo BID",
    ],
]


def _draft(make_mission):
    plan = parse(make_mission({"Grupo 1": [HEADER, *ROWS]}, language="es"))
    return plan, docx.Document(io.BytesIO(render(plan, check(plan)).data))


def _table_with(document, text: str):
    return next(t for t in document.tables if any(text in c.text for r in t.rows for c in r.cells))


def test_initiatives_are_numbered_under_their_heading_and_the_groups_ref_is_kept(make_mission) -> None:
    _, document = _draft(make_mission)
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    first, second = (h for h in headings if "Modernizar" in h or "Simplificar" in h)
    n1, n2 = first.split("  ")[0], second.split("  ")[0]
    chapter = _table_with(document, "Redactar la nueva ley")
    numbers = [r.cells[0].text for r in chapter.rows[1:]]
    assert numbers == [f"{n1}.1", f"{n1}.2"]
    assert "Ref. del grupo: 4.1" in chapter.rows[1].cells[1].text  # the group's own ref, as a field
    assert _table_with(document, "Rediseñar el despacho").rows[1].cells[0].text == f"{n2}.1"
    roadmap = next(t for t in document.tables if t.rows[0].cells[-1].text == "2016")
    by_title = {r.cells[1].text: r.cells[0].text for r in roadmap.rows[1:] if len(r.cells) > 3}
    assert by_title["Adherir al Convenio de Kioto"] == f"{n1}.2"  # the same number in the roadmap


def test_priority_and_resources_reach_the_draft(make_mission) -> None:
    _, document = _draft(make_mission)
    chapter = _table_with(document, "Redactar la nueva ley")
    head = [c.text for c in chapter.rows[0].cells]
    assert "Prioridad" in head
    assert chapter.rows[1].cells[head.index("Prioridad")].text == "12"
    assert "Recursos: Consultoría externa" in chapter.rows[1].cells[1].text
    text = sections_by_heading(document)
    intro = " ".join(text["Introducción"])
    assert "El plenario dio la máxima prioridad a “Redactar la nueva ley de aduanas”, “Rediseñar" in intro
    area = " ".join(next(v for k, v in text.items() if "Marco legal" in k))
    assert "Recursos solicitados" in area and "Préstamo BID" in area


def test_a_rebuild_without_pdf_moves_the_old_pdf_to_history(make_mission, tmp_path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    folder = make_mission({"Grupo 1": [HEADER, *ROWS]}, language="es")
    out = tmp_path / "out"
    out.mkdir()
    (out / "draft.pdf").write_bytes(b"%PDF-1.4 an earlier draft")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0
    assert not (out / "draft.pdf").exists()  # never beside a draft it was not made from
    assert (out / "history" / "draft.1.pdf").read_bytes() == b"%PDF-1.4 an earlier draft"  # nothing lost
    assert "se hizo a partir de un borrador anterior: trasladado a" in result.stderr


def test_an_empty_area_takes_no_page_of_its_own_and_section_breaks_cannot_spill(make_mission) -> None:
    _, document = _draft(make_mission)  # one area filled; the four others are empty
    headings = [p for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    empty = next(h for h in headings if "Gestión estratégica" in h.text)
    filled = next(h for h in headings if "Marco legal" in h.text)
    assert '<w:pageBreakBefore w:val="0"/>' in empty._p.xml
    assert "pageBreakBefore" not in filled._p.xml  # its style starts it on a new page
    breaks = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.sectPr is not None]
    assert breaks and all('w:lineRule="exact"' in p._p.xml for p in breaks)


def test_diff_and_the_changes_annex_speak_the_plans_language(make_mission, tmp_path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    folder = make_mission({"Grupo 1": [HEADER, *ROWS]}, language="es")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(folder), "-o", str(out)]).exit_code == 0
    edited = [[*ROWS[0][:6], "2T 2015", *ROWS[0][7:]], *ROWS[1:]]
    folder2 = make_mission({"Grupo 1": [HEADER, *edited]}, language="es", name="editada")
    result = CliRunner().invoke(main, ["build", str(folder2), "-o", str(out), "--changes"])
    assert result.exit_code == 0
    diff = CliRunner().invoke(main, ["diff", str(folder), str(out)]).stdout
    assert "      fin: 2014 → 2T 2015" in diff
    assert "resumen: 0 añadidos, 0 eliminados, 1 modificado" in diff
    document = docx.Document(str(out / "draft.docx"))
    annex = _table_with(document, "fin: 2014 → 2T 2015")
    assert annex.rows[1].cells[0].text == "Modificado"


def test_other_wordings_of_the_mission_are_labelled(make_mission) -> None:
    notes = {
        "notas.md": "# Misión\nFacilitar el comercio lícito.\n",
        "notas2.md": "# Misión\nProteger a la sociedad y facilitar el comercio.\n",
    }
    plan = parse(make_mission({"Grupo 1": [HEADER, *ROWS]}, language="es", notes=notes))
    document = docx.Document(io.BytesIO(render(plan, check(plan)).data))
    text = next(v for k, v in sections_by_heading(document).items() if "Misión" in k)
    label = text.index("Otras redacciones propuestas:")
    assert text[label + 1].startswith("Proteger a la sociedad y facilitar el comercio. (notas2.md")


def test_french_label_value_pairs_take_the_no_break_space_before_the_colon(make_mission) -> None:
    header = ["Objectif", "Action", "Pilote", "Ressources"]
    plan = parse(
        make_mission(
            {"Plan": [header, ["Mieux cibler", "Créer une cellule", "Bureau", "Budget 2014"]]}, language="fr"
        )
    )
    document = docx.Document(io.BytesIO(render(plan, check(plan)).data))
    cell = _table_with(document, "Créer une cellule").rows[1].cells[1].text
    assert "Ressources\u00a0: Budget 2014" in cell


def test_an_initiative_several_groups_ranked_is_named_once_among_the_top_priorities(make_mission) -> None:
    from pipeline.render.chapters import top_priorities

    header: list[object] = [
        "Área clave",
        "Objetivo estratégico",
        "Iniciativa clave",
        "Responsable",
        "Prioridad",
    ]
    rows: list[list[object]] = [header]
    for group, votes in enumerate((9, 8, 7)):
        rows.append(
            ["Marco legal", f"Modernizar la ley ({group})", "Redactar la nueva ley", "Jurídica", votes]
        )
    rows.append(["Marco legal", "Modernizar la ley (0)", "Publicar guías", "Jurídica", 3])
    plan = parse(make_mission({"Grupos": rows}, language="es"))
    assert [i.title for i in top_priorities(plan)] == ["Redactar la nueva ley", "Publicar guías"]
