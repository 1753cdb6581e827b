"""`python -m pipeline` runs the plan-draft command."""

from pipeline.cli import run

run()
