"""The draft's ZIP package: the archive `zipfile` writes, header for header, deflated by zlib-ng."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from pipeline.render import zip_writer
from pipeline.render.zip_writer import FIXED_TIME, PERMISSIONS, write_package

PARTS = [
    ("[Content_Types].xml", [b'<?xml version="1.0"?><Types/>']),
    ("word/document.xml", [b"<w:document><w:body>", b"<w:p/>" * 5000, b"", b"</w:body></w:document>"]),
    ("word/media/imagen_a\u00f1o.png", [bytes(range(256)) * 40]),  # a name that is not ASCII
    ("docProps/empty.xml", []),
]


def _zipfile_bytes(parts: list[tuple[str, list[bytes]]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, pieces in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = PERMISSIONS
            archive.writestr(info, b"".join(pieces))
    return out.getvalue()


def test_with_zlib_the_archive_is_byte_for_byte_what_zipfile_writes() -> None:
    assert write_package(PARTS, deflate=zlib) == _zipfile_bytes(PARTS)


def test_with_zlib_ng_every_part_reads_back_whole_in_order_with_its_crc() -> None:
    data = write_package(PARTS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every part's CRC checked
        assert [i.filename for i in archive.infolist()] == [name for name, _ in PARTS]
        for name, pieces in PARTS:
            assert archive.read(name) == b"".join(pieces), name
        info = archive.getinfo("word/media/imagen_a\u00f1o.png")
        assert info.flag_bits & 0x800 and info.date_time == FIXED_TIME and info.external_attr == PERMISSIONS
        assert archive.getinfo("word/document.xml").compress_size < 500  # deflated, not stored


def test_the_same_parts_make_the_same_bytes_however_they_are_cut() -> None:
    whole = [(name, [b"".join(pieces)]) for name, pieces in PARTS]
    assert write_package(PARTS) == write_package(whole)


def test_a_package_past_zip_limits_is_handed_to_zipfile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zip_writer, "_LIMIT", 1000)  # a 30 kB part stands for one near 2 GB
    data = write_package(PARTS)
    assert data == _zipfile_bytes(PARTS)  # zipfile's own bytes: it writes ZIP64 records where due
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
