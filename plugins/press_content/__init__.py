"""press_content: releases, contacts and the rules between them (the content domain).

It hooks into press_build's phases (start, read, gate); the build engine never imports it.
"""

from press_core.options import Option
from press_core.plugin_order import register_on_call

# The plugins that must come before this one in PLUGINS (press_core.plugin_order).
NEEDS: tuple[str, ...] = ()

# Its own options; press_core declares the settings every build reads (core_options).
OPTIONS: tuple[Option, ...] = ()

__all__ = ["NEEDS", "OPTIONS", "register"]

register = register_on_call(__name__)  # loads the plugin's modules when called
