"""Batch runs over many missions: broken ones reported, the rest built, unchanged ones skipped."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import EXAMPLE, ROOT
from openpyxl import load_workbook

from pipeline.cli import main


def _missions(tmp_path: Path, good: int = 4) -> Path:
    root = tmp_path / "missions"
    for n in range(good):
        shutil.copytree(EXAMPLE, root / ("region" if n == good - 1 else "") / f"mission{n}")
    shutil.copytree(ROOT / "tests" / "hostile" / "cases" / "csv_named_xlsx", root / "broken")
    return root


def _batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    return result.exit_code, result.output


def test_batch_builds_good_missions_and_names_broken_ones(tmp_path: Path) -> None:
    root, out = _missions(tmp_path), tmp_path / "out"
    code, output = _batch(str(root), "-o", str(out), "--jobs", "2")
    assert code == 1
    assert "5 of 5 missions: 4 built, 0 skipped (unchanged), 1 failed" in output
    assert "failed  broken: " in output and "grupo1.xlsx" in output
    for name in ("mission0", "mission1", "mission2", "region/mission3"):
        assert (out / name / "draft.docx").is_file()
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert (summary["missions"], summary["built"], summary["failed"]) == (5, 4, 1)
    assert sum(r["initiatives"] for r in summary["rows"]) == 4 * 33
    sheet = load_workbook(out / "summary.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Mission" and "Status" in rows[0] and len(rows) == 6
    broken = next(r for r in rows if r[0] == "broken")
    assert broken[rows[0].index("Status")] == "failed" and "is CSV text" in broken[-1]


def test_second_run_skips_and_an_edit_rebuilds_exactly_that_mission(tmp_path: Path) -> None:
    root, out = _missions(tmp_path), tmp_path / "out"
    _batch(str(root), "-o", str(out))
    _, output = _batch(str(root), "-o", str(out))
    assert "0 built, 4 skipped (unchanged), 1 failed" in output
    notes = root / "mission1" / "facilitator_notes_day1.md"
    notes.write_text(notes.read_text("utf-8") + "\n- Add a KPI review in 2013.\n", "utf-8")
    _, output = _batch(str(root), "-o", str(out))
    assert "1 built, 3 skipped (unchanged), 1 failed" in output
    assert (out / "mission1" / "draft.previous.docx").is_file()
    assert not (out / "mission0" / "draft.previous.docx").exists()
    _, output = _batch(str(root), "-o", str(out), "--force")
    assert "4 built, 0 skipped" in output


def test_strict_exits_1_on_error_findings(tmp_path: Path) -> None:
    root = tmp_path / "m"
    shutil.copytree(EXAMPLE, root / "only")
    assert _batch(str(root), "-o", str(tmp_path / "o"))[0] == 0
    assert _batch(str(root), "-o", str(tmp_path / "o"), "--strict", "--force")[0] == 1


def _ctrl_c_heard() -> None:
    """In the batch's process: Ctrl-C heard, as at a terminal, even when the tests run in the
    background (where a shell starts every command with SIGINT ignored, and the batch rightly keeps
    ignoring it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_keeps_finished_missions_and_leaves_nothing_half_written(tmp_path: Path) -> None:
    root, out = tmp_path / "many", tmp_path / "out"
    for n in range(30):
        shutil.copytree(EXAMPLE, root / f"m{n:02d}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "batch", str(root), "-o", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_heard,
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("[3/30]"):
            break
    proc.send_signal(signal.SIGINT)
    start = time.monotonic()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert time.monotonic() - start < 30
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["interrupted"] and 3 <= summary["built"] < 30
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    for row in summary["rows"]:
        assert sorted(p.name for p in (out / row["mission"]).iterdir()) == [
            "build-stamp.json",
            "draft.docx",
            "findings.json",
            "plan.json",
        ]


def test_a_mission_with_nothing_to_draft_is_reported_empty_not_built(tmp_path: Path) -> None:
    root, out = tmp_path / "missions", tmp_path / "out"
    shutil.copytree(EXAMPLE, root / "good")
    shutil.copytree(ROOT / "tests" / "field" / "cases" / "en_indicator_register", root / "kpis_only")
    code, output = _batch(str(root), "-o", str(out), "--jobs", "1")
    assert code == 0
    assert "2 of 2 missions: 1 built, 1 empty, 0 skipped (unchanged), 0 failed" in output
    assert "empty   kpis_only: no objective or initiative was read" in output
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert [m["status"] for m in summary["rows"]] == ["built", "empty"]


def test_missions_whose_names_fold_to_one_folder_get_folders_of_their_own(tmp_path: Path) -> None:
    root, out = tmp_path / "missions", tmp_path / "out"
    for name in ("Chile:2012", "Chile?2012", "chile_2012"):
        shutil.copytree(EXAMPLE, root / name)
    code, output = _batch(str(root), "-o", str(out), "--jobs", "2")
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    folders = [row["output"] for row in summary["rows"]]
    assert len(set(folders)) == 3 and all((Path(f) / "draft.docx").is_file() for f in folders)


def test_a_half_replaced_output_set_is_rebuilt_not_skipped(tmp_path: Path) -> None:
    root, out = tmp_path / "missions", tmp_path / "out"
    shutil.copytree(EXAMPLE, root / "m")
    assert _batch(str(root), "-o", str(out))[0] == 0
    assert "0 built, 1 skipped" in _batch(str(root), "-o", str(out))[1]
    (out / "m" / "plan.json").write_text("{}", "utf-8")  # as a run killed between two files leaves it
    assert "1 built, 0 skipped" in _batch(str(root), "-o", str(out))[1]


def test_batch_into_the_missions_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "missions"
    shutil.copytree(EXAMPLE, root / "m")
    code, output = _batch(str(root), "-o", str(root))
    assert code == 2 and "is a mission folder" in output


def test_a_worker_that_dies_fails_its_mission_and_the_batch_goes_on(tmp_path: Path, monkeypatch) -> None:
    import pipeline.batch
    import pipeline.workers

    root, out = tmp_path / "missions", tmp_path / "out"
    for n in range(3):
        shutil.copytree(EXAMPLE, root / f"m{n}")
    monkeypatch.setattr(pipeline.workers, "MEMORY_LIMIT", 64 * 2**20)  # every mission's worker runs out
    real_build = pipeline.batch.build  # type: ignore[attr-defined]

    def greedy_build(*args, **kwargs):  # a reader that runs away: more than the limit, whatever the
        bytearray(256 * 2**20)  # parent's free memory a forked worker could reuse
        return real_build(*args, **kwargs)

    monkeypatch.setattr(pipeline.batch, "build", greedy_build)
    code, output = _batch(str(root), "-o", str(out), "--jobs", "2")
    assert code == 1, output
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["missions"] == 3 and summary["failed"] == 3
    assert all(row["status"] == "failed" and row["message"] for row in summary["rows"])  # each says why
    assert (out / "summary.xlsx").is_file()


def test_the_summary_is_written_whatever_the_names(tmp_path: Path) -> None:
    root, out = tmp_path / "missions", tmp_path / "out"
    shutil.copytree(EXAMPLE, root / "summary.json")  # a mission named like the summary
    odd = os.fsencode(str(root)) + b"/caf\xe9-2012"  # a folder name that is not UTF-8
    shutil.copytree(EXAMPLE, os.fsdecode(odd))
    (root / "summary.json" / "bad\x07name.md").write_text("# Decisions\n\n- one\n", "utf-8")
    code, output = _batch(str(root), "-o", str(out))
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert sorted(row["mission"] for row in summary["rows"]) == ["caf\\xe9-2012", "summary.json"]
    assert load_workbook(out / "summary.xlsx").active.max_row == 3


def test_workers_end_when_the_batch_is_killed(tmp_path: Path) -> None:
    root, out = tmp_path / "many", tmp_path / "out"
    for n in range(12):
        shutil.copytree(EXAMPLE, root / f"m{n:02d}")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "batch", str(root), "-o", str(out), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("[1/12]"):
            break
    proc.kill()
    proc.wait(timeout=30)
    proc.stderr.close()
    time.sleep(1.0)
    ps = subprocess.run(["pgrep", "-f", str(out)], capture_output=True, text=True)
    assert ps.stdout.strip() == "", "mission processes outlived the batch"


def _interrupt(tmp_path: Path, *signals: int) -> Path:
    """A batch of 20 missions sent `signals` once two are built; it ends with code 130 and its summary."""
    root, out = tmp_path / "many", tmp_path / "out"
    for n in range(20):
        shutil.copytree(EXAMPLE, root / f"m{n:02d}")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "batch", str(root), "-o", str(out), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_ctrl_c_heard)  # fmt: skip
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("[2/20]"):
            break
    for sent in signals:
        proc.send_signal(sent)
        time.sleep(0.05)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["interrupted"] and summary["built"] < 20
    return out


def test_a_second_ctrl_c_ends_running_missions_and_the_summary_is_still_written(tmp_path: Path) -> None:
    out = _interrupt(tmp_path, signal.SIGINT, signal.SIGINT)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_sigterm_ends_the_batch_like_ctrl_c_and_keeps_the_summary(tmp_path: Path) -> None:
    out = _interrupt(tmp_path, signal.SIGTERM)
    time.sleep(0.5)
    assert subprocess.run(["pgrep", "-f", str(out)], capture_output=True, text=True).stdout.strip() == ""


def test_a_batch_tree_thousands_of_folders_deep_is_built(tmp_path: Path) -> None:
    """No recursion in the walk or in making the output folders: 1,100 levels are built like one."""
    root = tmp_path / "deep"
    root.mkdir()
    here = os.open(root, os.O_RDONLY)
    try:
        for _ in range(1100):  # made relative to each parent: the path would outgrow one call
            os.mkdir("d", dir_fd=here)
            here, parent = os.open("d", os.O_RDONLY, dir_fd=here), here
            os.close(parent)
    finally:
        os.close(here)
    mission = root.joinpath(*["d"] * 1100) / "m"
    shutil.copytree(EXAMPLE, mission)
    try:
        code, output = _batch(str(root), "-o", str(tmp_path / "out"))
        assert code == 0 and "1 built" in output, output[-300:]
        assert (tmp_path / "out").joinpath(*["d"] * 1100, "m", "draft.docx").is_file()
    finally:  # pytest's own clean-up recurses, and could not remove trees this deep
        for top in (root, tmp_path / "out"):
            _remove_chain(top, 1100)


def _remove_chain(top: Path, depth: int) -> None:
    """Remove `top/d/d/…/d` (`depth` levels) and what its deepest folder holds, deepest first."""
    if not top.exists():
        return
    deepest = top.joinpath(*["d"] * depth)
    for entry in list(deepest.iterdir()) if deepest.exists() else []:
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for n in range(depth, 0, -1):
        with contextlib.suppress(FileNotFoundError):
            top.joinpath(*["d"] * n).rmdir()


def test_linked_mission_folders_are_built_once_and_a_loop_of_links_ends(tmp_path: Path) -> None:
    from pipeline.batch import find_missions

    root, elsewhere = tmp_path / "missions", tmp_path / "shared" / "chile"
    shutil.copytree(EXAMPLE, root / "peru")
    shutil.copytree(EXAMPLE, elsewhere)
    (root / "chile").symlink_to(elsewhere, target_is_directory=True)
    (root / "peru" / "again").symlink_to(root, target_is_directory=True)  # a loop
    assert [p.name for p in find_missions(root)] == ["chile", "peru"]


def test_a_sigterm_heard_while_a_finalizer_runs_is_not_lost() -> None:
    """It was raised as an exception from the handler; arriving inside a pipe's `__del__`, Python
    printed 'Exception ignored' and the batch built on. Now it is counted, and wakes the loop."""
    import select

    from pipeline.stop import Stop

    before = signal.getsignal(signal.SIGTERM)

    class Finalized:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            sum(range(1000))  # the handler runs here, inside the finalizer

    with Stop() as stop:
        Finalized()
        assert stop.asked == 2 and stop.terminated
        assert select.select([stop.wakeup], [], [], 0)[0] == [stop.wakeup]
        stop.drain()
        assert select.select([stop.wakeup], [], [], 0)[0] == []
    assert signal.getsignal(signal.SIGTERM) is before


def _workers_seen(tmp_path: Path, monkeypatch, missions: int, failing: str = "", *args: str) -> list[str]:
    """Build `missions` copies of the example (`failing` fails) and return, in mission order, the
    process that built each (its pid, as each row's message says)."""
    import dataclasses

    import pipeline.batch

    root, out = tmp_path / "missions", tmp_path / "out"
    for n in range(missions):
        shutil.copytree(EXAMPLE, root / f"m{n}")
    real = pipeline.batch._build_task

    def traced(task, office, **kwargs):
        row = real(task, office, **kwargs)
        status = "failed" if task[1] == failing else row.status
        return dataclasses.replace(row, status=status, message=str(os.getpid()))

    monkeypatch.setattr(pipeline.batch, "_build_task", traced)
    _batch(str(root), "-o", str(out), *args)
    rows = json.loads((out / "summary.json").read_text("utf-8"))["rows"]
    assert [row["mission"] for row in rows] == [f"m{n}" for n in range(missions)]
    return [row["message"] for row in rows]


def test_a_worker_builds_mission_after_mission(tmp_path: Path, monkeypatch) -> None:
    seen = _workers_seen(tmp_path, monkeypatch, 5, "", "--jobs", "1")
    assert len(set(seen)) == 1 and seen[0] != str(os.getpid())  # one worker, not the batch itself


def test_a_failed_mission_ends_its_worker_and_the_next_mission_gets_a_new_one(
    tmp_path: Path, monkeypatch
) -> None:
    seen = _workers_seen(tmp_path, monkeypatch, 4, "m1", "--jobs", "1")
    assert seen[0] == seen[1] and seen[2] != seen[1] and seen[3] == seen[2]


def test_a_worker_is_replaced_after_its_share_of_missions(tmp_path: Path, monkeypatch) -> None:
    import pipeline.workers

    monkeypatch.setattr(pipeline.workers, "MISSIONS_PER_WORKER", 2)
    seen = _workers_seen(tmp_path, monkeypatch, 5, "", "--jobs", "1")
    assert seen[0] == seen[1] != seen[2] == seen[3] != seen[4]


def test_a_mission_whose_worker_ended_before_its_row_was_read_is_still_under_way() -> None:
    """A worker can end (after a failed mission) before the batch reads its row: its mission, and
    the office lent for it, are still taken, and no further mission may start in its place (it took
    an office that was not free: 'pop from empty list', 1 run in 25)."""
    from pipeline.office_pool import OfficePool
    from pipeline.workers import Workers

    class FakeProcess:
        sentinel, exitcode = -1, None

        def __init__(self, **_: object) -> None: ...

        def start(self) -> None: ...

    class FakeConn:
        def send(self, _: object) -> None: ...

        def close(self) -> None: ...

    class FakeContext:
        Process = FakeProcess

        @staticmethod
        def Pipe(duplex: bool) -> tuple[FakeConn, FakeConn]:  # noqa: N802 (multiprocessing's name)
            return FakeConn(), FakeConn()

    unused: Any = None
    workers = Workers(FakeContext(), 1, unused, unused, OfficePool(1, False), unused, False)
    assert workers.can_take() and workers.send(("m0", "m0", "out/m0"))
    worker: Any = workers._workers[0]
    worker.process.exitcode = 0  # ended; its row is still in the pipe
    assert not workers.can_take()
