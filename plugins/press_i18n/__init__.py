"""press_i18n: per-page interface language, localized dates, French typography."""

from .press_i18n import register

__all__ = ["register"]
