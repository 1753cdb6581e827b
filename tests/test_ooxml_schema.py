"""Every kind of draft passes the Open XML SDK's validation (openxml-audit, its pure-Python port).

Word is stricter than LibreOffice: children out of the schema's sequence, a style referenced but not
defined, or a stale `stylesWithEffects.xml` make it offer to "recover unreadable content".
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLE, ROOT, package_lines, style_name
from lxml import etree
from openxml_audit import OpenXmlValidator

from pipeline.build import DraftOptions, build
from pipeline.render.house_style import build_default_template
from pipeline.render.schema_order import P_PR, SETTINGS, TBL_PR, TC_PR
from pipeline.wordml import W_NS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FIELD = ROOT / "tests" / "field" / "cases"
VALIDATOR = OpenXmlValidator()


def child_order(element: etree._Element) -> list[str]:
    """The local names of an element's `w:` children, in document order ."""
    return [
        etree.QName(c).localname
        for c in element
        if isinstance(c.tag, str) and c.tag.startswith(f"{{{W_NS}}}")
    ]


def in_schema_order(names: list[str], order: tuple[str, ...]) -> bool:
    """Whether child names follow the schema's sequence."""
    ranks = [order.index(n) for n in names]
    return ranks == sorted(ranks)


def _errors(path: Path) -> list[str]:
    result = VALIDATOR.validate(str(path))
    counts = Counter(f"{e.part_uri}: {e.description}" for e in result.errors)
    return [f"{n}× {text}" for text, n in counts.most_common()]


def _draft(tmp_path: Path, folder: Path, **options: object) -> Path:
    out = tmp_path / "out" / folder.name
    build(folder, out, DraftOptions(**options))  # type: ignore[arg-type]
    return out / "draft.docx"


@pytest.mark.parametrize(
    ("folder", "options"),
    [
        (EXAMPLE, {}),
        (EXAMPLE, {"comments": True}),
        (FIELD / "es_pei_formulario", {"comments": True}),
        (FIELD / "fr_axe_matrice", {"changes": True}),
        (FIELD / "en_logframe", {}),
        (FIELD / "pt_plano_actividades", {"comments": True}),
        (ROOT / "inputs" / "ejemplo", {}),
        (FIELD / "pt_eixos_trimestres", {"comments": True}),
    ],
    ids=["plain", "comments", "es", "fr-changes", "logframe", "pt", "es-example", "pt-eixos"],
)
def test_every_kind_of_draft_is_valid(tmp_path: Path, folder: Path, options: dict[str, object]) -> None:
    assert _errors(_draft(tmp_path, folder, **options)) == []


def test_a_draft_on_a_house_template_made_by_python_docx_is_valid(tmp_path: Path) -> None:
    template = docx.Document()
    template.add_paragraph("{{ administration }}", style="Title")
    template.add_paragraph("{{ body }}")
    path = tmp_path / "house.docx"
    template.save(str(path))
    assert _errors(_draft(tmp_path, EXAMPLE, template=path, comments=True)) == []


def _localized_template(tmp_path: Path) -> Path:
    """The default template as Spanish Word saves it: built-in styles under localized ids."""
    ids = {"Heading1": "Ttulo1", "Heading2": "Ttulo2", "Heading3": "Ttulo3", "Title": "Ttulo"}
    data = build_default_template()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename in ("word/styles.xml", "word/document.xml"):
                for english, spanish in ids.items():
                    content = content.replace(f'"{english}"'.encode(), f'"{spanish}"'.encode())
            dst.writestr(info, content)
    path = tmp_path / "plantilla.docx"
    path.write_bytes(out.getvalue())
    return path


def test_localized_built_in_style_ids_are_found_and_valid(tmp_path: Path) -> None:
    draft = _draft(tmp_path, FIELD / "es_pei_formulario", template=_localized_template(tmp_path))
    body = etree.fromstring(zipfile.ZipFile(draft).read("word/document.xml"))
    styles = [p.get(f"{W}val") for p in body.iter(f"{W}pStyle")]
    assert styles.count("Ttulo1") >= 4 and "Heading1" not in styles
    assert _errors(draft) == []


def _libreoffice_template(tmp_path: Path) -> Path:
    """A house template saved by LibreOffice: styles named 'Heading 1', as LibreOffice writes them."""
    source = docx.Document()
    source.add_paragraph("Ministerio de Hacienda", style="Title")
    source.add_heading("Portada", 1)
    source.add_paragraph("{{ body }}")
    made = tmp_path / "lo" / "source.docx"
    made.parent.mkdir()
    source.save(str(made))
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "odt", "--outdir", str(made.parent), str(made)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    made.unlink()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(made.parent), str(made.with_suffix(".odt"))],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return made


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_libreoffice_template_gives_real_headings(tmp_path: Path) -> None:
    template = _libreoffice_template(tmp_path)
    names = {s.name for s in docx.Document(str(template)).styles}
    assert "Heading 1" in names and "heading 1" not in names  # as LibreOffice names them
    draft = _draft(tmp_path, EXAMPLE, template=template)
    document = docx.Document(str(draft))
    headings = [p for p in document.paragraphs if p.style is not None and style_name(p) == "Heading 1"]
    assert len(headings) >= 8  # the chapters carry the template's heading style: navigation pane, TOC
    assert _errors(draft) == []


def test_the_five_thousand_initiative_bench_draft_is_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from run import make_mission

    folder = make_mission(tmp_path / "m5000", 5000)
    assert _errors(_draft(tmp_path, folder)) == []


def test_every_element_written_follows_the_schema_order(tmp_path: Path) -> None:
    draft = _draft(tmp_path, EXAMPLE, comments=True)
    package = zipfile.ZipFile(draft)
    body = etree.fromstring(package.read("word/document.xml"))
    for tag, order in (("tblPr", TBL_PR), ("tcPr", TC_PR), ("pPr", P_PR)):
        elements = list(body.iter(f"{W}{tag}"))
        assert elements, tag
        for element in elements:
            assert in_schema_order(child_order(element), order), (tag, child_order(element))
    settings = etree.fromstring(package.read("word/settings.xml"))
    assert in_schema_order(child_order(settings), SETTINGS)
    assert settings.find(f"{W}zoom") is None or settings.find(f"{W}zoom").get(f"{W}percent") is not None


def test_the_package_holds_no_stale_parts_and_says_who_made_it(tmp_path: Path) -> None:
    package = zipfile.ZipFile(_draft(tmp_path, EXAMPLE))
    names = set(package.namelist())
    assert not {n for n in names if "stylesWithEffects" in n or "thumbnail" in n}
    app = package.read("docProps/app.xml").decode()
    assert "<Application>plan-draft " in app and "Word" not in app and "<Words>" not in app


@pytest.mark.parametrize(("folder", "tag"), [(EXAMPLE, "en-GB"), (FIELD / "es_pei_formulario", "es-ES"),
                                             (FIELD / "fr_axe_matrice", "fr-FR"),
                                             (FIELD / "pt_plano_actividades", "pt-PT")])  # fmt: skip
def test_the_draft_is_tagged_with_its_language(tmp_path: Path, folder: Path, tag: str) -> None:
    styles = etree.fromstring(zipfile.ZipFile(_draft(tmp_path, folder)).read("word/styles.xml"))
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}val") == tag


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_draft_written_with_its_pdf_is_valid(tmp_path: Path) -> None:
    """The .docx `--pdf` writes has its contents' pages put in after rendering: still valid."""
    assert _errors(_draft(tmp_path, EXAMPLE, pdf=True)) == []
    assert (tmp_path / "out" / EXAMPLE.name / "draft.pdf").is_file()


def test_paragraph_and_run_properties_come_out_in_schema_order_however_given() -> None:
    from pipeline.render.schema_order import p_pr, r_pr

    ppr = p_pr(
        sectPr="<w:sectPr/>", rPr=r_pr(sz='<w:sz w:val="2"/>', b="<w:b/>"), pStyle="<w:pStyle/>", tabs=""
    )
    assert ppr == '<w:pPr><w:pStyle/><w:rPr><w:b/><w:sz w:val="2"/></w:rPr><w:sectPr/></w:pPr>'
    assert p_pr(pStyle="", keepNext="") == ""
    with pytest.raises(ValueError, match="sz"):
        p_pr(sz="<w:sz/>")  # a run property is no child of pPr


def test_no_module_writes_paragraph_properties_but_through_schema_order() -> None:
    """Word refuses a `<w:pPr>` whose children are out of sequence: every one is made by `p_pr`."""
    by_hand = r"(?<!`)<w:pPr>"  # in code, not as `<w:pPr>` in a docstring
    writing = package_lines(by_hand, but="schema_order.py")
    assert writing == [], f"write <w:pPr> with schema_order.p_pr: {writing}"
