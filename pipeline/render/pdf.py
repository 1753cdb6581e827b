"""The draft as a PDF to circulate, laid out by LibreOffice, with real page numbers in its contents.

The draft is rendered with a placeholder page number of the same width after each contents entry
and laid out once by a LibreOffice kept warm (`pipeline.render.office`): the page each heading
starts on is read from that layout, written into its contents, and the PDF exported from it; the
.docx is rendered again with the same numbers. Where LibreOffice has no UNO bridge, the draft is
converted twice instead (`soffice --convert-to pdf`, the pages read back with `pdftotext`).
"""

from __future__ import annotations

import io
import re
import secrets
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

from pipeline.errors import PdfProblem, words
from pipeline.render import ooxml
from pipeline.render.office import (
    TIMEOUT,
    Office,
    installed_soffice,
    lay_out,
    office_pipes,
    office_python,
    run_office,
    seeded_profile,
)
from pipeline.wordml import escape_text

PLACEHOLDER_PAGE = "00"
MAX_PASSES = 3
INSTALL = words("pdf_install")
_SPACE = re.compile(r"\s+")


def soffice_path() -> str:
    """The `soffice` on PATH; PdfProblem saying how to install it when there is none."""
    soffice = installed_soffice()
    if not soffice:
        raise PdfProblem(words("pdf_needs_office", install=INSTALL))
    return soffice


def _pdftotext() -> str:
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        raise PdfProblem(words("pdf_needs_pdftotext", install=INSTALL))
    return pdftotext


def convert(docx: bytes, soffice: str) -> bytes:
    """The .docx laid out by LibreOffice headless, as PDF bytes (a private profile, so a running
    LibreOffice of the user's is never disturbed)."""
    with tempfile.TemporaryDirectory(prefix="plan-draft-pdf-") as work:
        folder = Path(work)
        source = folder / "draft.docx"
        source.write_bytes(docx)
        profile = seeded_profile(soffice, folder / "profile")
        command = [soffice, f"-env:UserInstallation={profile}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(folder), str(source)]  # fmt: skip
        run_office(command, pipes=office_pipes(None, profile))
        pdf = folder / "draft.pdf"
        if not pdf.is_file():
            raise PdfProblem(words("pdf_none_written"))
        return pdf.read_bytes()


def page_texts(pdf: bytes, pdftotext: str) -> list[str]:
    """The text of each page, whitespace folded."""
    result = subprocess.run(
        [pdftotext, "-", "-"], input=pdf, check=True, capture_output=True, timeout=TIMEOUT
    )
    pages = result.stdout.decode("utf-8", errors="replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [_SPACE.sub(" ", page) for page in pages]


def heading_pages(pages: list[str], headings: list[str]) -> list[int] | None:
    """The page (1-based) each heading starts on, or None when they cannot all be found in order.

    Every heading is listed first in the contents, then stands in the body, in the same order: the
    headings are searched for twice over, and the second finding of each is its page.
    """
    wanted = [_key(h) for h in headings] * 2
    keyed = [_key(p) for p in pages]
    found: list[int] = []
    page, at = 0, 0
    for target in wanted:
        while page < len(keyed):
            hit = keyed[page].find(target, at)
            if hit >= 0:
                found.append(page + 1)
                at = hit + len(target)
                break
            page, at = page + 1, 0
        else:
            return None
    return found[len(headings) :]


def _key(text: str) -> str:
    """Text as compared with the PDF's: letters and digits only, case folded, so a heading still
    matches where the layout broke it with a hyphen, dropped its soft hyphens or no-break spaces, or
    pdftotext spelled its punctuation otherwise."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if c.isalnum() and c not in _LAM_ALEF)


# Arabic lam and the alefs: a lam–alef ligature comes out of the PDF's text with its two letters in
# either order ('الإطار' as 'اإلطار'), so these letters are left out of the comparison.
_LAM_ALEF = frozenset("\u0644\u0627\u0623\u0625\u0622\u0671")


def render_with_pages(
    render: Callable[[list[str] | str], tuple[bytes, list[str]]], office: str | Office | None = None
) -> tuple[bytes, bytes]:
    """(.docx, .pdf) of a draft whose contents show the pages its headings start on, the same in both.

    `render(pages)` returns the .docx bytes and its contents' entries; `pages` one per entry, or one
    string for every entry (`{n}` in it: the entry's number). `office`: a warm office to lay it out
    (a batch's socket, or an office the command started early), else one is started for this draft
    and ended with it. The draft is
    rendered once, each entry's page a token that the page LibreOffice's layout gave it replaces.
    """
    soffice = soffice_path()
    python = office_python(soffice) if office is None else None
    if office is None and python is None:
        return _converted_twice(render, soffice)
    token = f"pd{secrets.token_hex(4)}p{{n}}x"
    docx, headings = render(token)
    if isinstance(office, Office):
        pdf, pages = office.lay_out(docx, len(headings))
    elif office is not None:
        pdf, pages = lay_out(office, docx, len(headings))
    else:
        assert python is not None
        with Office.start(soffice, python) as started:
            pdf, pages = started.lay_out(docx, len(headings))
    return fill_pages(docx, [token.format(n=n) for n in range(len(headings))], pages), pdf


def fill_pages(docx: bytes, tokens: list[str], pages: list[str]) -> bytes:
    """The .docx with each token (a contents entry's page) replaced by its page: only
    word/document.xml changes."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        body = source.read("word/document.xml")
        for token, page in zip(tokens, pages, strict=True):
            body = body.replace(f">{token}<".encode(), f">{escape_text(page)}<".encode(), 1)
        parts = [
            (info.filename, body if info.filename == "word/document.xml" else source.read(info))
            for info in source.infolist()
        ]
    return ooxml.zipped(parts)


def _converted_twice(
    render: Callable[[list[str] | str], tuple[bytes, list[str]]], soffice: str
) -> tuple[bytes, bytes]:
    """Without a UNO bridge: convert, read each heading's page back from the PDF, convert again
    with those pages (a third time only if they moved)."""
    pdftotext = _pdftotext()
    _, headings = render(PLACEHOLDER_PAGE)
    pages = [PLACEHOLDER_PAGE] * len(headings)
    for _ in range(MAX_PASSES):
        docx, _ = render(pages)
        pdf = convert(docx, soffice)
        found = heading_pages(page_texts(pdf, pdftotext), headings)
        if found is None:
            raise PdfProblem(words("pdf_headings_lost"))
        if [str(n) for n in found] == pages:
            return docx, pdf
        pages = [str(n) for n in found]
    docx, _ = render(pages)
    return docx, convert(docx, soffice)
