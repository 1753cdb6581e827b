"""Write the default template (the one `plan-draft render` uses without --template) to a file.

Usage: python scripts/make_template.py templates/default.docx
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.render.house_style import build_default_template

if __name__ == "__main__":
    Path(sys.argv[1] if len(sys.argv) > 1 else "templates/default.docx").write_bytes(build_default_template())
