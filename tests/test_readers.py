"""The reader registry's contract: every registered reader, run on a sample whose units are known,
yields every unit of it, counts in the unit it declares, and leaves no unit unaccounted (issue #26).

A new reader is one entry in `pipeline/read/registry.py` and one sample here; a reader without a
sample, or one that drops a unit, fails a test that names it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MISSION_TOML, PLAN_HEADER, write_workbook
from docx import Document

from pipeline.build import parse
from pipeline.read.registry import READERS, GridReader, Reader, reader_for

# Each sample holds units whose texts are all different, so that a dropped one is seen by name.
Sample = Callable[[Path], tuple[Path, list[str]]]


def _workbook(folder: Path) -> tuple[Path, list[str]]:
    rows: list[list[object]] = [
        list(PLAN_HEADER),
        ["Legal", "Modernise the law", "Draft the customs code", "Legal Dept", 2013, 2014],
    ]
    path = write_workbook(folder / "sample.xlsx", {"Plan": rows, "Notes": [["Stray remark"]]})
    return path, [str(v) for row in rows for v in row if v != ""] + ["Stray remark"]


def _csv(folder: Path) -> tuple[Path, list[str]]:
    rows = [
        ["Objective", "Initiative", "Owner"],
        ["Modernise the law", "Draft the customs code", "Legal Dept"],
    ]
    path = folder / "sample.csv"
    path.write_text("\n".join(";".join(r) for r in rows) + "\n", "utf-8")
    return path, [v for r in rows for v in r]


def _text_notes(folder: Path) -> tuple[Path, list[str]]:
    lines = [
        "# Mission",
        "Facilitate legitimate trade.",
        "## Decisions",
        "- Adopt the plan in May",
        "Loose remark",
    ]
    path = folder / "sample.md"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path, [
        "Mission",
        "Facilitate legitimate trade.",
        "Decisions",
        "Adopt the plan in May",
        "Loose remark",
    ]


def _word_notes(folder: Path) -> tuple[Path, list[str]]:
    document = Document()
    document.add_heading("Vision", level=1)
    document.add_paragraph("A modern customs service.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Decisions", "Board approval in June"
    path = folder / "sample.docx"
    document.save(str(path))
    return path, ["Vision", "A modern customs service.", "Decisions", "Board approval in June"]


SAMPLES: dict[str, Sample] = {
    "workbook": _workbook,
    "csv": _csv,
    "text notes": _text_notes,
    "word notes": _word_notes,
}


def test_every_registered_reader_has_a_contract_sample() -> None:
    missing = [r.name for r in READERS if r.name not in SAMPLES]
    assert missing == [], f"readers with no contract sample in tests/test_readers.py: {missing}"
    stale = sorted(set(SAMPLES) - {r.name for r in READERS})
    assert stale == [], f"samples for readers no longer registered: {stale}"


def test_no_suffix_belongs_to_two_readers() -> None:
    suffixes = [s for r in READERS for s in r.suffixes]
    assert len(suffixes) == len(set(suffixes))


def _yielded(reader: Reader, path: Path) -> list[str]:
    if isinstance(reader, GridReader):
        return [
            str(v)
            for grid in reader.read(path, path.name, 10**6)
            for row in grid.rows
            for v in row
            if v != ""
        ]
    return [line.text for line in reader.read(path, path.name)]


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_a_reader_yields_every_unit_of_its_sample_and_accounts_for_each(
    reader: Reader, tmp_path: Path
) -> None:
    folder = tmp_path / "mission"
    folder.mkdir()
    (folder / "mission.toml").write_text(MISSION_TOML.format(language="en"), "utf-8")
    path, units = SAMPLES[reader.name](folder)
    assert reader_for(path) is reader, f"reader '{reader.name}' does not take its own sample {path.name}"
    yielded = _yielded(reader, path)
    dropped = [u for u in units if not any(u == y or u in y for y in yielded)]
    assert dropped == [], f"reader '{reader.name}' dropped {dropped} of its sample"
    plan = parse(folder)
    (account,) = [a for a in plan.accounting if a.file == path.name]
    assert account.unit == reader.unit, (
        f"reader '{reader.name}' counts in {account.unit}, declares {reader.unit}"
    )
    assert account.read == len(yielded), (
        f"reader '{reader.name}': {account.read} units accounted of {len(yielded)}"
    )
    assert account.read == account.placed + account.in_findings + sum(account.ignored.values())
    assert "READ011" not in {f.code for f in plan.intake}, f"reader '{reader.name}' left units unaccounted"


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_every_rule_that_sets_cells_aside_is_named_in_each_language(language: str) -> None:
    """A file's account names each rule that set something aside ('header 12, example row 3'): a new
    mark with no word would crash `parse` in that language."""
    from pipeline.normalize.ledger import Mark
    from pipeline.vocab import vocabulary

    words = vocabulary().messages[language]
    missing = [m.value for m in Mark if m.ignored and f"cli_ignored_{m.value}" not in words]
    assert missing == [], f"{language}: no cli_ignored_ word for {missing}"
