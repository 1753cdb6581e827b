"""A LibreOffice kept warm: started once, laying out any number of drafts through its UNO bridge.

`Office.start()` runs the office headless (a private profile, a process group of its own) and,
beside it in that group, `uno_layout.py` under the Python that can `import uno`; the pair listens on
a Unix socket. `lay_out(socket, docx, entries)` — from this process or any other — has it lay a
draft out once, fill the contents' page numbers from that layout and export the PDF. An office
that hangs past TIMEOUT, fails or dies fails only the draft it was laying out; `close()` ends the
whole group, and the bridge ends it too if plan-draft is killed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from pipeline.cache import cache_dir, replace_siblings
from pipeline.errors import PdfProblem, words

TIMEOUT = 300.0  # seconds the office may take to start, or to lay out one draft
BRIDGE = Path(__file__).with_name("uno_layout.py")
_OFFICE_PYTHONS = ("/usr/bin/python3", "python3")


@functools.cache
def office_python(soffice: str) -> str | None:
    """A Python that can `import uno` for this office: the one it ships (program/python), or the
    system's (Debian's python3-uno); None when there is none."""
    program = Path(os.path.realpath(soffice)).parent
    for candidate in (str(program / "python"), *_OFFICE_PYTHONS):
        found = shutil.which(candidate)
        if found is None:
            continue
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            probe = subprocess.run(
                [found, "-c", "import uno"], capture_output=True, timeout=30, env=_bridge_env()
            )
            if probe.returncode == 0:
                return found
    return None


def installed_soffice() -> str | None:
    """The LibreOffice on PATH (`soffice`, or `libreoffice`), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def started_offices(count: int) -> tuple[tuple[str, str] | None, list[Office]]:
    """`count` offices with their UNO bridges, and (soffice, python) to start more with; (None, [])
    where there is no LibreOffice or no UNO bridge (a draft is then converted on its own).

    The offices start while the Python that can `import uno` is looked for (asking it takes 0.04 s,
    which they no longer wait for); each gets its bridge once that Python is known."""
    soffice = installed_soffice()
    if soffice is None or count < 1:
        return None, []
    found: list[str | None] = []
    search = threading.Thread(target=lambda: found.append(office_python(soffice)), daemon=True)
    search.start()
    offices: list[Office] = []
    try:
        for _ in range(count):
            offices.append(Office(soffice))
        search.join()
        python = found[0] if found else None
        if python is None:
            _close_all(offices)
            return None, []
        for office in offices:
            office.start_bridge(python)
    except BaseException:
        _close_all(offices)
        raise
    return (soffice, python), offices


def _close_all(offices: list[Office]) -> None:
    for office in offices:
        with contextlib.suppress(OSError):
            office.close()


@contextlib.contextmanager
def office_started_early(wanted: bool) -> Iterator[Office | None]:
    """For a command that will lay a PDF out: an office started now, so that it starts while the
    modules load and the draft is read and rendered, and ended with the block. None when not
    `wanted` or where there is no office with a UNO bridge (`render_with_pages` then makes the PDF,
    or says why not, as before)."""
    _, offices = started_offices(1 if wanted else 0)
    try:
        yield offices[0] if offices else None
    finally:
        _close_all(offices)


# LibreOffice (7.4) allocates and frees blocks of 64 MB again and again while it starts and lays a
# draft out; glibc returns each to the kernel and the next is faulted in afresh (about 250,000 page
# faults: half a second of system time an office start, a third of a cold conversion). Allocations
# below 256 MB are kept in the heap instead: an office starts in half the time and lays a draft out
# faster, for about 45 MB more memory.
_ALLOCATOR = "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=268435456"


def office_env() -> dict[str, str]:
    """The environment of an office plan-draft starts: this one, with glibc's allocator tuned as
    above (a tunable the user set comes after, and glibc keeps the last it reads)."""
    env = dict(os.environ)
    given = env.get("GLIBC_TUNABLES", "")
    env["GLIBC_TUNABLES"] = f"{_ALLOCATOR}:{given}" if given else _ALLOCATOR
    return env


def run_office(command: list[str], timeout: float = TIMEOUT, pipes: list[Path] | None = None) -> None:
    """Run LibreOffice in a process group of its own and end the whole group (`soffice` is a script
    that starts the office as a grandchild) when it hangs past TIMEOUT, when plan-draft is
    interrupted, or when anything else goes wrong: no office is ever left running, nor the `pipes`
    (`office_pipes`) an office ended so leaves."""
    office = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, env=office_env()
    )
    try:
        _, err = office.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PdfProblem(words("pdf_slow_layout", seconds=f"{timeout:.0f}")) from None
    finally:
        _end_group(office)
        remove_sockets(pipes or [])
    if office.returncode < 0:
        name = signal.Signals(-office.returncode).name
        raise PdfProblem(words("pdf_stopped", signal=name))
    if office.returncode != 0:
        said = next((line.strip() for line in err.decode(errors="replace").splitlines() if line.strip()), "")
        raise PdfProblem(words("pdf_failed", code=office.returncode, said=f": {said}" if said else ""))


def _end_group(office: subprocess.Popen[bytes]) -> None:
    """Kill what is left of the office's process group and reap the office."""
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group has already ended
        os.killpg(office.pid, signal.SIGKILL)
    if office.poll() is None:
        office.kill()
    office.wait()
    if office.stderr is not None:
        office.stderr.close()


# A new profile costs an office a seventh of its start: LibreOffice makes it, then starts again on
# it. One is made once (`--terminate_after_init`) and kept in plan-draft's cache; each office gets
# a copy of its own (offices never share a profile), and a fresh one when that cannot be had.
PROFILE_SECONDS = 60.0


def seeded_profile(soffice: str, target: Path) -> str:
    """The URI of an office's private profile at `target`: a copy of the prepared one when there is
    one (made now when there is none), else a place where LibreOffice makes its own."""
    prepared = _prepared_profile(soffice)
    if prepared is not None:
        try:
            shutil.copytree(prepared, target)
        except OSError:
            shutil.rmtree(target, ignore_errors=True)
    return target.as_uri()


def _prepared_profile(soffice: str) -> Path | None:
    """The kept profile for this LibreOffice (by its program's path, size and time), made when
    missing; None when caching is off or it cannot be made."""
    folder = cache_dir()
    program = Path(os.path.realpath(soffice)).parent
    try:
        binary = (program / "soffice.bin").stat()
    except OSError:
        return None
    if folder is None:
        return None
    key = f"{program}|{binary.st_size}|{binary.st_mtime_ns}"
    kept = folder / "office-profile" / f"profile-{zlib.crc32(key.encode('utf-8')):08x}"
    with contextlib.suppress(OSError):
        if (kept / "made").read_text("utf-8", errors="replace") == key:
            return kept
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        making = Path(tempfile.mkdtemp(prefix=".making-", dir=kept.parent))
    except OSError:
        return None
    try:
        profile = (making / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--terminate_after_init"]  # fmt: skip
        run_office(command, PROFILE_SECONDS, office_pipes(None, profile))
        if not (making / "profile" / "user" / "registrymodifications.xcu").is_file():
            return None
        (making / "profile" / "made").write_text(key, "utf-8")
        with contextlib.suppress(OSError):  # another run made it meanwhile: theirs is as good
            os.rename(making / "profile", kept)
            replace_siblings(kept)  # the profiles of a LibreOffice since upgraded
        return kept if (kept / "made").is_file() else None
    except (PdfProblem, OSError):
        return None
    finally:
        shutil.rmtree(making, ignore_errors=True)


# An office makes its pipes in /tmp (else /var/tmp), whatever TMPDIR says, and removes them only when
# it exits by itself: each office ended by a kill left two sockets behind (thousands over a season of
# batches). They are named for the office's `--accept` pipe, and for its profile ('SingleOfficeIPC_'
# and the MD5 of the profile's URL as UTF-16, each byte in hex without leading zeros).
_PIPE_FOLDERS = ("/tmp", "/var/tmp")


def office_pipes(accept: str | None, profile_uri: str) -> list[Path]:
    """The sockets an office started on this profile makes (and with `--accept=pipe,name=ACCEPT`)."""
    digest = hashlib.md5(profile_uri.encode("utf-16-le"), usedforsecurity=False).digest()
    names = ["SingleOfficeIPC_" + "".join(f"{byte:x}" for byte in digest), *([accept] if accept else [])]
    return [Path(d) / f"OSL_PIPE_{os.getuid()}_{name}" for d in _PIPE_FOLDERS for name in names]


def remove_sockets(paths: list[Path]) -> None:
    """Remove those of the paths that are sockets (nothing else is ever removed)."""
    for path in paths:
        with contextlib.suppress(OSError):
            if stat.S_ISSOCK(path.lstat().st_mode):
                path.unlink()


def _bridge_env() -> dict[str, str]:
    """The environment of the office's Python: without this process's virtual environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHOME", "PYTHONPATH", "VIRTUAL_ENV")}
    return env


class Office:
    """One running office and its UNO bridge, in one process group."""

    def __init__(self, soffice: str, python: str | None = None) -> None:
        """Start the office, and its bridge under `python` (later, by `start_bridge`, when not given)."""
        self._closed = False
        self._bridge: subprocess.Popen[bytes] | None = None
        self._work = Path(tempfile.mkdtemp(prefix="plan-draft-office-"))
        self.socket = str(self._work / "office.sock")
        self._pipe = f"plan-draft-{secrets.token_hex(8)}"
        self._log = (self._work / "office.log").open("w+b")
        self._pipes: list[Path] = []
        try:  # interrupted before the office runs: nothing of it is left behind
            profile = seeded_profile(soffice, self._work / "profile")
            self._pipes = office_pipes(self._pipe, profile)
            self._office = subprocess.Popen(
                [soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
                 "--nologo", "--nodefault", "--nolockcheck", f"--accept=pipe,name={self._pipe};urp;"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log, process_group=0,
                env=office_env(),
            )  # fmt: skip
        except BaseException:
            self._log.close()
            shutil.rmtree(self._work, ignore_errors=True)
            raise
        if python is not None:
            self.start_bridge(python)

    def start_bridge(self, python: str) -> None:
        """Start the bridge to this office: it connects once the office listens, then serves drafts
        on `socket`."""
        try:  # the bridge joins the office's group (a Ctrl-C at the terminal reaches neither)
            self._bridge = subprocess.Popen(
                [python, str(BRIDGE), self._pipe, self.socket, str(self._office.pid), *map(str, self._pipes)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log,
                process_group=self._office.pid, env=_bridge_env(),
            )  # fmt: skip
        except BaseException:
            self._kill_group()
            raise

    @classmethod
    def start(cls, soffice: str, python: str) -> Office:
        """An office ready to lay out drafts; PdfProblem (and nothing left running) when it is not."""
        office = cls(soffice, python)
        try:
            office.wait_ready()
        except BaseException:
            office.close()
            raise
        return office

    def wait_ready(self) -> None:
        """Return once the office answers; PdfProblem when it ends or takes over TIMEOUT."""
        deadline = time.monotonic() + TIMEOUT
        while not os.path.exists(self.socket):
            if self._office.poll() is not None:
                raise self._ended(self._office.returncode)
            if self._bridge is None or self._bridge.poll() is not None:
                raise PdfProblem(words("pdf_no_bridge", said=self._said()))
            if time.monotonic() > deadline:
                raise PdfProblem(words("pdf_slow_start", seconds=f"{TIMEOUT:.0f}"))
            time.sleep(0.05)

    def _said(self) -> str:
        """The office's first line on stderr, as ': …', or nothing."""
        self._log.flush()
        self._log.seek(0)
        lines = self._log.read(65536).decode(errors="replace").splitlines()
        said = next((line.strip() for line in lines if line.strip() and "javaldx" not in line), "")
        return f": {said}" if said else ""

    def _ended(self, code: int) -> PdfProblem:
        if code < 0:
            return PdfProblem(words("pdf_stopped", signal=signal.Signals(-code).name))
        return PdfProblem(words("pdf_failed", code=code, said=self._said()))

    def alive(self) -> bool:
        return self._office.poll() is None and self._bridge is not None and self._bridge.poll() is None

    def close(self) -> None:
        """End the office's whole process group and remove its profile (again: nothing happens)."""
        if self._closed:
            return
        self._closed = True
        self._kill_group()
        if self._bridge is not None:
            self._bridge.kill()
            self._bridge.wait()

    def _kill_group(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._office.pid, signal.SIGKILL)
        self._office.kill()
        self._office.wait()
        self._log.close()
        shutil.rmtree(self._work, ignore_errors=True)
        remove_sockets(self._pipes)

    def __enter__(self) -> Office:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def lay_out(self, docx: bytes, entries: int) -> tuple[bytes, list[str]]:
        """As `lay_out` (once the office is ready), saying why when the office itself ended meanwhile."""
        self.wait_ready()
        try:
            return lay_out(self.socket, docx, entries)
        except PdfProblem:
            if self._office.poll() is not None:
                raise self._ended(self._office.returncode) from None
            raise


def wait_for(socket_path: str) -> None:
    """Return once the office behind `socket_path` answers (it may still be starting); PdfProblem
    when it could not start, or took over TIMEOUT."""
    deadline = time.monotonic() + TIMEOUT
    while not os.path.exists(socket_path):
        with contextlib.suppress(OSError), open(socket_path + ".failed", encoding="utf-8") as failed:
            raise PdfProblem(words("pdf_not_started", said=failed.read(500).strip()))
        if time.monotonic() > deadline:
            raise PdfProblem(words("pdf_slow_start", seconds=f"{TIMEOUT:.0f}"))
        time.sleep(0.02)


def lay_out(socket_path: str, docx: bytes, entries: int) -> tuple[bytes, list[str]]:
    """(PDF, the pages its contents show) of a draft whose `entries` contents entries end in a
    placeholder page number, laid out once by the office listening on `socket_path`."""
    wait_for(socket_path)
    # In the office's own folder: what a mission killed mid-layout leaves goes when the office does.
    with tempfile.TemporaryDirectory(prefix="plan-draft-pdf-", dir=os.path.dirname(socket_path)) as work:
        source, target = Path(work) / "draft.docx", Path(work) / "draft.pdf"
        source.write_bytes(docx)
        request = {"docx": str(source), "pdf": str(target), "entries": entries}
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.settimeout(TIMEOUT)
                connection.connect(socket_path)
                connection.sendall(json.dumps(request).encode("utf-8") + b"\n")
                with connection.makefile("rb") as stream:
                    line = stream.readline()
        except TimeoutError:
            raise PdfProblem(words("pdf_slow_layout", seconds=f"{TIMEOUT:.0f}")) from None
        except OSError as exc:
            raise PdfProblem(words("pdf_not_answering", reason=exc.strerror or str(exc))) from None
        if not line:
            raise PdfProblem(words("pdf_ended"))
        answer = json.loads(line)
        if "error" in answer:
            raise PdfProblem(words("pdf_layout_error", reason=answer["error"]))
        if not target.is_file():
            raise PdfProblem(words("pdf_none_written"))
        return target.read_bytes(), [str(p) for p in answer["pages"]]
