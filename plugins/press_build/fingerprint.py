"""What a page is made from, as one digest of the values its template receives.

Values are serialized with pickle, whose C code walks dataclasses, pydantic models,
lists and dicts quickly; the hooks below describe what must not be serialized whole
(a release is its token, a template its name, a locale its code, the settings the
site digest's). A value pickle cannot take (a lambda, a cycle) makes the page
unkeyable: it is rendered every build. Knowing too little costs time, never
correctness; equal values serialized differently (sharing, order) cost a render too.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import pickle
import re
from contextvars import ContextVar
from functools import partial
from types import BuiltinFunctionType, FunctionType, MappingProxyType, MethodType, ModuleType
from typing import Any

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from press_core.settings import PressSettings

from .forking import forked_shares

BY_NAME = (type, FunctionType, BuiltinFunctionType, MethodType, ModuleType)
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
MIN_SHARED = 64  # releases below which describe_releases leaves them to the pages
MEMO_ATTR = "_press_token"  # per-article memo: (siteurl-free digest, {siteurl: digest})
TEXT = "\0utf-8"  # marks text described by its UTF-8 bytes (_settled)
EVERY_PAGE = "\0every page"  # in that memo: the digest of a body that reads the same on all
# The siteurl of the page being keyed: a release's body is digested as that page shows it.
PAGE_SITEURL: ContextVar[str | None] = ContextVar("PAGE_SITEURL", default=None)
# id -> (object, digest) of the frozen values one build already described; the object is
# held so that its id is not reused. Each build keeps its own (OutputMemo.frozen).
Frozen = dict[int, tuple[Any, str]]


class UnkeyableError(Exception):
    """A value that cannot be described; the page that holds it is always rendered."""


class _Describer(pickle.Pickler):
    """pickle, with PressClub's stand-ins for values that must not be serialized whole."""

    def __init__(self, buffer: io.BytesIO, top: Any, frozen: Frozen) -> None:
        super().__init__(buffer, protocol=5)
        self.fast = True  # no memo: equal values give equal bytes however they are shared
        self.top, self.frozen = top, frozen

    def reducer_override(self, obj: Any) -> Any:
        # Called for every object but str, bytes, numbers, None, bool, list, tuple, dict,
        # set and frozenset, which the C code writes itself: the common case stays fast.
        stand_in = _stand_in(obj, self.top, self.frozen)
        if stand_in is not None:
            return (_described, stand_in)
        state = None if isinstance(obj, BY_NAME) else _state(obj)
        if state is None:
            return NotImplemented  # pickled by its qualified name
        lazy = _lazy_names(type(obj))
        # A cached_property is in __dict__ only once something read it: leave it out.
        # Sets are ordered by string hashes, which differ from run to run: sort them.
        kept = {k: _settled(v) for k, v in state.items() if k not in lazy}
        return (_described, (type(obj).__module__, type(obj).__qualname__), kept)


def _stand_in(obj: Any, top: Any, frozen: Frozen) -> tuple | None:
    """Return what stands for obj in a description, None to describe obj itself."""
    if obj is not top and _frozen(obj):
        return ("frozen", _frozen_digest(obj, frozen))  # described once per build, then reused
    if isinstance(obj, Content):
        return ("release", content_token(obj, frozen))
    if isinstance(obj, URLWrapper):
        return (type(obj).__name__, obj.name, obj.slug, obj.url)
    if isinstance(obj, PressSettings):
        # In the site digest, `now` left out: what depends on the time reaches pages
        # as values (visible releases, upcoming events), which are keyed.
        return ("press-settings",)
    if isinstance(obj, MappingProxyType):  # a read-only dict (frozen settings)
        return ("mapping", tuple((k, _settled(v)) for k, v in obj.items()))
    module = type(obj).__module__
    if module.startswith("babel") and hasattr(obj, "language"):
        return ("locale", str(obj))
    if module.startswith("jinja2") and hasattr(obj, "render"):
        return ("template", getattr(obj, "name", None))
    return None


def _state(obj: Any) -> dict[str, Any] | None:
    """Return an object's attributes by name, None when it has none.

    A frozen dataclass of ours (views and their parts: most of what is described) is read
    field by field: Python keeps the dict it makes the first time an object's `__dict__`
    is asked for, 64 bytes or more for each of some 80 parts of every release's views.
    """
    if _frozen(obj):
        return {name: getattr(obj, name) for name in _field_names(type(obj))}
    return getattr(obj, "__dict__", None)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """Return the names of a dataclass's fields, in order."""
    return tuple(field.name for field in dataclasses.fields(kind))


def _settled(value: Any) -> Any:
    """Return a set as its members' sorted digests, text that is not ASCII as its UTF-8
    bytes (also inside a tuple: a feed item's pieces); anything else as it is.

    pickle's C code encodes such text with PyUnicode_AsUTF8AndSize, which keeps the
    UTF-8 copy inside the string for as long as the string lives: describing a release
    once would double every French or typeset text the build holds (each body a feed
    item holds), and in a forked worker it writes into the pages the fork shares.
    `str.encode` makes a copy that goes with the description.
    """
    if type(value) is str:  # a subclass (Markup) is pickled through a plain copy of itself
        return value if value.isascii() else (TEXT, value.encode("utf-8", "surrogatepass"))
    if type(value) is tuple and any(type(item) is str and not item.isascii() for item in value):
        return tuple(map(_settled, value))
    if isinstance(value, (set, frozenset)):
        return ("set", sorted(map(digest, value)))
    return value


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


def _frozen(obj: Any) -> bool:
    """Tell whether obj is one of our frozen dataclasses (a view, a feed item, a plan)."""
    params = getattr(type(obj), "__dataclass_params__", None)
    return params is not None and params.frozen and type(obj).__module__.startswith("press_")


def _frozen_digest(obj: Any, frozen: Frozen) -> str:
    known = frozen.get(id(obj))
    if known is None or known[0] is not obj:
        known = frozen[id(obj)] = (obj, _digest_of(obj, obj, frozen))
    return known[1]


def digest(*values: Any, frozen: Frozen | None = None) -> str:
    """Return the SHA-256 of values serialized together; raise UnkeyableError if one cannot be.

    `frozen` is the build's memory of frozen values already described (OutputMemo.frozen).
    """
    return _digest_of(values, None, {} if frozen is None else frozen)


def _digest_of(value: Any, top: Any, frozen: Frozen) -> str:
    buffer = io.BytesIO()
    describer = _Describer(buffer, top, frozen)
    try:
        describer.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as error:
        raise UnkeyableError(str(error)[:200]) from None
    return hashlib.sha256(buffer.getbuffer()).hexdigest()


def page_digest(siteurl: str | None, frozen: Frozen, *values: Any) -> str:
    """Return the digest of what one page at `siteurl` receives."""
    token = PAGE_SITEURL.set(siteurl)
    try:
        return digest(*values, frozen=frozen)
    finally:
        PAGE_SITEURL.reset(token)


def content_token(article: Content, frozen: Frozen, fixed_only: bool = False) -> str:
    """Return the digest of what a page shows of one release, as rendered at its siteurl.

    The body is taken as Pelican renders it on that page (links to other pages
    resolved), so a page linking to a release that moved is rendered again.
    `fixed_only`: the part of it that no page changes (describe_releases).
    """
    siteurl = PAGE_SITEURL.get()
    memo = article.__dict__.get(MEMO_ATTR)
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
            frozen=frozen,
        )
        memo = article.__dict__[MEMO_ATTR] = (fixed, {})
    fixed, pages = memo
    if fixed_only:
        return fixed
    if siteurl not in pages:
        if EVERY_PAGE in pages:  # a body without links to other pages reads the same everywhere
            pages[siteurl] = pages[EVERY_PAGE]
        else:
            body = article.get_content(siteurl) or ""
            pages[siteurl] = hashlib.sha256(f"{fixed}\0{body}".encode()).hexdigest()
            if not _links_within(article):
                pages[EVERY_PAGE] = pages[siteurl]
    return pages[siteurl]


def _links_within(article: Content) -> bool:
    """Tell whether a body has links Pelican resolves page by page ({filename}, {static}...).

    Without any, Pelican gives every page the same body, whatever its siteurl.
    """
    raw = article._get_content() if hasattr(article, "_get_content") else article._content
    return bool(raw) and article._get_intrasite_link_regex().search(raw) is not None


def describe_releases(articles: list[Content], frozen: Frozen, workers: int) -> None:
    """Describe every release once, on every core, before any page is keyed.

    What content_token keeps of a release (its view above all, described once per build)
    is most of the time an edit's pages take to key; the releases are shared out among
    forked workers, and what they send back is what content_token would have found.
    """
    todo = [a for a in articles if isinstance(a, Content) and MEMO_ATTR not in a.__dict__]
    if workers < 2 or len(todo) < MIN_SHARED:
        return
    describe = partial(_described_release, frozen=frozen)  # a worker's copy, its own memory
    for article, found in zip(todo, forked_shares(describe, todo, workers), strict=True):
        if found is None:
            continue  # unkeyable: content_token says so again when a page asks
        fixed, view = found
        article.__dict__[MEMO_ATTR] = (fixed, {})
        if view is not None:
            frozen[id(article.view)] = (article.view, view)


def _described_release(article: Content, frozen: Frozen) -> tuple[str, str | None] | None:
    """Return a release's fixed digest and its view's, None when it cannot be described."""
    try:
        token = content_token(article, frozen, fixed_only=True)
    except UnkeyableError:
        return None
    view = getattr(article, "view", None)
    known = frozen.get(id(view))
    return token, known[1] if known is not None and known[0] is view else None


def scrubbed(text: str) -> str:
    """Drop memory addresses from a repr, which differ from run to run."""
    return ADDRESS.sub("", text)
