"""Write the corpus as plain Pelican expects it: `Key: value` metadata, translations by `Key`."""

from __future__ import annotations

from pathlib import Path

from bench import words
from bench.corpus import Corpus, Version
from bench.layouts.common import plain_body, write_file

TOPIC_LABELS = {topic: (en, fr) for topic, en, fr in words.TOPICS}


def write(root: Path, corpus: Corpus) -> Path:
    """Write every version under `root`/content; return that path."""
    content = root / "content"
    for version in corpus.versions:
        text = metadata(version, corpus) + "\n" + plain_body(version, corpus, _link)
        write_file(release_path(content, version), text)
    return content


def release_path(content: Path, version: Version) -> Path:
    """Return where `version` lives: content/<YYYY>/<key>.<lang>.md."""
    return content / version.stem


def metadata(version: Version, corpus: Corpus) -> str:
    """Return Pelican's metadata lines; the first topic is the category."""
    r = version.release
    lines = [f"Title: {version.title}", f"Date: {r.date.isoformat()}"]
    lines += [f"Modified: {r.updated.isoformat()}"] if r.updated else []
    lines += [
        f"Slug: {version.slug}",
        f"Lang: {version.lang}",
        f"Key: {r.key}",
        f"Category: {TOPIC_LABELS[r.topics[0]][version.lang == 'fr']}",
        f"Tags: {', '.join(version.tags)}",
        f"Author: {corpus.contact(r.author).name}",
        f"Summary: {version.summary}",
        "Status: published",
    ]
    return "\n".join(lines) + "\n"


def _link(other: Version) -> str:
    """Link another release the Pelican way, by source file."""
    return "{filename}/" + other.stem
