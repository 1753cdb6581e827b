"""The Word draft: template contract, placeholders split by Word, languages, text Word cannot hold."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLE, PLAN_HEADER, ROOT, style_name

from pipeline.build import parse
from pipeline.checks import check
from pipeline.render.document import render
from pipeline.render.house_style import build_default_template
from pipeline.vocab import LANGUAGES, vocabulary


def _png(width: int = 40, height: int = 12) -> io.BytesIO:
    """A small solid-red PNG (a stand-in for an administration's logo)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xb0\x10\x10" * width for _ in range(height))
    return io.BytesIO(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _custom_template() -> bytes:
    """A template as an administration would make it: own font, cover, logo and split placeholders."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Liberation Serif"
    cover = document.add_paragraph()
    for piece in ["{{ admin", "istration }} — ", "{{", " period }}"]:
        cover.add_run(piece)
    document.add_paragraph("{{ body }}")
    document.add_paragraph("End of document.")
    header = document.sections[0].header.paragraphs[0]
    header.add_run().add_picture(_png())
    header.add_run("Draft {{ ver")
    header.add_run("sion }} of {{ date }}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_custom_template_placeholders_body_position_and_missing_styles() -> None:
    plan = parse(EXAMPLE)
    template = _custom_template()
    rendered = render(plan, check(plan), template, "house.docx")
    assert rendered.data == render(plan, check(plan), template, "house.docx").data  # reproducible
    document = docx.Document(io.BytesIO(rendered.data))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Customs Service of Costa Serena — 2012–2016"
    assert paragraphs[-1] == "End of document."
    header = document.sections[0].header.paragraphs[0]
    assert header.text == "Draft 0.1 of 23 March 2012"
    assert "<pic:pic" in header._p.xml  # the logo is kept
    assert document.styles["Normal"].font.name == "Liberation Serif"
    first_table_head = document.tables[0].rows[0].cells[0].paragraphs[0].runs[0]
    assert first_table_head.bold and str(first_table_head.font.color.rgb) == "FFFFFF"  # readable on its fill
    assert "{{ body }}" not in paragraphs
    assert any("lacks style 'Table Text'" in w for w in rendered.warnings)


def test_a_template_warning_is_said_in_the_plans_language(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    template = tmp_path / "casa.docx"
    template.write_bytes(_custom_template())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(EXAMPLE.parent / "ejemplo"), "-o", str(out), "--template", str(template)]
    )
    assert result.exit_code == 0, result.output
    assert (
        f"advertencia: {template}: falta el estilo 'Table Text'; se usó Normal en su lugar" in result.output
    )
    said = result.output.replace(str(tmp_path), "")
    assert "warning" not in said and "lacks" not in said


@pytest.mark.parametrize(
    ("language", "heading", "owner"),
    [
        ("es", "Misión, visión y valores", "Responsable"),
        ("fr", "Mission, vision et valeurs", "Responsable"),
    ],
)
def test_draft_language_sets_fixed_labels(make_mission, language: str, heading: str, owner: str) -> None:
    folder = make_mission(
        {"P": [PLAN_HEADER, ["Legal", "Reformar", "Redactar", "Jurídica", 2012, 2013]]}, language=language
    )
    plan = parse(folder)
    document = docx.Document(io.BytesIO(render(plan, check(plan)).data))
    assert any(p.text.endswith(heading) for p in document.paragraphs if style_name(p) == "Heading 1")
    table = next(
        t for t in document.tables if t.rows[0].cells[1].text == vocabulary().labels[language]["initiative"]
    )
    assert table.rows[0].cells[2].text == owner
    assert "23 mars 2012" in document.element.xml or "23 de marzo de 2012" in document.element.xml


def test_every_language_has_every_label_and_message() -> None:
    assert LANGUAGES == ("en", "es", "fr", "pt")
    for table in ("labels", "messages", "export", "kit", "counts"):
        keys = {lang: set(getattr(vocabulary(), table)[lang]) for lang in LANGUAGES}
        every = set().union(*keys.values())
        missing = {lang: sorted(every - k) for lang, k in keys.items() if every - k}
        assert not missing, f"{table}: missing {missing}"  # names the language and each key


def test_text_word_cannot_hold_in_edited_plan_does_not_crash() -> None:
    plan = parse(EXAMPLE)
    area = plan.areas[0]
    bad = area.objectives[0].model_copy(update={"title": "Bad\x0b title"})
    plan = plan.model_copy(update={"areas": [area.model_copy(update={"objectives": [bad]}), *plan.areas[1:]]})
    with pytest.raises(ValueError, match="XML compatible"):
        docx.Document().add_paragraph("Bad\x0b title")  # what python-docx itself does
    document = docx.Document(io.BytesIO(render(plan, check(plan)).data))
    assert any(p.text.endswith("Bad title") for p in document.paragraphs)


def test_committed_default_template_is_the_built_one() -> None:
    assert (ROOT / "templates" / "default.docx").read_bytes() == build_default_template()


def test_tables_repeat_their_header_row(tmp_path: Path) -> None:
    plan = parse(EXAMPLE)
    document = docx.Document(io.BytesIO(render(plan, check(plan)).data))
    initiatives = [
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][:4] == ["#", "Key initiative", "Responsible", "Timeline"]
    ]
    assert len(initiatives) == 11
    assert all("<w:tblHeader/>" in t.rows[0]._tr.xml for t in document.tables)


def test_comments_name_each_source_and_stay_reproducible() -> None:
    plan = parse(EXAMPLE)
    findings = check(plan)
    first = render(plan, findings, comments=True).data
    assert first == render(plan, findings, comments=True).data
    document = docx.Document(io.BytesIO(first))
    texts = [c.text for c in document.comments]
    n_items = sum(1 + len(o.initiatives) for _, o in plan.objectives()) + len(plan.recommendations)
    assert len(texts) == n_items
    assert "Source: workshop_groups.xlsx, sheet 'Group 1', cell A6:K6" in texts


def test_roadmap_shades_the_years_each_initiative_runs() -> None:
    plan = parse(EXAMPLE)
    document = docx.Document(io.BytesIO(render(plan, check(plan)).data))
    roadmap = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][-5:] == ["2012", "2013", "2014", "2015", "2016"]
    )
    row = next(r for r in roadmap.rows if r.cells[1].text == "Accede to the Revised Kyoto Convention")
    shaded = ['w:fill="2E74B5"' in c._tc.xml for c in row.cells[3:]]
    assert shaded == [False, True, True, False, False]  # 2013-2014
    assert roadmap.rows[1].cells[0].text == "Legal and procedures framework"  # grouped by area
    body = document.element.body.xml
    assert body.count('w:orient="landscape"') == 1


def test_template_check_lists_what_is_missing(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    path = tmp_path / "house.docx"
    path.write_bytes(_custom_template())
    result = CliRunner().invoke(main, ["template", "check", str(path), "--strict"])
    assert result.exit_code == 1
    assert "styles missing (Normal is used instead): Table Text, Table Heading" in result.output
    assert "placeholders: administration, period, body, version, date" in result.output
    assert "body goes: at the {{ body }} paragraph" in result.output
    ok = CliRunner().invoke(main, ["template", "check", str(ROOT / "templates" / "default.docx"), "--strict"])
    assert ok.exit_code == 0, ok.output


def test_markup_characters_and_line_breaks_reach_word_as_typed() -> None:
    plan = parse(EXAMPLE)
    area = plan.areas[0]
    objective = area.objectives[0]
    first = objective.initiatives[0].model_copy(
        update={"title": 'R&D <pilot> "Fase 1"\nsecond line', "owner": "DNA & <IT>"}
    )
    objective = objective.model_copy(
        update={"title": "Trade & <border> agencies", "initiatives": [first, *objective.initiatives[1:]]}
    )
    plan = plan.model_copy(
        update={"areas": [area.model_copy(update={"objectives": [objective]}), *plan.areas[1:]]}
    )
    document = docx.Document(io.BytesIO(render(plan, check(plan)).data))
    assert any(p.text.endswith("Trade & <border> agencies") for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert 'R&D <pilot> "Fase 1"\nsecond line' in cells
    assert "DNA & <IT>" in cells


def _template_with_body(where: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("{{ administration }}")
    if where == "cell":
        document.add_table(rows=1, cols=1).cell(0, 0).text = "{{ body }}"
    elif where == "header":
        document.sections[0].header.paragraphs[0].text = "{{ body }}"
    elif where == "twice":
        document.add_paragraph("{{ body }}")
        document.add_paragraph("{{ body }}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("where", "says"), [
    ("cell", "{{ body }} stands in a table cell; put it in a paragraph of its own in the document body"),
    ("header", "{{ body }} stands in the header; put it in a paragraph of the document body"),
    ("twice", "{{ body }} stands 2 times; keep one, in a paragraph of its own"),
])  # fmt: skip
def test_body_placeholder_out_of_the_body_is_an_error_and_a_check_finding(
    tmp_path: Path, make_mission, where: str, says: str
) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    path = tmp_path / "house.docx"
    path.write_bytes(_template_with_body(where))
    folder = make_mission({"P": [PLAN_HEADER]})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--template", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {path}: {says}"
    assert not out.exists()
    check = CliRunner().invoke(main, ["template", "check", str(path), "--strict"])
    assert check.exit_code == 1
    assert f"body cannot go where the template puts it: {says}" in check.output


def _placeholders(text: object) -> set[str]:
    import re

    texts = text.values() if isinstance(text, dict) else [text]
    return {m.group(1) for t in texts for m in re.finditer(r"\{(\w+)(?:[:!][^{}]*)?\}", str(t))}


def test_every_message_and_label_takes_the_placeholders_the_english_one_does() -> None:
    """A wrong placeholder in one language ('{periodo}' for '{period}') crashes only that language's
    users: every text of every language names exactly the English one's placeholders."""
    vocab = vocabulary()
    wrong = []
    for table in ("labels", "messages", "export", "kit", "counts"):
        english = getattr(vocab, table)["en"]
        for lang in LANGUAGES[1:]:
            for key, text in getattr(vocab, table)[lang].items():
                if _placeholders(text) != _placeholders(english[key]):
                    wrong.append(
                        f"{lang} {table}.{key}: {sorted(_placeholders(text))} vs {sorted(_placeholders(english[key]))}"
                    )
    assert wrong == []


def test_comments_over_a_template_with_comments_keep_every_id_unique(tmp_path: Path) -> None:
    import re
    import zipfile

    template = docx.Document()
    paragraph = template.add_paragraph("A house template with a reviewer's note")
    template.add_comment(paragraph.runs, text="Keep this cover", author="Communications")
    path = tmp_path / "house.docx"
    template.save(str(path))
    plan = parse(EXAMPLE)
    data = render(plan, check(plan), path.read_bytes(), "house.docx", comments=True).data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        comments = package.read("word/comments.xml").decode()
        body = package.read("word/document.xml").decode()
    ids = re.findall(r'<w:comment [^>]*w:id="(\d+)"', comments)
    assert len(ids) == len(set(ids)) > 1  # the template's and the draft's, none twice
    assert set(re.findall(r'<w:commentReference w:id="(\d+)"', body)) <= set(ids)
