"""Broken and hostile inputs (tests/hostile/cases, made by make_corpus.py) against the real command.

Each case runs `python -m pipeline build` in a subprocess, over an output folder that already holds
a good draft: exit code 2, one line naming the file with the expected words, no traceback, nothing
leaked, the earlier outputs byte for byte as they were, no partial file, under a minute and 1 GB.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, ROOT

from pipeline.cli import main

HOSTILE = ROOT / "tests" / "hostile"
CASES = json.loads((HOSTILE / "cases.json").read_text("utf-8"))
ONE_GB_KB = 1024 * 1024


@pytest.fixture(scope="module")
def good_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good")
    assert CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(out)]).exit_code == 0
    return out


def _run(args: list[str]) -> tuple[int, str, str, float]:
    """Exit code, stdout, stderr and seconds of one run of the command (killed after a minute)."""
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONUTF8": "1"},
    )
    return proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_hostile_case(case: dict, good_outputs: Path, tmp_path: Path) -> None:
    folder = HOSTILE / "cases" / case["case"]
    args = [a.replace("{case}", str(folder)) for a in case["args"]]
    out = tmp_path / "out"
    shutil.copytree(good_outputs, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, stdout, stderr, seconds = _run(
        ["build", str(folder), "-o", str(out), *args] if "-o" not in args else ["build", str(folder), *args]
    )
    assert code == case["exit"], stderr
    assert "Traceback" not in stderr and stderr.startswith("error: ") and stderr.count("\n") == 1, stderr
    for word in case["words"]:
        assert word in stderr, f"{word!r} not in {stderr!r}"
    for word in case["absent"]:
        assert word not in stderr and word not in stdout
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing lost, nothing partial
    assert seconds < 60


def test_peak_memory_of_the_worst_cases_stays_under_1_gb() -> None:
    for name in (
        "sheet_spans_too_far",
        "xls_spans_too_far",
        "xlsb_spans_too_far",
        "zip_bomb_ratio",
        "billion_laughs_docx",
        "ods_spans_too_far",
    ):
        folder = HOSTILE / "cases" / name
        if not folder.exists():
            continue
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "parse", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        assert proc.returncode == 2
        assert usage.ru_maxrss < ONE_GB_KB, f"{name}: {usage.ru_maxrss} KB"


def test_debug_shows_the_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "--debug", "build", str(HOSTILE / "cases" / "csv_named_xlsx")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" in proc.stderr and "InputError" in proc.stderr
