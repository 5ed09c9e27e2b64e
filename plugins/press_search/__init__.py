"""press_search: a Pagefind index of the published releases, and a search page per language."""

from press_core.options import Option
from press_core.plugin_order import register_on_call

# The plugins that must come before this one in PLUGINS (press_core.plugin_order).
NEEDS: tuple[str, ...] = ("press_content", "press_i18n")

# No option of its own (its Indexing is kept on the run's press_build Build).
OPTIONS: tuple[Option, ...] = ()

__all__ = ["NEEDS", "OPTIONS", "register"]

register = register_on_call(__name__)  # loads the plugin's modules when called
