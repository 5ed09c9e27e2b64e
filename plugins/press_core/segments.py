"""Localized URL segments of topics: each language's label, folded to a slug.

`sustainability` is `/en/topics/sustainability/` and `/fr/sujets/developpement-durable/`.
The segment follows the label in PRESS_TOPICS, so there is nothing else to configure;
two topics whose labels fold to one segment in a language are a startup error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from unidecode import unidecode


def topic_segment(label: str) -> str:
    """Return the URL segment of a topic label: accents folded, a-z 0-9 and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", unidecode(label).lower()).strip("-")


def topic_segment_problems(topics: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Return one line per topic label that gives no segment or another topic's segment."""
    problems = []
    taken: dict[tuple[str, str], str] = {}
    for topic, labels in topics.items():
        for lang, label in labels.items():
            segment = topic_segment(str(label))
            if not segment:
                problems.append(
                    f'PRESS_TOPICS: {topic}: the {lang} label "{label}" gives an empty'
                    " URL segment; use letters or digits"
                )
            elif (lang, segment) in taken:
                problems.append(
                    f'PRESS_TOPICS: {topic}: the {lang} label "{label}" gives the URL'
                    f' segment "{segment}", like {taken[lang, segment]}; change one label'
                )
            else:
                taken[lang, segment] = topic
    return problems
