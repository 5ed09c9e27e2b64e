"""press_content: releases, contacts and the rules between them (the content domain).

It hooks into press_build's phases (start, read, gate); the build engine never imports it.
"""

from press_core.options import Option

# The plugins that must come before this one in PLUGINS (press_core.plugin_order).
NEEDS: tuple[str, ...] = ()

# Its own options; press_core declares the settings every build reads (core_options).
OPTIONS: tuple[Option, ...] = ()

__all__ = ["NEEDS", "OPTIONS", "register"]


def register() -> None:
    """Connect the plugin; its modules load here, so a build found up to date never loads them."""
    from .press_content import register as connect

    connect()
