"""Warm offices for a batch's `--pdf`: one LibreOffice a worker, started once, restarted when it
hangs or dies, and ended with the batch however the batch ends."""

from __future__ import annotations

import contextlib
import shutil

from pipeline.render.office import Office, office_python


class OfficePool:
    """`take()` an office for a mission (the least used; its socket, or None: the mission lays its
    PDF out with an office of its own), `give()` it back with whether the mission's PDF went wrong.
    A mission laying out while the next one is read may share its office with it: the office takes
    one draft at a time."""

    def __init__(self, offices: int, wanted: bool) -> None:
        self._offices: list[Office | None] = [None] * offices
        self._users = [0] * offices
        self._stale = [False] * offices  # to be started again once nobody uses it
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        python = office_python(soffice) if wanted and soffice else None
        self._start = (soffice, python) if soffice and python else None
        for n in range(offices):  # started side by side: the batch waits for one start, not one each
            self._offices[n] = self._spawn()

    def _spawn(self) -> Office | None:
        if self._start is None:
            return None
        return Office(*self._start)

    def take(self) -> tuple[int, str | None]:
        slot = min(range(len(self._offices)), key=lambda n: (self._stale[n], self._users[n], n))
        office = self._offices[slot]
        if office is not None and not office.alive() and self._users[slot] == 0:
            self._restart(slot)
            office = self._offices[slot]
        self._users[slot] += 1
        # The mission waits for the office only when its draft is ready to lay out: a starting
        # office and the mission's reading and rendering run side by side.
        return slot, office.socket if office is not None else None

    def give(self, slot: int, troubled: bool) -> None:
        """Its mission is done; an office whose mission's PDF failed (or that died) is ended and
        started again once no other mission uses it — a hung office is never handed the next draft."""
        self._users[slot] -= 1
        office = self._offices[slot]
        if office is not None and (troubled or not office.alive()):
            self._stale[slot] = True
        if self._stale[slot] and self._users[slot] == 0:
            self._restart(slot)

    def _restart(self, slot: int) -> None:
        office = self._offices[slot]
        if office is not None:
            office.close()
        self._offices[slot] = self._spawn()
        self._stale[slot] = False

    def close(self) -> None:
        for office in self._offices:
            if office is not None:
                with contextlib.suppress(OSError):
                    office.close()
        self._offices = [None] * len(self._offices)
