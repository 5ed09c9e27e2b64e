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

# Where the publisher sends e-mail alerts (STARTTLS on the submission port; unset: none sent).
# The login comes from PRESS_SMTP_USER and PRESS_SMTP_PASSWORD, read only when sending.
PRESS_SMTP_HOST = os.environ.get("PRESS_SMTP_HOST", "")
PRESS_SMTP_PORT = os.environ.get("PRESS_SMTP_PORT", "587")
# A WebSub hub (e.g. https://pubsubhubbub.appspot.com/): feeds name it, the publisher pings it.
PRESS_WEBSUB_HUB = os.environ.get("PRESS_WEBSUB_HUB", "")
