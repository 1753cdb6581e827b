"""The garbage collector's settings for a plan-draft process, in one place.

A plan is a few hundred thousand small objects that live until the command ends, and few of them
form cycles. So the objects made by the imports are set aside from collection (`gc.freeze`), and
the collector runs less often than Python's default (every 700 allocations), which re-walks the
growing plan many times: together a fifth of a 5,000-initiative build's time, measured. A draft
leaves python-docx's package (parts and relationships refer to each other, about 10 MB) to the
cycle collector, so a batch worker collects after each mission (`after_mission`).
"""

from __future__ import annotations

import gc

THRESHOLDS = (20_000, 20, 20)


def tune_process() -> None:
    """Set the collector for a process that builds plans (the console command, a batch worker), and
    turn it on (the console entry point loads the modules with it off)."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    gc.enable()


def after_mission() -> None:
    """Collect what one mission's draft left, so a worker's memory stays that of one mission."""
    gc.collect()
