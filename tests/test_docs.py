"""The docs document every command, option, rule and language, and the help text of each is there
(sqlite-utils' habit); the README opens with set-up and links every page of docs/."""

from __future__ import annotations

import re

import click
from click.testing import CliRunner
from conftest import ROOT

from pipeline.cli import main

README = (ROOT / "README.md").read_text("utf-8")
DOCS = ROOT / "docs"
COMMANDS = (DOCS / "commands.md").read_text("utf-8")


def test_readme_starts_with_the_set_up_commands() -> None:
    head = "\n".join(README.splitlines()[:12])
    assert "make draft" in head and "make test" in head


def _commands(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append(((*prefix, name), command))
    return found


def test_every_command_is_documented_and_has_help() -> None:
    for words, command in _commands(main):
        name = " ".join(words)
        assert f"## `plan-draft {name}" in COMMANDS, f"docs/commands.md lacks a section for {name}"
        assert command.help, f"{name} has no help text"
        result = CliRunner().invoke(main, [*words, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
        for option in [p for p in command.params if p.param_type_name == "option"]:
            assert option.help, f"{name} {option.name} has no help text"


def test_readme_build_output_is_what_build_prints(tmp_path) -> None:
    result = CliRunner().invoke(main, ["build", str(ROOT / "inputs" / "example"), "-o", str(tmp_path)])
    first = result.output.splitlines()[0].replace(str(ROOT / "inputs" / "example"), "inputs/example")
    assert first in COMMANDS


def test_the_layout_names_every_module() -> None:
    layout = (DOCS / "layout.md").read_text("utf-8")
    modules = {p.stem for p in (ROOT / "pipeline").rglob("*.py") if p.stem not in ("__init__", "__main__")}
    missing = sorted(m for m in modules if f"{m}.py" not in layout)
    assert missing == [], f"docs/layout.md does not name {missing}"


def test_every_option_of_every_command_is_in_its_section() -> None:
    sections = COMMANDS.split("\n## ")
    for words, command in _commands(main):
        name = " ".join(words)
        (section,) = [
            s
            for s in sections
            if s.startswith(f"`plan-draft {name} ") or s.startswith(f"`plan-draft {name}`")
        ]
        for option in [p for p in command.params if isinstance(p, click.Option)]:
            spelled = option.opts + option.secondary_opts
            said = [o for o in spelled if re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", section)]
            assert said, f"docs/commands.md: {name} does not say {spelled}"


def test_every_language_is_named_in_the_docs_and_every_page_is_linked_from_the_readme() -> None:
    from pipeline.vocab import LANGUAGES

    for page in sorted(DOCS.glob("*.md")):
        assert f"(docs/{page.name})" in README, f"the README does not link docs/{page.name}"
    for language in LANGUAGES:
        assert f"`{language}`" in README or f" {language}," in README or f"{language})" in README, language


def test_every_test_module_is_type_checked_as_a_test() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    relaxed = {m for override in config["overrides"] for m in override["module"]}
    modules = {p.stem for p in (ROOT / "tests").glob("*.py")}
    assert modules <= relaxed, f"add {sorted(modules - relaxed)} to [[tool.mypy.overrides]] in pyproject.toml"
