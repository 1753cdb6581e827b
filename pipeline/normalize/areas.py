"""Map the area labels groups wrote ('HR Dev', 'Compliance Mgmt', 'Eje 3: Actores') to configured areas."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

from pipeline.config import AreaConfig
from pipeline.text import fold
from pipeline.vocab import alternation, vocabulary

MIN_CONFIDENCE = 0.75
MAX_LABEL = 150  # longer text is a sentence, not an area name: not matched (and never slow to compare)
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*|[ivx]+|[a-e])\s+")


@cache
def _prefix() -> re.Pattern[str]:
    """A word before an area's name on a label ('Eje 3', 'Group 2', 'Axe stratégique'), any language."""
    return re.compile(rf"^(?:{alternation(vocabulary().reading['area_prefixes'])})\s*(?:\d+|[ivx]+)?\s+")


def _expand(folded: str) -> str:
    short = vocabulary().abbreviations
    return " ".join(short.get(word, word) for word in folded.split())


def _core(label: str) -> str:
    text = fold(label)
    for _ in range(2):
        text = _prefix().sub("", text)
        text = _NUMBERING.sub("", text)
    return text.strip()


class AreaMatcher:
    """Matches labels to the configured areas; exact names and aliases first, then fuzzy."""

    def __init__(self, areas: tuple[AreaConfig, ...]) -> None:
        self._names: list[tuple[str, str]] = []  # (folded name, key)
        self._exact: dict[str, str] = {}
        for area in areas:
            for name in (area.name, area.key, *area.aliases):
                folded = fold(name)
                if folded:
                    self._exact.setdefault(folded, area.key)
                    self._exact.setdefault(_expand(folded), area.key)
                    self._names.append((_expand(folded), area.key))
        self._cache: dict[str, tuple[str | None, float]] = {}

    def match(self, label: str) -> tuple[str | None, float]:
        """(area key, confidence) for a label; (None, best score) when nothing is close."""
        if label in self._cache:
            return self._cache[label]
        if len(label) > MAX_LABEL:
            return None, 0.0
        candidates = [label, *re.split(r"\s*[-–—:|/]\s*", label)]
        best: tuple[str | None, float] = (None, 0.0)
        for candidate in candidates:
            found = self._match_one(candidate)
            if found[1] > best[1]:
                best = found
            if best[1] == 1.0:
                break
        if best[1] < MIN_CONFIDENCE:
            best = (None, round(best[1], 2))
        self._cache[label] = best
        return best

    def _match_one(self, label: str) -> tuple[str | None, float]:
        core = _core(label)
        if not core:
            return None, 0.0
        for form in (fold(label), core, _expand(core)):
            if form in self._exact:
                return self._exact[form], 1.0
        expanded = _expand(core)
        stop = frozenset(vocabulary().reading["stop_words"])
        words = {w for w in expanded.split() if w not in stop}
        best_key, best_score = None, 0.0
        for name, key in self._names:
            score = SequenceMatcher(None, expanded, name).ratio()
            name_words = {w for w in name.split() if w not in stop}
            if words and name_words and (words <= name_words or name_words <= words):
                score = max(score, 0.8 + 0.15 * len(words & name_words) / len(words | name_words))
            if score > best_score:
                best_key, best_score = key, score
        return best_key, min(round(best_score, 2), 0.99)
