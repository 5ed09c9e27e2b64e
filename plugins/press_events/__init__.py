"""press_events: an iCalendar file per invitation and language, and its page values."""

from .press_events import register

__all__ = ["register"]
