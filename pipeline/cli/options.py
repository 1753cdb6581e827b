"""Options shared by several commands, each defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

template_option = click.option(
    "--template",
    "-t",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Word template (.docx) whose styles, page setup, headers and footers the draft keeps. "
    "Default: the built-in template (templates/default.docx).",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Exit with code 1 when any error-level finding exists."
)


def _known_codes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """The codes given, upper-cased; a code no rule has is a usage error (a typo ignores nothing)."""
    from pipeline.checks import rule_codes

    codes = tuple(code.upper() for code in value)
    unknown = [code for code in codes if code not in rule_codes()]
    if unknown:
        raise click.BadParameter(f"no rule has the code {', '.join(unknown)} ('plan-draft rules' lists them)")
    return codes


ignore_option = click.option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="CODE",
    callback=_known_codes,
    help="Do not report this rule (repeatable), e.g. --ignore SMART001.",
)
date_option = click.option(
    "--date",
    "date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date on the cover (YYYY-MM-DD). Default: 'date' in mission.toml.",
)
comments_option = click.option(
    "--comments",
    is_flag=True,
    help="Put the source of each objective and initiative (file, sheet, cell) in a Word comment on it.",
)
changes_option = click.option(
    "--changes",
    is_flag=True,
    help="Add an annex 'Changes since the previous draft', compared with the plan.json already in the "
    "output folder.",
)
pdf_option = click.option(
    "--pdf",
    is_flag=True,
    help="Also write draft.pdf, laid out by LibreOffice, with the contents' page numbers filled in "
    "(in the .docx too), in one layout. Needs LibreOffice (and its Python bridge, or poppler).",
)


def draft_options(command: F) -> F:
    """The options every command that makes a draft from a mission shares (build, batch)."""
    for option in reversed(
        (
            template_option,
            strict_option,
            ignore_option,
            date_option,
            comments_option,
            changes_option,
            pdf_option,
        )
    ):
        command = option(command)
    return command
