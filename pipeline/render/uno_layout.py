"""The office side of `--pdf`: run by the Python that ships LibreOffice's UNO bridge (`import uno`),
never imported by plan-draft itself.

    python3 uno_layout.py PIPE SOCKET OFFICE_PID [OFFICE_SOCKETS...]

Connects to the office listening on pipe PIPE (or writes SOCKET.failed saying why it could not),
then serves drafts on the Unix socket SOCKET, one
request a line (JSON): `{"docx": path, "pdf": path, "entries": n}`. For each, in one load and
one layout: the contents are updated from that layout (LibreOffice's own index update: each entry
with the page its heading starts on) and the PDF is exported. The answer is `{"pages": [...]}`
(the pages the contents show, for the .docx to carry the same) or `{"error": "..."}`.

It ends the office (its whole process group) when plan-draft goes away, however it goes: a
parent that was killed leaves no office running, nor the office's work folder (SOCKET's folder:
its profile and log) or the sockets it made in /tmp (OFFICE_SOCKETS).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import stat
import sys
import threading
import time
from typing import Any

import uno  # LibreOffice's bridge, in the office's Python only
from com.sun.star.beans import PropertyValue

CONNECT_SECONDS = 120.0


def _prop(name: str, value: object) -> Any:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _watch_parent(parent: int, leftovers: list[str]) -> None:
    """Once plan-draft is gone: end the office, remove what it leaves (its work folder, its
    sockets), then end the office's process group, this process included."""
    while os.getppid() == parent:
        time.sleep(0.5)
    group, me = os.getpgid(0), os.getpid()
    office = [pid for pid in _group_members(group) if pid != me]
    for pid in office:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5.0
    while any(_running(pid) for pid in office) and time.monotonic() < deadline:
        time.sleep(0.05)
    for path in leftovers[1:]:
        with contextlib.suppress(OSError):
            if stat.S_ISSOCK(os.lstat(path).st_mode):
                os.unlink(path)
    if os.path.basename(leftovers[0]).startswith("plan-draft-office-"):  # the folder Office made, only
        shutil.rmtree(leftovers[0], ignore_errors=True)
    os.killpg(0, signal.SIGKILL)


def _group_members(group: int) -> list[int]:
    """The processes of a process group (from /proc)."""
    members = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                if os.getpgid(int(entry)) == group:
                    members.append(int(entry))
    return members


def _running(pid: int) -> bool:
    """Whether the office process is alive (not ended, nor a zombie its parent has yet to reap)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return False


def _connect(pipe: str, office: int) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:  # the office is still starting
            if not _running(office):
                raise RuntimeError("LibreOffice ended before it answered") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"LibreOffice did not answer within {CONNECT_SECONDS:.0f} s") from None
            time.sleep(0.05)


def lay_out(desktop: Any, request: dict[str, Any]) -> dict[str, Any]:
    """Load the draft, update its contents from the layout, export the PDF; the pages it shows."""
    source, target = str(request["docx"]), str(request["pdf"])
    wanted = int(str(request["entries"]))
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source), "_blank", 0, (_prop("Hidden", True),)
    )
    if document is None:
        return {"error": "LibreOffice could not open the draft"}
    try:
        indexes = document.getDocumentIndexes()
        if indexes.getCount() != 1:
            return {"error": f"the draft's layout shows {indexes.getCount()} tables of contents, not one"}
        contents = indexes.getByIndex(0)
        contents.update()  # its entries and their pages, from this layout
        lines = contents.getAnchor().getString().splitlines()  # one call: the entries, a line each
        pages = [line.rsplit("\t", 1)[1].strip() for line in lines if "\t" in line]
        if len(pages) != wanted:
            return {"error": f"the contents LibreOffice laid out hold {len(pages)} entries, not {wanted}"}
        document.storeToURL(uno.systemPathToFileUrl(target), (_prop("FilterName", "writer_pdf_Export"),))
        return {"pages": pages}
    finally:
        document.close(True)


def serve(pipe: str, path: str, office: int) -> None:
    try:
        desktop = _connect(pipe, office)
    except Exception as exc:  # said to whoever waits for the socket
        with open(path + ".failed", "w", encoding="utf-8") as failed:
            failed.write(str(exc) or type(exc).__name__)
        raise SystemExit(1) from None
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path + ".part")
    server.listen(4)
    os.rename(path + ".part", path)  # the socket appears once the office answers
    while True:
        connection, _ = server.accept()
        with connection, connection.makefile("rwb") as stream:
            for line in stream:
                try:
                    answer = lay_out(desktop, json.loads(line))
                except Exception as exc:  # said to plan-draft, which fails this draft only
                    answer = {"error": f"{type(exc).__name__}: {exc}"}
                stream.write(json.dumps(answer).encode("utf-8") + b"\n")
                stream.flush()


if __name__ == "__main__":
    leftovers = [os.path.dirname(sys.argv[2]), *sys.argv[4:]]  # the work folder, then the office's sockets
    threading.Thread(target=_watch_parent, args=(os.getppid(), leftovers), daemon=True).start()
    serve(sys.argv[1], sys.argv[2], int(sys.argv[3]))
