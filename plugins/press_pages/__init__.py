"""press_pages: per-language listings, contacts directory, vCards and the language chooser."""

from .press_pages import register

__all__ = ["register"]
