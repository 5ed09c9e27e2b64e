"""press_content: releases, contacts and the rules between them.

PressPelican is here because `pelican` imports PELICAN_CLASS's top package only.
"""

from .pipeline import PressPelican
from .press_content import register

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ()

__all__ = ["NEEDS", "PressPelican", "register"]
