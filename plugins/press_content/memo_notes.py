"""What the manifest must know of releases: the instants at which time alone changes the output."""

from __future__ import annotations

from typing import Any

from press_build.memo import OutputMemo

from .releases import due_at


def note_changes(memo: OutputMemo | None, releases: list[Any]) -> None:
    """Tell the manifest when time alone will change the output: a release falls due, an event ends."""
    if memo is None:
        return
    for article in releases:
        meta = article.press.meta
        memo.expires(due_at(meta))
        if meta.event is not None:
            memo.expires(meta.event.end)
