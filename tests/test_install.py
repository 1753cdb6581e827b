"""plan-draft installed as users install it (`pipx install .` builds and installs the wheel): the wheel
holds every file the program loads, its `plan-draft` command, and builds a mission away from the
source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import EXAMPLE, ROOT


def test_the_wheel_installs_a_working_plan_draft(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT), "-w", str(tmp_path / "dist")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("plan_draft-*.whl")
    with zipfile.ZipFile(wheel) as package:
        names = set(package.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "plan-draft = pipeline.console:run" in package.read(entry_points).decode()
        package.extractall(tmp_path / "installed")
    shipped = {
        p.relative_to(ROOT).as_posix() for p in (ROOT / "pipeline").rglob("*") if p.suffix in (".py", ".toml")
    }
    assert shipped <= names, f"not in the wheel: {sorted(shipped - names)}"
    out = tmp_path / "out"
    installed = tmp_path / "installed"
    run = (  # the development checkout's editable finder set aside: the wheel's own files run
        "import sys; sys.meta_path = [f for f in sys.meta_path if '__editable__' not in type(f).__module__]; "
        f"sys.path.insert(0, {str(installed)!r}); import pipeline; "
        f"assert pipeline.__file__.startswith({str(installed)!r}), pipeline.__file__; "
        f"sys.argv = ['plan-draft', 'build', {str(EXAMPLE)!r}, '-o', {str(out)!r}]; "
        "from pipeline.console import run; run()"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", run], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert (out / "draft.docx").stat().st_size > 10_000
