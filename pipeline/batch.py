"""Batch: build every mission folder below a folder in worker processes; skip what has not changed."""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.build import DraftOptions, build, fingerprint, is_current, safe_name
from pipeline.config import CONFIG_NAME
from pipeline.errors import InputError, PlanDraftError


@dataclass
class MissionResult:
    """One row of the batch summary."""

    mission: str
    status: str  # built, empty (nothing to draft), skipped, failed
    seconds: float = 0.0
    areas: int = 0
    objectives: int = 0
    initiatives: int = 0
    errors: int = 0
    warnings: int = 0
    notes: int = 0
    output: str = ""
    message: str = ""
    outputs: list[str] = field(default_factory=list)


def find_missions(root: Path) -> list[Path]:
    """Every folder below `root` (itself included) that holds a mission.toml, in sorted order."""
    if not root.is_dir():
        raise InputError(root, "no such folder of missions" if not root.exists() else "not a folder")
    return sorted(
        p.parent
        for p in root.rglob(CONFIG_NAME)
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def output_for(root: Path, mission: Path, out_root: Path) -> Path:
    """`OUT/<mission path below root>`, each part made safe, so outputs never leave `OUT`."""
    parts = mission.relative_to(root).parts or (mission.resolve().name,)
    return out_root.joinpath(*(safe_name(part) for part in parts))


def output_folders(root: Path, missions: list[Path], out_root: Path) -> dict[Path, Path]:
    """Each mission's output folder, unique: where two names fold to one folder (made safe, cut to
    length, case folded), each of them gets a short hash of its own path; a folder that is a mission
    folder is refused (its drafts would be read back as captures)."""
    wanted = {m: output_for(root, m, out_root) for m in missions}
    taken: dict[str, list[Path]] = {}
    for mission, folder in wanted.items():
        taken.setdefault(str(folder).casefold(), []).append(mission)
    for group in taken.values():
        if len(group) > 1:
            for mission in group:
                tag = hashlib.sha256(mission.relative_to(root).as_posix().encode("utf-8", "surrogateescape"))
                wanted[mission] = wanted[mission].with_name(f"{wanted[mission].name}-{tag.hexdigest()[:8]}")
    resolved = {m.resolve() for m in missions}
    for folder in wanted.values():
        if folder.resolve() in resolved:
            raise InputError(
                folder,
                "the output folder of a mission is a mission folder: its drafts would be "
                "read back as captures",
                hint="give batch an -o outside the missions",
            )
    return wanted


def _build_one(path: str, mission: str, out: str, options: DraftOptions, force: bool) -> MissionResult:
    """Worker: build one mission (`mission` is its name below the batch folder); failures become rows.

    A draft leaves python-docx's package (parts and relationships refer to each other, about 10 MB)
    to the cycle collector, which runs seldom in a tuned process (see pipeline.cli.run): it is
    collected after each mission, so a worker's memory stays that of one mission.
    """
    try:
        return _build_and_count(path, mission, out, options, force)
    finally:
        gc.collect()


def _build_and_count(path: str, mission: str, out: str, options: DraftOptions, force: bool) -> MissionResult:
    start = time.monotonic()
    folder, out_dir = Path(path), Path(out)
    try:
        if not force and is_current(out_dir, fingerprint(folder, options)):
            return MissionResult(mission, "skipped", output=out)
        result = build(folder, out_dir, options)
    except PlanDraftError as exc:
        return MissionResult(mission, "failed", time.monotonic() - start, output=out, message=str(exc))
    except Exception as exc:  # a bug or an input nobody foresaw: reported, and the batch goes on
        return MissionResult(
            mission,
            "failed",
            time.monotonic() - start,
            output=out,
            message=f"unexpected failure ({type(exc).__name__}: {exc})",
        )
    plan, findings = result.plan, result.findings
    counts = plan.counts()
    return MissionResult(
        mission,
        "empty" if counts.empty else "built",
        round(time.monotonic() - start, 3),
        counts.areas,
        counts.objectives,
        counts.initiatives,
        findings.count("error"),
        findings.count("warning"),
        findings.count("info"),
        out,
        outputs=[str(p) for p in result.outputs],
        message="no objective or initiative was read" if counts.empty else "",
    )


def _start_worker(gc_threshold: tuple[int, int, int]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; workers finish what they write
    gc.freeze()  # tuned as the parent is (see pipeline.cli.run), however the worker was started
    gc.set_threshold(*gc_threshold)


def run_batch(
    root: Path,
    out_root: Path,
    options: DraftOptions,
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[MissionResult], None] | None = None,
) -> tuple[list[MissionResult], bool]:
    """Build every mission; returns the results in mission order and whether it was interrupted.

    On Ctrl-C no new mission starts; missions already running finish their (atomic) writes.
    """
    missions = find_missions(root)
    cores = os.cpu_count() or 1
    jobs = max(1, min(jobs or cores, cores, len(missions) or 1))  # more workers than either only cost memory
    folders = output_folders(root, missions, out_root)
    tasks = [
        (
            str(m),
            m.relative_to(root).as_posix() if m != root else m.resolve().name,
            str(folders[m]),
        )
        for m in missions
    ]
    results: dict[str, MissionResult] = {}
    interrupted = False
    if jobs == 1:
        try:
            for path, mission, out in tasks:
                results[mission] = _build_one(path, mission, out, options, force)
                if progress:
                    progress(results[mission])
        except KeyboardInterrupt:
            interrupted = True
    else:
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(gc.get_threshold(),)
        ) as pool:
            pending: dict[Future, str] = {}
            queue: Iterator[tuple[str, str, str]] = iter(tasks)
            try:
                for path, mission, out in _take(queue, jobs * 2):
                    pending[pool.submit(_build_one, path, mission, out, options, force)] = mission
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        result = future.result()
                        results[pending.pop(future)] = result
                        if progress:
                            progress(result)
                        for path, mission, out in _take(queue, 1):
                            pending[pool.submit(_build_one, path, mission, out, options, force)] = mission
            except KeyboardInterrupt:
                interrupted = True
                for future in pending:
                    future.cancel()
                for future, mission in pending.items():
                    if not future.cancelled():
                        results[mission] = future.result()
    ordered = [results[m] for _, m, _ in tasks if m in results]
    return ordered, interrupted


def _take(queue: Iterator[tuple[str, str, str]], n: int) -> list[tuple[str, str, str]]:
    taken = []
    for item in queue:
        taken.append(item)
        if len(taken) == n:
            break
    return taken


def status_counts(results: list[MissionResult]) -> dict[str, int]:
    """How many missions were built, built empty (nothing read to draft), skipped (unchanged) and failed."""
    statuses = ("built", "empty", "skipped", "failed")
    return {status: sum(1 for r in results if r.status == status) for status in statuses}


def summary_rows(results: list[MissionResult]) -> list[dict[str, object]]:
    """The summary as plain rows (summary.json)."""
    return [asdict(r) for r in results]
