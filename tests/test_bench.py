"""The benchmark script runs (smallest size, one repeat) so it cannot rot; no timing is asserted here."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _bench(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One quick run of bench/run.py (one repeat, no warm-up, no batch) writing its results to `out`."""
    command = [sys.executable, str(ROOT / "bench" / "run.py"), *args]
    command += ["--repeat", "1", "--warmup", "0", "--batch", "0", "--out", str(out)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_bench_runs_on_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = _bench(out, "--sizes", "100")
    assert proc.returncode in (0, 1), proc.stderr  # 1: a target missed; timings are never asserted here
    results = json.loads(out.read_text("utf-8"))
    row = results["sizes"]["100"]
    for stage in ("build", "parse", "check", "render"):
        assert row[stage]["seconds"] > 0 and row[stage]["peak_mb"] > 0
    assert "| 100 |" in proc.stdout
    # every initiative is a row in the chapters, the roadmap, monitoring and the source trace
    assert results["content"]["100"]["build"]["table_rows"] >= 4 * 100
    if shutil.which("soffice") and shutil.which("pdftotext"):  # the PDF's measurements run too
        pdf = results["pdf"]
        assert pdf["single"]["build_pdf"]["seconds"] > 0 and pdf["batch"]["eight_cold"]["seconds"] > 0
        assert pdf["contents"]["right"] == pdf["contents"]["entries"] > 0 and pdf["offices_left"] == 0


def test_bench_measures_a_workbook_it_has_not_seen(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Plan estratégico"])
    ws.append(
        ["Iniciativa", "Responsable", "Área", "Objetivo", "Inicio", "Fin", "Indicador", "Línea base", "Meta"]
    )
    for n in range(12):
        ws.append(
            [
                f"Iniciativa {n}",
                f"Unidad {n % 3}",
                "Gestión estratégica",
                f"Objetivo {n // 4}",
                2013,
                2015,
                f"Indicador {n}",
                10,
                20,
            ]
        )
    wb.save(tmp_path / "taller.xlsx")
    out = tmp_path / "results.json"
    proc = _bench(out, "--workbook", str(tmp_path / "taller.xlsx"), "--no-pdf")  # the first run measures it
    results = json.loads(out.read_text("utf-8"))
    assert list(results["sizes"]) == ["taller.xlsx"], proc.stderr
    assert results["content"]["taller.xlsx"]["build"]["table_rows"] >= 4 * 12
    assert any(t["target"] == "peak memory build(taller.xlsx) <= 250 MB" for t in results["targets"])
    assert results["content"]["taller.xlsx"]["floor"]["table_rows"] == 4 * 12  # the floor wrote the same rows
