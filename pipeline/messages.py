"""Finding messages and hints in the plan's language (the [messages] table of each vocabulary)."""

from __future__ import annotations

import string
from typing import Any

from pipeline.model import Provenance
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
    """`say("INI001", initiative=...)` → the message in one language, parameters filled in.

    A message given by plural category (`{one = …, other = …}`) takes the form its `count` calls for;
    `{n:#noun}` writes a count with its noun in agreement ('1 line', '2 lines', '0 ligne'); `{n:,}` a
    number grouped as the language groups thousands.
    """

    def __init__(self, language: Language) -> None:
        self.language = language
        self._messages = vocabulary().messages[language]
        self._formatter = _Counting(language)

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

    def label(self, key: str) -> str:
        """A fixed label of the draft in the language ('no_area' → '(sin área clave)')."""
        return vocabulary().labels[self.language][key]

    def either(self, words: list[str]) -> str:
        """Missing things listed with the language's 'or' ('baseline or target')."""
        return self._word("word_or").join(self._word(f"word_{w}") for w in words)

    def place(self, where: Provenance) -> str:
        """A provenance in the language: "taller.xlsx, hoja 'FODA', celda B7", "notas.md, línea 4"."""
        words = (self._word(f"place_{kind}") for kind in ("sheet", "cell", "line", "paragraph"))
        return where.describe(*words)
