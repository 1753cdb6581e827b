"""A reviewed draft's edits applied to the plan it was made from, as a mission folder `build` reads.

Each applied edit says where it came from (a note 'Edited in: draft.docx, initiative 4.2.1'); each
comment is carried on its item; what cannot be applied (a date nobody can read) stays in the review
workbook for the facilitator, named as a finding of the review, never dropped.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from pipeline.dates import DateError, parse_span
from pipeline.errors import InputError
from pipeline.messages import Say
from pipeline.model import Plan
from pipeline.own_files import OUTPUT_MARK
from pipeline.review import Edit, Place, Review
from pipeline.workbook_writing import header_row, write_cell

REVIEW_BOOK = "review.xlsx"


@dataclass
class Applied:
    """The edited plan, and the edits it could not take."""

    plan: Plan
    applied: int = 0
    kept: list[tuple[Edit, str]] = field(default_factory=list)  # (edit, why not applied)


def _group(data: dict[str, Any], areas: int, g: int) -> dict[str, Any]:
    return data["areas"][g] if g < areas else data["unmatched"][g - areas]  # type: ignore[no-any-return]


def _initiatives(data: dict[str, Any], areas: int, place: Place) -> list[dict[str, Any]]:
    group = _group(data, areas, place.group)
    found = (
        group["initiatives"] if place.objective < 0 else group["objectives"][place.objective]["initiatives"]
    )
    return found  # type: ignore[no-any-return]


def _cell_value(text: str) -> str | None:
    return None if text.strip() in ("", "—", "?") else text.strip()


def _set_field(item: dict[str, Any], name: str, new: str) -> str | None:
    """Apply one cell's new text to an initiative; the reason it cannot be, or None."""
    if name == "title":
        if not new.strip():
            return "empty"
        item["title"] = new.strip()
    elif name in ("owner", "priority"):
        item[name] = _cell_value(new)
    elif name == "timeline":
        if _cell_value(new) is None:
            item["start"] = item["end"] = None
            return None
        try:
            start, end = parse_span(new.replace("–", " – "))
        except DateError:
            return "date"
        item["start"], item["end"] = start.model_dump(), end.model_dump()
    elif name == "kpi":
        if item.get("indicator") is None:
            item["indicator"] = {"name": "", "source": item["source"]}
        item["indicator"]["name"] = _cell_value(new) or ""
    elif name == "baseline_target":
        baseline, _, target = new.partition("→")
        if item.get("indicator") is None:
            item["indicator"] = {"name": "", "source": item["source"]}
        item["indicator"]["baseline"], item["indicator"]["target"] = (
            _cell_value(baseline),
            _cell_value(target),
        )
    return None


def apply_review(review: Review) -> Applied:
    """The plan with the reviewers' edits applied (tracked changes as `read_review` read them)."""
    plan = review.plan
    labels = Say(plan.language)
    data = plan.model_dump(mode="json")
    areas = len(plan.areas)
    result = Applied(plan)
    where = f"{review.draft}"
    deletions: list[Place] = []
    headings: list[tuple[Edit, Place]] = []  # objective headings deleted
    for edit in review.edits:
        place = edit.place
        if edit.kind == "changed" and place is not None:
            origin = {labels["edited_in"]: f"{where}, {edit.item}"}
            if place.is_objective:
                objective = _group(data, areas, place.group)["objectives"][place.objective]
                objective["title"] = edit.new.strip() or objective["title"]
                objective["notes"] = {**objective.get("notes", {}), **origin}
            else:
                assert place.initiative is not None
                item = _initiatives(data, areas, place)[place.initiative]
                if (why := _set_field(item, edit.field, edit.new)) is not None:
                    result.kept.append((edit, why))
                    continue
                item["notes"] = {**item.get("notes", {}), **origin}
            result.applied += 1
        elif edit.kind == "deleted" and place is not None and not place.is_objective:
            deletions.append(place)
        elif edit.kind == "deleted" and place is not None:
            headings.append((edit, place))
        elif edit.kind == "comment" and place is not None:
            key = f"{labels['comment_by']} {edit.author}".strip()
            target = (
                _group(data, areas, place.group)["objectives"][place.objective]
                if place.is_objective
                else _initiatives(data, areas, place)[place.initiative or 0]
            )
            notes = target.setdefault("notes", {})
            notes[key] = f"{notes[key]} | {edit.new}" if key in notes else edit.new
            result.applied += 1
        elif edit.kind in ("comment", "text"):
            result.kept.append((edit, "outside"))
        elif edit.kind == "merged":
            result.kept.append((edit, "merged"))
    for table, values, heading in review.added_rows:
        source = {"file": review.draft, "sheet": heading[:120] or None}
        new: dict[str, Any] = {"title": values.get("initiative", "").split("\n")[0].strip(), "source": source}
        new["notes"] = {labels["edited_in"]: f"{where}, {heading}"}
        for name in ("owner", "timeline", "priority", "kpi", "baseline_target"):
            text = values.get(name, "")
            if _cell_value(text) is not None and _set_field(new, name, text) is not None:
                result.kept.append((Edit("added", "", new["title"], name, "", text), "date"))
        _initiatives(data, areas, table).append(new)
        result.applied += 1
    _delete(data, areas, deletions, headings, result)
    try:
        result.plan = Plan.model_validate(data)
    except ValueError as exc:
        raise InputError(review.draft, f"the edits cannot be applied: {exc}") from None
    return result


def _delete(
    data: dict[str, Any], areas: int, rows: list[Place], headings: list[tuple[Edit, Place]], result: Applied
) -> None:
    """Delete the initiative rows deleted in the draft, then the objectives whose heading was."""
    for place in sorted(rows, key=lambda p: (p.group, p.objective, p.initiative or 0), reverse=True):
        del _initiatives(data, areas, place)[place.initiative or 0]
        result.applied += 1
    for edit, place in sorted(headings, key=lambda h: (h[1].group, h[1].objective), reverse=True):
        # An objective goes with its heading only when its initiatives went too; a heading deleted
        # over rows still in the draft is for the facilitator to decide (delete, or move the rows).
        if _initiatives(data, areas, place):
            result.kept.append((edit, "objective_rows"))
            continue
        del _group(data, areas, place.group)["objectives"][place.objective]
        result.applied += 1


def review_workbook(review: Review, kept: Sequence[tuple[Edit, str]] = ()) -> bytes:
    """review.xlsx: one row per edit or comment, for the facilitator to decide on with the
    administration (a Decision column to fill); never read back as a capture."""
    say = Say(review.plan.language)
    wb = Workbook()
    ws = wb.active
    ws.title = say["review_sheet"][:31]
    heads = ["review_kind", "review_item", "review_field", "review_old", "review_new"]
    heads += ["review_author", "review_date", "review_decision"]
    header_row(ws, 1, [say[h] for h in heads], [14, 40, 18, 40, 50, 18, 20, 30])
    not_applied = {id(e) for e, _ in kept}
    for n, edit in enumerate(review.edits, start=2):
        named = f"{say.item(edit.item)} '{edit.title}'" if edit.title else say.item(edit.item)
        item = named if edit.item else (edit.where or edit.title)
        field_name = ", ".join(say[f"field_{f}"] for f in edit.field.split(",")) if edit.field else ""
        cells = [
            say(f"review_kind_{edit.kind}"),
            item,
            field_name,
            edit.old,
            edit.new,
            edit.author,
            edit.date,
        ]
        if id(edit) in not_applied:
            cells.append(say("review_kept"))
        for column, value in enumerate(cells, start=1):
            write_cell(ws, n, column, value)
    ws.freeze_panes = "A2"
    wb.properties.keywords = OUTPUT_MARK
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E79")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_edit_folder(folder: Path, applied: Applied, review: Review) -> list[Path]:
    """The edited mission: its workbook and mission.toml (as `export` writes them) and review.xlsx.
    A folder that already holds a mission is never written into."""
    from pipeline.export import export_workbook, mission_toml
    from pipeline.outputs import write_all

    if (folder / "mission.toml").exists():
        raise InputError(
            folder, "already holds a mission.toml; apply never replaces a mission", hint="give a new folder"
        )
    files = {
        folder / "plan.xlsx": export_workbook(applied.plan),
        folder / "mission.toml": mission_toml(applied.plan).encode("utf-8"),
        folder / REVIEW_BOOK: review_workbook(review, applied.kept),
    }
    write_all(files)
    return list(files)


def kept_lines(applied: Applied, say: Say) -> list[str]:
    """What `apply` kept for the facilitator instead of applying, a line each in the plan's
    language: text typed on no item, cells a reviewer merged, an objective heading deleted over rows
    still in the draft, and a value it could not take (a date it cannot read, …)."""
    lines = []
    for edit, why in applied.kept:
        text = edit.new or edit.old
        if why == "outside":  # typed on no item: the facilitator places it
            line = say("review_text", where=edit.where, text=text) if edit.kind == "text" else text
            lines.append(f"{line} — {say('review_kept')}")
        elif why == "merged":
            fields = ", ".join(say[f"field_{f}"] for f in edit.field.split(","))
            line = say(
                "review_merged", item=say.item(edit.item), title=edit.title, fields=fields, text=text or "—"
            )
            lines.append(f"{line} — {say('review_kept')}")
        elif why == "objective_rows":
            lines.append(say("review_objective_kept", item=say.item(edit.item), title=edit.title))
        else:
            reason = say("review_unreadable_date") if why == "date" else say("review_kept")
            field = say[f"field_{edit.field}"] if edit.field else ""
            lines.append(
                say(
                    "review_unapplied",
                    item=say.item(edit.item),
                    title=edit.title,
                    field=field,
                    text=text,
                    why=reason,
                )
            )
    return lines
