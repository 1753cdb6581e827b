"""The Word round trip (issue #23): what reviewers do to a circulated draft comes back into the plan."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE
from reviewer import edit_like_a_reviewer

from pipeline.build import load_plan
from pipeline.cli import main
from pipeline.diff import diff_plans

EXPECTED = [
    "strategic objective 4.1 'Modernise the customs legal framework in line with the Revised Kyoto Convention': title: Modernise the customs legal framework in line with the Revised Kyoto Convention → Modernise the customs law by 2014",
    "key initiative 4.1.2 'Accede to the Revised Kyoto Convention': owner: Legal Department → Ministry of Finance",
    "key initiative 4.2.1 'Map and simplify import, export and transit procedures': owner: Procedures Unit → Customs Procedures Directorate",
    "added under '4.2  Simplify and standardise clearance procedures': 'Train brokers on the new procedures'",
    "key initiative 4.1.3 'Publish implementing regulations for the new law': deleted",
    "text typed under '1  Introduction': The Director General asks for a budget annex.",
    "key initiative 4.1.1 'Draft a new Customs Law with the Ministry of Finance': comment by Reviewer A (2012-04-01): Is the Ministry on board?",
    "key initiative 4.2.1 'Map and simplify import, export and transit procedures': Reviewer B deleted 'Procedures Unit' (2012-04-02)",
    "key initiative 4.2.1 'Map and simplify import, export and transit procedures': Reviewer B inserted 'Customs Procedures Directorate' (2012-04-02)",
]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("review")
    assert run("build", str(EXAMPLE), "-o", str(folder / "out"))[0] == 0
    edited = folder / "edited.docx"
    edit_like_a_reviewer(folder / "out" / "draft.docx", edited)
    found = {"word": edited}
    soffice = shutil.which("soffice")
    if soffice:  # the same draft saved again by LibreOffice Writer
        profile = (folder / "lo-profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
             "--outdir", str(folder / "lo"), str(edited)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        found["libreoffice"] = folder / "lo" / "edited.docx"
    return found


@pytest.mark.parametrize("saved_by", ["word", "libreoffice"])
def test_review_lists_every_edit(drafts: dict[str, Path], saved_by: str) -> None:
    if saved_by not in drafts:
        pytest.skip("LibreOffice is not installed (make test installs it)")
    code, output = run("review", str(drafts[saved_by]))
    assert code == 0
    assert output.splitlines() == [*EXPECTED, "edited.docx: 9 edits and comments"]


@pytest.mark.parametrize("saved_by", ["word", "libreoffice"])
def test_apply_then_build_gives_the_plan_with_exactly_those_edits(
    drafts: dict[str, Path], saved_by: str, tmp_path: Path
) -> None:
    if saved_by not in drafts:
        pytest.skip("LibreOffice is not installed (make test installs it)")
    code, output = run("apply", str(drafts[saved_by]), "-o", str(tmp_path / "edit"))
    assert code == 0, output
    assert "The Director General asks for a budget annex." in output  # typed on no item: said, kept
    assert run("build", str(tmp_path / "edit"), "-o", str(tmp_path / "out"))[0] == 0
    assert run("parse", str(EXAMPLE), "-o", str(tmp_path / "p.json"))[0] == 0
    before = load_plan(tmp_path / "p.json")
    after = load_plan(tmp_path / "out" / "plan.json")
    titles = {i.title: (o.title if o else None, i) for _, o, i in after.initiatives()}
    assert titles["Accede to the Revised Kyoto Convention"][1].owner == "Ministry of Finance"
    assert (
        titles["Map and simplify import, export and transit procedures"][1].owner
        == "Customs Procedures Directorate"
    )
    assert titles["Train brokers on the new procedures"][0] == "Simplify and standardise clearance procedures"
    assert titles["Train brokers on the new procedures"][1].owner == "Training Unit"
    assert "Publish implementing regulations for the new law" not in titles
    assert titles["Accede to the Revised Kyoto Convention"][0] == "Modernise the customs law by 2014"
    comment = titles["Draft a new Customs Law with the Ministry of Finance"][1].notes
    assert comment["Comment by Reviewer A"] == "Is the Ministry on board?"
    assert before.counts().initiatives == after.counts().initiatives  # one deleted, one added
    changed = {c.title for c in diff_plans(before, after) if c.kind == "changed"}
    assert changed == {
        "Draft a new Customs Law with the Ministry of Finance",
        "Accede to the Revised Kyoto Convention",
        "Map and simplify import, export and transit procedures",
    }
    assert (tmp_path / "edit" / "review.xlsx").is_file()


def test_tracked_changes_rejected_keep_the_text_they_changed(drafts: dict[str, Path], tmp_path: Path) -> None:
    assert run("apply", str(drafts["word"]), "-o", str(tmp_path / "edit"), "--tracked", "reject")[0] == 0
    assert run("build", str(tmp_path / "edit"), "-o", str(tmp_path / "out"))[0] == 0
    after = load_plan(tmp_path / "out" / "plan.json")
    owners = {i.title: i.owner for _, _, i in after.initiatives()}
    assert owners["Map and simplify import, export and transit procedures"] == "Procedures Unit"


def test_review_writes_a_workbook_to_decide_on(drafts: dict[str, Path], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    assert run("review", str(drafts["word"]), "-o", str(tmp_path / "review.xlsx"))[0] == 0
    sheet = load_workbook(tmp_path / "review.xlsx").active
    head = [c.value for c in sheet[1]]
    assert head == ["Kind", "Item", "Field", "Before", "After", "Author", "Date", "Decision"]
    assert sheet.max_row == 10


def _rezip(source: Path, target: Path, change) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, change(name, src.read(name)))


def test_hostile_and_foreign_drafts_give_one_line_errors(drafts: dict[str, Path], tmp_path: Path) -> None:
    source = drafts["word"]
    doctype = tmp_path / "doctype.docx"
    _rezip(
        source,
        doctype,
        lambda n, d: (
            d.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "boom">]>', 1) if n == "word/document.xml" else d
        ),
    )
    code, output = run("review", str(doctype))
    assert code == 2 and "DOCTYPE" in output and len(output.strip().splitlines()) == 1

    def tamper(name: str, data: bytes) -> bytes:
        if b"<planDraft" not in data[:4096]:
            return data
        start, end = data.index(b'1">') + 3, data.rindex(b"</planDraft>")
        payload = json.loads(zlib.decompress(base64.b64decode(data[start:end])))
        payload["plan"]["areas"] = "not a list"
        return data[:start] + base64.b64encode(zlib.compress(json.dumps(payload).encode())) + data[end:]

    tampered = tmp_path / "tampered.docx"
    _rezip(source, tampered, tamper)
    code, output = run("review", str(tampered))
    assert code == 2 and "damaged or was changed by hand" in output

    foreign = tmp_path / "foreign.docx"
    _rezip(
        source,
        foreign,
        lambda n, d: (
            d.replace(b"urn:plan-draft:review", b"urn:someone-else") if n.startswith("customXml") else d
        ),
    )
    code, output = run("review", str(foreign))
    assert code == 2 and "was not written by plan-draft" in output and len(output.strip().splitlines()) == 1


def test_a_draft_with_a_hundred_thousand_comments_is_bounded(drafts: dict[str, Path], tmp_path: Path) -> None:
    from pipeline.review import MAX_COMMENTS

    many = tmp_path / "many.docx"
    edit_like_a_reviewer(drafts["word"].parent / "out" / "draft.docx", many, comments=100_000)
    code, output = run("review", str(many))
    assert code == 0
    assert f"more than {MAX_COMMENTS:,} comments" in output


def _change_owner(source: Path, target: Path, owner: str, typed_in_roadmap: str = "") -> None:
    """One owner changed in the first initiative row; optionally a word typed into a roadmap cell."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        root = etree.fromstring(data)
        mark = next(b for b in root.iter(w + "bookmarkStart") if b.get(w + "name", "").startswith("pd_i_"))
        row = next(mark.iterancestors(w + "tr"))
        next(row.findall(w + "tc")[2].iter(w + "t")).text = owner
        if typed_in_roadmap:
            roadmap = next(t for t in root.iter(w + "tbl") if len(t.find(w + "tblGrid")) > 7)
            last = roadmap.findall(w + "tr")[-1].findall(w + "tc")[-1].find(w + "p")
            etree.SubElement(etree.SubElement(last, w + "r"), w + "t").text = typed_in_roadmap
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    _rezip(source, target, change)


def test_a_spanish_draft_with_source_comments_is_reviewed_in_spanish(tmp_path: Path) -> None:
    ejemplo = EXAMPLE.parent / "ejemplo"
    assert run("build", str(ejemplo), "-o", str(tmp_path / "out"), "--comments")[0] == 0
    edited = tmp_path / "revisado.docx"
    _change_owner(
        tmp_path / "out" / "draft.docx", edited, "Ministerio de Hacienda", typed_in_roadmap="¿2017?"
    )
    code, output = run("review", str(edited))
    assert code == 0
    lines = output.splitlines()
    assert any(
        line.startswith("iniciativa clave 4.1.1 ") and line.endswith("→ Ministerio de Hacienda")
        for line in lines
    )
    assert any(
        "texto escrito bajo" in line and line.endswith(": ¿2017?") for line in lines
    )  # the roadmap cell
    assert (
        lines[-1] == "revisado.docx: 2 cambios y comentarios"
    )  # the draft's own source comments are not a review


def test_a_draft_saved_again_by_python_docx_reviews_the_same(drafts: dict[str, Path], tmp_path: Path) -> None:
    import docx

    resaved = tmp_path / "edited.docx"
    docx.Document(str(drafts["word"])).save(str(resaved))
    code, output = run("review", str(resaved))
    assert code == 0 and output.splitlines() == [*EXPECTED, "edited.docx: 9 edits and comments"]


def _delete_objective(source: Path, target: Path, with_rows: bool) -> str:
    """Delete objective 4.2's heading as a reviewer would in Word (and its initiatives table too, when
    `with_rows`); returns the objective's title."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(str(source))
    body = document.element.body
    mark = next(b for b in body.iter(qn("w:bookmarkStart")) if b.get(qn("w:name")) == "pd_o_0_1")
    heading = next(a for a in mark.iterancestors() if a.tag == qn("w:p"))
    title = "".join(t.text or "" for t in heading.iter(qn("w:t"))).split("  ")[-1]
    doomed = [heading]
    if with_rows:
        for block in heading.itersiblings():
            doomed.append(block)
            if block.tag == qn("w:tbl"):
                break
    for block in doomed:
        body.remove(block)
    document.save(str(target))
    return title


@pytest.mark.parametrize("with_rows", [False, True])
def test_an_objective_heading_deleted_goes_only_with_its_initiatives(
    drafts: dict[str, Path], tmp_path: Path, with_rows: bool
) -> None:
    built = drafts["word"].parent / "out"
    edited = tmp_path / "edited.docx"
    title = _delete_objective(built / "draft.docx", edited, with_rows)
    before = load_plan(built / "plan.json")
    initiatives = next(o for _, o in before.objectives() if o.title == title).initiatives

    code, output = run("review", str(edited))
    assert code == 0
    listed = [f"strategic objective 4.2 '{title}': deleted"]
    listed += [
        f"key initiative 4.2.{n} '{i.title}': deleted" for n, i in enumerate(initiatives, 1)
    ] * with_rows
    assert output.splitlines()[:-1] == listed

    code, output = run("apply", str(edited), "-o", str(tmp_path / "edit"))
    assert code == 0, output
    assert run("build", str(tmp_path / "edit"), "-o", str(tmp_path / "out"))[0] == 0
    after = load_plan(tmp_path / "out" / "plan.json")
    titles = [o.title for _, o in after.objectives()]
    if with_rows:  # heading and rows deleted: the objective is gone, the others stay
        assert title not in titles and len(titles) == len(before.objectives()) - 1
        assert after.counts().initiatives == before.counts().initiatives - len(initiatives)
    else:  # rows still in the draft: kept, and the facilitator is told
        assert titles == [o.title for _, o in before.objectives()]
        assert f"strategic objective 4.2 '{title}': its heading was deleted but not its initiatives" in output


def test_what_apply_cannot_take_is_said_in_the_plans_language(tmp_path: Path) -> None:
    assert run("build", str(EXAMPLE.parent / "ejemplo"), "-o", str(tmp_path / "out"))[0] == 0
    edited = tmp_path / "revisado.docx"
    title = _delete_objective(tmp_path / "out" / "draft.docx", edited, with_rows=False)
    code, output = run("apply", str(edited), "-o", str(tmp_path / "edit"))
    assert code == 0, output
    assert f"objetivo estratégico 4.2 '{title}': se borró su título pero no sus iniciativas" in output
    assert "0 cambios y comentarios aplicados, 1 cambio o comentario para el facilitador" in output
    from openpyxl import load_workbook

    items = [
        row[1] for row in load_workbook(tmp_path / "edit" / "review.xlsx").active.iter_rows(values_only=True)
    ]
    assert items[0] == "Elemento" and f"objetivo estratégico 4.2 '{title}'" in items, items


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "1 edit or comment applied,", "2 edits and comments applied,"),
        ("es", "1 cambio o comentario aplicado,", "2 cambios y comentarios aplicados,"),
        ("fr", "1 modification ou commentaire appliqué,", "2 modifications et commentaires appliqués,"),
        ("pt", "1 alteração ou comentário aplicado,", "2 alterações e comentários aplicados,"),
    ],
)
def test_applied_edits_are_counted_with_the_participle_agreeing(language: str, one: str, two: str) -> None:
    from pipeline.messages import Say

    say = Say(language)  # type: ignore[arg-type]
    assert one in say("cli_applied", folder="f", applied=1, kept=0, program="plan-draft")
    assert two in say("cli_applied", folder="f", applied=2, kept=0, program="plan-draft")


def _merge_cells(source: Path, target: Path, how: str) -> None:
    """Merge initiative 4.1.1's owner cell as a reviewer would in Word: with its timeline cell
    (`across`), or with the owner cell of the row below (`down`)."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document(str(source))
    body = document.element.body
    mark = next(b for b in body.iter(qn("w:bookmarkStart")) if b.get(qn("w:name")) == "pd_i_0_0_0")
    row = next(a for a in mark.iterancestors() if a.tag == qn("w:tr"))
    below = row.getnext()
    owner = row.findall(qn("w:tc"))[2]
    if how == "across":
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), "2")
        owner.find(qn("w:tcPr")).append(span)
        row.remove(row.findall(qn("w:tc"))[3])
    else:
        for tc, value in ((owner, "restart"), (below.findall(qn("w:tc"))[2], None)):
            merge = OxmlElement("w:vMerge")
            if value:
                merge.set(qn("w:val"), value)
            tc.find(qn("w:tcPr")).append(merge)
            if value is None:
                for t in tc.iter(qn("w:t")):
                    t.text = ""
    document.save(str(target))


@pytest.mark.parametrize("how", ["across", "down"])
def test_cells_merged_by_a_reviewer_are_listed_and_nothing_shifts(
    drafts: dict[str, Path], tmp_path: Path, how: str
) -> None:
    built = drafts["word"].parent / "out"
    edited = tmp_path / "merged.docx"
    _merge_cells(built / "draft.docx", edited, how)
    code, output = run("review", str(edited))
    assert code == 0
    lines = output.splitlines()
    first = "key initiative 4.1.1 'Draft a new Customs Law with the Ministry of Finance': cells merged"
    if how == "across":  # owner and timeline read as one cell; no column after them shifts
        assert lines == [
            f"{first} (owner, timeline), read as one: Legal Department",
            "merged.docx: 1 edit or comment",
        ]
    else:  # the owner cell of 4.1.2 joined to the one above: neither row's owner is taken as changed
        assert lines[0] == f"{first} (owner), read as one: Legal Department"
        assert lines[1].startswith("key initiative 4.1.2 ") and lines[1].endswith(
            "cells merged (owner), read as one: —"
        )
        assert lines[2:] == ["merged.docx: 2 edits and comments"]

    code, output = run("apply", str(edited), "-o", str(tmp_path / "edit"))
    assert code == 0, output
    assert "read as one" in output and "not applied" in output
    assert run("build", str(tmp_path / "edit"), "-o", str(tmp_path / "out"))[0] == 0
    before, after = load_plan(built / "plan.json"), load_plan(tmp_path / "out" / "plan.json")
    owners = [(i.title, i.owner, i.start, i.end) for _, _, i in before.initiatives()]
    assert [(i.title, i.owner, i.start, i.end) for _, _, i in after.initiatives()] == owners
