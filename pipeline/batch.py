"""Batch: build every mission folder below a folder in worker processes; skip what has not changed."""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from pipeline.build import DraftOptions, build, fingerprint, is_current, safe_name
from pipeline.config import CONFIG_NAME
from pipeline.errors import InputError, PlanDraftError, printable
from pipeline.office_pool import OfficePool
from pipeline.stop import Stop, as_worker
from pipeline.tuning import after_mission


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


def _build_one(path: str, mission: str, out: str, options: DraftOptions, force: bool) -> MissionResult:
    """Worker: build one mission (`mission` is its name below the batch folder); failures become rows."""
    try:
        return _build_and_count(path, mission, out, options, force)
    finally:
        after_mission()


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
        limit = f"{MEMORY_LIMIT / 2**30:.1f} GB" if MEMORY_LIMIT >= 2**30 else f"{MEMORY_LIMIT // 2**20} MB"
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
MEMORY_LIMIT = 3 * 2**30  # address space of one mission's process: a reader that runs away is stopped
TIME_LIMIT = 600.0  # seconds one mission may take before its process is ended


def _guard_worker() -> None:
    """In a mission's process: ignore Ctrl-C (the parent decides), die with the parent (Linux), and
    stop at MEMORY_LIMIT instead of taking the machine down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    as_worker()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # blocked in the parent while it forked
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _mission_process(
    conn: Connection, task: tuple[str, str, str], options: DraftOptions, force: bool
) -> None:
    """A mission's process: build it and send its row back."""
    _guard_worker()
    path, mission, out = task
    try:
        conn.send(_build_one(path, mission, out, options, force))
    finally:
        conn.close()


@dataclass
class _Running:
    process: BaseProcess
    conn: Connection
    task: tuple[str, str, str]
    started: float
    slot: int = 0  # its warm office's, for --pdf


def _ended(running: _Running) -> MissionResult:
    """The row of a mission whose process has ended: what it sent, or why it sent nothing."""
    _, mission, out = running.task
    seconds = round(time.monotonic() - running.started, 3)
    try:
        if running.conn.poll():
            result: MissionResult = running.conn.recv()
            return result
    except (EOFError, OSError):
        pass
    finally:
        running.conn.close()
    code = running.process.exitcode
    why = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return MissionResult(
        mission,
        "failed",
        round(seconds, 1),
        output=out,
        message=f"worker ended unexpectedly ({why}: out of memory?)",
    )


def run_batch(
    root: Path,
    out_root: Path,
    options: DraftOptions,
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[MissionResult], None] | None = None,
) -> tuple[list[MissionResult], bool]:
    """Build every mission, each in a process of its own; returns the rows in mission order and
    whether it was interrupted.

    A process that dies (out of memory, killed) fails its mission and the batch goes on; one that
    runs past TIME_LIMIT is ended. On Ctrl-C no new mission starts and running ones finish their
    (atomic) writes; a second Ctrl-C ends them. Processes end with the batch, however it ends.
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
    # fork: a mission's process starts with the imports done (Linux); spawn elsewhere
    context: Any = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    results: dict[str, MissionResult] = {}
    running: list[_Running] = []
    offices = OfficePool(jobs, options.pdf and bool(tasks))  # warm offices, ended in `finally`
    _load_before_fork()

    def finish(item: _Running, result: MissionResult) -> None:
        running.remove(item)
        offices.give(item.slot, troubled=options.pdf and result.status == "failed")
        results[item.task[1]] = result
        if progress:
            progress(result)

    def end_running(why: str) -> None:
        for item in list(running):
            item.process.kill()
            item.process.join()
            _, mission, out = item.task
            finish(item, MissionResult(mission, "failed", output=out, message=why))

    with Stop() as stop:
        try:
            while running or (queue and not stop.asked):
                try:
                    while queue and len(running) < jobs and not stop.asked:
                        running.append(_start(context, queue.popleft(), offices, options, force))
                    ready = wait([item.process.sentinel for item in running] + [stop.wakeup], timeout=1.0)
                    stop.drain()
                    for item in [i for i in running if i.process.sentinel in ready]:
                        item.process.join()
                        finish(item, _ended(item))
                    for item in [i for i in running if time.monotonic() - i.started > TIME_LIMIT]:
                        item.process.kill()
                        item.process.join()
                        _, mission, out = item.task
                        message = f"took more than {TIME_LIMIT:.0f} s; stopped"
                        finish(
                            item, MissionResult(mission, "failed", TIME_LIMIT, output=out, message=message)
                        )
                except KeyboardInterrupt:  # raised where the handlers could not be installed
                    stop.heard_interrupt()
                if stop.asked >= 2:  # the second Ctrl-C (or SIGTERM): end what runs, keep the summary
                    end_running(
                        "stopped: the batch was told to end (SIGTERM)"
                        if stop.terminated
                        else "stopped by Ctrl-C"
                    )
        finally:
            for item in running:  # only when something unforeseen ends the loop: no process outlives it
                item.process.kill()
            offices.close()
    ordered = [results[mission] for _, mission, _ in tasks if mission in results]
    return ordered, bool(stop.asked)


def _start(
    context: Any, task: tuple[str, str, str], offices: OfficePool, options: DraftOptions, force: bool
) -> _Running:
    """Start a mission's process, with a warm office when the batch makes PDFs."""
    slot, office = offices.take()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(
        target=_mission_process, args=(send, task, replace(options, office=office), force), daemon=True
    )
    # A signal arriving while the worker forks waits until it has started, so that it is counted
    # before the loop next looks, and every started worker is ended with the batch.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        process.start()
        send.close()
        return _Running(process, receive, task, time.monotonic(), slot)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _load_before_fork() -> None:
    """Import the renderers and load the languages once, before the missions' processes fork, not
    again in each of them."""
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
