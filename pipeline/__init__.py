"""plan-draft: workshop captures in, a checked Word draft of the strategic plan out."""

__version__ = "0.1.0"
