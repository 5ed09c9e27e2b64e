"""Three-language fixture: the project's settings with German added, nothing else."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pelicanconf import *  # noqa: F403
from pelicanconf import PRESS_LANGUAGES, PRESS_SECTIONS, PRESS_TOPICS

PRESS_LANGUAGES = {**PRESS_LANGUAGES, "de": {"locale": "de_DE", "name": "Deutsch"}}
PRESS_SECTIONS = {
    **PRESS_SECTIONS,
    "de": {"releases": "mitteilungen", "topics": "themen", "tags": "schlagwoerter",
           "archive": "archiv", "contacts": "kontakte", "feeds": "feeds", "media": "medien",
           "search": "suche"},
}  # fmt: skip
GERMAN_TOPICS = {
    "innovation": "Innovation",
    "corporate": "Unternehmen",
    "sustainability": "Nachhaltigkeit",
    "urban-mobility": "Urbane Mobilität",
    "electromobility": "Elektromobilität",
    "digital": "Digitales",
    "research": "Forschung und Entwicklung",
    "events": "Veranstaltungen",
}
PRESS_TOPICS = {
    topic: {**labels, "de": GERMAN_TOPICS[topic]} for topic, labels in PRESS_TOPICS.items()
}
