"""The command line: Click commands, their shared options and the terminal report; the core is elsewhere."""

from pipeline.cli.commands import main, run

__all__ = ["main", "run"]
