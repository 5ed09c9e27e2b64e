"""press_search: a Pagefind index of the published releases, and a search page per language."""

from press_core.options import Option, internal

from .press_search import RUN, register

# The plugins that must come before this one in PLUGINS (press_core.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

# The build's Indexing, kept in Pelican's settings during a run (not a setting).
OPTIONS: tuple[Option, ...] = (internal(RUN),)

__all__ = ["NEEDS", "OPTIONS", "register"]
