"""Localized URL segments: French topics, tags and feeds use French words only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import inprocess
from conftest import AFTER_EMBARGO, ROOT, Build, snapshot
from press_core.segments import topic_segment, topic_segment_problems

ENGLISH_IN_FRENCH = re.compile(r"\bfr/(?:[^\s\"'<>]*/)?(?:topics|tags|feeds|releases|archive)/")


def test_topic_segment_is_the_label_folded() -> None:
    assert topic_segment("Développement durable") == "developpement-durable"
    assert topic_segment("Recherche et développement") == "recherche-et-developpement"
    assert topic_segment("Électromobilité") == "electromobilite"


def test_labels_that_share_or_lack_a_segment_are_startup_errors() -> None:
    topics = {
        "digital": {"en": "Digital", "fr": "Numérique"},
        "numeric": {"en": "Numeric", "fr": "numérique!"},
        "odd": {"en": "Odd", "fr": "???"},
    }
    assert topic_segment_problems(topics) == [
        'PRESS_TOPICS: numeric: the fr label "numérique!" gives the URL segment "numerique",'
        " like digital; change one label",
        'PRESS_TOPICS: odd: the fr label "???" gives an empty URL segment; use letters or digits',
    ]


def test_french_pages_and_feeds_use_french_segments(built: Build) -> None:
    assert built.page("fr/sujets/evenements/").find("h1").get_text(strip=True) == "Événements"
    names = {p.relative_to(built.output).as_posix() for p in built.files()}
    assert {"fr/fils/sujets/evenements.xml", "fr/fils/mots-cles/chine.atom"} <= names
    assert "en/feeds/topics/research-and-development.xml" in names


def test_no_english_segment_is_left_in_french_urls(built: Build) -> None:
    found = {}
    for path in built.files():
        if path.suffix in {".html", ".xml", ".atom", ".opml", ".txt", ".vcf"}:
            hits = ENGLISH_IN_FRENCH.findall(path.read_text(encoding="utf-8"))
            if hits:
                found[path.relative_to(built.output).as_posix()] = sorted(set(hits))
    assert found == {}
    assert not any(
        p.relative_to(built.output).as_posix().startswith("fr/fils/topics") for p in built.files()
    )


def test_colliding_topic_labels_stop_the_build(site: Path) -> None:
    before = snapshot(site)
    topics = {
        "digital": {"en": "Digital", "fr": "Numérique"},
        "d2": {"en": "D2", "fr": "numérique"},
    }
    argv = ["content", "-s", str(ROOT / "pelicanconf.py")]
    argv += ["-e", f"PRESS_TOPICS={json.dumps(topics)}"]
    code, _, stderr = inprocess.run(site, argv, {"PRESS_NOW": AFTER_EMBARGO})
    assert code == 1
    assert stderr.splitlines() == [
        'PRESS_TOPICS: d2: the fr label "numérique" gives the URL segment "numerique",'
        " like digital; change one label"
    ]
    assert snapshot(site) == before
