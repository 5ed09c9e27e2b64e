"""Production settings: absolute SITEURL for pages, feeds and sitemaps."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("PRESS_SITEURL", "https://press.example.com")
RELATIVE_URLS = False
PRESS_PREVIEW = False
