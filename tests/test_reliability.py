"""Reliability, round 2: what an adversarial review found, each case run against the real command."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from click.testing import CliRunner
from conftest import EXAMPLE, PLAN_HEADER

from pipeline.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _template_with_prolog(prolog: bytes) -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b"?>" + prolog, 1)
            dst.writestr(info, data)
    return out.getvalue()


def test_a_comment_before_a_doctype_does_not_defeat_the_check(tmp_path: Path) -> None:
    template = tmp_path / "house.docx"
    template.write_bytes(_template_with_prolog(b'<!-- <w:p> --><!DOCTYPE w [<!ENTITY e "boom">]>'))
    out = tmp_path / "out"
    code, output = run("build", str(EXAMPLE), "-o", str(out), "--template", str(template))
    assert code == 2
    assert output.strip() == (f"error: {template}: part word/document.xml declares a DOCTYPE or XML entities; "
                              "refused (entities can expand or read other files) "
                              "(save the file again from Excel, Word or LibreOffice)")  # fmt: skip
    assert not out.exists()


def test_a_plain_comment_in_the_prolog_is_fine(tmp_path: Path, make_mission) -> None:
    template = tmp_path / "house.docx"
    template.write_bytes(_template_with_prolog(b"<!-- saved by a tool -->"))
    folder = make_mission({"P": [PLAN_HEADER]})
    code, output = run("build", str(folder), "-o", str(tmp_path / "out"), "--template", str(template))
    assert code == 0, output
