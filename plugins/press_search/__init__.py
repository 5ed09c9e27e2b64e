"""press_search: a Pagefind index of the published releases, and a search page per language."""

from .press_search import register

__all__ = ["register"]
