"""The cache (pipeline.cache) changes how long a run takes, never what it writes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import EXAMPLE

from pipeline import cache
from pipeline.build import DraftOptions, build
from pipeline.render.house_style import build_default_template


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("PLAN_DRAFT_CACHE", str(where))
    return where


def test_a_parsed_toml_is_kept_and_read_back(tmp_path: Path, folder: Path) -> None:
    source = tmp_path / "words.toml"
    source.write_text('[headers]\nobjective = ["Objetivo", "Objectif"]\n', "utf-8")
    first = cache.parsed_toml(source)
    assert first == tomllib.loads(source.read_text("utf-8"))
    assert len(list((folder / "toml").glob("words-*.marshal"))) == 1
    assert cache.parsed_toml(source) == first


def test_a_changed_toml_is_parsed_again(tmp_path: Path, folder: Path) -> None:
    source = tmp_path / "words.toml"
    source.write_text('[headers]\nobjective = ["Objetivo"]\n', "utf-8")
    cache.parsed_toml(source)
    source.write_text('[headers]\nobjective = ["Objetivo", "Meta"]\n', "utf-8")
    assert cache.parsed_toml(source) == {"headers": {"objective": ["Objetivo", "Meta"]}}


def test_a_damaged_entry_is_made_again(tmp_path: Path, folder: Path) -> None:
    source = tmp_path / "words.toml"
    source.write_text('a = "b"\n', "utf-8")
    cache.parsed_toml(source)
    (entry,) = (folder / "toml").glob("words-*.marshal")
    entry.write_bytes(b"\x00not marshal")
    assert cache.parsed_toml(source) == {"a": "b"}
    entry.write_bytes(entry.read_bytes()[:10])  # cut short, as by a full disk
    assert cache.parsed_toml(source) == {"a": "b"}


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    monkeypatch.setenv("PLAN_DRAFT_CACHE", str(blocked))
    source = tmp_path / "words.toml"
    source.write_text('a = "b"\n', "utf-8")
    assert cache.parsed_toml(source) == {"a": "b"}
    assert cache.made_bytes("thing", lambda: b"made") == b"made"


def test_off_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAN_DRAFT_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    source = tmp_path / "words.toml"
    source.write_text('a = "b"\n', "utf-8")
    assert cache.parsed_toml(source) == {"a": "b"}
    assert cache.made_bytes("thing", lambda: b"made") == b"made"
    assert not (tmp_path / "xdg").exists()


def test_made_bytes_are_made_again_when_the_code_changes(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        return b"template"

    assert cache.made_bytes("thing", make) == b"template"
    assert cache.made_bytes("thing", make) == b"template"
    assert len(made) == 1
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: ("another", "version"))
    assert cache.made_bytes("thing", make) == b"template"
    assert len(made) == 2


def test_the_kept_default_template_is_the_built_one(folder: Path) -> None:
    assert cache.made_bytes("default-template", build_default_template) == build_default_template()
    assert cache.made_bytes("default-template", build_default_template) == build_default_template()


def test_a_draft_is_the_same_with_the_cache_cold_warm_and_off(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drafts = []
    for n, setting in enumerate((str(folder), str(folder), "off")):  # cold, warm, off
        monkeypatch.setenv("PLAN_DRAFT_CACHE", setting)
        build(EXAMPLE, tmp_path / f"out{n}", DraftOptions())
        drafts.append((tmp_path / f"out{n}" / "draft.docx").read_bytes())
    assert drafts[0] == drafts[1] == drafts[2]
    assert list((folder / "made").glob("default-template-*.marshal"))


def test_an_entry_made_again_replaces_the_one_it_supersedes(tmp_path: Path, folder: Path) -> None:
    source = tmp_path / "words.toml"
    for n in range(3):  # a vocabulary edited twice: one entry left, for the file as it is now
        source.write_text(f'a = "{"b" * (n + 1)}"\n', "utf-8")
        cache.parsed_toml(source)
    (entry,) = (folder / "toml").glob("words-*.marshal")
    assert cache.parsed_toml(source) == {"a": "bbb"}
    other = tmp_path / "words-extra.toml"  # another name that starts alike is not an older version
    other.write_text('c = "d"\n', "utf-8")
    cache.parsed_toml(other)
    assert entry.is_file() and len(list((folder / "toml").iterdir())) == 2
