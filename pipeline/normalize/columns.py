"""Header cells → plan fields, by concept: the matcher that also says why it read a column so.

A header names its concept in many spellings: `Key Performance Indicators`, `1. Objective`,
`plan_start`, `OBJETIVO ESTRATÉGICO INSTITUCIONAL (OEI)`, `Meta 2016`, `Strategic Objectives 2025`.
The matcher folds case and accents, drops qualifiers in brackets, numbering and years, splits
`snake_case` and `camelCase`, reduces plurals, and then looks the words up as a whole phrase of the
vocabularies, or finds the longest phrase inside a short header. `[columns]` in `mission.toml` comes
first: it maps a header to a field, or leaves a column as notes without a finding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from enum import IntEnum
from functools import cache

from pipeline.text import fold, stem
from pipeline.vocab import alternation, vocabulary

MAX_HEADER_CHARS = 80  # a longer cell is content, not a header
MAX_CONCEPT_WORDS = 6  # a concept is looked for inside headers of at most this many words

# Fields a plan table can be about; a header row names at least one of them.
ITEM_FIELDS = frozenset(
    {
        "objective",
        "initiative",
        "level",
        "kpi",
        "recommendation",
        "risk",
        "stakeholder",
        "statement",
        "strengths",
        "weaknesses",
        "opportunities",
        "threats",
        "quadrant",
    }
)
# Fields whose values a plan may give once per year or milestone ('Meta 2015 | Meta 2016').
SERIES_FIELDS = frozenset({"target", "baseline", "milestone", "actual"})

_BRACKETS = re.compile(r"\([^()]{0,80}\)|\[[^\[\]]{0,80}\]")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_CODE = re.compile(r"\s*[A-Za-z]{1,8}[.\-_/]\d+(?:[.\-_/]\d+)*\s*$")
_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})


@cache
def _alternatives() -> re.Pattern[str]:
    """Between two names of one column: / and |, or the vocabularies' words for 'or' ('Owner or lead')."""
    return re.compile(rf"\s*[/|]\s*|\s+(?:{alternation(vocabulary().reading['alternatives'])})\s+")


@cache
def _note_column() -> re.Pattern[str]:
    """A header saying its column is a note ('Note: budget line', as `export` writes an item's notes)."""
    return re.compile(rf"\s*(?:{alternation(vocabulary().reading['note_prefix'])})\s*:", re.I)


class How(IntEnum):
    """How a header was matched, strongest first (a lower value wins a conflict)."""

    MAPPED = 0  # named in mission.toml [columns]
    EXACT = 1  # the whole header is a phrase of the vocabularies, as spelled there
    NORMALIZED = 2  # the whole header, once numbering, brackets, years and plurals are set aside
    CONTAINS = 3  # the longest phrase found inside a short header
    CONTENT = 4  # no header names it: the column's cells and its place do (normalize/evidence.py)

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class ColumnMatch:
    """What a header cell was read as: the field, how, the phrase that matched, and its year if any."""

    field: str
    how: How
    phrase: str
    year: int | None = None

    @property
    def strong(self) -> bool:
        """Whether the whole header (or the column's content) names the field, not a phrase inside it."""
        return self.how is not How.CONTAINS


def header_words(text: str) -> tuple[list[str], int | None]:
    """The words of a header as compared, and the year it carries ('Meta 2016' → ['meta'], 2016)."""
    if "(" in text or "[" in text:
        text = _BRACKETS.sub(" ", text)
    if not text.islower():
        text = _CAMEL.sub(r"\1 \2", text)
    tokens = fold(text).split()
    year = None
    kept = []
    for token in tokens:
        if _YEAR.match(token):
            year = int(token)
        else:
            kept.append(token)
    while len(kept) > 1 and (kept[0].isdigit() or kept[0] in _ROMAN or kept[0] in ("n", "no", "nro")):
        kept = kept[1:]  # '1. Objective', 'II Strategic objectives', 'N° Indicator'
    while len(kept) > 1 and kept[-1].isdigit():
        kept = kept[:-1]  # 'Objective 1', 'INDICATEUR 1 1'
    return [stem(w) for w in kept], year


class ColumnMatcher:
    """Reads header cells against the vocabularies and a mission's `[columns]`; caches every answer."""

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        vocab = vocabulary()
        self._mapped = {fold(k): v for k, v in (mapping or {}).items()}
        self._exact = {**vocab.headers, **vocab.headers_exact}
        self._whole: dict[str, str] = {}
        for phrase, name in vocab.headers.items():
            self._whole.setdefault(" ".join(header_words(phrase)[0]), name)
        self._concepts = {k: v for k, v in self._whole.items() if k}
        # The first word of every phrase: a cell holding none of them names no field (most data cells).
        self._anchors = {phrase.split()[0] for phrase in self._whole if phrase}
        self._anchors |= {stem(phrase.split()[0]) for phrase in self._exact if phrase}
        self._longest = max((len(k.split()) for k in self._concepts), default=1)
        self._cache: dict[str, ColumnMatch | None] = {}

    def match(self, value: object) -> ColumnMatch | None:
        """The field a header cell names, or None (numbers, dates and long text name none, unless
        mission.toml's `[columns]` maps them)."""
        if not isinstance(value, str) or not value.strip():
            return None
        if len(value) > MAX_HEADER_CHARS:
            if self._mapped and (mapped := self._mapped.get(fold(value))):
                return ColumnMatch(mapped, How.MAPPED, fold(value))
            return None
        if value in self._cache:
            return self._cache[value]
        found = self._match(value)
        self._cache[value] = found
        return found

    def _match(self, value: str) -> ColumnMatch | None:
        folded = fold(value)
        if folded in self._mapped:  # mission.toml has the last word, even over a code-like header
            return ColumnMatch(self._mapped[folded], How.MAPPED, folded)
        if _note_column().match(value):
            return None  # 'Note: Budget line', as `export` writes an item's notes: kept as a note
        if _CODE.match(value):
            return None  # 'OEI.01', 'AEI-02', 'KPI_3': an item's code, not a header
        if folded in self._exact:
            return ColumnMatch(self._exact[folded], How.EXACT, folded)
        words = (folded if value.islower() else fold(_CAMEL.sub(r"\1 \2", value))).split()
        if len(words) > MAX_CONCEPT_WORDS + 4 or not any(stem(word) in self._anchors for word in words):
            return None  # too long to be a header, or holding no word any header starts with
        best: ColumnMatch | None = None
        alternatives = _alternatives()
        for part in [value, *(alternatives.split(value) if alternatives.search(value) else ())]:
            found = self._match_part(part)
            if found is not None and (best is None or found.how < best.how):
                best = found
        return best

    def _match_part(self, text: str) -> ColumnMatch | None:
        folded = fold(text)
        if folded in self._exact:
            return ColumnMatch(self._exact[folded], How.EXACT, folded)
        words, year = header_words(text)
        joined = " ".join(words)
        if joined in self._whole:
            return ColumnMatch(self._whole[joined], How.NORMALIZED, joined, year)
        if (bare := fold(_BRACKETS.sub(" ", text))) in self._exact:
            return ColumnMatch(self._exact[bare], How.NORMALIZED, bare, year)
        if not words or len(words) > MAX_CONCEPT_WORDS:
            return None
        for size in range(min(len(words) - 1, self._longest), 0, -1):  # longest phrase first, then leftmost
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if phrase in self._concepts:
                    return ColumnMatch(self._concepts[phrase], How.CONTAINS, phrase, year)
        return None

    def near_miss(self, value: object) -> str | None:
        """The field an unknown header most likely meant ('Plan Strt' → 'start'), or None."""
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_HEADER_CHARS:
            return None
        words, _ = header_words(value)
        candidates = get_close_matches(" ".join(words), list(self._whole), n=1, cutoff=0.75)
        if candidates:
            return self._whole[candidates[0]]
        for word in words:  # 'Plan Strt': one word close to a known one
            close = get_close_matches(
                word, [k for k in self._whole if " " not in k and len(k) > 3], n=1, cutoff=0.8
            )
            if close:
                return self._whole[close[0]]
        return None
