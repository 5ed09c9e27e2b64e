"""What a page is made from, as one digest of the values its template receives.

Values are serialized with pickle, whose C code walks dataclasses, pydantic models,
lists and dicts quickly; the hooks below describe what must not be serialized whole
(a release is its token, a template its name, a locale its code, the settings the
site digest's). A value pickle cannot take (a lambda, a cycle) makes the page
unkeyable: it is rendered every build. Knowing too little costs time, never
correctness; equal values serialized differently (sharing, order) cost a render too.
"""

from __future__ import annotations

import functools
import hashlib
import io
import pickle
import re
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from press_core.settings import PressSettings

ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
TOKEN = "_press_token"  # per-article memo: (siteurl-free digest, {siteurl: digest})
# The siteurl of the page being keyed: a release's body is digested as that page shows it.
PAGE_SITEURL: ContextVar[str | None] = ContextVar("PAGE_SITEURL", default=None)


class Unkeyable(Exception):
    """A value that cannot be described; the page that holds it is always rendered."""


class _Describer(pickle.Pickler):
    """pickle, with PressClub's stand-ins for values that must not be serialized whole."""

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, (set, frozenset)):  # string hashes, so set order, differ per run
            return ("set", sorted(map(digest, obj)))
        if isinstance(obj, Content):
            return ("release", content_token(obj))
        if isinstance(obj, URLWrapper):
            return (type(obj).__name__, obj.name, obj.slug, obj.url)
        if isinstance(obj, PressSettings):
            # In the site digest, `now` left out: what depends on the time reaches pages
            # as values (visible releases, upcoming events), which are keyed.
            return ("press-settings",)
        module = type(obj).__module__
        if module.startswith("babel") and hasattr(obj, "language"):
            return ("locale", str(obj))
        if module.startswith("jinja2") and hasattr(obj, "render"):
            return ("template", getattr(obj, "name", None))
        return None

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, MappingProxyType):  # a read-only dict (frozen settings)
            return (dict, (dict(obj),))
        lazy = _lazy_names(type(obj))
        if lazy and hasattr(obj, "__dict__"):
            # A cached_property is in __dict__ only once something read it: leave it out.
            state = {k: v for k, v in vars(obj).items() if k not in lazy}
            return (_described, (type(obj).__module__, type(obj).__qualname__), state)
        return NotImplemented


@functools.cache
def _lazy_names(kind: type) -> frozenset[str]:
    """Return the names of a class's cached properties."""
    return frozenset(
        name
        for klass in kind.__mro__
        for name, value in vars(klass).items()
        if isinstance(value, functools.cached_property)
    )


def _described(module: str, name: str) -> None:
    """Stand in for a class in a description; descriptions are never loaded."""


def digest(*values: Any) -> str:
    """Return the SHA-256 of values serialized together; raise Unkeyable if one cannot be."""
    buffer = io.BytesIO()
    describer = _Describer(buffer, protocol=5)
    describer.fast = True  # no memo: equal values give equal bytes however they are shared
    try:
        describer.dump(values)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as error:
        raise Unkeyable(str(error)[:200]) from None
    return hashlib.sha256(buffer.getbuffer()).hexdigest()


def page_digest(siteurl: str | None, *values: Any) -> str:
    """Return the digest of what one page at `siteurl` receives."""
    token = PAGE_SITEURL.set(siteurl)
    try:
        return digest(*values)
    finally:
        PAGE_SITEURL.reset(token)


def content_token(article: Content) -> str:
    """Return the digest of what a page shows of one release, as rendered at its siteurl.

    The body is taken as Pelican renders it on that page (links to other pages
    resolved), so a page linking to a release that moved is rendered again.
    """
    siteurl = PAGE_SITEURL.get()
    memo = article.__dict__.get(TOKEN)
    if memo is None:
        press = getattr(article, "press", None)
        fixed = digest(
            article.source_path,
            article.url,
            article.save_as,
            article.lang,
            str(article.title),
            getattr(article, "view", None),
            getattr(press, "meta", None),
        )
        memo = article.__dict__[TOKEN] = (fixed, {})
    fixed, pages = memo
    if siteurl not in pages:
        body = article.get_content(siteurl) or ""
        pages[siteurl] = hashlib.sha256(f"{fixed}\0{body}".encode()).hexdigest()
    return pages[siteurl]


def scrubbed(text: str) -> str:
    """Drop memory addresses from a repr, which differ from run to run."""
    return ADDRESS.sub("", text)
