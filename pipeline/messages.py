"""Finding messages and hints in the plan's language (the [messages] table of each vocabulary)."""

from __future__ import annotations

from pipeline.model import Provenance
from pipeline.vocab import Language, vocabulary


class Say:
    """`say("INI001", initiative=...)` → the message in one language, parameters filled in."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self._messages = vocabulary().messages[language]

    def __call__(self, key: str, **params: object) -> str:
        return self._messages[key].format(**params)

    def label(self, key: str) -> str:
        """A fixed label of the draft in the language ('no_area' → '(sin área clave)')."""
        return vocabulary().labels[self.language][key]

    def either(self, words: list[str]) -> str:
        """Missing things listed with the language's 'or' ('baseline or target')."""
        return self._messages["word_or"].join(self._messages[f"word_{w}"] for w in words)

    def place(self, where: Provenance) -> str:
        """A provenance in the language: "taller.xlsx, hoja 'FODA', celda B7", "notas.md, línea 4"."""
        m = self._messages
        return where.describe(m["place_sheet"], m["place_cell"], m["place_line"], m["place_paragraph"])
