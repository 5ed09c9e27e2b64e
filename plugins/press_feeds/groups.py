"""How a language's OPML file groups its feeds: by language, by topic, by tag."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from press_core.i18n_marks import N_

from .opml import OpmlGroup
from .plan import Directory, feed_ref

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
