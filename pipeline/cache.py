"""What plan-draft can always make again, kept between runs to be made once: the vocabularies as
parsed, the built-in template, and a LibreOffice profile ready to copy.

It lives in the user's cache folder (`$XDG_CACHE_HOME/plan-draft`, else `~/.cache/plan-draft`;
`PLAN_DRAFT_CACHE` names another, and `PLAN_DRAFT_CACHE=off` keeps nothing). Every entry is written
whole (`outputs.write_atomic`) and checked against what it was made from before it is used; an
entry that is missing, stale, damaged or cannot be written is simply made again: the cache changes
how long a run takes, never what it writes.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import shutil
import tomllib
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.errors import OutputError
from pipeline.outputs import write_atomic

FORMAT = 1  # raised whenever what an entry holds changes shape


def cache_dir() -> Path | None:
    """The cache folder (not created), or None when caching is off."""
    given = os.environ.get("PLAN_DRAFT_CACHE", "")
    if given.lower() in ("off", "0", "no", "false"):
        return None
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plan-draft"


def parsed_toml(source: Path) -> dict[str, Any]:
    """The TOML file parsed, from the cache when it was parsed before from a file of the same size
    and modification time (as Python keeps its bytecode); a few milliseconds instead of tens."""
    stat = source.stat()
    key: Any = (FORMAT, str(source.resolve()), stat.st_size, stat.st_mtime_ns)
    folder = cache_dir()
    entry = None if folder is None else folder / "toml" / f"{source.stem}-{_digest(key)}.marshal"
    kept = _kept(entry, key, dict)
    if isinstance(kept, dict):
        return kept
    data = tomllib.loads(source.read_text("utf-8"))
    _keep(entry, key, data)
    return data


def _kept(entry: Path | None, key: Any, kind: type[Any]) -> Any:
    """What the entry holds, when it was made for this very key (else None)."""
    if entry is None:
        return None
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        kept = marshal.loads(entry.read_bytes())
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key and isinstance(kept[1], kind):
            return kept[1]
    return None


def _keep(entry: Path | None, key: Any, value: Any) -> None:
    """Keep the value in the entry, and drop the entries it supersedes (the same name, made from an
    earlier version of its source): the cache holds one entry a name."""
    if entry is None:
        return
    with contextlib.suppress(OutputError, OSError, ValueError):
        write_atomic(entry, marshal.dumps((key, value)))
        replace_siblings(entry)


def replace_siblings(entry: Path) -> None:
    """Remove the entries beside `entry` named as it is up to its last '-' (its older versions)."""
    stem = entry.name.rsplit("-", 1)[0]
    for sibling in entry.parent.glob(f"{stem}-*"):
        if sibling.name != entry.name and sibling.name.rsplit("-", 1)[0] == stem:
            if sibling.is_dir():
                shutil.rmtree(sibling, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    sibling.unlink()


def _digest(key: tuple[object, ...]) -> str:
    """A short name for an entry (the entry holds its whole key, and is checked against it)."""
    return f"{zlib.crc32(repr(key).encode('utf-8')):08x}"


def made_bytes(name: str, make: Callable[[], bytes]) -> bytes:
    """What `make()` returns (bytes that depend on plan-draft's code and nothing else), from the
    cache when this very code made it before: the entry is keyed by the size and modification time
    of every module of plan-draft and the versions of the libraries it writes with."""
    folder = cache_dir()
    if folder is None:
        return make()
    key: Any = (FORMAT, name, _code_fingerprint())
    entry = folder / "made" / f"{name}-{_digest(key)}.marshal"
    kept = _kept(entry, key, bytes)
    if kept is not None:
        return bytes(kept)
    data = make()
    _keep(entry, key, data)
    return data


def _code_fingerprint() -> tuple[object, ...]:
    """plan-draft's modules (path, size, modification time) and the writing libraries' versions."""
    import docx
    from lxml import etree

    package = Path(__file__).parent
    modules = tuple(
        (str(path.relative_to(package)), stat.st_size, stat.st_mtime_ns)
        for path in sorted(package.rglob("*.py"))
        for stat in (path.stat(),)
    )
    return (str(package), modules, docx.__version__, etree.LXML_VERSION)
