"""Rendering: the Word draft from a plan, its findings and a template."""
