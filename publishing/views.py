"""What each alert says: the release versions of a published site, as plain values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from press_core.urls import absolute
from press_i18n.catalogs import Catalogs
from press_i18n.labels import type_label

from .ledger import Pair
from .message import AlertView, Contact


def contact_of(found: Any, lang: str) -> Contact:
    """Return a press contact (press_content.contacts.Contact) as an alert shows it."""
    return Contact(found.name, found.role_in(lang), found.phone or "", found.email)


def alert_view(
    release: Any, contacts: Mapping[str, Any], catalogs: Catalogs, site: Any
) -> AlertView:
    """Return what the alert of one release version says; `site` holds site_url and site_name."""
    meta = release.meta
    return AlertView(
        key=meta.key,
        lang=meta.lang,
        type_label=type_label(catalogs, meta.type, meta.lang),
        title=meta.title,
        highlights=tuple(meta.highlights),
        summary=meta.summary,
        url=absolute(site.site_url, release.url),
        contacts=tuple(contact_of(contacts[c], meta.lang) for c in meta.contacts if c in contacts),
        topics=tuple(meta.topics),
        site_name=site.site_name,
    )


def public_views(
    releases: Iterable[Any], at: datetime, names: frozenset[str], make: Any
) -> dict[Pair, AlertView]:
    """Return the versions due at `at` whose page is in the published site, by (key, lang)."""
    return {
        (release.meta.key, release.meta.lang): make(release)
        for release in releases
        if release.is_due(at) and release.save_as in names
    }
