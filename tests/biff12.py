"""A minimal .xlsb writer (BIFF12 records) for tests: one sheet of numbers and strings.

No Python library writes .xlsb and LibreOffice only reads it, so the tests make their own from the
records MS-XLSB describes: BrtBundleSh in xl/workbook.bin; BrtRowHdr, BrtCellReal and BrtCellSt in
the sheet.
"""

from __future__ import annotations

import io
import struct
import zipfile

RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>'
)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _record(kind: int, body: bytes = b"") -> bytes:
    return _varint(kind) + _varint(len(body)) + body


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb(cells: list[tuple[int, int, float | str]], sheet: str = "Hoja") -> bytes:
    """A workbook whose one sheet holds the given (row, column, value) cells, 0-based."""
    book = (
        _record(0x83)
        + _record(0x8F)
        + _record(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet))
        + _record(0x90)
        + _record(0x84)
    )
    rows: dict[int, list[tuple[int, float | str]]] = {}
    for r, c, v in cells:
        rows.setdefault(r, []).append((c, v))
    last_row, last_col = max(r for r, _, _ in cells), max(c for _, c, _ in cells)
    data = _record(0x81) + _record(0x94, struct.pack("<IIII", 0, last_row, 0, last_col)) + _record(0x91)
    for r in sorted(rows):
        data += _record(0x00, struct.pack("<IIH", r, 0, 300) + bytes(15))
        for c, v in sorted(rows[r], key=lambda cell: cell[0]):
            if isinstance(v, str):
                data += _record(0x06, struct.pack("<II", c, 0) + _wide(v))
            else:
                data += _record(0x05, struct.pack("<IId", c, 0, v))
    data += _record(0x92) + _record(0x82)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.bin", book)
        archive.writestr("xl/_rels/workbook.bin.rels", RELS)
        archive.writestr("xl/worksheets/sheet1.bin", data)
    return out.getvalue()
