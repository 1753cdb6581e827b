"""The vocabularies (en, es, fr, pt): header, area and note-section synonyms, months, draft labels."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pipeline.cache import parsed_toml
from pipeline.text import fold

Language = Literal["en", "es", "fr", "pt"]
LANGUAGES: tuple[Language, ...] = ("en", "es", "fr", "pt")
AREA_KEYS = ("legal", "strategic", "hr", "stakeholders", "compliance")
QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")


@dataclass(frozen=True)
class Evidence:
    """Every language's words by which a cell reads as an action ('Implement …', 'Elaboración de …')."""

    verbs: frozenset[str]  # folded verbs an action opens with ('implement', 'elaborar')
    infinitive_endings: tuple[str, ...]  # endings of an infinitive opening an action (es, fr, pt)
    noun_endings: tuple[str, ...]  # endings of an action noun ('implementation', 'elaboracion')
    linking: frozenset[str]  # words after an action noun ('of', 'de', 'du', 'da')
    units: frozenset[str]  # nouns that open a unit's name ('Dirección de …'): never an action
    priorities: frozenset[str]  # what a priority cell holds besides numbers ('High', 'Alta', 'Haute')
    top_priorities: frozenset[str]  # the highest of them: the plan's flagships


@dataclass(frozen=True)
class Vocabulary:
    """Synonyms of every language merged, folded for look-up; labels kept per language."""

    headers: dict[str, str]  # folded phrase → field, as the vocabularies spell them
    headers_exact: dict[str, str]  # folded phrase → field, matched only as a whole header
    marks: frozenset[str]  # what a work-plan cell holds to mark a period
    directions: dict[str, re.Pattern[str]]  # 'up'/'down' → words saying which way an indicator is good
    ordinals: frozenset[str]  # 'year', 'año' …: words of an ordinal period column ('Year 1')
    statements: dict[str, str]
    sections: dict[str, str]
    validated: frozenset[str]
    months: dict[str, int]
    areas: dict[str, tuple[str, ...]]
    prefixes: dict[
        str, frozenset[str]
    ]  # kind ('area', 'goal', 'objective', 'initiative', 'footnote') → words
    deferred: frozenset[str]
    range_words: tuple[str, ...]  # between a start and an end in one cell ('to', 'hasta', 'jusqu'à', 'até')
    baseline_words: frozenset[str]  # a baseline's label inside an indicator's text ('línea base 2023: 48')
    # [words] quarter, ordinal_suffixes, … of every language, folded, longest first
    reading: dict[str, tuple[str, ...]]
    abbreviations: dict[str, str]  # folded short form in an area label → what it stands for
    number_units: tuple[str, ...]  # after a figure ('48 h', '15 días'), as written, longest first
    word_styles: dict[str, tuple[str, ...]]  # a built-in style → Word's names for it in other languages
    date_words: tuple[
        str, ...
    ]  # folded words before a date in free text ('durante', 'courant'), longest first
    labels: dict[str, dict[str, str]]
    export: dict[str, dict[str, str]]  # language → the words of the workbook `export` writes
    kit: dict[str, dict[str, str]]  # language → the words of the capture kit `init` writes
    counts: dict[str, dict[str, dict[str, str]]]  # language → noun → plural category → '{n} …'
    fields: dict[str, dict[str, str]]  # language → plan field → what --explain calls it
    grammar: dict[str, dict[str, Any]]  # language → its [grammar] table (articles of a name)
    messages: dict[str, dict[str, str | dict[str, str]]]  # a message by plural category is a table
    evidence: Evidence  # the words by which a column's content reads as actions

    def area_name(self, key: str, language: Language) -> str:
        """The official name of a default area in one language."""
        return str(_load(language)["areas"][key][0])


READING_WORDS = (
    "quarter", "ordinal_suffixes", "date_joiners", "alternatives", "note_prefix", "number_signs",
    "area_prefixes", "stop_words", "conjunctions",
)  # fmt: skip


def alternation(words: tuple[str, ...]) -> str:
    """A regular expression matching any of the words (escaped; give them longest first)."""
    return "|".join(re.escape(w) for w in words)


@cache
def _load(language: Language | Literal["common"]) -> dict[str, Any]:
    source = resources.files(__package__).joinpath(f"{language}.toml")
    if isinstance(source, Path):  # a folder on disk (an installed or editable package): kept parsed
        return parsed_toml(source)
    return tomllib.loads(source.read_text("utf-8"))


def _index(tables: list[dict[str, list[str]]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for table in tables:
        for field, words in table.items():
            for word in words:
                index.setdefault(fold(word), field)
    return index


def _typeset(language: str, texts: dict[str, Any]) -> dict[str, Any]:
    """The fixed texts with the language's typography (French spacing before : ; ? ! and in « »)."""
    if language != "fr":
        return texts
    from pipeline.grammar import french_spacing

    return {
        key: french_spacing(text)
        if isinstance(text, str)
        else {k: french_spacing(v) for k, v in text.items()}
        for key, text in texts.items()
    }


@cache
def vocabulary() -> Vocabulary:
    """Load the vocabularies (one a language, and the common words) once; look-ups take the folded
    form of a label."""
    data = [_load(lang) for lang in LANGUAGES]
    months: dict[str, int] = {}
    for d in data:
        for key in ("names", "short"):
            for number, name in enumerate(d["months"][key], start=1):
                months[fold(name)] = number
    areas = {key: tuple(dict.fromkeys(name for d in data for name in d["areas"][key])) for key in AREA_KEYS}
    common = _load("common")
    return Vocabulary(
        headers=_index([d["headers"] for d in data]),
        headers_exact=_index([d["headers_exact"] for d in data]),
        marks=frozenset(fold(m) or m for m in common["marks"]["yes"]),
        ordinals=frozenset(fold(w) for w in common["periods"]["ordinal"]),
        directions={
            way: re.compile(r"\b(" + "|".join(words) + r")\b") for way, words in common["directions"].items()
        },
        statements=_index([d["statements"] for d in data]),
        sections=_index([d["sections"] for d in data]),
        validated=frozenset(fold(w) for d in data for w in d["validated_words"]["yes"]),
        months=months,
        areas=areas,
        prefixes={
            kind: frozenset(fold(w) for d in data for w in d["prefixes"][kind])
            for kind in data[0]["prefixes"]
        },
        deferred=frozenset(fold(w) for d in data for w in d["words"]["deferred"]),
        range_words=tuple(dict.fromkeys(w for d in data for w in d["words"]["range"])),
        baseline_words=frozenset(fold(w) for d in data for w in d["words"]["baseline"]),
        abbreviations={fold(k): fold(v) for d in data for k, v in d["words"]["abbreviations"].items()},
        word_styles={name: tuple(names) for name, names in common["word_styles"].items()},
        number_units=tuple(
            sorted({w for d in data for w in d["words"]["number_units"]}, key=lambda w: (-len(w), w))
        ),
        reading={
            key: tuple(sorted({fold(w) for d in data for w in d["words"][key]}, key=lambda w: (-len(w), w)))
            for key in READING_WORDS
        },
        date_words=tuple(
            sorted({fold(w) for d in data for w in d["words"]["date_words"]}, key=lambda w: (-len(w), w))
        ),
        labels={
            lang: _typeset(lang, {**d["labels"], "no_area": d["words"]["no_area"]})
            for lang, d in zip(LANGUAGES, data, strict=True)
        },
        export={lang: d["export"] for lang, d in zip(LANGUAGES, data, strict=True)},
        counts={lang: d["counts"] for lang, d in zip(LANGUAGES, data, strict=True)},
        fields={lang: d["fields"] for lang, d in zip(LANGUAGES, data, strict=True)},
        grammar={lang: d["grammar"] for lang, d in zip(LANGUAGES, data, strict=True)},
        kit={lang: d["kit"] for lang, d in zip(LANGUAGES, data, strict=True)},
        messages={lang: _typeset(lang, d["messages"]) for lang, d in zip(LANGUAGES, data, strict=True)},
        evidence=Evidence(
            verbs=frozenset(fold(w) for d in data for w in d["evidence"]["verbs"]),
            infinitive_endings=tuple(
                dict.fromkeys(e for d in data for e in d["evidence"].get("infinitive_endings", ()))
            ),
            noun_endings=tuple(dict.fromkeys(e for d in data for e in d["evidence"]["noun_endings"])),
            linking=frozenset(w for d in data for w in d["evidence"]["linking"]),
            units=frozenset(fold(w) for d in data for w in d["evidence"]["units"]),
            priorities=frozenset(fold(w) for d in data for w in d["evidence"]["priorities"]),
            top_priorities=frozenset(fold(w) for d in data for w in d["evidence"]["top_priorities"]),
        ),
    )


@cache
def plan_fields() -> frozenset[str]:
    """Every field a column can be read as (what `[columns]` in mission.toml may name)."""
    return frozenset(
        name for lang in LANGUAGES for table in ("headers", "headers_exact") for name in _load(lang)[table]
    )
