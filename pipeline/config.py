"""`mission.toml` → MissionConfig: who, when, which language, which areas, which checks."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from pipeline.dates import period_years
from pipeline.errors import InputError, validation_problems
from pipeline.grammar import articles
from pipeline.messages import Say
from pipeline.model import CheckConfig, Period, Workshop
from pipeline.text import first_control, fold
from pipeline.vocab import AREA_KEYS, LANGUAGES, Language, plan_fields, vocabulary

OTHER = "other"  # the field of a column kept as notes without a finding

CONFIG_NAME = "mission.toml"
MAX_CONFIG_BYTES = 256 * 1024


class AreaConfig(BaseModel):
    """A key area: its name in the draft and the other names groups may use for it."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    key: str = Field(description="Stable key, e.g. 'hr'; derived from the name when omitted.")
    name: str = Field(description="Name shown in the draft.")
    aliases: tuple[str, ...] = Field((), description="Other names and abbreviations.")


class MissionConfig(BaseModel):
    """Everything `mission.toml` says about a mission."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    administration: str = Field(min_length=1, description="The customs administration.")
    administration_article: str | None = Field(
        None,
        description=(
            "The article its name takes in the plan's language (el, la, los, las · le, la, l', les · the, or "
            "'' for none); inferred from the name when not given."
        ),
    )
    country: str | None = Field(None, description="Its country.")
    period: Period = Field(description="Plan period, written '2012-2016'.")
    language: Language = Field("en", description="Language of the draft: en, es, fr or pt.")
    version: str = Field("0.1", description="Draft version shown on the cover.")
    date: dt.date | None = Field(None, description="Draft date on the cover.")
    workshop: Workshop = Field(default_factory=Workshop, description="When and where.")
    areas: tuple[AreaConfig, ...] = Field(description="Key areas, in the order of the draft.")
    areas_configured: bool = Field(
        False,
        description=(
            "Whether mission.toml lists the areas; when it does not, the five defaults stand in, or the "
            "areas the captures name when those match the defaults less well (set by the loader)."
        ),
    )
    columns: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "[columns]: header text → plan field, for headers no vocabulary knows; 'other' for columns "
            "kept as notes without a finding (the `ignore` list)."
        ),
    )
    checks: CheckConfig = Field(default_factory=CheckConfig, description="Check settings.")

    @field_validator("period", mode="before")
    @classmethod
    def _parse_period(cls, value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            years = period_years(value)
            if years is None:
                raise PydanticCustomError(
                    "period_form",
                    'write the period as years: "2012-2016", "2025", "2022/23" or "FY2022-FY2025"',
                )
            return {"start": years[0], "end": years[1]}
        return value


def write_toml(data: dict[str, Any], *, header: Sequence[str] = (), before_areas: Sequence[str] = ()) -> str:
    """mission.toml from its values (by tomli-w, the one writer `init` and `export` share): comment
    lines `header` at the top and `before_areas` above the `[[areas]]`, which come last.

    >>> print(write_toml({"administration": "Aduana" + chr(127), "period": "2012"}, header=["Hi"]), end="")
    # Hi
    administration = "Aduana\\u007f"
    period = "2012"
    """
    text = tomli_w.dumps({k: v for k, v in data.items() if v is not None and k != "areas"})
    comment = "".join(f"# {line}\n" if line else "#\n" for line in before_areas)
    areas = "".join(f"[[areas]]\n{tomli_w.dumps(area)}\n" for area in data.get("areas") or [])
    if comment or areas:  # each area as a [[areas]] table, as the README shows them, however short
        text += "\n" + comment + areas
    top = "".join(f"# {line}\n" if line else "#\n" for line in header)
    return top + text.rstrip("\n") + "\n"


def default_areas(language: Language) -> tuple[AreaConfig, ...]:
    """The five key areas of the WCO Columbus Programme, named in the draft's language."""
    vocab = vocabulary()
    return tuple(
        AreaConfig(key=key, name=vocab.area_name(key, language), aliases=vocab.areas[key])
        for key in AREA_KEYS
    )


def area_key(name: str, taken: set[str]) -> str:
    """A key for an area given by name only ('Trade facilitation' → 'trade-facilitation'), unique."""
    base = fold(name).replace(" ", "-")[:40] or "area"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def load_config(folder: Path) -> MissionConfig:
    """Read `mission.toml` in a mission folder; InputError names the line or the field."""
    path = folder / CONFIG_NAME
    if path.is_symlink() or (path.exists() and not path.is_file()):
        target = path.resolve()
        if not target.is_file() or not target.is_relative_to(folder.resolve()):
            raise InputError(
                path,
                "is a link out of the mission folder, or not a regular file; not read",
                hint="put the mission.toml itself in the mission folder",
            )
    if path.is_file() and path.stat().st_size > MAX_CONFIG_BYTES:
        raise InputError(path, f"is over {MAX_CONFIG_BYTES // 1024} KB; not a mission.toml")
    try:
        raw = tomllib.loads(path.read_text("utf-8-sig"))
    except FileNotFoundError:
        raise InputError(
            path, "no mission.toml", hint="every mission folder needs one; see inputs/example/mission.toml"
        ) from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML: {exc}") from None
    except RecursionError:
        raise InputError(path, "not a mission.toml: values nested too deeply") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    try:
        return config_from_dict(raw, path)
    except RecursionError:
        raise InputError(path, "not a mission.toml: values nested too deeply") from None


def _columns(raw: object, path: Path | str, say: Say) -> dict[str, str]:
    """The `[columns]` table: `"Header" = "field"` entries and an `ignore` list of headers."""
    if not isinstance(raw, dict):
        raise InputError(
            path, say("val_field", field="columns", problem=say("val_columns_table")), language=say.language
        )
    known = plan_fields()
    columns: dict[str, str] = {}
    for header, name in raw.items():
        if header == "ignore":
            if not isinstance(name, list) or not all(isinstance(h, str) for h in name):
                problem = say("val_field", field="columns.ignore", problem=say("val_columns_ignore"))
                raise InputError(path, problem, language=say.language)
            columns.update({h: OTHER for h in name})
        elif not isinstance(name, str) or name not in known:
            fields = ", ".join(sorted(known))
            problem = say("val_columns_field", header=repr(header), field=repr(name), fields=fields)
            raise InputError(path, say("val_field", field="columns", problem=problem), language=say.language)
        else:
            columns[header] = name
    return columns


def config_from_dict(raw: dict[str, Any], path: Path | str) -> MissionConfig:
    """Validate a parsed `mission.toml`, filling the default areas when none are given."""
    raw = dict(raw)
    language = raw.get("language", "en")
    lang: Language = language if language in LANGUAGES else "en"
    say = Say(lang)  # its problems are said in the mission's language, once that is one plan-draft writes
    if (bad := first_control(raw)) is not None:
        problem = say("val_field", field=bad[0], problem=say("val_control", char=bad[1]))
        raise InputError(path, problem, language=lang)
    raw["areas_configured"] = "areas" in raw
    if "columns" in raw:
        raw["columns"] = _columns(raw["columns"], path, say)
    if "areas" in raw:
        taken: set[str] = set()
        areas = []
        for entry in raw["areas"] if isinstance(raw["areas"], list) else []:
            if isinstance(entry, dict) and "name" in entry and "key" not in entry:
                entry = {**entry, "key": area_key(str(entry["name"]), taken)}
            if isinstance(entry, dict) and "key" in entry:
                taken.add(str(entry["key"]))
            areas.append(entry)
        raw["areas"] = areas or raw["areas"]
    elif language in LANGUAGES:
        raw["areas"] = default_areas(language)
    said = _problems_beside_the_model(raw, language, say)  # every problem at once, as mkdocs says them
    config = None
    try:
        config = MissionConfig.model_validate(raw)
    except ValidationError as exc:
        for where, message, error in validation_problems(exc, say=say):
            if where == "areas" and error["type"] == "missing":
                continue  # the default areas follow the language, which is the problem said
            if error["type"] == "literal_error" and where == "language":
                message = say("val_language", given=repr(error["input"]), languages=", ".join(LANGUAGES))
            said.append(say("val_field", field=where, problem=message))
    if config is None or said:
        raise InputError(path, say("val_separator").join(said), language=lang)
    return config


def _problems_beside_the_model(raw: dict[str, Any], language: object, say: Say) -> list[str]:
    """What the model alone cannot check: the article in the language's grammar, the rule codes in
    the catalogue; said with the model's own problems, on one line."""
    said = []
    article = raw.get("administration_article")
    allowed = articles(str(language))
    if article is not None and article not in allowed and language in LANGUAGES:
        options = ", ".join(repr(a) for a in allowed)
        problem = say("val_article", article=repr(article), language=language, options=options)
        said.append(say("val_field", field="administration_article", problem=problem))
    checks = raw.get("checks")
    if isinstance(checks, dict) and isinstance(checks.get("ignore"), list):
        from pipeline.checks import rule_codes

        unknown = [c for c in checks["ignore"] if not isinstance(c, str) or c.upper() not in rule_codes()]
        if unknown:
            codes = ", ".join(map(str, unknown))
            said.append(say("val_field", field="checks.ignore", problem=say("val_rule_code", codes=codes)))
    return said
