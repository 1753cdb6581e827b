"""Fixed labels and date wording of the draft, in the plan's language."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_skeleton

from pipeline.grammar import count, locale_of
from pipeline.model import PlanDate
from pipeline.vocab import Language, vocabulary

_QUARTER = {"en": "Q{q} {y}", "es": "{q}T {y}", "fr": "T{q} {y}", "pt": "T{q} {y}"}


class Labels:
    """Label look-up for one language: `labels['owner']`, and dates worded as readers expect."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self._labels = vocabulary().labels[language]

    def __getitem__(self, key: str) -> str:
        return self._labels[key]

    def pair(self, label: str, value: str) -> str:
        """'Owner: Legal Department' as the language writes a label and its value; French puts a
        no-break space before the colon ('Répond à : WCO-07')."""
        return f"{label}\u00a0: {value}" if self.language == "fr" else f"{label}: {value}"

    def count(self, noun: str, n: int) -> str:
        """'1 source file', '2 source files', '0 fichier source', '1.234 objetivos estratégicos'."""
        return count(n, vocabulary().counts[self.language][noun], self.language)

    def long_date(self, day: dt.date) -> str:
        """'23 March 2012', '23 de marzo de 2012', '23 mars 2012', '23 de março de 2012' (Babel)."""
        return format_date(day, "long", locale=locale_of(self.language))

    def plan_date(self, value: PlanDate | None) -> str:
        """A captured date at its own precision: '2014', 'Q2 2014', 'June 2014', '15 June 2014'."""
        if value is None:
            return ""
        if value.day is not None and value.month is not None:
            return self.long_date(dt.date(value.year, value.month, value.day))
        if value.month is not None:  # 'Jun 2014', 'junio de 2014', 'juin 2014', 'junho de 2014'
            skeleton = "yMMM" if self.language == "en" else "yMMMM"
            return format_skeleton(
                skeleton, dt.date(value.year, value.month, 1), locale=locale_of(self.language)
            )
        if value.quarter is not None:
            return _QUARTER[self.language].format(q=value.quarter, y=value.year)
        return str(value.year)

    def span(self, start: PlanDate | None, end: PlanDate | None) -> str:
        """'Q2 2012 – Q4 2013'; one value when start and end are the same."""
        a, b = self.plan_date(start), self.plan_date(end)
        if a and b:
            return a if a == b else f"{a} – {b}"
        return a or b

    def day_span(self, start: dt.date | None, end: dt.date | None) -> str:
        """Workshop days: '19–21 March 2012'."""
        if start and end and (start.year, start.month) == (end.year, end.month) and start != end:
            return f"{start.day}–{self.long_date(end)}"
        if start and end and start != end:
            return f"{self.long_date(start)} – {self.long_date(end)}"
        day = start or end
        return self.long_date(day) if day else ""
