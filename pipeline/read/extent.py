"""The used range of each sheet, measured on the XML before the workbook is opened.

python-calamine allocates a sheet as one dense rectangle from its first to its last filled cell, so
two filled cells at A1 and XFD1048576 ask for hundreds of gigabytes and abort the process. This
module streams the sheet XML of .xlsx/.xlsm and .ods files, and the BIFF records of legacy .xls
files, and refuses a sheet whose filled cells span more than the limits, before calamine sees it.
(.xlsb sheets are measured from their BIFF12 row and cell records.)

An .xlsx sheet is first scanned as bytes, which is fast and exact as long as every filled cell
shows its place the way writers save it (`<c r="B7" …>`). A sheet where one does not (no `r`,
single quotes, a character reference, …: forms the reader accepts) is parsed as XML instead, and
its cells placed as the reader places them. Every XML part of the package is measured, since the
workbook's relationships may put a sheet anywhere.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from pipeline.errors import InputError
from pipeline.read.refs import column_letter, column_number

_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


class _Damaged(ValueError):
    """A sheet's XML that cannot be measured."""


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
        value=re.compile(rb"<" + prefix + rb"v>[^<]"))


_PLAIN, _ANY_PREFIX = _scan(b""), _scan(_P)
_REF = re.compile(rb'\br="([A-Za-z]+)([0-9]+)"')
_CELL_REF = re.compile(r"\s*([A-Za-z]+)([0-9]+)\s*")
_CHUNK_BYTES = 4 * 1024 * 1024


class _Irregular(Exception):  # a signal between two functions here, not an error
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
        chunk = member.read(_CHUNK_BYTES)
        buffer = tail + chunk
        cut = _last_start(buffer) if chunk else -1
        whole, tail = (buffer[:cut], buffer[cut:]) if cut >= 0 else (buffer, b"")
        yield whole
        if not chunk:
            return
        if len(tail) > _CHUNK_BYTES * 4:  # no cell closes: not a sheet we can measure
            raise _Damaged("a cell does not close")


def _xlsx_extent(member: IO[bytes], uncached: list[str]) -> tuple[int, int]:
    """(rows, columns) spanned by the cells that hold something (`<c>` with content), read as bytes.

    Cells with a formula (`<f>`) but no saved result (a non-empty `<v>`) are added to `uncached`.
    Every filled cell must show its place as writers save it (`<c r="B7" …>`); raises _Irregular
    at the first chunk where one does not, or where a cell names its place twice.
    """
    rows: set[bytes] = set()
    columns: set[bytes] = set()
    for whole in _chunks(member):
        scan = _ANY_PREFIX if _PREFIXED.search(whole) else _PLAIN
        found = scan.filled.findall(whole)
        if len(found) != len(scan.any_filled.findall(whole)) or scan.two_refs.search(whole):
            raise _Irregular
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
        if (body and scan.formula.search(body) and not scan.value.search(body)
                and (ref := _REF.search(attrs)) is not None):
            uncached.append((ref.group(1).upper() + ref.group(2)).decode())


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attribute(element: etree._Element, name: str) -> str | None:
    """An attribute by its local name, whatever namespace it was written in."""
    return next((v for k, v in element.attrib.items() if _local(k) == name), None)


def _xlsx_extent_exact(member: IO[bytes], uncached: list[str],
                       limits: tuple[int, int, int]) -> tuple[int, int]:
    """Like _xlsx_extent, the sheet parsed as XML (any quoting, prefix or character reference) and
    each cell placed as the reader places it: at its reference, or else right of the cell before it,
    in its row (at the row's `r`, or below the row before).

    Stops as soon as the span passes `limits` (rows, columns, cells); _Damaged when there are more
    filled cells than the cell limit inside it (cells written over one another), which would only
    cost time.
    """
    max_rows, max_columns, max_cells = limits
    row = column = filled = 0
    top = left = 2**62
    bottom = right = 0
    for event, element in etree.iterparse(member, events=("start", "end"), tag=("{*}row", "{*}c"),
                                          resolve_entities=False, no_network=True, huge_tree=True):
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
                raise _Damaged(f"more than {max_cells:,} filled cells, written over one another")
        element.clear()
    return (bottom - top + 1, right - left + 1) if bottom else (0, 0)


def _ods_extents(member: IO[bytes]) -> dict[str, tuple[int, int]]:
    """Per sheet, (rows, columns) up to the last filled cell, repeats counted."""
    extents: dict[str, tuple[int, int]] = {}
    sheet, row, col, rows, cols, row_filled = "", 0, 0, 0, 0, False
    for event, el in etree.iterparse(member, events=("start", "end"), resolve_entities=False,
                                     no_network=True):
        tag = el.tag
        if event == "start" and tag == f"{_TABLE}table":
            sheet, row, rows, cols = el.get(f"{_TABLE}name", ""), 0, 0, 0
        elif event == "start" and tag == f"{_TABLE}table-row":
            col, row_filled = 0, False
        elif event == "end" and tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            repeat = int(el.get(f"{_TABLE}number-columns-repeated", "1"))
            if el.get(f"{_OFFICE}value-type") or len(el):
                cols, row_filled = max(cols, col + repeat), True
            col += repeat
            el.clear()
        elif event == "end" and tag == f"{_TABLE}table-row":
            repeat = int(el.get(f"{_TABLE}number-rows-repeated", "1"))
            row += repeat
            if row_filled:
                rows = row
            el.clear()
        elif event == "end" and tag == f"{_TABLE}table":
            extents[sheet] = (rows, cols)
            el.clear()
    return extents


_XLSB_VALUES = {0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B}  # BrtCellRk … BrtFmlaError
_XLSB_ROW, _XLSB_END_DATA = 0x0000, 0x0092  # BrtRowHdr, BrtEndSheetData


def _varint(data: bytes, pos: int, most: int) -> tuple[int, int]:
    value = shift = 0
    for _ in range(most):
        if pos >= len(data):
            raise _Damaged("a record is cut short")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            break
    return value, pos


def _xlsb_extent(data: bytes) -> tuple[int, int]:
    """(rows, columns) spanned by the cells that hold a value, from a .xlsb sheet's BIFF12 records."""
    bounds: list[int] | None = None
    row = pos = 0
    while pos < len(data):
        kind, pos = _varint(data, pos, 2)
        size, pos = _varint(data, pos, 4)
        body, pos = data[pos:pos + size], pos + size
        if kind == _XLSB_ROW and len(body) >= 4:
            row = struct.unpack_from("<I", body)[0]
        elif kind in _XLSB_VALUES and len(body) >= 4:
            col = struct.unpack_from("<I", body)[0]
            bounds = [row, row, col, col] if bounds is None else [
                min(bounds[0], row), max(bounds[1], row), min(bounds[2], col), max(bounds[3], col)]
        elif kind == _XLSB_END_DATA:
            break
    if bounds is None:
        return 0, 0
    return bounds[1] - bounds[0] + 1, bounds[3] - bounds[2] + 1


def _xlsb_sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Member name → sheet name, from BrtBundleSh records and the workbook's relationship targets."""
    try:
        book = archive.read("xl/workbook.bin")
        rels = etree.fromstring(archive.read("xl/_rels/workbook.bin.rels"),
                                etree.XMLParser(resolve_entities=False))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    targets = {r.get("Id"): _part_name(r.get("Target") or "") for r in rels}
    names: dict[str, str] = {}
    pos = 0
    try:
        while pos < len(book):
            kind, pos = _varint(book, pos, 2)
            size, pos = _varint(book, pos, 4)
            body, pos = book[pos:pos + size], pos + size
            if kind == 0x009C and len(body) >= 12:  # BrtBundleSh: state, tab id, relation id, name
                rel_len = struct.unpack_from("<I", body, 8)[0]
                rel_id = body[12:12 + 2 * rel_len].decode("utf-16-le", errors="replace")
                at = 12 + 2 * rel_len
                name_len = struct.unpack_from("<I", body, at)[0] if len(body) >= at + 4 else 0
                name = body[at + 4:at + 4 + 2 * name_len].decode("utf-16-le", errors="replace")
                names[targets.get(rel_id, "")] = name
            elif kind == 0x0090:  # BrtEndBundleShs
                break
    except (_Damaged, struct.error):
        return names
    return names


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Member name → the sheet's name as the user sees it, for every sheet the workbook lists
    (its relationship targets resolved, wherever in the package they point)."""
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        book = etree.fromstring(archive.read("xl/workbook.xml"), etree.XMLParser(resolve_entities=False))
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"),
                                etree.XMLParser(resolve_entities=False))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    targets = {r.get("Id"): _part_name(r.get("Target") or "") for r in rels}
    return {targets[rid]: sheet.get("name", "") for sheet in book.iter(f"{_S}sheet")
            if (rid := sheet.get(f"{rel_ns}id")) in targets}


def _part_name(target: str) -> str:
    """A relationship target of xl/workbook.xml as a member name ('/xl/a.xml', 'worksheets/b.xml')."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


# BIFF8 records (legacy .xls) that hold a value, with the row and column as their first two words.
_BIFF_CELLS = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0205, 0x0204, 0x00D6}
_BIFF_MULRK, _BIFF_BOF, _BIFF_EOF, _BIFF_BOUNDSHEET = 0x00BD, 0x0809, 0x000A, 0x0085


def _xls_extents(path: Path) -> dict[str, tuple[int, int]]:
    """Per sheet of a legacy .xls, (rows, columns) spanned by the cells that hold a value."""
    import olefile  # imported here: only .xls files pay for it

    if not olefile.isOleFile(str(path)):
        return {}
    with olefile.OleFileIO(str(path)) as ole:
        stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
        if stream is None:
            return {}  # an encrypted OOXML package or another OLE file: the reader says what it is
        data = ole.openstream(stream).read()
    names: list[str] = []
    extents: dict[str, tuple[int, int]] = {}
    sheet, bounds = -1, [None, None, None, None]  # min row, max row, min col, max col
    pos = 0
    while pos + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, pos)
        body = data[pos + 4:pos + 4 + size]
        pos += 4 + size
        if kind == _BIFF_BOUNDSHEET and len(body) >= 8:
            length, high = body[6], body[7] & 1
            raw = body[8:8 + length * (2 if high else 1)]
            names.append(raw.decode("utf-16-le" if high else "latin-1", errors="replace"))
        elif kind == _BIFF_BOF:
            sheet, bounds = sheet + 1, [None, None, None, None]
        elif kind in _BIFF_CELLS or kind == _BIFF_MULRK:
            if len(body) < 4:
                continue
            row, first = struct.unpack_from("<HH", body)
            last = struct.unpack_from("<H", body, len(body) - 2)[0] if kind == _BIFF_MULRK else first
            bounds = [min(row, bounds[0] if bounds[0] is not None else row), max(row, bounds[1] or 0),
                      min(first, bounds[2] if bounds[2] is not None else first), max(last, bounds[3] or 0)]
        elif kind == _BIFF_EOF and sheet >= 1 and bounds[0] is not None:
            label = names[sheet - 1] if sheet - 1 < len(names) else f"sheet {sheet}"
            extents[label] = (bounds[1] - bounds[0] + 1, bounds[3] - bounds[2] + 1)
    return extents


def check_extent(path: Path, name: str, *, max_rows: int, max_columns: int,
                 max_cells: int) -> dict[str, list[str]]:
    """InputError naming the sheet when its filled cells span more than the limits.

    Returns, per sheet name, the cells (A1) whose formula has no saved result (.xlsx and .xlsm).
    """
    suffix = path.suffix.lower()
    uncached: dict[str, list[str]] = {}
    if suffix == ".xls":
        _refuse_large(_xls_extents(path), name, max_rows, max_columns, max_cells)
        return uncached
    if suffix not in (".xlsx", ".xlsm", ".xlsb", ".ods"):
        return uncached
    try:
        with zipfile.ZipFile(path) as archive:
            if suffix == ".xlsb":
                names = _xlsb_sheet_names(archive)
                extents = {}
                for info in archive.infolist():  # the sheets listed, wherever stored, and the usual places
                    if info.filename in names or re.fullmatch(r"xl/worksheets/[^/]+\.bin", info.filename):
                        part = info.filename.rsplit("/", 1)[-1]
                        extents[names.get(info.filename, part)] = _xlsb_extent(archive.read(info))
            elif suffix == ".ods":
                if "content.xml" not in archive.namelist():
                    return uncached
                with archive.open("content.xml") as member:
                    extents = _ods_extents(member)
            else:
                extents = {}
                names = _xlsx_sheet_parts(archive)
                for info in archive.infolist():  # every XML part: a sheet may be stored anywhere
                    if info.filename in names or info.filename.lower().endswith(".xml"):
                        sheet = names.get(info.filename, info.filename.rsplit("/", 1)[-1])
                        try:
                            with archive.open(info) as member:
                                extents[sheet] = _xlsx_extent(member, uncached.setdefault(sheet, []))
                        except _Irregular:
                            uncached[sheet] = []
                            with archive.open(info) as member:
                                extents[sheet] = _xlsx_extent_exact(member, uncached[sheet],
                                                                    (max_rows, max_columns, max_cells))
    except zipfile.BadZipFile:
        return uncached  # not a zip (e.g. an encrypted package): the reader says what it is
    except (etree.XMLSyntaxError, _Damaged) as exc:
        raise InputError(name, f"a sheet's XML is damaged: {exc}",
                         hint="save the workbook again from Excel or LibreOffice") from None
    _refuse_large(extents, name, max_rows, max_columns, max_cells)
    return {sheet: refs for sheet, refs in uncached.items() if refs}


def _refuse_large(extents: dict[str, tuple[int, int]], name: str, max_rows: int, max_columns: int,
                  max_cells: int) -> None:
    for sheet, (rows, cols) in extents.items():
        if rows > max_rows or cols > max_columns or rows * cols > max_cells:
            raise InputError(name, f"filled cells span {rows:,} rows × {cols:,} columns (limits: "
                             f"{max_rows:,} rows, {max_columns} columns, {max_cells:,} cells)",
                             sheet=sheet, hint="delete stray cells far from the tables, or split the sheet")
