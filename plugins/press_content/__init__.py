"""press_content: releases, contacts and the rules between them."""

from .guard import PressPelican
from .press_content import register

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ()

__all__ = ["NEEDS", "PressPelican", "register"]
