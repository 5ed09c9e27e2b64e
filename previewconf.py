"""Preview settings: drafts and embargoed releases shown with a banner, never indexed."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: F403

OUTPUT_PATH = "preview"
PRESS_PREVIEW = True
