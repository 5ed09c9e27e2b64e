"""PressClub settings declared once: each option's name, default, check and effect on pages.

Each plugin package lists its options in `OPTIONS` (a tuple of `Option`); a build
collects the declarations of the plugins in PLUGINS, parses every value once and
reports every bad value and every unknown `PRESS_*` name together, one line each.
Pelican's own settings are Pelican's to check.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

PREFIX = "PRESS_"


class OptionError(ValueError):
    """A value an option cannot use; the message says what is wrong and what to do."""


def _unchecked(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Option:
    """One setting: its name, its default, how its value is checked and read, its effect."""

    name: str
    default: Any
    parse: Callable[[Any], Any] = _unchecked  # returns the value to use, or raises OptionError
    changes_output: bool = True  # False: where, when or how fast to build, never what


def plugin_options(plugins: Iterable[Any]) -> tuple[Option, ...]:
    """Return the options the plugins of PLUGINS declare (names or modules)."""
    found: list[Option] = []
    for plugin in plugins:
        # Pelican has imported each plugin already: this finds it in sys.modules.
        module = importlib.import_module(plugin) if isinstance(plugin, str) else plugin
        found += getattr(module, "OPTIONS", ())
    return tuple(found)


def parse_options(
    settings: Mapping[str, Any], options: Iterable[Option]
) -> tuple[dict[str, Any], list[str]]:
    """Return each option's parsed value (default when unset), and one line per bad value."""
    values: dict[str, Any] = {}
    problems = []
    for option in options:
        try:
            values[option.name] = option.parse(settings.get(option.name, option.default))
        except OptionError as error:
            problems.append(f"{option.name}: {error}")
    return values, problems


def unknown_names(settings: Iterable[str], options: Iterable[Option]) -> list[str]:
    """Return one line per `PRESS_*` name no option declares, with the closest known name."""
    known = {option.name for option in options}
    # Compared without the prefix, which every name shares and would make all of them close.
    staff = sorted(option.name[len(PREFIX) :] for option in options)
    lines = []
    for name in sorted(settings):
        if name.startswith(PREFIX) and name not in known:
            close = difflib.get_close_matches(name[len(PREFIX) :], staff, n=1)
            hint = (
                f"did you mean {PREFIX}{close[0]}?" if close else "remove it or check its spelling"
            )
            lines.append(f"{name}: unknown setting; {hint}")
    return lines


def output_neutral(options: Iterable[Option]) -> frozenset[str]:
    """Return the names of the options that never change a page, feed or file."""
    return frozenset(option.name for option in options if not option.changes_output)


# Checks shared by the declarations: each returns the value to use or raises OptionError.


def whole(example: int) -> Callable[[Any], int]:
    """Check a whole number above 0."""

    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise OptionError(f"{value!r} is not a whole number above 0; write one like {example}")
        return value

    return parse


def optional_whole(example: int) -> Callable[[Any], int | None]:
    """Check a whole number above 0, or None."""
    check = whole(example)

    def parse(value: Any) -> int | None:
        if value is None:
            return None
        try:
            return check(value)
        except OptionError as error:
            raise OptionError(f"{error}, or None") from None

    return parse


def seconds(value: Any) -> float:
    """Check a number of seconds, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise OptionError(f"{value!r} is not a number of seconds; write one like 120")
    return float(value)


def flag(value: Any) -> bool:
    """Check True or False."""
    if not isinstance(value, bool):
        raise OptionError(f"{value!r} is not True or False; write True or False")
    return value


def text(value: Any) -> str:
    """Check a non-empty text."""
    if not isinstance(value, str) or not value.strip():
        raise OptionError(f"{value!r} is not a non-empty text; write one in quotes")
    return value


def texts(example: str) -> Callable[[Any], tuple[str, ...]]:
    """Check a non-empty list of non-empty texts."""

    def parse(value: Any) -> tuple[str, ...]:
        if (
            isinstance(value, str | bytes)
            or not isinstance(value, list | tuple)
            or not value
            or not all(isinstance(item, str) and item for item in value)
        ):
            raise OptionError(f"{value!r} is not a list of texts; write one like {example}")
        return tuple(value)

    return parse


def mapping(example: str) -> Callable[[Any], Mapping[str, Mapping[str, str]]]:
    """Check a mapping of texts to mappings of texts to texts (per-language tables)."""

    def table(value: Any) -> bool:
        return isinstance(value, Mapping) and all(isinstance(k, str) for k in value)

    def parse(value: Any) -> Mapping[str, Mapping[str, str]]:
        rows = value.values() if table(value) else [None]
        if not all(table(row) and all(isinstance(v, str) for v in row.values()) for row in rows):
            raise OptionError(f"{value!r} is not a mapping of mappings; write one like {example}")
        return value

    return parse
