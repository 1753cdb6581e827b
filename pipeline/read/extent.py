"""The used range of each sheet, measured on the XML before the workbook is opened.

python-calamine allocates a sheet as one dense rectangle from its first to its last filled cell, so
two filled cells at A1 and XFD1048576 ask for hundreds of gigabytes and abort the process. This
module streams the sheet XML of .xlsx/.xlsm and .ods files, and the BIFF records of legacy .xls
files, and refuses a sheet whose filled cells span more than the limits, before calamine sees it.
(.xlsb sheets are measured from their BIFF12 row and cell records.)

How an .xlsx sheet is measured is pipeline.read.xlsx_extent's business; every XML part of the
package is measured, since the workbook's relationships may put a sheet anywhere.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from typing import IO

from lxml import etree

from pipeline.errors import InputError, words
from pipeline.read.xlsx_extent import Damaged, Irregular, measure, measure_exact, part_name, sheet_parts

MAX_DECODED_CHARS = 50_000_000  # text all cells of a workbook hold once read (a shared string counts per use)
_STRING_CELL = re.compile(
    rb"<(?:[\w.\-]+:)?c\b[^>]*?\bt\s*=\s*[\"']s[\"'][^>]*>\s*<(?:[\w.\-]+:)?v>\s*(\d+)\s*<"
)


class TooMuchText(Exception):
    """A workbook whose cells would hold more text than MAX_DECODED_CHARS once read."""

    def __init__(self, chars: int) -> None:
        super().__init__(chars)
        self.chars = chars


def _shared_string_text(archive: zipfile.ZipFile, sheets: list[str]) -> int:
    """The text the shared-string cells of the given sheets hold once read: each string's length
    times the cells that use it (a 0.5 MB file can make 99,000 cells of one 32,000-character string)."""
    table = next((n for n in archive.namelist() if n.lower().endswith("sharedstrings.xml")), None)
    if table is None:
        return 0
    lengths: list[int] = []
    with archive.open(table) as member:
        for _, si in etree.iterparse(member, events=("end",), tag="{*}si", resolve_entities=False,
                                     no_network=True, huge_tree=True):  # fmt: skip
            lengths.append(sum(len(t.text or "") for t in si.iter("{*}t")))
            si.clear()
    if not lengths or max(lengths) * 2_000_000 <= MAX_DECODED_CHARS:
        return 0  # no cell limit's worth of uses of the longest string could reach the budget
    total = 0
    for name in sheets:
        with archive.open(name) as member:
            tail = b""
            while chunk := member.read(4 * 2**20):
                data = tail + chunk
                cut = data.rfind(b"<")
                data, tail = data[:cut], data[cut:]
                for m in _STRING_CELL.finditer(data):
                    index = int(m.group(1))
                    total += lengths[index] if index < len(lengths) else 0
                if total > MAX_DECODED_CHARS:
                    return total
    return total


def _local_name(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _by_local(element: etree._Element, name: str) -> str | None:
    """An attribute by its local name, in whatever namespace it was written."""
    return next((value for key, value in element.attrib.items() if _local_name(key) == name), None)


def _count(value: str | None) -> int:
    """A repeat count as the reader takes it: a whole number, 1 when absent or unreadable."""
    return int(value) if value and value.strip().isdigit() else 1


def _ods_extents(member: IO[bytes]) -> dict[str, tuple[int, int]]:
    """Per sheet, (rows, columns) up to the last filled cell, repeats counted."""
    extents: dict[str, tuple[int, int]] = {}
    sheet, row, col, rows, cols, row_filled = "", 0, 0, 0, 0, False
    row_chars = chars = 0
    for event, el in etree.iterparse(
        member, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=True
    ):
        tag = _local_name(el.tag)  # by local name: the reader ignores the namespace a writer declares
        if event == "start" and tag == "table":
            sheet, row, rows, cols = _by_local(el, "name") or "", 0, 0, 0
        elif event == "start" and tag == "table-row":
            col, row_filled, row_chars = 0, False, 0
        elif event == "end" and tag in ("table-cell", "covered-table-cell"):
            repeat = _count(_by_local(el, "number-columns-repeated"))
            if _by_local(el, "value-type") or len(el):
                cols, row_filled = max(cols, col + repeat), True
                row_chars += len("".join(el.itertext())) * repeat
            col += repeat
            el.clear()
        elif event == "end" and tag == "table-row":
            repeat = _count(_by_local(el, "number-rows-repeated"))
            chars += row_chars * repeat
            if chars > MAX_DECODED_CHARS:
                raise TooMuchText(chars)
            row += repeat
            if row_filled:
                rows = row
            el.clear()
        elif event == "end" and tag == "table":
            extents[sheet] = (rows, cols)
            el.clear()
    return extents


_XLSB_VALUES = {0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B}  # BrtCellRk … BrtFmlaError
_XLSB_ROW, _XLSB_END_DATA = 0x0000, 0x0092  # BrtRowHdr, BrtEndSheetData


def _varint(data: bytes, pos: int, most: int) -> tuple[int, int]:
    value = shift = 0
    for _ in range(most):
        if pos >= len(data):
            raise Damaged("a record is cut short")
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
        body, pos = data[pos : pos + size], pos + size
        if kind == _XLSB_ROW and len(body) >= 4:
            row = struct.unpack_from("<I", body)[0]
        elif kind in _XLSB_VALUES and len(body) >= 4:
            col = struct.unpack_from("<I", body)[0]
            bounds = (
                [row, row, col, col]
                if bounds is None
                else [min(bounds[0], row), max(bounds[1], row), min(bounds[2], col), max(bounds[3], col)]
            )
        elif kind == _XLSB_END_DATA:
            break
    if bounds is None:
        return 0, 0
    return bounds[1] - bounds[0] + 1, bounds[3] - bounds[2] + 1


def _xlsb_sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Member name → sheet name, from BrtBundleSh records and the workbook's relationship targets."""
    try:
        book = archive.read("xl/workbook.bin")
        rels = etree.fromstring(
            archive.read("xl/_rels/workbook.bin.rels"), etree.XMLParser(resolve_entities=False)
        )
    except (KeyError, etree.XMLSyntaxError):
        return {}
    targets = {r.get("Id"): part_name(r.get("Target") or "") for r in rels}
    names: dict[str, str] = {}
    pos = 0
    try:
        while pos < len(book):
            kind, pos = _varint(book, pos, 2)
            size, pos = _varint(book, pos, 4)
            body, pos = book[pos : pos + size], pos + size
            if kind == 0x009C and len(body) >= 12:  # BrtBundleSh: state, tab id, relation id, name
                rel_len = struct.unpack_from("<I", body, 8)[0]
                rel_id = body[12 : 12 + 2 * rel_len].decode("utf-16-le", errors="replace")
                at = 12 + 2 * rel_len
                name_len = struct.unpack_from("<I", body, at)[0] if len(body) >= at + 4 else 0
                name = body[at + 4 : at + 4 + 2 * name_len].decode("utf-16-le", errors="replace")
                names[targets.get(rel_id, "")] = name
            elif kind == 0x0090:  # BrtEndBundleShs
                break
    except (Damaged, struct.error):
        return names
    return names


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
    return xls_stream_extents(data)


def xls_stream_extents(data: bytes) -> dict[str, tuple[int, int]]:
    """Per sheet of a .xls Workbook stream, (rows, columns) spanned by the cells that hold a value."""
    sheets: list[tuple[str, int]] = []  # (name, stream position of its BOF), as BOUNDSHEET records give them
    pos = 0
    while pos + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, pos)
        body = data[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if kind == _BIFF_BOUNDSHEET and len(body) >= 8:
            length, high = body[6], body[7] & 1
            raw = body[8 : 8 + length * (2 if high else 1)]
            sheets.append((raw.decode("utf-16-le" if high else "latin-1", errors="replace"),
                           struct.unpack_from("<I", body)[0]))  # fmt: skip
        elif kind == _BIFF_EOF:
            break  # the end of the workbook globals
    # Each sheet is measured where the reader reads it: from the position its BOUNDSHEET gives, so a
    # sheet stored anywhere in the stream (inside another record's body, say) is measured too.
    return {name: _xls_sheet_extent(data, start) for name, start in sheets}


def _xls_sheet_extent(data: bytes, pos: int) -> tuple[int, int]:
    """(rows, columns) spanned by a .xls sheet's value cells, read from its BOF to its EOF."""
    bounds: list[int | None] = [None, None, None, None]  # min row, max row, min col, max col
    while pos + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, pos)
        body = data[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if kind == _BIFF_EOF:
            break
        if (kind in _BIFF_CELLS or kind == _BIFF_MULRK) and len(body) >= 4:
            row, first = struct.unpack_from("<HH", body)
            last = struct.unpack_from("<H", body, len(body) - 2)[0] if kind == _BIFF_MULRK else first
            bounds = [
                min(row, bounds[0] if bounds[0] is not None else row),
                max(row, bounds[1] or 0),
                min(first, bounds[2] if bounds[2] is not None else first),
                max(last, bounds[3] or 0),
            ]
    if bounds[0] is None or bounds[1] is None or bounds[2] is None or bounds[3] is None:
        return 0, 0
    return bounds[1] - bounds[0] + 1, bounds[3] - bounds[2] + 1


def check_extent(
    path: Path, name: str, *, max_rows: int, max_columns: int, max_cells: int, budget: int | None = None
) -> dict[str, list[str]]:
    """InputError naming the sheet when its filled cells span more than the limits.

    Returns, per sheet name, the cells (A1) whose formula has no saved result (.xlsx and .xlsm).
    """
    suffix = path.suffix.lower()
    uncached: dict[str, list[str]] = {}
    if suffix == ".xls":
        _refuse_large(_xls_extents(path), name, max_rows, max_columns, max_cells, budget)
        return uncached
    if suffix not in (".xlsx", ".xlsm", ".xltx", ".xltm", ".xlsb", ".ods"):
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
                names = sheet_parts(archive)
                sheets = [n for n in names if n in archive.namelist()]
                if (chars := _shared_string_text(archive, sheets)) > MAX_DECODED_CHARS:
                    raise TooMuchText(chars)
                for info in archive.infolist():  # every XML part: a sheet may be stored anywhere
                    if info.filename in names or info.filename.lower().endswith(".xml"):
                        sheet = names.get(info.filename, info.filename.rsplit("/", 1)[-1])
                        try:
                            with archive.open(info) as member:
                                extents[sheet] = measure(member, uncached.setdefault(sheet, []))
                        except Irregular:
                            uncached[sheet] = []
                            with archive.open(info) as member:
                                extents[sheet] = measure_exact(
                                    member, uncached[sheet], (max_rows, max_columns, max_cells)
                                )
    except zipfile.BadZipFile:
        return uncached  # not a zip (e.g. an encrypted package): the reader says what it is
    except TooMuchText as exc:
        raise InputError(
            name,
            words("err_decoded_chars", chars=exc.chars, limit=MAX_DECODED_CHARS),
            hint=words("err_decoded_hint"),
        ) from None
    except (etree.XMLSyntaxError, Damaged) as exc:
        raise InputError(
            name, words("err_sheet_xml", detail=str(exc)), hint=words("err_save_from_office")
        ) from None
    _refuse_large(extents, name, max_rows, max_columns, max_cells, budget)
    return {sheet: refs for sheet, refs in uncached.items() if refs}


def _refuse_large(
    extents: dict[str, tuple[int, int]],
    name: str,
    max_rows: int,
    max_columns: int,
    max_cells: int,
    budget: int | None = None,
) -> None:
    for sheet, (rows, cols) in extents.items():
        if rows > max_rows or cols > max_columns or rows * cols > max_cells:
            raise InputError(
                name,
                words(
                    "err_span",
                    rows=rows,
                    columns=cols,
                    max_rows=max_rows,
                    max_columns=max_columns,
                    max_cells=max_cells,
                ),
                sheet=sheet,
                hint=words("err_stray_cells"),
            )
    total = sum(rows * cols for rows, cols in extents.values())
    left = max_cells if budget is None else budget  # what is left of the mission's cells, all sheets
    if total > left:
        raise InputError(
            name,
            words("err_span_all", total=total, max_cells=max_cells, left=left),
            hint=words("err_split_captures"),
        )
