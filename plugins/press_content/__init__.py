"""press_content: releases, contacts and the rules between them.

PressPelican is here because `pelican` imports PELICAN_CLASS's top package only.
"""

from press_core.options import Option, internal

from .build import KEY
from .output import BUILD_ALWAYS, MEMO
from .pipeline import PressPelican
from .press_content import register

# The plugins that must come before this one in PLUGINS (press_content.plugin_order).
NEEDS: tuple[str, ...] = ()

# Its own options; press_core declares the settings every build reads (core_options).
# These keys are objects the build keeps in Pelican's settings during a run, not settings.
OPTIONS: tuple[Option, ...] = (internal(KEY), internal(MEMO), internal(BUILD_ALWAYS))

__all__ = ["NEEDS", "OPTIONS", "PressPelican", "register"]
