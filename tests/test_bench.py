"""The benchmark script runs (smallest size, one repeat) so it cannot rot; no timing is asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_bench_runs_on_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "100", "--repeat", "1",
                           "--warmup", "0", "--batch", "0", "--out", str(out)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(out.read_text("utf-8"))
    row = results["sizes"]["100"]
    for stage in ("build", "parse", "check", "render"):
        assert row[stage]["seconds"] > 0 and row[stage]["peak_mb"] > 0
    assert "| 100 |" in proc.stdout
    # every initiative is a row in the chapters, the roadmap, monitoring and the source trace
    assert results["content"]["100"]["build"]["table_rows"] >= 4 * 100
