"""Cell values → text as a reader would write it, and small splitting rules for lists in a cell."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from pipeline.text import fold, tidy
from pipeline.vocab import alternation, vocabulary


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without '.0', dates in ISO form, booleans as yes/no."""
    if isinstance(value, str):
        return tidy(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6g}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return tidy(str(value))


def split_ids(text: str) -> list[str]:
    """Recommendation references in one cell: 'WCO-07, IMF 3; R12' → ['WCO-07', 'IMF 3', 'R12']."""
    return [part.strip() for part in _between_ids().split(text) if part.strip()]


@cache
def _between_ids() -> re.Pattern[str]:
    """Commas, semicolons, line ends, or the vocabularies' 'and' between two references."""
    return re.compile(rf"[,;\n]+|\s+(?:{alternation(vocabulary().reading['conjunctions'])})\s+", re.I)


def split_values(text: str) -> list[str]:
    """Values in one cell or paragraph: split on lines and semicolons; on commas for short words."""
    parts = [p.strip(" .-•*·") for p in re.split(r"[;\n]+", text) if p.strip(" .-•*·")]
    if len(parts) == 1 and "," in parts[0]:
        pieces = [p.strip(" .") for p in parts[0].split(",") if p.strip(" .")]
        if all(len(p.split()) <= 3 for p in pieces):
            return pieces
    return parts


_PREFIXED = re.compile(r"([^:–—\n]{1,50}?)\s*(?::|–|—|\s-\s|\.\s)\s*(.*)", re.S)


@cache
def _numbering() -> re.Pattern[str]:
    """A heading's number: 'Objective 2', 'Pilar II', 'OBJECTIVO Nº 1', 'Objetivo N° 2', 'Objective
    No. 4' (folded: 'no 1', 'n 2'), with the vocabularies' number signs."""
    signs = alternation(vocabulary().reading["number_signs"])
    return re.compile(rf"(?:\s+(?:(?:{signs})\s+)?(?:\d+|[ivx]+|[a-h]))+$")


def prefixed(text: str, kinds: tuple[str, ...]) -> tuple[str, str] | None:
    """(kind, rest) of a line such as 'Priority 1: Customs Leadership' or 'Objective 2 – Reform …'.

    The prefix is one of the vocabularies' words for the kinds asked, in the order asked, with or
    without a number; accents and case are ignored. A prefix alone with a number and nothing after
    it ('OBJECTIF 1') gives an empty rest.
    """
    m = _PREFIXED.fullmatch(text.strip())
    head, rest = (m.group(1), m.group(2).strip()) if m else (text.strip(), "")
    if len(head) > 50:
        return None
    folded = fold(head)
    bare = _numbering().sub("", folded)
    if not m and bare == folded:
        return None  # a bare word is a label, not a prefix: 'Objective' alone opens nothing
    prefixes = vocabulary().prefixes
    for kind in kinds:
        if bare in prefixes[kind]:
            return kind, rest
    return None


# '… (línea base 2023: 48 horas)', '… — baseline 2019: 12', '…, valeur de référence : 35 %'
_INLINE_BASELINE = re.compile(
    r"\s*(?:\(|\[|[,;—–]|\s-)\s*([^\d:()\[\]]{3,40}?)\s*(\d{4})?\s*[:=]\s*([^()\[\]]{1,40}?)\s*[)\]]?\s*$"
)


def split_baseline(text: str) -> tuple[str, str | None]:
    """An indicator's name and the baseline written inside it, if one is.

    >>> split_baseline("Tiempo medio de despacho (línea base 2023: 48 horas)")
    ('Tiempo medio de despacho', '48 horas (2023)')
    >>> split_baseline("Share of risk-based inspections — baseline: 35 %")
    ('Share of risk-based inspections', '35 %')
    >>> split_baseline("Ratio: cleared / lodged")
    ('Ratio: cleared / lodged', None)
    """
    m = _INLINE_BASELINE.search(text, max(0, len(text) - 100))  # the end of the text: bounded work
    if m is None or fold(m.group(1)) not in vocabulary().baseline_words:
        return text, None
    value = m.group(3).strip()
    return text[: m.start()].rstrip(), f"{value} ({m.group(2)})" if m.group(2) else value
