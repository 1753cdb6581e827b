"""Writing outputs safely: each file goes to a temporary neighbour, then is renamed into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline.errors import OutputError


def prepare_folder(folder: Path) -> None:
    """Create an output folder (and parents); OutputError when that is not possible."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(folder, exc.strerror or str(exc)) from None
    if not os.access(folder, os.W_OK):
        raise OutputError(folder, "the folder is not writable")


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes so that readers see the old file or the whole new one, never a part."""
    prepare_folder(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, exc.strerror or str(exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all(files: dict[Path, bytes]) -> None:
    """Write several outputs, each atomically; all are produced in memory before the first write."""
    for path, data in files.items():
        write_atomic(path, data)


def write_keeping_previous(path: Path, data: bytes) -> Path | None:
    """Write `path`; an existing different file is first kept as `<name>.previous<suffix>`.

    Returns the kept copy's path, if one was made.
    """
    kept = None
    if path.is_file():
        previous = path.read_bytes()
        if previous != data:
            kept = path.with_name(f"{path.stem}.previous{path.suffix}")
            write_atomic(kept, previous)
    write_atomic(path, data)
    return kept
