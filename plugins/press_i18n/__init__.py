"""press_i18n: per-page interface language, localized dates, the finished view of each release."""

from .press_i18n import register

__all__ = ["register"]
