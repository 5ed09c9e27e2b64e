"""Share links of a release page: plain URLs to other sites, no script of theirs on ours."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from press_content.contacts import Contact

LINKEDIN = "https://www.linkedin.com/sharing/share-offsite/"
X_INTENT = "https://twitter.com/intent/tweet"


@dataclass(frozen=True)
class ShareLinks:
    """Where each share button leads; `page` is the release's absolute URL."""

    page: str
    email: str
    linkedin: str
    x: str


def share_links(title: str, page: str) -> ShareLinks:
    """Return the share URLs of a release, every value percent-encoded."""
    mail = urlencode({"subject": title, "body": page}, quote_via=quote)
    return ShareLinks(
        page=page,
        email=f"mailto:?{mail}",
        linkedin=f"{LINKEDIN}?{urlencode({'url': page}, quote_via=quote)}",
        x=f"{X_INTENT}?{urlencode({'text': title, 'url': page}, quote_via=quote)}",
    )


def domain(url: str) -> str:
    """Return the host an external link leads to, without "www." and without a port."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def byline(author: Contact | None, contacts: tuple[Contact, ...]) -> Contact | None:
    """Return the author to show, or None when the author is already a press contact."""
    if author is None or any(c.id == author.id for c in contacts):
        return None
    return author
