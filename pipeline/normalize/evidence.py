"""What the cells of a column hold, for reading a table its headers do not name.

Across plans nobody described, the items (actions, initiatives, key results, commitments) are
sentences of several words, mostly distinct, that usually open with a verb or an action noun;
owners, areas and statuses are short labels that repeat down the rows; dates and periods are timing;
numbers are baselines, targets or scores; `1.2.3` codes are references. A column's evidence counts
each, so that a header word, the content and the column's place can be weighed in one decision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.dates import period_label
from pipeline.grid import Grid, Value
from pipeline.refs import column_letter
from pipeline.text import fold
from pipeline.vocab import alternation, vocabulary

MIN_SENTENCE_WORDS = 3  # an item says what is done to what: 'Publish service standards'
MAX_LABEL_WORDS = 5  # an area, owner or status is named in a few words
MAX_BODY_ROWS = 200  # rows read to weigh a column's content
_NUMBERING = re.compile(r"^\s*(?:[A-Za-z]{1,4}\s?)?\d+(?:[.)]\d+)*[.):]?\s+|^\s*[a-z][.)]\s+|^\s*[-–•*]\s+")
_CODE = re.compile(r"^\s*[A-Za-z]{0,6}[\s.\-_/]?\d+(?:[.\-_/]\d+)*[.)]?\s*$")


@cache
def _action_words() -> tuple[
    frozenset[str], tuple[str, ...], tuple[str, ...], frozenset[str], frozenset[str]
]:
    words = vocabulary().evidence
    return words.verbs, words.infinitive_endings, words.noun_endings, words.linking, words.units


@cache
def _number() -> re.Pattern[str]:
    """A figure, perhaps with a sign, a per cent or a unit of the vocabularies ('≥ 95 %', '48 h')."""
    units = alternation(vocabulary().number_units)
    return re.compile(rf"^\s*[<>≤≥~+-]?\s*\d[\d\s.,]*\s*(?:%|{units})?\s*$", re.I)


def is_action(text: str) -> bool:
    """Whether a sentence opens with a verb or an action noun, in any supported language.

    >>> [is_action(t) for t in ("Implement a risk engine", "Elaborar el manual", "Mise en place d'un bureau")]
    [True, True, True]
    >>> [is_action(t) for t in ("KR 1.2 Process 80% of declarations", "Implantação da janela única")]
    [True, True]
    >>> [is_action(t) for t in ("Customs Department", "Average release time", "Border Operations Team")]
    [False, False, False]
    >>> [is_action(t) for t in ("Direção de Logística", "Direction des douanes", "Dirección de Informática")]
    [False, False, False]
    """
    typed = _NUMBERING.sub("", text, count=1).split()
    words = fold(" ".join(typed)).split()
    if len(words) < 2 or len(typed) < 2:
        return False
    verbs, endings, nouns, linking, units = _action_words()
    first = words[0]
    if first in units:
        return False  # 'Dirección de Informática', 'Direction des douanes': a unit, not an action
    if first in verbs or (first.endswith("e") and first[:-1] in verbs):
        return True
    # An infinitive opens a sentence in lower case ('Mettre en place'); 'Border Operations Team', in
    # title case, is an English name.
    if len(first) >= 5 and first.endswith(endings) and not typed[1][:1].isupper():
        return True
    return len(first) >= 6 and first.endswith(nouns) and words[1] in linking


@dataclass(frozen=True)
class ColumnEvidence:
    """What the body cells of one column hold: counts a reader can weigh."""

    col: int
    filled: int  # cells typed (merged copies left out)
    copies: int  # cells filled by a merged range above them
    sentences: int  # cells of MIN_SENTENCE_WORDS words or more
    actions: int  # sentences that open with a verb or an action noun
    distinct: int  # different texts among the typed cells
    words: int  # words in all typed cells
    timing: int  # dates, years, quarters, months
    numbers: int  # numbers, percentages, amounts
    codes: int  # '1.2', 'A01', 'KR 1.1' on their own

    @property
    def mean_words(self) -> float:
        """Words in a typed cell, on average."""
        return self.words / self.filled if self.filled else 0.0

    @property
    def item_score(self) -> float:
        """0–1: how much the column reads as items (sentences, mostly distinct, opening with a verb)."""
        if self.filled < 2:
            return 0.0
        sentences = self.sentences / self.filled
        distinct = self.distinct / self.filled
        actions = self.actions / self.filled
        return round(0.4 * sentences + 0.2 * distinct + 0.4 * actions, 2)

    @property
    def reads_as_items(self) -> bool:
        """Sentences, mostly distinct, most of them actions (or long): an action column."""
        return (
            self.filled >= 2
            and self.sentences >= 0.6 * self.filled
            and self.distinct >= 0.8 * self.filled
            and (self.actions >= 0.3 * self.filled or self.mean_words >= 5)
        )

    @property
    def repeats(self) -> bool:
        """Whether values stand for several rows (merged down, or typed again): a grouping column."""
        return self.filled >= 1 and (self.copies > 0 or self.distinct < self.filled)

    @property
    def reads_as_labels(self) -> bool:
        """Short texts, not timing or numbers: an area, owner or status column."""
        return (
            self.filled >= 1
            and self.mean_words <= MAX_LABEL_WORDS
            and self.timing + self.numbers + self.codes <= 0.2 * self.filled
        )


def body_rows(grid: Grid, first: int) -> list[int]:
    """The rows of a table's body from `first` down to the first blank row (at most MAX_BODY_ROWS)."""
    out: list[int] = []
    for r in range(first, min(len(grid.rows), first + MAX_BODY_ROWS)):
        if not any(v != "" and v is not None for v in grid.rows[r]):
            break
        out.append(r)
    return out


def _cell_kind(value: Value) -> str:
    if not isinstance(value, str):
        return "timing" if period_label(value) is not None or not isinstance(value, int | float) else "number"
    if period_label(value) is not None:
        return "timing"
    if _CODE.match(value):
        return "code"
    if _number().match(value):
        return "number"
    return "text"


def column_evidence(grid: Grid, rows: Sequence[int], col: int) -> ColumnEvidence:
    """Count what the typed cells of one column hold over the given rows."""
    filled = copies = sentences = actions = words = timing = numbers = codes = 0
    seen: set[str] = set()
    for r in rows:
        row = grid.rows[r]
        if col >= len(row) or row[col] == "" or row[col] is None:
            continue
        if (r, col) in grid.copies:
            copies += 1
            continue
        value = row[col]
        filled += 1
        kind = _cell_kind(value)
        timing += kind == "timing"
        numbers += kind == "number"
        codes += kind == "code"
        text = str(value).strip()
        seen.add(fold(text))
        n = len(text.split())
        words += n
        if kind == "text" and n >= MIN_SENTENCE_WORDS:
            sentences += 1
            actions += is_action(text)
    return ColumnEvidence(col, filled, copies, sentences, actions, len(seen), words, timing, numbers, codes)


@dataclass(frozen=True)
class Guess:
    """The column of a sheet that reads most as items, and the header cell above its first item."""

    grid: Grid
    evidence: ColumnEvidence
    header: str  # the text above the first sentence ('' where the column has no header)

    @property
    def letter(self) -> str:
        """The column's letter in the sheet."""
        return column_letter(self.grid.left + self.evidence.col)


def closest_items(grids: Sequence[Grid]) -> Guess | None:
    """Where no table was read: the column that holds the most sentences opening with a verb."""
    best: Guess | None = None
    best_key = (0, 0)
    for grid in grids:
        width = max((len(row) for row in grid.rows), default=0)
        rows = range(len(grid.rows))
        for c in range(width):
            e = column_evidence(grid, rows, c)
            if e.sentences < 2 or (e.actions, e.sentences) <= best_key:
                continue
            first = next(r for r in rows if c < len(grid.rows[r]) and _is_sentence(grid.rows[r][c]))
            above = grid.rows[first - 1][c] if first > 0 and c < len(grid.rows[first - 1]) else ""
            header = above if isinstance(above, str) and len(above.split()) <= MAX_LABEL_WORDS else ""
            best, best_key = Guess(grid, e, header.strip()), (e.actions, e.sentences)
    return best


def _is_sentence(value: Value) -> bool:
    return isinstance(value, str) and len(value.split()) >= MIN_SENTENCE_WORDS


def holds_priorities(grid: Grid, rows: Sequence[int], col: int) -> bool:
    """Whether a column named 'Priority' holds priorities (numbers, dots, High/Alta/Haute) rather than
    the names of the priorities the plan is organised by ('Housing', 'Transport': its areas)."""
    words = vocabulary().evidence.priorities
    typed = [
        v
        for r in rows
        if col < len(row := grid.rows[r]) and (v := row[col]) != "" and (r, col) not in grid.copies
    ]
    ranks = sum(
        1 for v in typed if not isinstance(v, str) or _number().match(v) or fold(v) in words or len(v) <= 2
    )
    return not typed or ranks * 2 >= len(typed)
