"""Pages of a body edit rendered from the last good build kept in memory, before the full build.

A save takes this path only when every changed file is a release of the last good build
whose front matter text is the same and whose body links (every `href` and `src` of the
rendered body: `{filename}`, `{static}`, `{attach}`, `{tag}`, plain URLs) are the same set,
and time alone has not changed the site since. The body is read and rendered by
press_content's reader (Markdown, nh3, typography, dateline), and each page by its kept
template and values with press_content's `Page`, as the build renders it. Anything else
returns None: the full build decides. The pages are only ever served from memory.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable
from typing import Any

from .memory import KeptRelease, SiteMemory, real

# The plugins' modules are imported inside each function, not here: they are on sys.path
# once a build has read its settings, and the imports then get the code that build ran.


def fast_pages(memory: SiteMemory | None, changed: Iterable[str]) -> dict[str, bytes] | None:
    """Return {output name: bytes} of the pages a body-only edit changes; None when it cannot."""
    paths = sorted(set(changed))
    if memory is None or not paths or not still_current(memory):
        return None
    pages: dict[str, bytes] = {}
    for path in paths:
        kept = memory.releases.get(real(path))
        made = body_edit(memory, kept, path) if kept is not None else None
        if made is None:
            return None
        pages |= made
    return pages


def still_current(memory: SiteMemory) -> bool:
    """Tell whether the next build's "now" leaves the kept build's output as it is."""
    from press_build.memo import still_current as unchanged_until
    from press_core.settings import parse_now

    value = os.environ.get("PRESS_NOW") or memory.settings.get("PRESS_NOW")
    try:
        now = parse_now(value)
    except Exception:  # the full build reports a bad PRESS_NOW in its words
        return False
    return unchanged_until(now, memory.now, memory.until)


def body_edit(memory: SiteMemory, kept: KeptRelease, path: str) -> dict[str, bytes] | None:
    """Render the pages of one release whose body alone changed; None for any other change."""
    text = _read(path)
    if text is None or not same_front_matter(kept.text, text):
        return None
    article = kept.article
    release, html, problems = memory.reader.release(article.source_path, article.press.path, text)
    if release is None or problems or release != article.press:
        return None
    if body_links(html) != body_links(article._content):
        return None
    edited = copy.copy(article)
    edited._content = html
    return {page.name: render(page, edited) for page in kept.pages}


def same_front_matter(old: str, new: str) -> bool:
    """Tell whether two texts of a release have the same front matter, as press_content cuts it."""
    from press_content.frontmatter import FrontMatterError, cut

    try:
        return cut(old)[0] == cut(new)[0]
    except FrontMatterError:
        return False


def body_links(html: str) -> set[str]:
    """Return every link of a rendered body, as press_content's withheld check reads them."""
    from press_content.withheld import ATTRIBUTE

    return set(ATTRIBUTE.findall(html or ""))


def render(page: Any, article: Any) -> bytes:
    """Render a kept page with another article, as press_content's writer renders a page."""
    values = {**page.localcontext, "article": article}
    from press_build.pages import Page

    data, _ = Page(page.name, page.template, values, article._context, None).render()
    return data


def _read(path: str) -> str | None:
    """Return a source's text as the reader reads it; None when it cannot be read."""
    from press_core.errors import read_text

    try:
        return read_text(path)
    except Exception:  # gone, unreadable: the full build reports it
        return None
