"""Limits per release that keep a build's cost bounded and every file name short."""

from __future__ import annotations

from pydantic_core import PydanticCustomError

# Limit name -> (setting that changes it, default). They keep
# the cost of a build bounded and every file name short enough for any file system.
LIMITS = {
    "tags": ("PRESS_MAX_TAGS", 20),
    "topics": ("PRESS_MAX_TOPICS", 5),
    "title": ("PRESS_MAX_TITLE_LENGTH", 300),
    "slug": ("PRESS_MAX_SLUG_LENGTH", 80),
    "tag": ("PRESS_MAX_TAG_LENGTH", 60),
}
DEFAULT_LIMITS = {name: default for name, (_, default) in LIMITS.items()}


def short(value: str | None, name: str, limits: dict[str, int]) -> str | None:
    """Refuse a text longer than its limit."""
    most = limits[name]
    if value is not None and len(value) > most:
        setting = LIMITS[name][0]
        raise PydanticCustomError(
            "press",
            f"{name} is {len(value)} characters long; at most {most} are allowed ({setting})",
        )
    return value
