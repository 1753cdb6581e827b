"""Warm offices for a batch's `--pdf`: one LibreOffice a worker slot, started once, restarted when it
hangs or dies, and ended with the batch however the batch ends."""

from __future__ import annotations

import contextlib

from pipeline.render.office import Office, started_offices


class OfficePool:
    """`take()` a free slot and the socket of its office (None: the mission lays its PDF out with an
    office of its own), `give()` it back with whether the mission's PDF went wrong."""

    def __init__(self, slots: int, wanted: bool) -> None:
        self._free = list(range(slots))[::-1]
        # started side by side: the batch waits for one start, not one a slot; without a UNO bridge
        # (no command to start one), each mission converts on its own
        self._start, started = started_offices(slots if wanted else 0)
        self._offices: list[Office | None] = [*started] if started else [None] * slots

    def _spawn(self) -> Office | None:
        if self._start is None:
            return None
        return Office(*self._start)

    def take(self) -> tuple[int, str | None]:
        slot = self._free.pop()
        office = self._offices[slot]
        if office is None or not office.alive():
            if office is not None:
                office.close()
            office = self._offices[slot] = self._spawn()
        # The mission waits for the office only when its draft is ready to lay out: a starting
        # office and the mission's reading and rendering run side by side.
        return slot, office.socket if office is not None else None

    def give(self, slot: int, troubled: bool) -> None:
        """Back to the free slots; its office is ended (and started again at the next take) when the
        mission's PDF failed — a hung office is never handed the next draft."""
        office = self._offices[slot]
        if office is not None and (troubled or not office.alive()):
            office.close()
            self._offices[slot] = self._spawn()
        self._free.append(slot)

    def close(self) -> None:
        for office in self._offices:
            if office is not None:
                with contextlib.suppress(OSError):
                    office.close()
        self._offices = [None] * len(self._offices)
