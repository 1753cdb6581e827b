"""The project's own errors: each names the file (and sheet, cell or line) it is about."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


def printable(text: str) -> str:
    """Text for one terminal line: control characters (a newline in a file name, escape sequences)
    shown escaped, bytes that are not UTF-8 (a file name from a Windows zip) as `\\xNN`."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


@dataclass(frozen=True)
class Words:
    """A message by its key in the vocabularies' [messages] and its parameters, put into words only
    when it is shown, in the language of the mission it is about."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


def words(key: str, **params: Any) -> Words:
    return Words(key, params)


class Speak(Protocol):
    """What an error is put into words with: pipeline.messages.Say, (key, **params) → text."""

    def __call__(self, key: str, **params: Any) -> str: ...

    def knows(self, key: str) -> bool: ...


def _english() -> Speak:
    from pipeline.messages import Say

    return Say("en")


def validation_problems(
    exc: Any, what: str = "file", say: Speak | None = None
) -> list[tuple[str, str, dict[str, Any]]]:
    """Every problem of a pydantic ValidationError as (where, what is wrong, the error itself), as the
    one-line messages about mission.toml, plan.json and init's options say it: ('period.end', 'must
    not be before the start', …). `what` names the whole when a problem has no field; with `say`,
    what is wrong is said in its language where the vocabularies word that kind of problem."""
    return [
        (".".join(str(part) for part in error["loc"]) or what, _problem(error, say), dict(error))
        for error in exc.errors()
    ]


def _problem(error: Any, say: Speak | None) -> str:
    key = f"val_{error['type']}"
    if say is not None and say.knows(key):
        return say(key, **(error.get("ctx") or {}))
    return str(error["msg"]).removeprefix("Value error, ")


def validation_problem(exc: Any, what: str = "file", say: Speak | None = None) -> tuple[str, str, int]:
    """(where, what is wrong, how many more problems) of the first problem of a ValidationError."""
    problems = validation_problems(exc, what, say)
    return problems[0][0], problems[0][1], len(problems) - 1


class PlanDraftError(Exception):
    """Base of every error the command line turns into a one-line message and exit code 2.
    `language`: the mission's, once known, for the message and its places."""

    language: str = "en"

    def describe(self, say: Speak) -> str:
        """The message in the language `say` speaks."""
        return str(self)


class InputError(PlanDraftError):
    """An input that cannot be used: names the file, and the sheet, cell or line where known."""

    def __init__(
        self,
        file: str | Path | None,
        message: str | Words,
        *,
        sheet: str | None = None,
        cell: str | None = None,
        line: int | None = None,
        hint: str | Words | None = None,
        language: str | None = None,
    ) -> None:
        self.file = str(file) if file is not None else None
        self.message = message
        self.sheet = sheet
        self.cell = cell
        self.line = line
        self.hint = hint
        if language is not None:
            self.language = language
        super().__init__(self.file or "", message)

    def __str__(self) -> str:
        return self.describe(_english())

    def describe(self, say: Speak) -> str:
        """'grupo1.xlsx, hoja 'FODA', celda B7: … (hint)' in the language `say` speaks."""
        from pipeline.model import Provenance  # the one way a place is worded

        where = Provenance(file=printable(self.file or ""), sheet=self.sheet, cell=self.cell, line=self.line)
        place = where.describe(*(say(f"place_{kind}") for kind in ("sheet", "cell", "line", "paragraph")))
        place = place.removeprefix(", ")
        message = _text(self.message, say)
        text = say("err_at", place=place, message=message) if place else message
        if self.hint:
            text += f" ({_text(self.hint, say)})"
        return text


def _text(value: str | Words, say: Speak) -> str:
    """The text, or the message put into words (a parameter that is itself a message too)."""
    if isinstance(value, str):
        return value
    return say(
        value.key, **{k: _text(v, say) if isinstance(v, Words) else v for k, v in value.params.items()}
    )


class OutputError(PlanDraftError):
    """An output that cannot be written."""

    def __init__(self, path: str | Path, reason: str | Words) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(self.path, reason)

    def __str__(self) -> str:
        return self.describe(_english())

    def describe(self, say: Speak) -> str:
        """'borrador/draft.docx: no se puede escribir: …' in the language `say` speaks."""
        return say("err_cannot_write", path=printable(self.path), reason=_text(self.reason, say))


class PdfProblem(PlanDraftError):
    """The PDF could not be made: LibreOffice or poppler missing, or LibreOffice failed. `written`:
    what was written all the same (the .docx, the other outputs), said after the problem."""

    def __init__(self, message: str | Words) -> None:
        self.message = message
        self.written: Words | None = None
        super().__init__(message)

    def __str__(self) -> str:
        return self.describe(_english())

    def describe(self, say: Speak) -> str:
        """'LibreOffice no pudo componer el borrador …; se escribió …' in the language `say` speaks."""
        problem = _text(self.message, say)
        return (
            problem
            if self.written is None
            else _text(Words(self.written.key, {**self.written.params, "problem": problem}), say)
        )

    def having_written(self, written: Words, language: str) -> PdfProblem:
        """This problem, saying what was written without the PDF, in the mission's language."""
        self.written, self.language = written, language
        return self
