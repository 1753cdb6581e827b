"""What reviewers did to a circulated draft: edits of items and table cells, rows added and deleted,
tracked insertions and deletions, comments, and text typed outside any item.

A draft plan-draft wrote carries the plan it was made from (a custom XML part) and a bookmark on
every objective heading and initiative row (`pd_o_…`, `pd_i_…`, see `render/chapters.py`); Word and
LibreOffice Writer keep both through a save. The edited draft is read back against them: an item is
found by its bookmark, a table's columns by their headers (so a table whose columns were moved still
reads), text as it stands with tracked changes accepted (or rejected).
"""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lxml import etree
from pydantic import ValidationError

from pipeline.archive import check_members
from pipeline.errors import InputError
from pipeline.messages import Say
from pipeline.model import Initiative, Plan
from pipeline.vocab import vocabulary
from pipeline.wordml import W

REVIEW_NAMESPACE = "urn:plan-draft:review:1"
MAX_PAYLOAD_BYTES = 64 * 2**20  # the embedded plan, unpacked
MAX_COMMENTS = 20_000  # a reviewed draft holds tens or hundreds; more is not a review
_MARK = re.compile(r"pd_([oi])_(\d+)_(\d+|x)(?:_(\d+))?")
_NUMBER = re.compile(r"^\d+(?:\.\d+)*\s+")  # '4.2  ' before a heading's text

Tracked = Literal["accept", "reject"]
Kind = Literal["changed", "added", "deleted", "comment", "inserted", "removed", "text", "merged"]


@dataclass(frozen=True)
class Place:
    """Where an item stands in the plan: its group (area) and objective index, and its initiative."""

    group: int
    objective: int  # -1: an initiative set directly under its area
    initiative: int | None = None

    @property
    def is_objective(self) -> bool:
        """Whether the place is an objective's (not an initiative's)."""
        return self.initiative is None


@dataclass(frozen=True)
class Edit:
    """One thing a reviewer did, on an item (or outside any), with its field and texts."""

    kind: Kind
    item: str  # 'initiative 4.2.1', 'objective 4.2' or '' outside any item
    title: str
    field: str = ""  # 'title', 'owner', 'timeline', 'priority', 'kpi', 'baseline_target'
    old: str = ""
    new: str = ""
    author: str = ""
    date: str = ""
    place: Place | None = None
    where: str = ""  # the heading it stands under, for edits outside any item


@dataclass
class Review:
    """An edited draft read back: the plan it was made from and every edit."""

    draft: str
    plan: Plan
    edits: list[Edit] = field(default_factory=list)
    added_rows: list[tuple[Place, dict[str, str], str]] = field(
        default_factory=list
    )  # (table's place, fields, where)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def _read_parts(path: Path) -> dict[str, bytes]:
    """The parts review reads; InputError for a file that is no safe Word package."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    check_members(
        io.BytesIO(data),
        name,
        not_zip="is not a Word draft (not a .docx package)",
        hint="give the .docx draft",
    )
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for member in package.namelist():
            if (
                member == "word/document.xml"
                or member == "word/comments.xml"
                or member.startswith("customXml/item")
            ):
                parts[member] = package.read(member)
    if "word/document.xml" not in parts:
        raise InputError(path, "is not a Word draft (it has no word/document.xml)")
    return parts


def _embedded(path: Path, parts: dict[str, bytes]) -> tuple[Plan, list[str], dict[str, str], list[str]]:
    """The plan a draft carries, the paragraphs it was written with (outside tables, and in them),
    and each item's number."""
    for member, data in parts.items():
        if not member.startswith("customXml/item") or b"urn:plan-draft:review" not in data[:4096]:
            continue
        try:
            root = etree.fromstring(data, _parser())
            raw = zlib.decompressobj().decompress(
                base64.b64decode(root.text or "", validate=False), MAX_PAYLOAD_BYTES
            )
            content = json.loads(raw)
            plan = Plan.model_validate(content["plan"])
            paragraphs = [p for p in content.get("paragraphs", []) if isinstance(p, str)]
            numbers = {str(k): str(v) for k, v in dict(content.get("numbers", {})).items()}
            cells = [c for c in content.get("cells", []) if isinstance(c, str)]
        except (
            etree.XMLSyntaxError,
            ValueError,
            zlib.error,
            KeyError,
            TypeError,
            ValidationError,
            RecursionError,
        ):
            raise InputError(
                path,
                "the plan this draft carries is damaged or was changed by hand; it cannot be reviewed",
                hint="review a draft as plan-draft wrote it, or rebuild it",
            ) from None
        return plan, paragraphs, numbers, cells
    raise InputError(
        path,
        "was not written by plan-draft (or its hidden plan was removed): nothing to compare it with",
        hint="review the draft plan-draft built (outputs/<mission>/draft.docx) as edited in Word",
    )


def _text(element: etree._Element, tracked: Tracked) -> str:
    """The text of an element with tracked changes accepted or rejected; paragraphs as lines."""
    out: list[str] = []
    for node in element.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br", f"{W}p"):
        if node.tag == f"{W}p":
            if out and out[-1] != "\n":
                out.append("\n")
            continue
        inside_ins = any(a.tag == f"{W}ins" for a in node.iterancestors())
        if node.tag == f"{W}delText":
            if tracked == "reject":
                out.append(node.text or "")
        elif node.tag == f"{W}t":
            if not (inside_ins and tracked == "reject"):
                out.append(node.text or "")
        else:
            out.append("\t" if node.tag == f"{W}tab" else "\n")
    return "".join(out).replace("\u00a0", " ").strip()  # the draft's no-break spaces read as spaces


def _row_deleted(row: etree._Element, tracked: Tracked) -> bool:
    """A row struck with Track Changes on (`<w:trPr><w:del>`): gone once accepted."""
    props = row.find(f"{W}trPr")
    deleted = props is not None and props.find(f"{W}del") is not None
    inserted = props is not None and props.find(f"{W}ins") is not None
    return (deleted and tracked == "accept") or (inserted and tracked == "reject")


def _mark(element: etree._Element) -> Place | None:
    for bookmark in element.iter(f"{W}bookmarkStart"):
        m = _MARK.fullmatch(bookmark.get(f"{W}name") or "")
        if m is None:
            continue
        objective = -1 if m.group(3) == "x" else int(m.group(3))
        initiative = int(m.group(4)) if m.group(4) is not None else None
        if (m.group(1) == "o") == (initiative is None):
            return Place(int(m.group(2)), objective, initiative)
    return None


class _Columns:
    """The columns of an initiative table, found by their headers in the plan's language."""

    FIELDS = ("initiative", "owner", "timeline", "priority", "kpi", "baseline_target")

    def __init__(self, header: list[str], labels: Say) -> None:
        names = {labels[f].casefold(): f for f in self.FIELDS}
        self.at = {names[h.casefold()]: n for n, h in enumerate(header) if h.casefold() in names}

    @property
    def is_initiatives(self) -> bool:
        """A chapter's table of initiatives (the roadmap's has no timeline column)."""
        return {"initiative", "owner", "timeline"} <= set(self.at)


def read_review(path: Path, tracked: Tracked = "accept") -> Review:
    """Read an edited draft against the plan it carries; InputError for a file that cannot be."""
    parts = _read_parts(path)
    plan, paragraphs, numbers, cells = _embedded(path, parts)
    labels = Say(plan.language)
    try:
        body = etree.fromstring(parts["word/document.xml"], _parser()).find(f"{W}body")
    except (etree.XMLSyntaxError, RecursionError):
        raise InputError(path, "the draft's text cannot be read (word/document.xml is damaged)") from None
    if body is None:
        raise InputError(path, "the draft has no body")
    review = Review(path.name, plan)
    expected = _rendered(plan, labels, numbers)
    seen: set[Place] = set()
    heading = ""
    current: Place | None = None  # the objective whose heading came last
    texts: list[tuple[str, str]] = []  # paragraphs outside tables: (text, heading above)
    typed: list[tuple[str, str]] = []  # paragraphs in the other tables (roadmap, annexes): likewise
    for block in _blocks(body):
        if block.tag == f"{W}p":
            text = _text(block, tracked)
            place = _mark(block)
            if place is not None and place.is_objective:
                current = place
                seen.add(place)
                _objective_edit(review, place, _NUMBER.sub("", text), expected)
            if _is_heading(block):
                heading = text
            if text and place is None:  # an item's heading is compared as the item, above
                texts.append((text, heading))
        elif block.tag == f"{W}tbl" and not _table(
            review, block, labels, tracked, expected, seen, current, heading
        ):
            typed += [(_text(p, tracked), heading) for p in block.iter(f"{W}p")]  # roadmap, annexes
    for place, (kind, number, values) in expected.items():
        if place not in seen:
            review.edits.append(Edit("deleted", f"{_kind(kind)} {number}", values["title"], place=place))
    _text_outside(review, texts, paragraphs)
    known = {c.replace("\u00a0", " ") for c in cells}  # table texts are kept once each: membership
    for text, where in typed:
        if text and text not in known:
            review.edits.append(Edit("text", "", "", new=text, where=where))
    _comments(review, parts, body, tracked, expected)
    _tracked(review, body, expected)
    return review


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """The body's paragraphs and tables in order, those inside content controls (`<w:sdt>`, as a
    contents field may be saved) included."""
    for child in parent:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt" and (content := child.find(f"{W}sdtContent")) is not None:
            yield from _blocks(content)


def _is_heading(paragraph: etree._Element) -> bool:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    value = (style.get(f"{W}val") or "") if style is not None else ""
    names = ("heading", *(n.casefold() for n in vocabulary().word_styles["heading"]))
    return value.casefold().startswith(names)


def _kind(kind: str) -> str:
    return "objective" if kind == "o" else "initiative"


Rendered = dict[Place, tuple[str, str, dict[str, str]]]  # place → (kind, number, field → text)


def _rendered(plan: Plan, labels: Say, numbers: dict[str, str]) -> Rendered:
    """Every item as the draft wrote it: its number in the draft and its cells."""
    out: Rendered = {}
    for g, (_, _, group) in enumerate(plan.groups()):
        for o, objective in enumerate(group.objectives):
            out[Place(g, o)] = ("o", numbers.get(f"pd_o_{g}_{o}", ""), {"title": objective.title})
            for i, initiative in enumerate(objective.initiatives):
                out[Place(g, o, i)] = ("i", numbers.get(f"pd_i_{g}_{o}_{i}", ""), _cells(initiative, labels))
        for i, initiative in enumerate(group.initiatives):
            out[Place(g, -1, i)] = ("i", numbers.get(f"pd_i_{g}_x_{i}", ""), _cells(initiative, labels))
    return out


def _cells(i: Initiative, labels: Say) -> dict[str, str]:
    """An initiative's cells as the draft wrote them (spaces for no-break spaces, as read back)."""
    k = i.indicator
    cells = {
        "title": i.title,
        "owner": i.owner or "—",
        "timeline": labels.span(i.start, i.end) or "—",
        "priority": i.priority or "—",
        "kpi": (k.name if k else "") or "—",
        "baseline_target": f"{k.baseline or '?'} → {k.target or '?'}"
        if k and (k.baseline or k.target)
        else "—",
    }
    return {name: text.replace("\u00a0", " ") for name, text in cells.items()}


def _objective_edit(review: Review, place: Place, text: str, expected: Rendered) -> None:
    if place not in expected:
        return
    _, number, values = expected[place]
    if text and text != values["title"]:
        review.edits.append(
            Edit(
                "changed", f"objective {number}", values["title"], "title", values["title"], text, place=place
            )
        )


def _table(
    review: Review,
    table: etree._Element,
    labels: Say,
    tracked: Tracked,
    expected: Rendered,
    seen: set[Place],
    current: Place | None,
    heading: str,
) -> bool:
    """Read one table; False where it is no table of initiatives (its text is compared as typed text)."""
    rows = table.findall(f"{W}tr")
    if not rows:
        return False
    header = [_text(tc, tracked) for tc in rows[0].findall(f"{W}tc")]
    columns = _Columns(header, labels)
    if not columns.is_initiatives:
        return False
    marks = [m for row in rows[1:] if (m := _mark(row)) is not None and not m.is_objective]
    table_place = Place(marks[0].group, marks[0].objective) if marks else current
    for row in rows[1:]:
        cells, merged = _grid(row, tracked)
        place = _mark(row)
        if place is not None and not place.is_objective:
            if _row_deleted(row, tracked):
                continue  # struck with Track Changes: counted deleted below (never seen)
            seen.add(place)
            _row_edits(review, place, cells, columns, expected, merged)
        elif not _row_deleted(row, tracked) and any(cells):
            values = {f: cells[n] if n < len(cells) else "" for f, n in columns.at.items()}
            if table_place is not None and values.get("initiative"):
                review.added_rows.append((table_place, values, heading))
                title = values["initiative"].split("\n")[0]
                review.edits.append(Edit("added", "", title, place=table_place, where=heading))
    return True


def _grid(row: etree._Element, tracked: Tracked) -> tuple[list[str], set[int]]:
    """A row's text by grid column, and the columns in merged cells: a cell spanning columns
    (`<w:gridSpan>`) is read at its first and counts in all; a cell merged with the one above or
    below (`<w:vMerge>`) counts too. What a merged cell holds cannot be told apart by column."""
    cells: list[str] = []
    merged: set[int] = set()
    for tc in row.findall(f"{W}tc"):
        props = tc.find(f"{W}tcPr")
        span_el = props.find(f"{W}gridSpan") if props is not None else None
        span_val = span_el.get(f"{W}val") if span_el is not None else None
        span = int(span_val) if span_val and span_val.isdigit() else 1
        vmerge = props is not None and props.find(f"{W}vMerge") is not None
        if span > 1 or vmerge:
            merged.update(range(len(cells), len(cells) + max(span, 1)))
        cells.append(_text(tc, tracked))
        cells.extend([""] * (max(span, 1) - 1))
    return cells, merged


def _row_edits(
    review: Review, place: Place, cells: list[str], columns: _Columns, expected: Rendered, merged: set[int]
) -> None:
    if place not in expected:
        return
    _, number, values = expected[place]
    item = f"initiative {number}"
    joined = [("title" if name == "initiative" else name, n) for name, n in columns.at.items() if n in merged]
    if joined:  # the reviewer merged cells: neither applied nor lost, listed for the facilitator
        texts = " | ".join(dict.fromkeys(cells[n] for _, n in joined if n < len(cells) and cells[n]))
        fields = ",".join(key for key, _ in joined)
        review.edits.append(Edit("merged", item, values["title"], fields, "", texts, place=place))
    for name, n in columns.at.items():
        if n in merged:
            continue
        new = cells[n] if n < len(cells) else ""
        key = "title" if name == "initiative" else name
        if key == "title":
            new = new.split("\n")[0]  # the title's paragraph; the lines under it are the draft's own
        old = values.get(key, "")
        if key in values and new != old and not (new in ("", "—") and old == "—"):
            review.edits.append(Edit("changed", item, values["title"], key, old, new, place=place))


_PAGE = re.compile(r"\t\S*$")  # a contents entry's page number after its tab


def _text_outside(review: Review, texts: list[tuple[str, str]], written: list[str]) -> None:
    """Paragraphs the draft did not have: typed by a reviewer outside any table (contents entries
    compared without their page numbers)."""
    left = Counter(_PAGE.sub("", t).replace("\u00a0", " ") for t in written)
    for text, heading in texts:
        line = _PAGE.sub("", text)
        if left[line] > 0:
            left[line] -= 1
        elif line.strip():
            review.edits.append(Edit("text", "", "", new=line, where=heading))


def _enclosing(element: etree._Element) -> Place | None:
    """The item an element stands in: its table row's initiative, else the objective above it."""
    for ancestor in element.iterancestors(f"{W}tr"):
        return _mark(ancestor)
    paragraph = next(element.iterancestors(f"{W}p"), None)
    node: etree._Element | None = paragraph
    while node is not None:
        if node.tag == f"{W}p" and (place := _mark(node)) is not None:
            return place
        if node.tag == f"{W}p" and _is_heading(node):
            return None
        node = node.getprevious()
    return None


def _label(place: Place | None, expected: Rendered) -> tuple[str, str]:
    if place is None or place not in expected:
        return "", ""
    kind, number, values = expected[place]
    return f"{_kind(kind)} {number}", values["title"]


def _comments(
    review: Review,
    parts: dict[str, bytes],
    body: etree._Element,
    tracked: Tracked,
    expected: Rendered,
) -> None:
    data = parts.get("word/comments.xml")
    if not data:
        return
    try:
        root = etree.fromstring(data, _parser())
    except (etree.XMLSyntaxError, RecursionError):
        review.edits.append(
            Edit("comment", "", "", new="(the comments part is damaged and could not be read)")
        )
        return
    ours = {"plan-draft"}
    anchors = {a.get(f"{W}id"): a for a in body.iter(f"{W}commentRangeStart", f"{W}commentReference")}
    for n, comment in enumerate(root.iter(f"{W}comment")):
        if n >= MAX_COMMENTS:
            review.edits.append(
                Edit("comment", "", "", new=f"(more than {MAX_COMMENTS:,} comments: the rest not listed)")
            )
            return
        author = comment.get(f"{W}author") or ""
        if author in ours:
            continue  # the draft's own source notes (--comments), not a reviewer's
        anchor = anchors.get(comment.get(f"{W}id"))
        place = _enclosing(anchor) if anchor is not None else None
        item, title = _label(place, expected)
        review.edits.append(
            Edit(
                "comment",
                item,
                title,
                new=_text(comment, tracked),
                author=author,
                date=comment.get(f"{W}date") or "",
                place=place,
            )
        )


def _tracked(review: Review, body: etree._Element, expected: Rendered) -> None:
    for change in body.iter(f"{W}ins", f"{W}del"):
        if change.getparent() is not None and change.getparent().tag == f"{W}trPr":
            place = _mark(change.getparent().getparent())
            text = _text(change.getparent().getparent(), "reject")
        else:
            place = _enclosing(change)
            text = "".join(t.text or "" for t in change.iter(f"{W}t", f"{W}delText"))
        item, title = _label(place, expected)
        kind: Kind = "inserted" if change.tag == f"{W}ins" else "removed"
        review.edits.append(
            Edit(
                kind,
                item,
                title,
                new=text,
                author=change.get(f"{W}author") or "",
                date=change.get(f"{W}date") or "",
                place=place,
            )
        )
