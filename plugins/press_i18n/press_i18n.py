"""Signal handlers of press_i18n (placeholder until the theme work lands)."""

from __future__ import annotations


def register() -> None:
    """Connect nothing yet."""
