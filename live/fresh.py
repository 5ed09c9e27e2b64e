"""Start each in-process build as clean as a new `pelican` command: no receivers or caches left."""

from __future__ import annotations

import sys
import weakref
from collections.abc import Iterable
from pathlib import Path

import blinker
from pelican import contents
from pelican.log import LimitFilter
from pelican.utils import memoized


def plugin_modules(plugin_paths: Iterable[str | Path]) -> set[str]:
    """Return the names of the loaded modules whose files sit under a plugin path."""
    roots = [Path(path).resolve() for path in plugin_paths]
    found = set()
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None)
        if where and any(Path(where).resolve().is_relative_to(root) for root in roots):
            found.add(name)
    return found


def _receiver(stored: object) -> object:
    """Return a receiver as blinker keeps it: itself, or the object behind a weak reference."""
    return stored() if isinstance(stored, weakref.ref) else stored


def unplug(modules: set[str]) -> int:
    """Disconnect every signal receiver defined in these modules; return how many.

    Pelican registers each plugin again on every run, but blinker keeps a receiver
    connected once at its first place: without this, a reordered PLUGINS list would
    keep the old order, and bound methods of the last run's generators would stay.
    """
    count = 0
    for signal in list(blinker.default_namespace.values()):
        for stored in list(signal.receivers.values()):
            receiver = _receiver(stored)
            if receiver is not None and getattr(receiver, "__module__", None) in modules:
                signal.disconnect(receiver)
                count += 1
    return count


def forget(modules: set[str]) -> None:
    """Drop modules so the next build imports their code again (after an edit of a plugin)."""
    for name in modules:
        sys.modules.pop(name, None)


def reset_pelican() -> None:
    """Empty what Pelican keeps at module level between runs of one process."""
    # Warnings already shown are never shown again in one process; a new run shows them.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    # Content.get_content and get_summary cache by (content, siteurl) on the class:
    # every Article of every run would stay in memory (get_content is wrapped by
    # press_build.pages.watch_bodies: the memoized object is its __wrapped__).
    for cls in _subclasses(contents.Content):
        for value in vars(cls).values():
            value = getattr(value, "__wrapped__", value)
            if isinstance(value, memoized):
                value.cache.clear()


def _subclasses(cls: type) -> list[type]:
    """Return a class and all its subclasses."""
    found = [cls]
    for sub in cls.__subclasses__():
        found += _subclasses(sub)
    return found
