"""Writing outputs safely: each file goes to a temporary neighbour, then is renamed into place."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import OutputError, Words, words

# What a build writes into its output folder.
PLAN_NAME, FINDINGS_NAME, DRAFT_NAME, PDF_NAME = "plan.json", "findings.json", "draft.docx", "draft.pdf"
PREVIOUS_DRAFT_NAME, STAMP_NAME = "draft.previous.docx", "build-stamp.json"

_SAID = {  # the system's reasons a user meets writing a draft, said in the mission's language
    errno.ENOTDIR: "os_not_dir",
    errno.EISDIR: "os_is_dir",
    errno.EACCES: "os_denied",
    errno.EPERM: "os_denied",
    errno.EROFS: "os_read_only",
    errno.ENOSPC: "os_full",
    errno.EDQUOT: "os_full",
    errno.ENOENT: "os_missing",
}


def os_reason(exc: OSError) -> str | Words:
    """Why the system refused a write, in words the vocabularies hold where it is a common reason."""
    key = _SAID.get(exc.errno or 0)
    return words(key) if key else exc.strerror or str(exc)


def prepare_folder(folder: Path) -> None:
    """Create an output folder (and parents); OutputError when that is not possible."""
    try:
        missing = []
        while not folder.exists() and folder != folder.parent:
            missing.append(folder)  # each missing parent, made in order: a loop, not the recursion
            folder = folder.parent  # of Path.mkdir(parents=True), so any depth the system allows
        for part in reversed(missing):
            part.mkdir(exist_ok=True)
        folder = missing[0] if missing else folder
    except OSError as exc:
        raise OutputError(folder, os_reason(exc)) from None
    if not folder.is_dir():
        raise OutputError(folder, words("os_not_dir"))
    if not os.access(folder, os.W_OK):
        raise OutputError(folder, words("err_not_writable"))


TEMP_PREFIX = ".plan-draft."  # our temporary files, and only ours, are cleared after a killed run


def _staged(path: Path, data: bytes) -> Path:
    """The bytes written in full to a temporary neighbour of `path`, synced; OutputError otherwise."""
    prepare_folder(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(path, os_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, os_reason(exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes so that readers see the old file or the whole new one, never a part."""
    tmp = _staged(path, data)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(path, os_reason(exc)) from None


def replace_set(files: dict[Path, bytes], keep: set[Path], generated: set[str]) -> list[Path]:
    """Replace several outputs as one set or not at all: every new file is written in full first,
    then the copies of the files in `keep` being replaced are made (`.previous`, and `history/`),
    and only then is each renamed into place. A full disk or a read-only `history/` leaves the old
    set whole. Returns the `.previous` copies made."""
    staged: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            staged[path] = _staged(path, data)
        kept = [
            copy for path in files if path in keep and (copy := _keep_previous(path, files[path], generated))
        ]
        for path, tmp in staged.items():
            os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(next(iter(files)).parent, os_reason(exc)) from None
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
    return kept


def _keep_previous(path: Path, data: bytes, generated: set[str]) -> Path | None:
    """Before `path` is replaced by different bytes: it becomes `<stem>.previous<suffix>`, and a
    `.previous` that would be overwritten goes to `history/` first."""
    if not path.is_file():
        return None
    current = path.read_bytes()
    if current == data:
        return None
    previous = path.with_name(f"{path.stem}.previous{path.suffix}")
    if previous.is_file() and previous.read_bytes() != current:
        archive(previous)
        prune_history(previous, set(generated))
    write_atomic(previous, current)
    return previous


def write_all(files: dict[Path, bytes]) -> None:
    """Write several outputs, each atomically; all are produced in memory before the first write."""
    for path, data in files.items():
        write_atomic(path, data)


def write_keeping_previous(path: Path, data: bytes) -> Path | None:
    """Write `path`; an existing different file is first kept as `<name>.previous<suffix>`, and a
    `.previous` already there goes to `history/` (see `replace_keeping_history`). The files written
    so are remembered (`history/.generated`), so that copies of them are bounded while a file a
    person edited is kept for ever.

    Returns the kept copy's path, if one was made.
    """
    with locked(path.parent):
        record = path.parent / HISTORY / GENERATED_RECORD
        generated = _remembered(record)
        kept = replace_keeping_history(path, data, generated | {digest(data)})
        _remember(record, [*generated, digest(data)])
        return kept


GENERATED_RECORD = ".generated"  # in history/: hashes of the files render and export wrote
MAX_RECORDED = 200


def _remembered(record: Path) -> set[str]:
    try:
        text = record.read_text("ascii") if record.stat().st_size < 64 * MAX_RECORDED * 2 else ""
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in text.split() if re.fullmatch(r"[0-9a-f]{64}", line)}


def _remember(record: Path, hashes: list[str]) -> None:
    kept = list(dict.fromkeys(hashes))[-MAX_RECORDED:]
    write_atomic(record, ("\n".join(kept) + "\n").encode("ascii"))


HISTORY = "history"  # where replaced files a person may have made are kept, numbered
MAX_GENERATED_IN_HISTORY = 10  # copies of drafts plan-draft itself generated kept per file name


def digest(data: bytes) -> str:
    """The SHA-256 of some bytes, as hex."""
    return hashlib.sha256(data).hexdigest()


def _copies(path: Path) -> list[tuple[int, Path]]:
    """The numbered copies of a file in `history/`, oldest first (names taken as they are: a name
    holding '[' or '*' is no pattern)."""
    folder = path.parent / HISTORY
    pattern = re.compile(rf"{re.escape(path.stem)}\.(\d+){re.escape(path.suffix)}")
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)]
    except OSError:
        return []
    return sorted((int(m.group(1)), folder / name) for name in names if (m := pattern.fullmatch(name)))


def archive(path: Path) -> Path:
    """Copy a file into `history/` beside it as `<stem>.<n><suffix>`, n the next free number."""
    folder = path.parent / HISTORY
    numbers = [n for n, _ in _copies(path)]
    copy = folder / f"{path.stem}.{max(numbers, default=0) + 1}{path.suffix}"
    write_atomic(copy, path.read_bytes())
    return copy


def prune_history(path: Path, generated: set[str]) -> None:
    """Keep every copy in `history/` that plan-draft did not generate (a person's), and the newest
    MAX_GENERATED_IN_HISTORY of those it did."""
    ours = [p for _, p in _copies(path) if digest(p.read_bytes()) in generated]
    for p in ours[: max(0, len(ours) - MAX_GENERATED_IN_HISTORY)]:
        p.unlink(missing_ok=True)


def replace_keeping_history(path: Path, data: bytes, generated: set[str] = frozenset()) -> Path | None:  # type: ignore[assignment]
    """Write `path`; the file it replaces (when different) becomes `<stem>.previous<suffix>`, and a
    `.previous` that would be overwritten goes to `history/` first. Nothing is lost; copies of files
    plan-draft generated (`generated`: their hashes) are bounded. Returns the `.previous` made."""
    kept = _keep_previous(path, data, set(generated))
    write_atomic(path, data)
    return kept


LOCK_TIMEOUT = 300.0  # seconds a run waits for another writing into the same folder, then gives up
_log = logging.getLogger(__name__)


def _wait_for(fd: int, folder: Path, timeout: float) -> None:
    """Take the folder's lock; where another run holds it, say so once and wait, then give up with a
    one-line error (a suspended or hung run never keeps this one waiting for ever)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    _log.warning("waiting: another plan-draft run is writing into %s (up to %.0f s)", folder, timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            continue
    raise OutputError(
        folder,
        f"another plan-draft run has been writing into this folder for over {timeout:.0f} s (hung?)",
    )


@contextlib.contextmanager
def locked(folder: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the output folder's lock (two builds into one folder wait for each other, up to `timeout`;
    the lock is taken on the folder itself, so no lock file is left in it), and remove temporary files
    a killed run left there."""
    prepare_folder(folder)
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise OutputError(folder, os_reason(exc)) from None
    try:
        _wait_for(fd, folder, timeout)
        for entry in os.scandir(folder):  # a killed run's temporary files: ours only, never another program's
            if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(".tmp"):
                Path(entry.path).unlink(missing_ok=True)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def sweep_killed(folder: Path, timeout: float = 5.0) -> None:
    """Remove what a run killed while writing into `folder` left there (its temporary files), under
    the folder's lock; a run that holds the lock longer than `timeout` removes them itself."""
    if folder.is_dir():
        with contextlib.suppress(OutputError, OSError), locked(folder, timeout):
            pass
