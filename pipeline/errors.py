"""The project's own errors: each names the file (and sheet, cell or line) it is about."""

from __future__ import annotations

from pathlib import Path


def printable(text: str) -> str:
    """Text for one terminal line: control characters (a newline in a file name, escape sequences)
    shown escaped, bytes that are not UTF-8 (a file name from a Windows zip) as `\\xNN`."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


class PlanDraftError(Exception):
    """Base of every error the command line turns into a one-line message and exit code 2."""


class InputError(PlanDraftError):
    """An input that cannot be used: names the file, and the sheet, cell or line where known."""

    def __init__(
        self,
        file: str | Path | None,
        message: str,
        *,
        sheet: str | None = None,
        cell: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.file = str(file) if file is not None else None
        self.message = message
        self.sheet = sheet
        self.cell = cell
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        place = [printable(self.file)] if self.file else []
        if self.sheet is not None:
            place.append(f"sheet '{self.sheet}'")
        if self.cell is not None:
            place.append(f"cell {self.cell}")
        if self.line is not None:
            place.append(f"line {self.line}")
        text = f"{', '.join(place)}: {self.message}" if place else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class OutputError(PlanDraftError):
    """An output that cannot be written."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{printable(self.path)}: cannot write: {reason}")


class PdfProblem(PlanDraftError):
    """The PDF could not be made: LibreOffice or poppler missing, or LibreOffice failed."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message
