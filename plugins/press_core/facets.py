"""The facets a release view holds: what each feature's part of the view offers other packages.

A feature owns its facet's class and fills it (press_media: MediaView, press_events:
EventView, press_search: SearchFields, press_seo: PageSeo); the core view
(press_i18n.release_view.ReleaseView) holds it under a type named here, so a package
reads another feature's facet without importing that feature. Each protocol lists only
what is read outside the owning package and its templates; tests/test_layers.py checks
that every owner's class offers it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from markupsafe import Markup


class Instant(Protocol):
    """One instant as pages show it (press_i18n.dates.Moment)."""

    @property
    def iso(self) -> str: ...
    @property
    def display(self) -> str: ...
    @property
    def day(self) -> str: ...


class Sized(Protocol):
    """One file of a photo with its pixel size (press_media's Size)."""

    @property
    def url(self) -> str: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...


class Photo(Protocol):
    """One photo press_media made versions of (press_media's Picture): feeds and SEO read it."""

    @property
    def alt(self) -> str: ...
    @property
    def credit(self) -> str: ...
    @property
    def caption(self) -> str: ...
    @property
    def captioned(self) -> bool: ...
    @property
    def original(self) -> str: ...
    @property
    def original_width(self) -> int: ...
    @property
    def original_height(self) -> int: ...
    @property
    def original_bytes(self) -> int: ...
    @property
    def og(self) -> str: ...
    @property
    def thumb(self) -> tuple[str, int, int]: ...
    @property
    def web(self) -> Sized: ...
    @property
    def print(self) -> Sized: ...


class MediaFacet(Protocol):
    """A release's photos and downloads (press_media's MediaView)."""

    @property
    def lead(self) -> Photo | None: ...
    def photos(self) -> Sequence[Photo]: ...


class EventFacet(Protocol):
    """An invitation's event (press_events' EventView)."""

    @property
    def start(self) -> Instant: ...
    @property
    def end(self) -> Instant: ...
    @property
    def venue(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def rsvp(self) -> str | None: ...
    @property
    def ics_url(self) -> str: ...


class SearchFacet(Protocol):
    """A release's details in the search index (press_search's SearchFields)."""

    @property
    def meta(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def filters(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def sort_date(self) -> str: ...


class SeoFacet(Protocol):
    """A page's head metadata (press_seo's PageSeo)."""

    @property
    def canonical(self) -> str: ...
    @property
    def open_graph(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def twitter(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def robots(self) -> str | None: ...
    @property
    def json_ld(self) -> Markup | None: ...
    @property
    def event_json_ld(self) -> Markup | None: ...
    @property
    def description(self) -> str: ...
