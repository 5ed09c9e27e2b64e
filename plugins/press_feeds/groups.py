"""How a language's OPML file groups its feeds: by language, by topic, by tag."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .opml import OpmlGroup
from .plan import Directory, feed_ref


def N_(message: str) -> str:  # noqa: N802 - the name pybabel looks for
    """Mark a string for extraction; it is translated into the directory's language."""
    return message


BY_LANGUAGE = N_("By language")
TOPICS = N_("Topics")
TAGS = N_("Tags")


def opml_groups(
    directory: Directory, settings: Any, translate: Callable[[str], str]
) -> tuple[OpmlGroup, ...]:
    """Return the non-empty groups of a directory's feeds, labelled in its language."""
    groups = (
        (BY_LANGUAGE, (directory.language, directory.everything)),
        (TOPICS, directory.topics),
        (TAGS, directory.tags),
    )
    return tuple(
        OpmlGroup(translate(label), tuple(feed_ref(feed, settings) for feed in feeds))
        for label, feeds in groups
        if feeds
    )
