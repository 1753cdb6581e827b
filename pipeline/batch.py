"""Batch: build every mission folder below a folder in worker processes; skip what has not changed."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline import workers as worker_limits
from pipeline.build import DraftOptions, build, fingerprint, is_current, safe_name
from pipeline.config import CONFIG_NAME
from pipeline.errors import InputError, PlanDraftError, printable
from pipeline.office_pool import OfficePool
from pipeline.stop import Stop
from pipeline.workers import Row, Task, Workers


@dataclass
class MissionResult:
    """One row of the batch summary."""

    mission: str
    status: str  # built, empty (nothing to draft), skipped, failed
    seconds: float = 0.0
    administration: str = ""
    period: str = ""
    language: str = ""
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
    found: list[Path] = []
    top = root.stat()
    stack, seen = [root], {(top.st_dev, top.st_ino)}
    while stack:  # a stack, not recursion: a tree thousands of folders deep is walked all the same
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = [e for e in listing if not e.name.startswith(".")]
        except OSError:
            continue  # unreadable: nothing below it is a mission batch can build
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.name == CONFIG_NAME and entry.is_file():
                    found.append(folder)
                elif entry.is_dir():  # a linked mission folder is built too, each real folder once
                    info = entry.stat()
                    if (info.st_dev, info.st_ino) not in seen:
                        seen.add((info.st_dev, info.st_ino))
                        stack.append(Path(entry.path))
    return sorted(found)


def output_for(root: Path, mission: Path, out_root: Path) -> Path:
    """`OUT/<mission path below root>`, each part made safe, so outputs never leave `OUT`."""
    parts = mission.relative_to(root).parts or (mission.resolve().name,)
    return out_root.joinpath(*(safe_name(part) for part in parts))


def output_folders(root: Path, missions: list[Path], out_root: Path) -> dict[Path, Path]:
    """Each mission's output folder, unique: where two names fold to one folder (made safe, cut to
    length, case folded), each of them gets a short hash of its own path; a folder that is a mission
    folder is refused (its drafts would be read back as captures)."""
    wanted = {m: output_for(root, m, out_root) for m in missions}
    for mission, folder in wanted.items():  # the summary's own names stay free
        if folder.parent == out_root and folder.name.casefold() in RESERVED:
            wanted[mission] = folder.with_name(f"{folder.name}-mission")
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


def _build_task(task: Task, office: str | None, *, options: DraftOptions, force: bool) -> MissionResult:
    """In a worker: build one mission (`task[1]` is its name below the batch folder), with the
    socket of a warm office for its PDF when the batch lends one; failures become rows."""
    path, mission, out = task
    return _build_and_count(path, mission, out, replace(options, office=office), force)


def _failed(task: Task, seconds: float, why: str) -> MissionResult:
    """The row of a mission whose worker ended or was ended before it sent one."""
    _, mission, out = task
    return MissionResult(mission, "failed", round(seconds, 1), output=out, message=why)


def _build_and_count(path: str, mission: str, out: str, options: DraftOptions, force: bool) -> MissionResult:
    start = time.monotonic()
    folder, out_dir = Path(path), Path(out)
    try:
        if not force and is_current(out_dir, fingerprint(folder, options)):
            return MissionResult(mission, "skipped", output=out)
        result = build(folder, out_dir, options)
    except PlanDraftError as exc:
        return MissionResult(
            mission, "failed", round(time.monotonic() - start, 1), output=out, message=str(exc)
        )
    except MemoryError:
        most = worker_limits.MEMORY_LIMIT
        limit = f"{most / 2**30:.1f} GB" if most >= 2**30 else f"{most // 2**20} MB"
        return MissionResult(
            mission,
            "failed",
            round(time.monotonic() - start, 1),
            output=out,
            message=f"ran out of memory (limit {limit} a mission)",
        )
    except Exception as exc:  # a bug or an input nobody foresaw: reported, and the batch goes on
        return MissionResult(
            mission,
            "failed",
            round(time.monotonic() - start, 1),
            output=out,
            message=f"unexpected failure ({type(exc).__name__}: {exc})",
        )
    plan, findings = result.plan, result.findings
    counts = plan.counts()
    return MissionResult(
        mission,
        "empty" if counts.empty else "built",
        round(time.monotonic() - start, 1),
        plan.administration,
        str(plan.period),
        plan.language,
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


RESERVED = frozenset({"summary.json", "summary.xlsx"})  # files the batch writes in its output folder


def run_batch(
    root: Path,
    out_root: Path,
    options: DraftOptions,
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[MissionResult], None] | None = None,
    offices: OfficePool | None = None,
) -> tuple[list[MissionResult], bool]:
    """Build every mission in worker processes (`pipeline.workers`); returns the rows in mission
    order and whether it was interrupted.

    A worker that dies (out of memory, killed) fails only its mission and the batch goes on; one
    that runs past TIME_LIMIT on a mission is ended. On Ctrl-C no new mission starts and running
    ones finish their (atomic) writes; a second Ctrl-C ends them. Workers end with the batch,
    however it ends. `offices`: warm offices for `--pdf` the caller started (and ends); else the
    batch starts its own.
    """
    if (out_root / CONFIG_NAME).is_file():
        raise InputError(
            out_root,
            "the output folder is a mission folder: its drafts and summary would be read back as captures",
            hint="choose another -o, e.g. outputs/",
        )
    missions = find_missions(root)
    cores = os.cpu_count() or 1
    jobs = max(1, min(jobs or cores, cores, len(missions) or 1))  # more workers than either only cost memory
    folders = output_folders(root, missions, out_root)
    tasks = _all_tasks(root, missions, folders)
    queue = deque(tasks)
    # fork: a worker starts with the imports done (Linux); spawn elsewhere
    context: Any = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    results: dict[str, MissionResult] = {}
    own_offices = offices is None
    if offices is None:
        offices = OfficePool(jobs, options.pdf and bool(tasks))  # warm offices, ended in `finally`
    _load_before_fork()

    def finished(task: Task, row: Row) -> None:
        assert isinstance(row, MissionResult)
        results[task[1]] = row
        if progress:
            progress(row)

    build_task = functools.partial(_build_task, options=options, force=force)
    workers = Workers(context, jobs, build_task, _failed, offices, finished, options.pdf)
    with Stop() as stop:
        try:
            while workers.busy or (queue and not stop.asked):
                try:
                    while queue and not stop.asked and workers.can_take():
                        task = queue.popleft()
                        if not workers.send(task):  # that worker had just ended: sent again next round
                            queue.appendleft(task)
                            break
                    workers.step(stop)
                except KeyboardInterrupt:  # raised where the handlers could not be installed
                    stop.heard_interrupt()
                if stop.asked >= 2:  # the second Ctrl-C (or SIGTERM): end what runs, keep the summary
                    workers.end_all(
                        "stopped: the batch was told to end (SIGTERM)"
                        if stop.terminated
                        else "stopped by Ctrl-C"
                    )
        finally:
            workers.close()  # no worker outlives the batch
            if own_offices:
                offices.close()
    ordered = [results[mission] for _, mission, _ in tasks if mission in results]
    return ordered, bool(stop.asked)


def _load_before_fork() -> None:
    """Import the renderers and load the languages once, before the workers fork, not again in
    each of them."""
    import pipeline.render.document
    import pipeline.render.pdf  # noqa: F401
    from pipeline.messages import load_languages

    load_languages()


def _all_tasks(root: Path, missions: list[Path], folders: dict[Path, Path]) -> list[tuple[str, str, str]]:
    """(folder, its name as the summary shows it, output folder) of each mission; names are made
    printable (control characters escaped, bytes that are not UTF-8 shown as \\xNN)."""
    names = [m.relative_to(root).as_posix() if m != root else m.resolve().name for m in missions]
    return [(str(m), printable(name), str(folders[m])) for m, name in zip(missions, names, strict=True)]


def status_counts(results: list[MissionResult]) -> dict[str, int]:
    """How many missions were built, built empty (nothing read to draft), skipped (unchanged) and failed."""
    statuses = ("built", "empty", "skipped", "failed")
    return {status: sum(1 for r in results if r.status == status) for status in statuses}


def summary_rows(results: list[MissionResult]) -> list[dict[str, object]]:
    """The summary as plain rows (summary.json)."""
    return [asdict(r) for r in results]
