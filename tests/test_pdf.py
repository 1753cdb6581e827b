"""The example draft as LibreOffice lays it out: converted to PDF headless and read back as text."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from pipeline.cli import main

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

if not (SOFFICE and PDFTOTEXT) and not os.environ.get("CI"):
    pytest.skip(
        "LibreOffice (soffice) or poppler (pdftotext) is not installed; `make test` installs both where apt-get is available",
        allow_module_level=True,
    )


def test_example_draft_renders_in_libreoffice(tmp_path: Path) -> None:
    assert SOFFICE and PDFTOTEXT, "CI must have soffice and pdftotext (make test installs them)"
    assert CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path)]).exit_code == 0
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "draft.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "draft.pdf"
    pages = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = pages[:-1] if not pages[-1].strip() else pages  # text after the last form feed
    assert len(pages) >= 10
    assert "Strategic Plan 2012–2016" in pages[0] and "Customs Service of Costa Serena" in pages[0]
    assert "Page" not in pages[0]  # the cover has no running footer
    chapter = next(p for p in pages if "Legal and procedures framework" in p and "Key initiative" in p)
    assert "Draft a new Customs Law" in chapter
    assert any("Review findings" in p for p in pages) and "Source trace" in "".join(pages[-3:])
    roadmap = next(n for n, p in enumerate(pages, start=1) if "Shaded cells mark the years" in p)
    info = subprocess.run(
        ["pdfinfo", "-f", str(roadmap), "-l", str(roadmap), str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    size = next(line for line in info.splitlines() if line.startswith(f"Page {roadmap:>4} size"))
    width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split(" x "))
    assert width > height, "the roadmap page is landscape"
    assert (
        "Page" not in pages[0] and "Page" in pages[roadmap]
    )  # after the landscape pages, the footer is back
