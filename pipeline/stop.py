"""Ctrl-C and SIGTERM heard by a batch as counts its loop reads, never as exceptions.

An exception raised from a signal handler surfaces wherever the main thread happens to be; when
that is a finalizer (a pipe's `__del__` run by the garbage collector), Python prints "Exception
ignored in …" and drops it, and the batch goes on as if it had never been told to stop. So the
handlers only count, and wake the loop through a pipe it waits on beside its workers.
"""

from __future__ import annotations

import contextlib
import os
import signal
from types import FrameType, TracebackType
from typing import Any


class Stop:
    """`asked`: 1 after a Ctrl-C (no new mission starts), 2 or more after a second one or a SIGTERM
    (running missions are ended). `wakeup` is a file descriptor that becomes readable when either
    arrives. Outside the main thread nothing is installed and the caller's handling stands."""

    def __init__(self) -> None:
        self.asked = 0
        self.terminated = False
        self.wakeup, self._write = os.pipe()
        os.set_blocking(self.wakeup, False)
        os.set_blocking(self._write, False)
        self._previous: dict[int, Any] = {}
        self._previous_fd: int | None = None

    def __enter__(self) -> Stop:
        try:
            self._previous_fd = signal.set_wakeup_fd(self._write)
        except ValueError:  # not the main thread
            return self
        self._previous[signal.SIGTERM] = signal.signal(signal.SIGTERM, self._heard)
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a background job keeps ignoring it
            self._previous[signal.SIGINT] = signal.signal(signal.SIGINT, self._heard)
        return self

    def _heard(self, signum: int, frame: FrameType | None) -> None:
        self.terminated |= signum == signal.SIGTERM
        self.asked += 2 if signum == signal.SIGTERM else 1

    def heard_interrupt(self) -> None:
        """A KeyboardInterrupt raised anyway (the handlers could not be installed): one Ctrl-C."""
        self.asked += 1

    def drain(self) -> None:
        """Empty the wake-up pipe (what it says is in `asked` already)."""
        with contextlib.suppress(BlockingIOError):
            while os.read(self.wakeup, 512):
                pass

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        if self._previous_fd is not None:
            signal.set_wakeup_fd(self._previous_fd)
        os.close(self.wakeup)
        os.close(self._write)


def as_worker() -> None:
    """In a process forked from the batch: SIGTERM ends it again, and it wakes no batch loop."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(ValueError):
        signal.set_wakeup_fd(-1)
