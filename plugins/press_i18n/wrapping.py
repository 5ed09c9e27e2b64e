"""Where long addresses may wrap: e-mail addresses break only before "@" and dots."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

BREAK_BEFORE = re.compile(r"(?=[@.])")  # where a line may end inside an address


def breakable(address: str) -> Markup:
    """Return the address escaped, with <wbr> before each "@" and dot (never mid-word)."""
    return Markup("<wbr>").join(escape(part) for part in BREAK_BEFORE.split(str(address)))
