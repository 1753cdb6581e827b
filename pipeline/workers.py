"""A batch's worker processes: each builds missions one after another, as the batch sends them.

A worker is forked with the modules loaded and the languages read, and keeps what its first
mission warmed (the heap it grew, the patterns it compiled, the words it stemmed): a mission costs
a worker about half what a process of its own did. What a mission may do to its worker stays
bounded: a worker stops at MEMORY_LIMIT, is ended after TIME_LIMIT on one mission, ends itself
after a mission that failed (nothing a failure left behind reaches the next mission) and after
MISSIONS_PER_WORKER missions; a worker that dies fails only the mission it had, and the batch starts
another. Workers ignore Ctrl-C (the batch decides), and die with the batch however it ends.
"""

from __future__ import annotations

import contextlib
import ctypes
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Protocol

from pipeline.outputs import sweep_killed
from pipeline.stop import Stop, as_worker
from pipeline.tuning import after_mission

MEMORY_LIMIT = 3 * 2**30  # address space a worker may add to what it was forked with: a runaway stops
TIME_LIMIT = 600.0  # seconds one mission may take before its worker is ended
MISSIONS_PER_WORKER = 100  # then the worker ends and another starts: its memory goes back to the system

Task = tuple[str, str, str]  # (mission folder, its name in the summary, its output folder)


class Row(Protocol):
    """What a worker sends back for a mission (the batch's MissionResult)."""

    status: str


Builder = Callable[[Task, str | None], Row]  # (task, the socket of a warm office or None) → its row
Failed = Callable[[Task, float, str], Row]  # (task, seconds, why) → the row of a mission that failed


def _guard_worker() -> None:
    """In a worker: ignore Ctrl-C (the batch decides), die with the batch (Linux), and stop at
    MEMORY_LIMIT more than it was forked with instead of taking the machine down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    as_worker()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # blocked in the batch while it forked
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    limit = _address_space() + MEMORY_LIMIT  # the batch's own mappings are not the mission's
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _address_space() -> int:
    """This process's address space in bytes, as forked (0 where /proc cannot say)."""
    with (
        contextlib.suppress(OSError, ValueError, IndexError),
        open("/proc/self/statm", encoding="ascii") as statm,
    ):
        return int(statm.read().split()[0]) * resource.getpagesize()
    return 0


def _work(conn: Connection, build: Builder) -> None:
    """A worker: build each (task, office) the batch sends and send its row back; end when the
    batch sends None or closes the pipe, after a failed mission, or after MISSIONS_PER_WORKER."""
    _guard_worker()
    try:
        for _ in range(MISSIONS_PER_WORKER):
            try:
                order = conn.recv()
            except EOFError:
                return
            if order is None:
                return
            task, office = order
            try:
                row = build(task, office)
            finally:
                after_mission()
            conn.send(row)
            if row.status == "failed":
                return
    finally:
        conn.close()


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None  # the mission it is building
    started: float = 0.0  # when it was sent that mission
    slot: int = 0  # the warm office lent for it (--pdf)
    sent: int = 0  # missions sent so far
    ending: bool = False  # it ends by itself after the mission it had

    @property
    def idle(self) -> bool:
        return self.task is None and not self.ending and self.process.exitcode is None


class Offices(Protocol):
    """The batch's warm offices (pipeline.office_pool.OfficePool)."""

    def take(self) -> tuple[int, str | None]: ...

    def give(self, slot: int, troubled: bool) -> None: ...


class Workers:
    """Up to `jobs` workers; `send` a mission to one, `step` to hear from them; `finished` is
    called with each mission's row, once."""

    def __init__(
        self,
        context: Any,
        jobs: int,
        build: Builder,
        failed: Failed,
        offices: Offices,
        finished: Callable[[Task, Row], None],
        wants_pdf: bool,
    ) -> None:
        self._context, self._jobs, self._build, self._failed = context, jobs, build, failed
        self._offices, self._finished, self._wants_pdf = offices, finished, wants_pdf
        self._workers: list[_Worker] = []

    @property
    def busy(self) -> bool:
        return any(w.task is not None for w in self._workers)

    def can_take(self) -> bool:
        """Whether a mission sent now starts at once: fewer than `jobs` are under way (a worker
        that has ended before its row was read still has its mission, and its office)."""
        return sum(w.task is not None for w in self._workers) < self._jobs

    def send(self, task: Task) -> bool:
        """Send a mission to an idle worker (started when none is); False when it could not be
        sent (that worker had just ended): the caller sends it again."""
        worker = next((w for w in self._workers if w.idle), None) or self._start()
        slot, office = self._offices.take()
        try:
            worker.conn.send((task, office))
        except OSError:
            self._offices.give(slot, troubled=False)
            worker.ending = True
            return False
        worker.task, worker.started, worker.slot = task, time.monotonic(), slot
        worker.sent += 1
        return True

    def step(self, stop: Stop) -> None:
        """Wait (a second at most) for a worker to send a row or end, or for a signal; deal with it."""
        busy = [w for w in self._workers if w.task is not None]
        ready = wait(
            [w.process.sentinel for w in self._workers] + [w.conn for w in busy] + [stop.wakeup], timeout=1.0
        )
        stop.drain()
        for worker in [w for w in busy if w.conn in ready]:
            self._hear(worker)
        for worker in [w for w in self._workers if w.process.sentinel in ready]:
            worker.process.join()
            self._hear(worker)
            if worker.task is not None:
                code = worker.process.exitcode
                why = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                sweep_killed(Path(worker.task[2]))
                self._fail(worker, f"worker ended unexpectedly ({why}: out of memory?)")
            self._drop(worker)
        for worker in [w for w in self._workers if w.task is not None]:
            if time.monotonic() - worker.started > TIME_LIMIT:
                self._end(worker, f"took more than {TIME_LIMIT:.0f} s; stopped", TIME_LIMIT)

    def end_all(self, why: str) -> None:
        """End every worker now; the missions they had fail with `why`."""
        for worker in list(self._workers):
            self._end(worker, why, None)

    def close(self) -> None:
        """End the idle workers (they are told; any still running is killed): none outlives the batch."""
        for worker in self._workers:
            with contextlib.suppress(OSError):
                if worker.task is None:
                    worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(timeout=5 if worker.task is None else 0)
            if worker.process.exitcode is None:
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []

    def _start(self) -> _Worker:
        here, there = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_work, args=(there, self._build), daemon=True)
        # A signal arriving while the worker forks waits until it has started, so that it is counted
        # before the loop next looks, and every started worker is ended with the batch.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            process.start()
            there.close()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        worker = _Worker(process, here)
        self._workers.append(worker)
        return worker

    def _hear(self, worker: _Worker) -> None:
        """The row the worker sent, when it has sent one."""
        if worker.task is None:
            return
        try:
            if not worker.conn.poll():
                return
            row = worker.conn.recv()
        except (EOFError, OSError):
            return
        worker.ending = worker.ending or row.status == "failed" or worker.sent >= MISSIONS_PER_WORKER
        self._done(worker, row)

    def _done(self, worker: _Worker, row: Row) -> None:
        task, worker.task = worker.task, None
        assert task is not None
        self._offices.give(worker.slot, troubled=self._wants_pdf and row.status == "failed")
        self._finished(task, row)

    def _fail(self, worker: _Worker, why: str, seconds: float | None = None) -> None:
        assert worker.task is not None
        elapsed = time.monotonic() - worker.started if seconds is None else seconds
        self._done(worker, self._failed(worker.task, elapsed, why))

    def _end(self, worker: _Worker, why: str, seconds: float | None) -> None:
        worker.process.kill()
        worker.process.join()
        if worker.task is not None:
            sweep_killed(Path(worker.task[2]))  # what it was writing when it was killed
            self._fail(worker, why, 0.0 if seconds is None else seconds)
        self._drop(worker)

    def _drop(self, worker: _Worker) -> None:
        worker.conn.close()
        self._workers.remove(worker)
