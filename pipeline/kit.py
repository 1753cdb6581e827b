"""The facilitator's kit: the capture workbooks, notes template and instructions `init` hands out,
in the mission's language, laid out so that the reader reads every filled cell back."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from docx import Document
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from pipeline.config import AreaConfig, MissionConfig, area_key, default_areas, write_toml
from pipeline.dates import period_years
from pipeline.errors import InputError, validation_problem
from pipeline.export import plan_header
from pipeline.messages import Say
from pipeline.model import Period, Recommendation
from pipeline.outputs import write_all
from pipeline.own_files import KIT_MARK, LISTS_SHEET
from pipeline.text import first_control, fold
from pipeline.vocab import Language, vocabulary
from pipeline.workbook_writing import DropDownLists, header_row, write_cell

Layout = Literal["sheets", "table"]
ROWS = 200  # rows each sheet offers its drop-downs and prompts on
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class KitSettings:
    """What `init` was told about the mission."""

    administration: str
    language: Language
    start: int
    end: int
    groups: int
    areas: tuple[AreaConfig, ...]
    country: str | None = None
    owners: tuple[str, ...] = ()
    layout: Layout = "sheets"
    workshop: tuple[dt.date | None, dt.date | None, str | None] = (None, None, None)  # start, end, place
    date: dt.date | None = None  # the draft's cover date


def settings_areas(language: Language, names: Sequence[str]) -> tuple[AreaConfig, ...]:
    """The areas named on the command line, or the five default ones in the language."""
    if not names:
        return default_areas(language)
    taken: set[str] = set()
    areas = []
    for name in names:
        key = area_key(name, taken)  # as mission.toml derives a key from a name
        taken.add(key)
        areas.append(AreaConfig(key=key, name=name))
    return tuple(areas)


def _sheet_title(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook."""
    base = " ".join(name.translate(_BAD_SHEET_CHARS).split()).strip("'") or "Area"
    if len(base) > 31:  # cut at a word, marked; the sheet's first row keeps the whole name
        base = base[:30].rsplit(" ", 1)[0].rstrip(" ,;-") + "…"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def _print_landscape(ws: Worksheet) -> None:
    """The sheet set to print on A4 landscape, fitted to the page's width."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _header(ws: Worksheet, row: int, names: Sequence[str], widths: Sequence[int]) -> None:
    """The header row, and the sheet set to print: landscape, fitted to width, header repeated."""
    header_row(ws, row, names, widths)
    ws.row_dimensions[row].height = 32  # two lines of header; the rows a group fills grow as it types
    ws.print_title_rows = f"{row}:{row}"
    _print_landscape(ws)
    for column in range(1, len(names) + 1):
        for r in range(row + 1, row + ROWS + 1):
            cell = ws.cell(row=r, column=column)
            cell.alignment, cell.border = _WRAP, _GRID  # a printed sheet shows the cells to fill
    # No print range: one would cut a sheet a group filled past it. Excel prints the bordered rows as a
    # grid to write on; LibreOffice prints the rows that hold something, bordered.
    for r in range(row + 1, row + ROWS + 1):
        ws.row_dimensions[r].height = 30  # room to write by hand, two lines typed


_THIN = Side(style="thin", color="A6A6A6")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_EXAMPLE_FONT = Font(italic=True, color="7F7F7F")
_NAME_FILL = PatternFill("solid", fgColor="FFF2CC")  # the one cell a group types its name in


def _example_row(ws: Worksheet, row: int, names: Sequence[str], settings: KitSettings) -> None:
    """An example row under the header, in the mission's language, its Ref cell marking it as the
    example the reader leaves out (and the groups may keep or delete)."""
    w, k = vocabulary().export[settings.language], vocabulary().kit[settings.language]
    values = {
        w["key_area"]: settings.areas[0].name if settings.areas else "",
        w["objective"]: k["example_objective"],
        w["ref"]: k["example_mark"],
        w["initiative"]: k["example_initiative"],
        w["owner"]: k["example_owner"],
        w["start"]: k["example_start"],
        w["end"]: k["example_end"],
        w["kpi"]: k["example_kpi"],
        w["baseline"]: k["example_baseline"],
        w["target"]: k["example_target"],
        w["priority"]: int(k["example_priority"]),
        w["resources"]: k["example_resources"],
    }
    for column, name in enumerate(names, start=1):
        if name in values:
            write_cell(ws, row, column, values[name])
            ws.cell(row=row, column=column).font = _EXAMPLE_FONT


def _header_notes(ws: Worksheet, row: int, names: Sequence[str], settings: KitSettings) -> None:
    """What to write in each column that needs saying, as a note on its header cell."""
    w, k = vocabulary().export[settings.language], vocabulary().kit[settings.language]
    notes = {
        w["ref"]: k["ref_note"],
        w["priority"]: k["votes_prompt"],
        w["start"]: k["date_prompt"],
        w["end"]: k["date_prompt"],
        w["resources"]: k["resources_note"],
    }
    for column, name in enumerate(names, start=1):
        if name in notes:
            ws.cell(row=row, column=column).comment = Comment(
                notes[name], "plan-draft", width=320, height=110
            )


def _input_rule(
    ws: Worksheet,
    cells: str,
    title: str,
    prompt: str,
    *,
    kind: str | None = None,
    formula: str | None = None,
    strict: bool = False,
) -> None:
    """An input message on the cells, with a drop-down list or a whole-number rule when given."""
    check = DataValidation(
        type=kind,
        formula1=formula,
        operator="greaterThanOrEqual" if kind == "whole" else None,
        allow_blank=True,
        showInputMessage=True,
        promptTitle=title[:32],
        prompt=prompt[:255],
        showErrorMessage=strict,
        errorTitle=title[:32] if strict else None,
        error=prompt[:255] if strict else None,
    )
    check.add(cells)
    ws.add_data_validation(check)


def _plan_columns(w: dict[str, str], with_area: bool) -> tuple[list[str], list[int]]:
    widths = [
        *([26] if with_area else []),
        36,
        10,
        40,
        20,
        11,
        11,
        30,
        11,
        11,
        11,
        12,
        18,
    ]  # wide enough for Prioridade, Recomendações
    return plan_header(w, area=with_area), widths


def _plan_sheet(
    ws: Worksheet, first: int, settings: KitSettings, lists: dict[str, str | None], with_area: bool
) -> None:
    """Header at row `first`, then drop-downs and input messages on the rows a group fills."""
    vocab = vocabulary()
    w, k = vocab.export[settings.language], vocab.kit[settings.language]
    names, widths = _plan_columns(w, with_area)
    _header(ws, first, names, widths)
    _header_notes(ws, first, names, settings)
    _example_row(ws, first + 1, names, settings)
    rows = f"{first + 1}:{first + ROWS}".split(":")

    def cells(name: str) -> str:
        letter = get_column_letter(names.index(name) + 1)
        return f"{letter}{rows[0]}:{letter}{rows[1]}"

    if with_area:
        _input_rule(
            ws,
            cells(w["key_area"]),
            k["area_title"],
            k["area_prompt"],
            kind="list",
            formula=lists["areas"],
            strict=True,
        )
    if lists["owners"]:
        _input_rule(
            ws, cells(w["owner"]), k["owner_title"], k["owner_prompt"], kind="list", formula=lists["owners"]
        )
    else:
        _input_rule(ws, cells(w["owner"]), k["owner_title"], k["owner_prompt"])
    for name in (w["start"], w["end"]):
        _input_rule(ws, cells(name), k["date_title"], k["date_prompt"])
    _input_rule(ws, cells(w["priority"]), k["votes_title"], k["votes_prompt"], kind="whole", formula="0")
    if lists["recs"]:
        _input_rule(
            ws, cells(w["cites"]), k["rec_title"], k["rec_prompt"], kind="list", formula=lists["recs"]
        )
    else:
        _input_rule(ws, cells(w["cites"]), k["rec_title"], k["rec_prompt"])


def _group_sheet(ws: Worksheet, settings: KitSettings, n: int) -> None:
    """The group's name (read back as the source's group) and what to write in each column."""
    w, k = vocabulary().export[settings.language], vocabulary().kit[settings.language]
    write_cell(ws, 1, 1, k["group_label"])
    write_cell(ws, 1, 2, k["group_default"].format(n=n))
    ws.cell(row=1, column=1).font = Font(bold=True, size=14, color="1F4E79")
    name = ws.cell(row=1, column=2)
    name.font, name.border, name.fill = Font(bold=True, size=14), _GRID, _NAME_FILL
    _input_rule(ws, "B1", k["group_label"], k["group_prompt"])
    write_cell(ws, 3, 1, k["how_to"])
    ws.cell(row=3, column=1).font = Font(bold=True, color="1F4E79")
    write_cell(ws, 4, 1, k["how_to_rows"])
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=2)
    ws.row_dimensions[4].height = 32
    rows = [
        (w["ref"], k["ref_note"]),
        (w["owner"], k["owner_prompt"]),
        (f"{w['start']}, {w['end']}", k["date_prompt"]),
        (w["priority"], k["votes_prompt"]),
        (w["resources"], k["resources_note"]),
        (w["cites"], k["rec_prompt"]),
        (w["validated"], k["validated_note"]),
    ]
    for r, (column, text) in enumerate(rows, start=5):
        for c, value in enumerate((column, text), start=1):
            write_cell(ws, r, c, value)
            ws.cell(row=r, column=c).alignment, ws.cell(row=r, column=c).border = _WRAP, _GRID
        ws.cell(row=r, column=1).font = Font(bold=True)
        ws.row_dimensions[r].height = 15 * (1 + len(text) // 85)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 24, 90
    _print_landscape(ws)


def group_workbook(settings: KitSettings, rec_ids: Sequence[str], n: int = 1) -> bytes:
    """Group n's capture workbook: its Group sheet (name, how to fill), a sheet per key area (or one
    table), the SWOT sheet and the mission, vision and values sheet."""
    vocab = vocabulary()
    w, k = vocab.export[settings.language], vocab.kit[settings.language]
    wb = Workbook()
    _group_sheet(wb.active, settings, n)
    wb.active.title = k["sheet_group"][:31]
    taken = {LISTS_SHEET.casefold(), k["sheet_swot"].casefold(), k["sheet_statements"].casefold()}
    taken.add(k["sheet_group"].casefold())
    sheets: list[tuple[Worksheet, AreaConfig | None]] = []
    if settings.layout == "sheets":
        sheets = [(wb.create_sheet(_sheet_title(a.name, taken)), a) for a in settings.areas]
    else:
        sheets = [(wb.create_sheet(_sheet_title(k["sheet_plan"], taken)), None)]
    swot = wb.create_sheet(k["sheet_swot"][:31])
    statements = wb.create_sheet(k["sheet_statements"][:31])
    found = DropDownLists(wb)
    lists = {
        "areas": found.add([a.name for a in settings.areas]),
        "owners": found.add(list(settings.owners)),
        "recs": found.add(list(rec_ids)),
        "statements": found.add([w["mission"], w["vision"], w["value"]]),
    }
    for ws, area in sheets:
        if area is not None:
            write_cell(ws, 1, 1, k["area_heading"].format(area=area.name))
            ws.cell(row=1, column=1).font = Font(bold=True, size=14, color="1F4E79")
            _plan_sheet(ws, 3, settings, lists, with_area=False)
        else:
            _plan_sheet(ws, 1, settings, lists, with_area=True)
    quadrants = [w["strengths"], w["weaknesses"], w["opportunities"], w["threats"]]
    _header(swot, 1, quadrants, [40] * 4)
    _header(statements, 1, [w["statement"], w["text"], w["validated"]], [18, 90, 12])
    _input_rule(
        statements,
        f"A2:A{ROWS + 1}",
        w["statement"],
        k["statement_prompt"],
        kind="list",
        formula=lists["statements"],
        strict=True,
    )
    yes_no = f'"{w["yes"]},{w["no"]}"'
    _input_rule(
        statements, f"C2:C{ROWS + 1}", w["validated"], k["validated_prompt"], kind="list", formula=yes_no
    )
    wb.properties.title = k["workshop"]
    return _save(wb)


def recommendations_workbook(language: Language, recs: Sequence[Recommendation]) -> bytes:
    """The diagnostic's recommendations, for the groups to cite by id."""
    w = vocabulary().export[language]
    wb = Workbook()
    ws = wb.active
    ws.title = w["sheet_recommendations"][:31]
    _header(ws, 1, [w["id"], w["source"], w["recommendation"], w["key_area"]], [12, 26, 80, 30])
    for row, rec in enumerate(recs, start=2):
        for column, value in enumerate((rec.id, rec.origin, rec.text, rec.area), start=1):
            cell = ws.cell(row=row, column=column)
            cell.alignment, cell.border = _WRAP, _GRID  # long texts wrap in their cell when printed
            if value:
                write_cell(ws, row, column, value)
    return _save(wb)


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _note_headings(language: Language) -> list[str]:
    labels, k = vocabulary().labels[language], vocabulary().kit[language]
    keys = ("mission", "vision", "values", "strengths", "weaknesses", "opportunities", "threats")
    return [k["workshop"], *(labels[key] for key in keys), labels["decisions"], labels["open_questions"]]


def notes_markdown(settings: KitSettings) -> str:
    title = vocabulary().kit[settings.language]["notes_title"].format(administration=settings.administration)
    return f"# {title}\n\n" + "".join(f"## {h}\n\n\n" for h in _note_headings(settings.language))


def notes_docx(settings: KitSettings) -> bytes:
    document = Document()
    title = vocabulary().kit[settings.language]["notes_title"].format(administration=settings.administration)
    document.add_heading(title, level=0)
    for heading in _note_headings(settings.language):
        document.add_heading(heading, level=1)
        document.add_paragraph("")
    document.core_properties.title = title
    document.core_properties.language = vocabulary().labels[settings.language]["lang_tag"]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def mission_settings(settings: KitSettings) -> dict[str, Any]:
    """What the kit's mission.toml says: the mission's settings as `config_from_dict` reads them."""
    start, end, place = settings.workshop
    workshop = {"start": start, "end": end, "place": place} if start or end or place else None
    defaults = default_areas(settings.language)
    areas = [
        {
            "key": a.key,
            "name": a.name,
            **({"aliases": list(a.aliases)} if a.aliases and a not in defaults else {}),
        }
        for a in settings.areas
    ]  # a named area keeps every alias the captures used
    return {
        "administration": settings.administration,
        "country": settings.country,
        "period": f"{settings.start}-{settings.end}",
        "language": settings.language,
        "version": "0.1",
        "date": settings.date,
        "workshop": {k: v for k, v in workshop.items() if v} if workshop else None,
        "areas": areas,
    }


def mission_toml(settings: KitSettings) -> str:
    """mission.toml, commented in the mission's language."""
    c = vocabulary().kit[settings.language]
    data = mission_settings(settings)
    workshop = data["workshop"]
    hint = [] if workshop else [c["toml_workshop"], "[workshop]", "start = 2014-03-19", "end = 2014-03-21",
                                'place = "…"', ""]  # fmt: skip
    return write_toml(
        data, header=c["toml_intro"].strip().splitlines(), before_areas=[*hint, c["toml_areas"]]
    )


def readme_text(settings: KitSettings) -> str:
    """The groups' instructions, as the kit's layout asks them to fill it, ending with the kit's mark."""
    k = vocabulary().kit[settings.language]
    text = k["readme"].format(
        plan_where=k["plan_where_table" if settings.layout == "table" else "plan_where_sheets"],
        administration=settings.administration,
        period=str(Period(start=settings.start, end=settings.end)),
        group_file=k["group_file"].format(n="N"),
        notes_file=k["notes_file"],
    )
    return f"{text.rstrip()}\n\n{k['validated_note']}\n\n— {KIT_MARK.decode()}\n"  # the reader skips it


def make_kit(settings: KitSettings, recs: Sequence[Recommendation] = ()) -> dict[str, bytes]:
    """Every file of the kit, by name, made in memory before anything is written."""
    k = vocabulary().kit[settings.language]
    rec_ids = list(dict.fromkeys(r.id for r in recs))
    files = {"mission.toml": mission_toml(settings).encode("utf-8")}
    for n in range(1, settings.groups + 1):  # each named for its group, which can rename itself
        files[k["group_file"].format(n=n)] = group_workbook(settings, rec_ids, n)
    if recs:
        files[k["recommendations_file"]] = recommendations_workbook(settings.language, recs)
    files[f"{k['notes_file']}.md"] = notes_markdown(settings).encode("utf-8")
    files[f"{k['notes_file']}.docx"] = notes_docx(settings)
    files[k["readme_file"]] = readme_text(settings).replace("\n", "\r\n").encode("utf-8-sig")
    return files


def recommendations_from(path: Path, settings: KitSettings) -> list[Recommendation]:
    """The recommendations a workbook or CSV holds (a header row with ID and Recommendation, as the
    reader knows them), read as a capture of the mission being set up would be (its areas, its
    language); InputError naming the file when there are none."""
    from pipeline.config import config_from_dict
    from pipeline.normalize import normalize
    from pipeline.read.mission import Captures
    from pipeline.read.registry import GridReader, reader_for

    language = settings.language
    say = Say(language)
    reader = reader_for(path)
    if not path.is_file() or not isinstance(reader, GridReader):
        raise InputError(path, say("init_no_file") if not path.is_file() else say("init_no_recs"))
    given = {key: value for key, value in mission_settings(settings).items() if value is not None}
    config = config_from_dict(given, path)
    try:
        grids = reader.read(path, path.name, 10**6)
    except InputError as exc:
        exc.file, exc.language = str(path), language
        raise
    recs = normalize(Captures(path.parent, config, [(path.name, grids)])).recommendations
    if not recs:
        raise InputError(path, say("init_no_recs"), hint=say("init_no_recs_hint"))
    return list(recs)


def owners_of(folder: Path) -> list[str]:
    """The responsible units an earlier mission's captures name, for the owner drop-down; none when
    its captures cannot be read (its mission.toml alone still gives the settings)."""
    from pipeline.build import parse
    from pipeline.errors import PlanDraftError

    try:
        plan = parse(folder)
    except PlanDraftError:
        return []
    return sorted({i.owner for _, _, i in plan.initiatives() if i.owner})


def write_kit(folder: Path, files: dict[str, bytes], language: Language = "en") -> list[Path]:
    """Write the kit into the folder; refuses, before writing anything, to replace a file there."""
    paths = {folder / name: data for name, data in files.items()}
    say = Say(language)
    for path in paths:
        if path.exists() or path.is_symlink():
            raise InputError(path, say("init_exists"), hint=say("init_exists_hint"))
    write_all(paths)
    return list(paths)


MAX_NAME_CHARS = 100  # an area, owner or administration named longer is a paragraph, not a name


def settings_for(
    language: Language,
    earlier: MissionConfig | None,
    earlier_owners: Sequence[str],
    *,
    administration: str | None,
    country: str | None,
    period: str | None,
    groups: int,
    areas: Sequence[str],
    owners: Sequence[str],
    layout: str,
    workshop: tuple[dt.date | None, dt.date | None, str | None],
    cover: dt.date | None,
) -> KitSettings:
    """What `init` was told, checked, completed from an earlier mission (`--from`) where it was not:
    administration, country, period, areas and the owners its captures name."""
    name = administration or (earlier.administration if earlier else None)
    if not name:
        raise InputError(None, Say(language)("init_no_administration"))
    place = workshop[2]
    check_names(
        {
            "--administration": [name],
            "--country": [country] if country else [],
            "--area": areas,
            "--owner": owners,
            "--place": [place] if place else [],
        },
        language,
    )
    this_year = dt.date.today().year
    start, end = (
        period_of(period, language)
        if period
        else (earlier.period.start, earlier.period.end)
        if earlier
        else (this_year + 1, this_year + 5)
    )
    if areas:
        area_configs = settings_areas(language, areas)
    elif earlier and earlier.areas_configured:
        area_configs = earlier.areas
    else:
        area_configs = settings_areas(language, ())
    return KitSettings(
        administration=name,
        language=language,
        start=start,
        end=end,
        groups=groups,
        areas=area_configs,
        country=country or (earlier.country if earlier else None),
        owners=tuple(dict.fromkeys(o.strip() for o in [*owners, *earlier_owners] if o.strip())),
        layout="table" if layout == "table" else "sheets",
        workshop=workshop,
        date=cover,
    )


def check_names(options: dict[str, Sequence[str]], language: Language = "en") -> None:
    """`init`'s names, checked before anything is written: no control character, none blank, none
    over MAX_NAME_CHARS, and no two areas that the reader would take for one ('Legal', 'LEGAL')."""
    say = Say(language)
    for option, values in options.items():
        for value in values:
            if (bad := first_control(value)) is not None:
                raise InputError(None, say("init_control", option=option, value=repr(value), char=bad[1]))
            if not value.strip():
                raise InputError(None, say("init_blank", option=option))
            if len(value) > MAX_NAME_CHARS:
                raise InputError(
                    None, say("init_long", option=option, value=value[:40], limit=MAX_NAME_CHARS)
                )
    seen: dict[str, str] = {}
    for value in options.get("--area", ()):
        if (key := fold(value)) in seen:
            raise InputError(None, say("init_same_area", value=value, other=seen[key]))
        seen[key] = value


def period_of(text: str, language: Language = "en") -> tuple[int, int]:
    """'2014-2018' → (2014, 2018), as mission.toml reads periods; a UsageError-like InputError otherwise."""
    years = period_years(text)
    if years is None:
        raise InputError(None, Say(language)("init_period", value=repr(text)))
    try:
        period = Period(start=years[0], end=years[1])
    except ValidationError as exc:
        raise InputError(None, f"--period {text}: {validation_problem(exc, say=Say(language))[1]}") from None
    return period.start, period.end
