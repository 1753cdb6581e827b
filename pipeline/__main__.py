"""`python -m pipeline` runs the plan-draft command."""

from pipeline.console import run

run()
