"""The one translator: messages, hints, labels, counts, pairs, places and dates in the plan's language
(the [messages], [labels] and [counts] tables of each vocabulary; dates by Babel)."""

from __future__ import annotations

import datetime as dt
import string
from typing import Any, get_args

from pipeline.model import PlanDate, Provenance
from pipeline.vocab import Language, vocabulary


class _Counting(string.Formatter):
    """`{count:#line}` → '1 line' / '2 lines' / '1 ligne': a count with its noun, in agreement."""

    def __init__(self, language: Language) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec.startswith("#") and isinstance(value, int):
            from pipeline.grammar import count

            return count(value, vocabulary().counts[self.language][format_spec[1:]], self.language)
        if format_spec == "," and isinstance(value, int):  # '1,048,576', '1.048.576', '1 048 576'
            from pipeline.grammar import number

            return number(value, self.language)
        return super().format_field(value, format_spec)


class Say:
    """The translator of one language. `say("INI001", initiative=...)` → a message, parameters filled
    in; `say["owner"]` → a fixed label of the draft; counts, label–value pairs, places and dates
    worded as the language words them.

    A message given by plural category (`{one = …, other = …}`) takes the form its `count` calls for;
    `{n:#noun}` writes a count with its noun in agreement ('1 line', '2 lines', '0 ligne'); `{n:,}` a
    number grouped as the language groups thousands.
    """

    def __init__(self, language: Language) -> None:
        self.language = language
        self._messages = vocabulary().messages[language]
        self._labels = vocabulary().labels[language]
        self._formatter = _Counting(language)

    def __getitem__(self, key: str) -> str:
        """A fixed label of the draft ('no_area' → '(sin área clave)')."""
        return self._labels[key]

    def knows(self, key: str) -> bool:
        """Whether the vocabularies word this message."""
        return key in self._messages

    def __call__(self, key: str, **params: object) -> str:
        message = self._messages[key]
        if not isinstance(message, str):  # by plural category of `count`
            from pipeline.grammar import plural_category

            n = params.get("count")
            category = plural_category(n, self.language) if isinstance(n, int) else "other"
            message = message.get(category) or message["other"]
        return self._formatter.format(message, **params)

    def _word(self, key: str) -> str:
        word = self._messages[key]
        assert isinstance(word, str), key
        return word

    def either(self, words: list[str]) -> str:
        """Missing things listed with the language's 'or' ('baseline or target')."""
        return self._word("word_or").join(self._word(f"word_{w}") for w in words)

    def place(self, where: Provenance) -> str:
        """A provenance in the language: "taller.xlsx, hoja 'FODA', celda B7", "notas.md, línea 4"."""
        words = (self._word(f"place_{kind}") for kind in ("sheet", "cell", "line", "paragraph"))
        return where.describe(*words)

    def pair(self, label: str, value: str) -> str:
        """'Owner: Legal Department' as the language writes a label and its value; French puts a
        no-break space before the colon ('Répond à : WCO-07')."""
        return f"{label}\u00a0: {value}" if self.language == "fr" else f"{label}: {value}"

    def count(self, noun: str, n: int) -> str:
        """'1 source file', '2 source files', '0 fichier source', '1.234 objetivos estratégicos'."""
        from pipeline.grammar import count

        return count(n, vocabulary().counts[self.language][noun], self.language)

    def item(self, item: str) -> str:
        """An item's kind and number as the language names it: 'initiative 4.2.1' → 'iniciativa
        clave 4.2.1' (anything else as it is)."""
        kind, _, number = item.partition(" ")
        return f"{self[kind].lower()} {number}" if kind in ("objective", "initiative") else item

    def field(self, name: str) -> str:
        """A plan field as --explain shows it: its name in the language and the identifier
        `[columns]` takes ('Área clave [area]'); the identifier alone for one it has no name for."""
        said = vocabulary().fields[self.language].get(name)
        return f"{said} [{name}]" if said else name

    def long_date(self, day: dt.date) -> str:
        """'23 March 2012', '23 de marzo de 2012', '23 mars 2012', '23 de março de 2012' (Babel)."""
        from babel.dates import format_date  # Babel's dates: loaded by the commands that write dates

        from pipeline.grammar import locale_of

        return format_date(day, "long", locale=locale_of(self.language))

    def plan_date(self, value: PlanDate | None) -> str:
        """A captured date at its own precision: '2014', 'Q2 2014', 'June 2014', '15 June 2014'."""
        if value is None:
            return ""
        if value.day is not None and value.month is not None:
            return self.long_date(dt.date(value.year, value.month, value.day))
        if value.month is not None:  # 'Jun 2014', 'junio de 2014', 'juin 2014', 'junho de 2014'
            from babel.dates import format_skeleton

            from pipeline.grammar import locale_of

            skeleton = "yMMM" if self.language == "en" else "yMMMM"
            return format_skeleton(
                skeleton, dt.date(value.year, value.month, 1), locale=locale_of(self.language)
            )
        if value.quarter is not None:
            return self._labels["quarter"].format(q=value.quarter, y=value.year)
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


def load_languages() -> None:
    """Load the vocabularies and each language's CLDR data (dates, months, numbers, plural rules)
    now, once: a batch does before its missions' processes fork, so that none loads them again
    (0.07 s of CPU a mission)."""
    for language in get_args(Language):
        say = Say(language)
        say.count("files", 2)
        say.plan_date(PlanDate(year=2000, month=1, day=1))
        say.plan_date(PlanDate(year=2000, month=1))
