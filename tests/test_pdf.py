"""The example draft as LibreOffice lays it out: converted to PDF headless and read back as text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, style_name

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
    assert "Draft a new" in chapter
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


def test_build_pdf_has_a_contents_page_with_the_pages_chapters_start_on(tmp_path: Path) -> None:
    import re

    import docx

    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "draft.pdf"
    assert "draft.pdf" in result.output and pdf.is_file()
    pages = subprocess.run(
        [str(PDFTOTEXT), str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    folded = [" ".join(page.split()) for page in pages]
    contents = [
        (p.text.split("\t")[0], int(p.text.split("\t")[1]))
        for p in docx.Document(str(tmp_path / "draft.docx")).paragraphs
        if p.style is not None and style_name(p) in ("toc 1", "toc 2")
    ]
    assert len(contents) >= 20  # every chapter and objective, with its page in the .docx itself
    for heading, page in contents:
        assert " ".join(heading.split()) in folded[page - 1], (heading, page)
    toc_page = next(page for page in folded if "Contents" in page)
    assert re.search(r"1 Introduction\.{5,} ?3\b", toc_page)  # dotted leader, then the page number
    roadmap = next(n for n, page in enumerate(folded, start=1) if "Shaded cells mark the years" in page)
    assert ("9 Implementation roadmap", roadmap) in [(" ".join(h.split()), p) for h, p in contents]


def test_pdf_without_libreoffice_is_one_line_and_the_docx_is_still_written(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path / "out"), "--pdf"])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("error: --pdf needs LibreOffice (soffice): install LibreOffice and poppler")
    assert (tmp_path / "out" / "draft.docx").is_file() and not (tmp_path / "out" / "draft.pdf").exists()


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        ("ejemplo", "error: --pdf necesita LibreOffice (soffice): instale LibreOffice y poppler"),
        ("exemple", "erreur\u00a0: --pdf nécessite LibreOffice (soffice)\u00a0: installez LibreOffice"),
        ("exemplo", "erro: --pdf requer o LibreOffice (soffice): instale o LibreOffice"),
    ],
)
def test_a_pdf_that_cannot_be_made_is_said_in_the_missions_language(
    tmp_path: Path, monkeypatch, folder: str, said: str
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE.parent / folder), "-o", str(out), "--pdf"])
    (line,) = result.output.strip().splitlines()
    assert result.exit_code == 2 and line.startswith(said), line
    assert str(out / "draft.docx") in line and "PDF" in line and "wrote" not in line


def test_no_word_is_cut_inside_a_narrow_column(tmp_path: Path, make_mission) -> None:
    header = ["Iniciativa clave", "Responsable", "Fin", "Prioridad", "Indicador", "Línea base", "Meta"]
    row = ["Despachar automáticamente las declaraciones de bajo riesgo", "Comunicaciones", "2014",
           "Alta", "Declaraciones despachadas automáticamente (%)", "10 %", "60 %"]  # fmt: skip
    folder = make_mission({"Plan": [header, row]}, language="es")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(folder), "-o", str(out)]).exit_code == 0
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE or "soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(out / "draft.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        [PDFTOTEXT or "pdftotext", str(out / "draft.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    chapter = next(page for page in text.split("\f") if "Prioridad" in page)  # the chapter, not the roadmap
    words = chapter.split()  # the chapter's table, where the columns are narrow
    for word in ("automáticamente", "Comunicaciones", "Declaraciones", "despachadas"):
        assert word in words, f"'{word}' is cut across lines"
    assert not any(line.strip().startswith("(%)") for line in chapter.splitlines())  # kept with its words


def _fake_office(folder: Path, body: str) -> None:
    """A `soffice` (and a working `pdftotext`) on PATH: a shell script that does `body`."""
    folder.mkdir()
    office = folder / "soffice"
    office.write_text(f"#!/bin/sh\n{body}\n", "utf-8")
    office.chmod(0o755)
    (folder / "pdftotext").symlink_to(PDFTOTEXT or "/usr/bin/pdftotext")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1] if Path(f"/proc/{pid}").exists() else ""
    return state != "Z"


def test_a_hung_office_is_stopped_with_everything_it_started_and_the_docx_kept(
    tmp_path: Path, monkeypatch
) -> None:
    pids = tmp_path / "office.pid"
    # like the real `soffice` script: the office itself runs as a grandchild
    _fake_office(tmp_path / "bin", f"sleep 600 &\necho $! > {pids}\nwait")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    monkeypatch.setattr("pipeline.render.office.TIMEOUT", 2)
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path / "out"), "--pdf"])

    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("error: LibreOffice took more than 2 s to start and was stopped; wrote ")
    assert line.endswith("without the PDF")
    assert not _alive(int(pids.read_text())), "the office's own process outlived plan-draft"
    assert (tmp_path / "out" / "draft.docx").is_file() and not (tmp_path / "out" / "draft.pdf").exists()


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ('echo "Error: source file could not be loaded" >&2\necho "  at line 2" >&2\nexit 1',
         "LibreOffice could not lay out the draft (exit 1): Error: source file could not be loaded"),
        ("kill -9 $$", "LibreOffice was stopped (SIGKILL) while laying out the draft"),
    ],
)  # fmt: skip
def test_an_office_that_fails_or_is_killed_is_one_line(
    tmp_path: Path, monkeypatch, body: str, said: str
) -> None:
    _fake_office(tmp_path / "bin", body)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path / "out"), "--pdf"])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"error: {said}; wrote ") and line.endswith("without the PDF")


def test_headings_are_found_where_the_layout_hyphenated_them_or_dropped_soft_hyphens() -> None:
    from pipeline.render.pdf import heading_pages

    headings = ["1 Introduction", "4.2 Moderni\u00adsation of risk\u2011based\u00a0control"]
    contents = "Contents 1 Introduction ..... 00 4.2 Modernisation of risk-based control ..... 00"
    pages = [contents, "1 Introduction text", "4.2 Moderni- sation of risk-based con- trol more text"]
    assert heading_pages(pages, headings) == [2, 3]
    assert heading_pages(pages[:2], headings) is None  # a heading that is not there is not guessed


def test_pdf_contents_are_right_for_headings_with_soft_hyphens_and_arabic(
    tmp_path: Path, make_mission
) -> None:
    header = ["Area", "Objective", "Initiative", "Owner"]
    rows = [
        header,
        ["Legal", "Moderni\u00adse the customs legal frame\u00adwork", "Draft a new law", "Legal Unit"],
        ["Legal", "Adopt risk\u2011based\u00a0controls", "Build a risk engine", "Risk Unit"],
        ["Legal", "تحديث الإطار القانوني للجمارك", "صياغة قانون جديد", "الوحدة القانونية"],  # lam-alef
    ]
    folder = make_mission({"Plan": rows})
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out"), "--pdf"])
    assert result.exit_code == 0, result.output
    import docx

    text = subprocess.run(
        [str(PDFTOTEXT), str(tmp_path / "out" / "draft.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    keyed = ["".join(c for c in page.casefold() if c.isalnum()) for page in text.split("\f")]
    contents = [
        p.text.split("\t")
        for p in docx.Document(str(tmp_path / "out" / "draft.docx")).paragraphs
        if style_name(p) in ("toc 1", "toc 2")
    ]
    objectives = [(h, int(n)) for h, n in contents if "Moderni" in h or "risk" in h]
    assert len(objectives) == 2
    for heading, page in objectives:
        assert "".join(c for c in heading.casefold() if c.isalnum()) in keyed[page - 1], (heading, page)
    (arabic,) = [int(n) for h, n in contents if "تحديث" in h]
    body = [n for n, page in enumerate(text.split("\f"), start=1) if "تحديث" in page]
    assert arabic == body[1]  # listed in the contents first, then the heading on its page


def _offices() -> list[str]:
    """The processes of a plan-draft office still running (their profiles are named for it)."""
    found = subprocess.run(["pgrep", "-f", "plan-draft-office"], capture_output=True, text=True).stdout
    return [pid for pid in found.split() if _alive(int(pid))]


def test_a_batch_lays_out_every_pdf_with_warm_offices_and_leaves_none_running(tmp_path: Path) -> None:
    import docx

    missions = tmp_path / "missions"
    for n in range(3):
        shutil.copytree(EXAMPLE, missions / f"m{n}")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "batch", str(missions), "-o", str(tmp_path / "out"), "--jobs", "2",
         "--pdf"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
    assert "3 built" in result.stdout
    for n in range(3):
        out = tmp_path / "out" / f"m{n}"
        text = subprocess.run(
            [str(PDFTOTEXT), str(out / "draft.pdf"), "-"], capture_output=True, text=True
        ).stdout
        pages = [" ".join(p.split()) for p in text.split("\f")]
        contents = [
            p.text.rsplit("\t", 1)
            for p in docx.Document(str(out / "draft.docx")).paragraphs
            if style_name(p) in ("toc 1", "toc 2")
        ]
        assert len(contents) >= 20
        for heading, page in contents:  # the .docx carries the pages of the PDF's own layout
            assert " ".join(heading.split()) in pages[int(page) - 1], (n, heading, page)
    assert _offices() == []


def test_an_office_that_dies_is_started_again_for_the_next_draft(tmp_path: Path, monkeypatch) -> None:
    import signal

    monkeypatch.setattr("pipeline.render.office.TIMEOUT", 60.0)

    from pipeline.office_pool import OfficePool
    from pipeline.render.office import lay_out

    pool = OfficePool(1, wanted=True)
    try:
        slot, socket = pool.take()
        assert socket is not None
        draft = tmp_path / "d"
        assert CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(draft)]).exit_code == 0
        office = pool._offices[slot]
        assert office is not None
        office.wait_ready()
        os.killpg(os.getpgid(office._office.pid), signal.SIGKILL)  # the office and its bridge, gone
        office._office.wait()
        pool.give(slot, troubled=False)
        slot, socket = pool.take()
        assert socket is not None
        from pipeline.build import parse
        from pipeline.checks import check
        from pipeline.render.document import render

        plan = parse(EXAMPLE)
        made = render(plan, check(plan), toc_pages="00")
        pdf, pages = lay_out(socket, made.data, len(made.contents))
        assert pdf.startswith(b"%PDF") and pages[0] == "3"
    finally:
        pool.close()
    assert _offices() == []


def test_a_killed_plan_draft_leaves_no_office_running(tmp_path: Path) -> None:
    import signal
    import time

    script = (
        "import shutil, sys, time\n"
        "from pipeline.render.office import Office, office_python\n"
        "soffice = shutil.which('soffice')\n"
        "office = Office.start(soffice, office_python(soffice))\n"
        "print(office.socket, *office._pipes, flush=True)\n"
        "time.sleep(600)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    socket, *pipes = proc.stdout.readline().split()
    assert _offices() != [] and any(Path(p).exists() for p in pipes)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    deadline = time.monotonic() + 10
    while (_offices() or Path(socket).parent.exists()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _offices() == [], "the office outlived the plan-draft that started it"
    assert not Path(socket).parent.exists(), "its work folder (profile, log) was left behind"
    assert not any(Path(p).exists() for p in pipes), "its sockets were left in /tmp"


def test_without_a_uno_bridge_the_draft_is_converted_twice_with_the_same_contents(
    tmp_path: Path, monkeypatch
) -> None:
    import docx

    import pipeline.render.pdf as pdf_module

    twice: list[str] = []
    real = pdf_module._converted_twice
    monkeypatch.setattr("pipeline.render.pdf.office_python", lambda soffice: None)
    monkeypatch.setattr("pipeline.render.office.office_python", lambda soffice: None)  # the early office's

    def converted_twice(*args):
        twice.append("converted")
        return real(*args)

    monkeypatch.setattr(pdf_module, "_converted_twice", converted_twice)
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    assert twice == ["converted"]  # the path without a bridge, not a warm office's
    assert _offices() == []  # the office started early was ended once no bridge was found
    text = subprocess.run([str(PDFTOTEXT), str(tmp_path / "draft.pdf"), "-"], capture_output=True, text=True)
    pages = [" ".join(p.split()) for p in text.stdout.split("\f")]
    contents = [
        p.text.rsplit("\t", 1)
        for p in docx.Document(str(tmp_path / "draft.docx")).paragraphs
        if style_name(p) in ("toc 1", "toc 2")
    ]
    assert len(contents) >= 20
    for heading, page in contents:
        assert " ".join(heading.split()) in pages[int(page) - 1], (heading, page)


def _office_page_faults(office: object) -> int:
    """Minor page faults soffice.bin has taken so far (its /proc stat), in an office's group."""
    group = os.getpgid(office._office.pid)  # type: ignore[attr-defined]
    found = subprocess.run(["pgrep", "-g", str(group), "soffice.bin"], capture_output=True, text=True)
    stat = Path(f"/proc/{found.stdout.split()[0]}/stat").read_text().rsplit(")", 1)[1].split()
    return int(stat[7])


def test_an_office_keeps_large_blocks_in_its_heap(monkeypatch) -> None:
    """LibreOffice pages 64 MB blocks in afresh each time unless glibc keeps them in the heap: the
    offices plan-draft starts take far fewer page faults than one started as it comes."""
    import pipeline.render.office as office_module

    assert SOFFICE is not None
    python = office_module.office_python(SOFFICE)
    if python is None:
        pytest.skip("no UNO bridge")
    with office_module.Office.start(SOFFICE, python) as office:
        tuned = _office_page_faults(office)
    monkeypatch.setattr(office_module, "office_env", lambda: dict(os.environ))
    with office_module.Office.start(SOFFICE, python) as office:
        plain = _office_page_faults(office)
    assert tuned < plain / 2, (tuned, plain)


def test_a_users_own_glibc_tunables_come_after_the_offices(monkeypatch) -> None:
    from pipeline.render.office import office_env

    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=2")
    tunables = office_env()["GLIBC_TUNABLES"].split(":")
    assert tunables[-1] == "glibc.malloc.arena_max=2"  # glibc keeps the last value it reads
    assert "glibc.malloc.mmap_threshold=268435456" in tunables[:-1]
    monkeypatch.delenv("GLIBC_TUNABLES")
    assert office_env()["GLIBC_TUNABLES"].count("glibc.malloc") == 2


def test_offices_start_on_a_copy_of_one_prepared_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.render.office import seeded_profile

    assert SOFFICE
    monkeypatch.setenv("PLAN_DRAFT_CACHE", str(tmp_path / "cache"))
    first, second = tmp_path / "one" / "profile", tmp_path / "two" / "profile"
    assert seeded_profile(SOFFICE, first) == first.as_uri()
    assert seeded_profile(SOFFICE, second) == second.as_uri()
    (kept,) = (tmp_path / "cache" / "office-profile").iterdir()  # made once, nothing half-made left
    for profile in (first, second):
        assert (profile / "user" / "registrymodifications.xcu").is_file()
    (first / "user" / "registrymodifications.xcu").write_text("changed by an office", "utf-8")
    assert (kept / "user" / "registrymodifications.xcu").read_text("utf-8") != "changed by an office"
    monkeypatch.setenv("PLAN_DRAFT_CACHE", "off")
    assert (
        seeded_profile(SOFFICE, tmp_path / "three" / "profile") == (tmp_path / "three" / "profile").as_uri()
    )
    assert not (tmp_path / "three").exists()  # LibreOffice makes its own


def test_a_profile_that_cannot_be_prepared_leaves_the_office_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.render.office import seeded_profile

    program = tmp_path / "program"
    program.mkdir()
    (program / "soffice.bin").write_bytes(b"")
    fake = program / "soffice"
    fake.write_text("#!/bin/sh\necho 'cannot start' >&2\nexit 1\n", "utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PLAN_DRAFT_CACHE", str(tmp_path / "cache"))
    target = tmp_path / "office" / "profile"
    assert seeded_profile(str(fake), target) == target.as_uri()
    assert not target.exists()
    assert list((tmp_path / "cache" / "office-profile").iterdir()) == []


def test_an_office_interrupted_before_it_runs_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    import tempfile

    import pipeline.render.office as office_module

    def interrupted(soffice: str, target: Path) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(office_module, "seeded_profile", interrupted)
    with pytest.raises(KeyboardInterrupt):
        office_module.Office("soffice", "python3")
    assert list(tmp_path.iterdir()) == []  # its work folder (profile, log, socket) went with it


def test_an_ended_office_leaves_no_socket_in_tmp() -> None:
    """LibreOffice makes its pipes in /tmp and removes them only when it exits by itself: an office
    plan-draft ends (a kill) had left two sockets there every time."""
    import glob

    import pipeline.render.office as office_module

    assert SOFFICE is not None
    python = office_module.office_python(SOFFICE)
    if python is None:
        pytest.skip("no UNO bridge")
    before = set(glob.glob("/tmp/OSL_PIPE_*"))
    with office_module.Office.start(SOFFICE, python) as office:
        made = set(glob.glob("/tmp/OSL_PIPE_*")) - before
        assert len(made) == 2 and set(map(str, office._pipes)) >= made  # both are known by name
    assert set(glob.glob("/tmp/OSL_PIPE_*")) - before == set()


def test_build_pdf_starts_its_office_before_it_reads_the_mission(tmp_path: Path, monkeypatch) -> None:
    """The office starts while the draft is read and rendered, not after it (0.2 s of 1.2 s)."""
    import pipeline.build
    import pipeline.render.office as office_module

    order: list[str] = []
    real_init, real_parse = office_module.Office.__init__, pipeline.build.parse

    def office_init(self, *args, **kwargs):
        order.append("office started")
        real_init(self, *args, **kwargs)

    def parse(folder):
        order.append("mission read")
        return real_parse(folder)

    monkeypatch.setattr(office_module.Office, "__init__", office_init)
    monkeypatch.setattr(pipeline.build, "parse", parse)
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    assert order == ["office started", "mission read"]
    assert (tmp_path / "draft.pdf").read_bytes().startswith(b"%PDF")


def test_offices_start_before_the_uno_python_is_found_and_get_their_bridges_after(monkeypatch) -> None:
    """The search for the Python that can `import uno` (0.04 s) no longer holds the offices back."""
    import time

    import pipeline.render.office as office_module

    order: list[str] = []
    real_python, real_init = office_module.office_python, office_module.Office.__init__

    def office_python(soffice: str) -> str | None:
        found = real_python(soffice)
        time.sleep(0.5)  # a slow search: the offices do not wait for it
        order.append("python found")
        return found

    def office_init(self, *args, **kwargs):
        order.append("office started")
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(office_module, "office_python", office_python)
    monkeypatch.setattr(office_module.Office, "__init__", office_init)
    command, offices = office_module.started_offices(2)
    try:
        if command is None:
            pytest.skip("no UNO bridge")
        assert order[:2] == ["office started", "office started"] and order[2:] == ["python found"]
        assert len(offices) == 2 and all(o.alive() for o in offices)
        for office in offices:
            office.wait_ready()  # its bridge answers on its socket
            assert os.path.exists(office.socket)
    finally:
        for office in offices:
            office.close()
    assert _offices() == []


def test_offices_started_before_no_uno_python_is_found_are_ended(monkeypatch, tmp_path: Path) -> None:
    import tempfile

    import pipeline.render.office as office_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(office_module, "office_python", lambda soffice: None)
    assert office_module.started_offices(2) == (None, [])
    assert _offices() == []
    assert list(tmp_path.iterdir()) == []  # their work folders went with them
