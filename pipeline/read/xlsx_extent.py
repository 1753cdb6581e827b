"""Measuring an .xlsx sheet's filled cells from its XML, before the workbook reader opens it.

A sheet is first scanned as bytes, which is fast and exact as long as every filled cell shows its
place the way writers save it (`<c r="B7" …>`). A sheet where one does not (no `r`, single quotes,
a character reference, …: forms the reader accepts) is parsed as XML instead (`measure_exact`),
and its cells placed as the reader places them. `sheet_parts` finds sheets through the workbook's
relationships, wherever the package stores them.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from lxml import etree

from pipeline.refs import column_letter, column_number

_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class Damaged(ValueError):
    """A sheet's XML (or a binary sheet's records) that cannot be measured."""


_P = rb"(?:[A-Za-z_][\w.\-]*:)?"  # a namespace prefix, which some writers put on every tag (`<x:c>`)
_START = re.compile(rb"<" + _P + rb"(?:c|row)[\s/>]")  # where a cell or row start tag begins
_PREFIXED = re.compile(rb":c[\s/>]")  # a sheet (chunk) that may hold prefixed cell tags


@dataclass(frozen=True)
class _Scan:
    """The byte patterns of one way of writing cell tags: plain (`<c>`) or with any prefix (`<x:c>`)."""

    filled: re.Pattern[bytes]  # a filled cell as writers save it: `r="B7"` first, double quotes only
    any_filled: re.Pattern[bytes]  # any filled cell, however written
    two_refs: re.Pattern[bytes]  # a cell tag with two `r` attributes
    cell: re.Pattern[bytes]  # a cell: attributes, end, content
    formula: re.Pattern[bytes]
    value: re.Pattern[bytes]  # a saved result that is not empty


def _scan(prefix: bytes) -> _Scan:
    c, not_closed = prefix + rb"c", rb"(?!</" + prefix + rb"c>)"
    return _Scan(
        filled=re.compile(rb"<" + c + rb'\s+r="([A-Za-z]+)([0-9]+)"[^>\']*(?<!/)>' + not_closed),
        any_filled=re.compile(rb"<" + c + rb"(?=[\s>])[^>]*(?<!/)>" + not_closed),
        two_refs=re.compile(rb"<" + c + rb"(?=\s)[^>]*[\s:]r\s*=[^>]*[\s:]r\s*="),
        cell=re.compile(rb"<" + c + rb"\b([^>]*?)(/>|>(.*?)</" + c + rb">)", re.S),
        formula=re.compile(rb"<" + prefix + rb"f[\s/>]"),
        value=re.compile(rb"<" + prefix + rb"v>[^<]"),
    )


_PLAIN, _ANY_PREFIX = _scan(b""), _scan(_P)
_REF = re.compile(rb'\br="([A-Za-z]+)([0-9]+)"')
_CELL_REF = re.compile(r"\s*([A-Za-z]+)([0-9]+)\s*")
CHUNK_BYTES = 4 * 1024 * 1024


class Irregular(Exception):  # a signal between two functions here, not an error
    """A sheet the byte scan cannot place every filled cell of (no `r`, or one written unusually)."""


def _last_start(buffer: bytes) -> int:
    """Where the last cell or row start tag (prefixed or not) begins, or -1; looked for from the end."""
    window = 4096
    while True:
        start = max(0, len(buffer) - window)
        if starts := [m.start() for m in _START.finditer(buffer, start)]:
            return starts[-1]
        if start == 0:
            return -1
        window *= 8


def _chunks(member: IO[bytes]) -> Iterator[bytes]:
    """The sheet XML in pieces of about 4 MB, each cut before its last cell or row start tag, so
    every tag (and every cell) in a piece is whole."""
    tail = b""
    while True:
        chunk = member.read(CHUNK_BYTES)
        buffer = tail + chunk
        cut = _last_start(buffer) if chunk else -1
        whole, tail = (buffer[:cut], buffer[cut:]) if cut >= 0 else (buffer, b"")
        yield whole
        if not chunk:
            return
        if len(tail) > CHUNK_BYTES * 4:  # no cell closes: not a sheet we can measure
            raise Damaged("a cell does not close")


def measure(member: IO[bytes], uncached: list[str]) -> tuple[int, int]:
    """(rows, columns) spanned by the cells that hold something (`<c>` with content), read as bytes.

    Cells with a formula (`<f>`) but no saved result (a non-empty `<v>`) are added to `uncached`.
    Every filled cell must show its place as writers save it (`<c r="B7" …>`); raises Irregular
    at the first chunk where one does not, or where a cell names its place twice.
    """
    rows: set[bytes] = set()
    columns: set[bytes] = set()
    for whole in _chunks(member):
        scan = _ANY_PREFIX if _PREFIXED.search(whole) else _PLAIN
        found = scan.filled.findall(whole)
        if len(found) != len(scan.any_filled.findall(whole)) or scan.two_refs.search(whole):
            raise Irregular
        if found:
            found_columns, found_rows = zip(*found, strict=True)
            columns.update(found_columns)
            rows.update(found_rows)
        if (b"<f" in whole or b":f" in whole) and scan.formula.search(whole):  # bytes first: most have none
            _uncached_formulas(scan, whole, uncached)
    if not rows:
        return 0, 0
    numbers = [int(r) for r in rows]
    indexes = [column_number(c.decode().upper()) for c in columns]
    return max(numbers) - min(numbers) + 1, max(indexes) - min(indexes) + 1


def _uncached_formulas(scan: _Scan, xml: bytes, uncached: list[str]) -> None:
    for m in scan.cell.finditer(xml):
        attrs, body = m.group(1), m.group(3)
        if (
            body
            and scan.formula.search(body)
            and not scan.value.search(body)
            and (ref := _REF.search(attrs)) is not None
        ):
            uncached.append((ref.group(1).upper() + ref.group(2)).decode())


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attribute(element: etree._Element, name: str) -> str | None:
    """An attribute by its local name, whatever namespace it was written in."""
    return next((v for k, v in element.attrib.items() if _local(k) == name), None)


def measure_exact(member: IO[bytes], uncached: list[str], limits: tuple[int, int, int]) -> tuple[int, int]:
    """Like measure, the sheet parsed as XML (any quoting, prefix or character reference) and
    each cell placed as the reader places it: at its reference, or else right of the cell before it,
    in its row (at the row's `r`, or below the row before).

    Stops as soon as the span passes `limits` (rows, columns, cells); Damaged when there are more
    filled cells than the cell limit inside it (cells written over one another), which would only
    cost time.
    """
    max_rows, max_columns, max_cells = limits
    row = column = filled = 0
    top = left = 2**62
    bottom = right = 0
    for event, element in etree.iterparse(
        member,
        events=("start", "end"),
        tag=("{*}row", "{*}c"),
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
    ):
        if _local(element.tag) == "row":
            if event == "start":
                number = element.get("r") or _attribute(element, "r")
                row, column = (int(number) if number and number.strip().isdigit() else row + 1), 0
            else:
                element.clear()
            continue
        if event == "start":
            ref = _CELL_REF.fullmatch(element.get("r") or _attribute(element, "r") or "")
            if ref:
                column, row = column_number(ref.group(1).upper()), int(ref.group(2))
            else:
                column += 1
            continue
        if len(element) or (element.text or "").strip():
            top, bottom, left, right = min(top, row), max(bottom, row), min(left, column), max(right, column)
            children = {_local(child.tag): (child.text or "") for child in element}
            if "f" in children and not children.get("v"):
                uncached.append(f"{column_letter(column - 1)}{row}")
            rows, columns = bottom - top + 1, right - left + 1
            if rows > max_rows or columns > max_columns or rows * columns > max_cells:
                break  # already too large: the rest cannot make it acceptable
            if (filled := filled + 1) > max_cells:
                raise Damaged(f"more than {max_cells:,} filled cells, written over one another")
        element.clear()
    return (bottom - top + 1, right - left + 1) if bottom else (0, 0)


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Member name → the sheet's name as the user sees it, for every sheet the workbook lists
    (its relationship targets resolved, wherever in the package they point)."""
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        book = etree.fromstring(archive.read("xl/workbook.xml"), etree.XMLParser(resolve_entities=False))
        rels = etree.fromstring(
            archive.read("xl/_rels/workbook.xml.rels"), etree.XMLParser(resolve_entities=False)
        )
    except (KeyError, etree.XMLSyntaxError):
        return {}
    targets = {r.get("Id"): part_name(r.get("Target") or "") for r in rels}
    return {
        targets[rid]: sheet.get("name", "")
        for sheet in book.iter(f"{_S}sheet")
        if (rid := sheet.get(f"{rel_ns}id")) in targets
    }


def part_name(target: str) -> str:
    """A relationship target of xl/workbook.xml as a member name ('/xl/a.xml', 'worksheets/b.xml')."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
