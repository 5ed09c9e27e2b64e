"""Keep withheld releases out of published pages: links to them, and files only they use.

Paths are compared as resolved real paths, never as the text staff typed:
`images/2021/./x.jpg`, `images/alias/x.jpg` (a link to 2021/) and `/images/2021/x.jpg`
all name one file.
"""

from __future__ import annotations

import os
import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from press_core.errors import Problem

from .releases import due_at

ATTRIBUTE = re.compile(r'(?:src|href)="([^"]*)"')
PELICAN_LINK = re.compile(r"^[{|](?P<what>[a-z]+)[|}](?P<value>.*)$")
SOURCE_SUFFIXES = {".md", ".markdown", ".yml", ".yaml"}
MEDIA_DIR = "media"  # content/media/: published only through the releases that use its files
PUBLIC_DIR = "public"  # content/public/: published as it is, used by a page or not
UNUSED = "no published page uses it, so it is not published"
NAME_MATCH = 8  # shortest key or slug looked for in static file names (not "news", "release")
TARGETS = "_press_targets"  # per-article memo of targets(): (content folder, body, found)


def real(path: str | os.PathLike) -> str:
    """Return a path with every `.`, `..`, double slash and symbolic link resolved."""
    return os.path.realpath(path)


def targets(article: Any, content: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return the files a body refers to: (by Pelican link syntax, by any URL), as real paths.

    Pelican links resolve like Pelican does: from content/ when they start with /,
    else from the body's own folder. Plain URLs are tried both ways, without ../ and ./.
    Worked out once per body: the gate, the static files' gate and press_media ask again.
    """
    body = getattr(article, "_content", "") or ""
    known = article.__dict__.get(TARGETS)
    if known is not None and known[0] == content and known[1] is body:
        return known[2]
    found = _targets(body, os.path.dirname(article.source_path), content)
    article.__dict__[TARGETS] = (content, body, found)
    return found


def _targets(body: str, here: str, content: str) -> tuple[frozenset[str], frozenset[str]]:
    pelican, plain = set(), set()
    for value in ATTRIBUTE.findall(body):
        value = unescape(value)
        match = PELICAN_LINK.match(value)
        path = unquote(urlparse(match["value"] if match else value).path)
        if not path or urlparse(value).scheme or value.startswith("//"):
            continue
        base = content if path.startswith("/") else here
        found = real(os.path.join(base, path.lstrip("/")))
        if match:
            pelican.add(found)
            continue
        plain |= {found, real(os.path.join(content, re.sub(r"^(?:\.\.?/|/)+", "", path)))}
    return frozenset(pelican), frozenset(plain)


def why_withheld(release: Any, now: Any) -> str:
    """Say in a few words why a release is not published yet."""
    if release.meta.status == "draft":
        return "is a draft"
    return f"is embargoed until {due_at(release.meta).isoformat()}"


def link_problems(
    visible: list[Any], withheld: list[Any], content: str, now: Any, checked: Any = None
) -> list[Problem]:
    """Name every published body that links to a withheld release, by path or by its URL.

    checked: the published bodies to read (default: all of them).
    """
    held = {real(article.source_path): article.press for article in withheld}
    public = {article.press.slug for article in visible}
    slugs = {a.press.slug: a.press for a in withheld if a.press.slug not in public}
    problems = []
    for article in visible if checked is None else checked:
        pelican, plain = targets(article, content)
        found = [held[path] for path in sorted(pelican | plain) if path in held]
        for value in ATTRIBUTE.findall(getattr(article, "_content", "") or ""):
            found += [slugs[part] for part in unquote(value).split("/") if part in slugs]
        for release in {id(r): r for r in found}.values():
            message = f"links to {release.path}, which {why_withheld(release, now)};"
            message += " remove the link or publish both together"
            problems.append(Problem(article.press.path, "body", message))
    return problems


def listed_files(meta: Any) -> list[str]:
    """Return every file a release's front matter lists: lead image, gallery, attachments."""
    lead = [meta.image] if meta.image else []
    return [entry.src for entry in (*lead, *meta.images, *meta.attachments)]


def used_files(articles: list[Any], content: str) -> set[str]:
    """Return the real paths of every file some of these releases refer to."""
    used: set[str] = set()
    for article in articles:
        pelican, plain = targets(article, content)
        used |= pelican | plain
        used |= {real(os.path.join(content, src)) for src in listed_files(article.press.meta)}
    return used


def held_files(statics: list[Any], visible: list[Any], withheld: list[Any], content: str) -> set:
    """Return the static files only withheld releases use, or named after one of them."""
    used = used_files(visible, content)
    only_held = used_files(withheld, content) - used
    public = {name for a in visible for name in (a.press.slug, a.press.meta.key)}
    names = {name for a in withheld for name in (a.press.slug, a.press.meta.key)} - public
    names = {name for name in names if len(name) >= NAME_MATCH}
    held = set()
    for static in statics:
        path = real(static.source_path)
        if path in used:
            continue
        if path in only_held or any(name in static.relative_source_path for name in names):
            held.add(static.relative_source_path)
    return held


def site_files(site: Any, content: str) -> set[str]:
    """Return the real paths of the files every page may show: contact photos, brand logo."""
    photos = [contact.photo for contact in site.contacts.values() if contact.photo]
    logo = [site.settings.brand.logo] if site.settings.brand.logo else []
    return {real(os.path.join(content, path)) for path in (*photos, *logo)}


def public_files(statics: list[Any], content: str) -> set[str]:
    """Return the real paths of the static files under content/public/ (published as they are)."""
    public = Path(real(os.path.join(content, PUBLIC_DIR)))
    paths = {real(static.source_path) for static in statics}
    return {path for path in paths if public in Path(path).parents}


def unused_files(statics: list[Any], site: Any, content: str) -> list[Any]:
    """Return the static files that no published page uses, but those of content/public/."""
    used = used_files(site.articles, content) | site_files(site, content)
    public = Path(real(os.path.join(content, PUBLIC_DIR)))
    return [
        static
        for static in statics
        if real(static.source_path) not in used
        and public not in Path(real(static.source_path)).parents
    ]


def unused_media(site: Any, content: str) -> list[Path]:
    """Return the files of content/media/ that no published page uses (for `./dev check`)."""
    used = used_files(site.articles, content) | site_files(site, content)
    folder = Path(content) / MEDIA_DIR
    found = sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []
    return [path for path in found if real(path) not in used]


def static_problems(statics: list[Any], content: str, releases: str, shown: Any) -> list[Problem]:
    """Refuse copying a source file, or anything outside content/ or inside releases/."""
    root, held = Path(real(content)), Path(real(os.path.join(content, releases)))
    problems = []
    for static in statics:
        path = Path(real(static.source_path))
        if path.suffix.lower() in SOURCE_SUFFIXES:
            message = f"is a source file ({path.suffix}); source files are never published"
        elif root not in path.parents or held == path or held in path.parents:
            message = "is outside content/ or inside the releases folder; it is never published"
        else:
            continue
        problems.append(Problem(shown(static.source_path), "file", message))
    return problems
