"""The `plan-draft` console command's entry point, before anything else is imported.

The collector is off while the commands' modules load (they make a few hundred thousand objects and
next to no garbage: a hundredth of a second of every run went to walking them), then set for
building plans by `pipeline.tuning`, which turns it on again.
"""

from __future__ import annotations

import gc


def run() -> None:
    gc.disable()
    from pipeline.cli import run as run_command  # imported with the collector off

    run_command()
