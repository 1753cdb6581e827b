"""A mission folder → its configuration and every capture file in it, read but not yet interpreted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import CONFIG_NAME, MissionConfig, load_config
from pipeline.errors import InputError, words
from pipeline.grid import Grid
from pipeline.read.notes import NoteLine
from pipeline.read.registry import GridReader, Unit, made_by_plan_draft, reader_for
from pipeline.read.workbook import MAX_CELLS


@dataclass(frozen=True)
class Captures:
    """What a mission folder holds: settings, workbooks (as grids), notes (as lines), other files."""

    folder: Path
    config: MissionConfig
    workbooks: list[tuple[str, list[Grid]]] = field(default_factory=list)
    notes: list[tuple[str, list[NoteLine]]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why: 'kind', 'link' or 'ours')
    units: dict[str, Unit] = field(default_factory=dict)  # file name → the unit its reader counts in

    @property
    def files(self) -> list[str]:
        """Names of the capture files read, in reading order."""
        return [name for name, _ in self.workbooks] + [name for name, _ in self.notes]


def _is_capture_candidate(path: Path) -> bool:
    name = path.name
    return path.is_file() and not name.startswith((".", "~$", ".~lock")) and name != CONFIG_NAME


def inside_folder(path: Path, folder: Path) -> bool:
    """Whether a path (a link, perhaps) leads to a regular file inside the folder: a link out of it, a
    FIFO or a device is never opened."""
    target = path.resolve()
    return target.is_relative_to(folder.resolve()) and target.is_file()


def candidate_files(folder: Path) -> list[Path]:
    """The files of a mission folder a build may read (office lock files and hidden files left out),
    in reading order."""
    return sorted(p for p in folder.iterdir() if _is_capture_candidate(p))


MAX_CAPTURES = 200  # files in one mission folder
MAX_MISSION_NOTE_BYTES = 24 * 2**20  # the notes files of one mission, together


def read_mission(folder: Path) -> Captures:
    """Read a mission folder; InputError when it is missing, unreadable or holds no capture."""
    if not folder.is_dir():
        raise InputError(folder, "no such mission folder" if not folder.exists() else "not a folder")
    config = load_config(folder)
    workbooks: list[tuple[str, list[Grid]]] = []
    notes: list[tuple[str, list[NoteLine]]] = []
    skipped: list[tuple[str, str]] = []
    inside = folder.resolve()
    files = candidate_files(folder)
    if len(files) > MAX_CAPTURES:
        raise InputError(
            folder,
            words("err_too_many_files", count=len(files), limit=MAX_CAPTURES),
            hint=words("err_one_mission"),
            language=config.language,
        )
    cells_left, note_bytes_left = MAX_CELLS, MAX_MISSION_NOTE_BYTES
    units: dict[str, Unit] = {}
    for path in files:
        name = path.name
        if not inside_folder(path, inside):
            skipped.append((name, "link"))  # a link to a file outside the mission folder
            continue
        if ours := made_by_plan_draft(path):
            if ours != "kit":  # the kit's instructions are part of the folder, as mission.toml is
                skipped.append((name, ours))  # an output or a kept copy: not a capture, and said so
            continue
        reader = reader_for(path)
        if reader is None:
            skipped.append((name, "kind"))  # not a workbook or notes file
            continue
        units[name] = reader.unit
        try:
            if isinstance(reader, GridReader):
                grids = reader.read(path, name, cells_left)
                cells_left -= sum(len(g.rows) * max((len(r) for r in g.rows), default=0) for g in grids)
                if cells_left < 0:
                    raise InputError(
                        name,
                        words("err_mission_cells", limit=MAX_CELLS),
                        hint=words("err_one_mission_split"),
                    )
                workbooks.append((name, grids))
            else:
                note_bytes_left -= path.stat().st_size
                if note_bytes_left < 0:
                    raise InputError(
                        name,
                        words("err_mission_notes", mb=MAX_MISSION_NOTE_BYTES // 2**20),
                        hint=words("err_notes_only"),
                    )
                notes.append((name, reader.read(path, name)))
        except InputError as exc:
            if exc.file == name:
                exc.file = str(path)
            exc.language = config.language  # said in the mission's language
            raise
        except OSError as exc:
            detail = exc.strerror or str(exc)
            raise InputError(
                path, words("err_cannot_read", detail=detail), language=config.language
            ) from None
    if not workbooks and not notes:
        raise InputError(
            folder,
            words("err_no_captures"),
            hint=words("err_no_captures_hint"),
            language=config.language,
        )
    return Captures(folder, config, workbooks, notes, skipped, units)
