"""The kit's Group sheet: the group's name, read back as the source's group; its instructions set aside."""

from __future__ import annotations

from functools import cache

from pipeline.grid import Grid
from pipeline.normalize.builder import PlanBuilder
from pipeline.normalize.cells import cell_text
from pipeline.normalize.ledger import PLAN, Mark
from pipeline.normalize.loose import labelled_statements, loose_rows
from pipeline.normalize.rows import cell_source
from pipeline.text import fold
from pipeline.vocab import vocabulary


@cache
def _kit_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(sheet names, name labels, every text the kit writes on the sheet), folded, in every language."""
    kits, exports = vocabulary().kit.values(), vocabulary().export.values()
    sheets = frozenset(fold(k["sheet_group"]) for k in kits)
    labels = frozenset(fold(k["group_label"]) for k in kits)
    texts = {fold(v) for k in kits for v in k.values()}
    texts |= {fold(v) for w in exports for v in w.values()}
    texts |= {fold(f"{w['start']}, {w['end']}") for w in exports}
    return sheets, labels, frozenset(texts)


def read_group_sheet(builder: PlanBuilder, grid: Grid) -> bool:
    """Whether `grid` is the kit's Group sheet (its name, and 'Group | name' in its first row). Then the
    name is the file's group and the kit's own instructions are set aside by name; anything a group
    typed there besides is read as loose rows are ('Mission: …'), or reported with its text."""
    sheets, labels, texts = _kit_words()
    if fold(grid.sheet) not in sheets or not grid.rows or grid.top != 0 or grid.left != 0:
        return False
    first = grid.rows[0]
    if len(first) < 2 or fold(cell_text(first[0])) not in labels:
        return False
    name = cell_text(first[1]).strip()
    if name:
        builder.source_groups.setdefault(grid.file, builder.text(name, cell_source(grid, 0, 1)))
        builder.ledger.cells(grid, 0, [1], PLAN)
    builder.ledger.cells(grid, 0, [0], Mark.KIT)
    typed: set[int] = set()
    for r, c in grid.originals():
        if fold(cell_text(grid.rows[r][c])) in texts:
            builder.ledger.cells(grid, r, [c], Mark.KIT)
        elif r > 0:
            typed.add(r)
    rows = sorted(typed)
    stated = labelled_statements(builder, grid, rows)
    loose_rows(builder, grid, [r for r in rows if r not in stated], title_first=False)
    return True
