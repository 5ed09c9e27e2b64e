"""Plain-text fields stay plain: HTML markup pasted into them is a problem, not content."""

from __future__ import annotations

import re
from collections.abc import Iterator

from press_core.errors import Problem

from .schema import RelatedLink, ReleaseMeta

# A tag needs a letter right after `<` (or `</`) and a closing `>`: `3 < 5`, `<3` and
# `AT&T` are text. Comments and declarations (`<!-- -->`, `<!DOCTYPE html>`) count too.
TAG = re.compile(
    r"<!--.*?-->|<!--|<![A-Za-z][^>]*>|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)(/?)>",
    re.DOTALL,
)
# The plain-text fields of gallery photos and attachments (press_media shows them).
PHOTO_TEXTS = ("alt", "credit", "caption", "licence")
ATTACHMENT_TEXTS = ("title", "description")


def first_markup(value: str) -> str | None:
    """Return the first tag in a text as a message shows it (`<span ...>`), or None."""
    match = TAG.search(value)
    if match is None:
        return None
    if match[0].startswith("<!--"):
        return "<!-- -->"
    if match[0].startswith("<!"):
        return f"<!{match[0][2:].split()[0].rstrip('>')}>"
    closing, name, attributes, empty = match.groups()
    if attributes.rstrip().endswith("/"):  # `<br />`: the space belongs to no attribute
        attributes, empty = attributes.rstrip()[:-1], "/"
    rest = " ..." if attributes.strip() else ""
    return f"<{closing}{name}{rest}{empty if not rest else ''}>"


def plain_fields(meta: ReleaseMeta) -> Iterator[tuple[str, str]]:
    """Yield (field, text) for every plain-text field of a release."""
    yield "title", meta.title
    yield "summary", meta.summary
    for index, line in enumerate(meta.highlights):
        yield f"highlights[{index}]", line
    if meta.dateline:
        yield "dateline", meta.dateline
    if meta.image:
        yield "image.alt", meta.image.alt
        if meta.image.credit:
            yield "image.credit", meta.image.credit
    for index, photo in enumerate(meta.images):
        for name in PHOTO_TEXTS:
            if getattr(photo, name):
                yield f"images[{index}].{name}", getattr(photo, name)
    for index, attachment in enumerate(meta.attachments):
        for name in ATTACHMENT_TEXTS:
            if getattr(attachment, name):
                yield f"attachments[{index}].{name}", getattr(attachment, name)
    for index, entry in enumerate(meta.related):
        if isinstance(entry, RelatedLink):
            yield f"related[{index}].title", entry.title


def markup_problems(path: str, meta: ReleaseMeta) -> list[Problem]:
    """Report each plain-text field that contains HTML markup."""
    problems = []
    for field, value in plain_fields(meta):
        tag = first_markup(value)
        if tag is not None:
            message = f"contains HTML markup ({tag}); write plain text"
            problems.append(Problem(path, field, message))
    return problems
