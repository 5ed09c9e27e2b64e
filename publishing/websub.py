"""WebSub: tell the hub which feeds a publication changed, so readers get them at once."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import PurePosixPath
from urllib.parse import urlencode

from press_core.urls import absolute

TIMEOUT = 10  # seconds for each notification
WORKERS = 4


def changed_feeds(uploaded: Iterable[str], names: Iterable[str]) -> list[str]:
    """Return the feeds among the uploaded files: Atom files, and RSS files with an Atom twin."""
    atom = {name for name in names if name.endswith(".atom")}
    return sorted(
        name
        for name in uploaded
        if name in atom
        or (name.endswith(".xml") and str(PurePosixPath(name).with_suffix(".atom")) in atom)
    )


def ping(hub: str, url: str) -> str | None:
    """POST hub.mode=publish for one feed; return what went wrong, if anything."""
    body = urlencode({"hub.mode": "publish", "hub.url": url}).encode("ascii")
    # The hub is an http(s) URL (press_core.alerts checks PRESS_WEBSUB_HUB), never file: or ftp:.
    request = urllib.request.Request(hub, data=body, method="POST")  # noqa: S310
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"
    except (OSError, ValueError) as error:
        return " ".join(str(getattr(error, "reason", error)).split()) or type(error).__name__
    return None


def notify(hub: str, site_url: str, feeds: list[str], log: Callable[[str], None]) -> None:
    """Notify the hub of every changed feed; failures are one line, never an exception."""
    if not hub or not feeds:
        return
    urls = [absolute(site_url, name) for name in feeds]
    with ThreadPoolExecutor(WORKERS) as pool:
        answers = list(pool.map(lambda url: ping(hub, url), urls))
    failures = [(url, why) for url, why in zip(urls, answers, strict=True) if why]
    if failures:
        log(
            f"WebSub: {hub} not notified of {len(failures)} of {len(urls)} feeds ({failures[0][1]})"
        )
    else:
        log(f"WebSub: {hub} notified of {len(urls)} changed feeds")


def notify_later(hub: str, site_url: str, feeds: list[str], log: Callable[[str], None]) -> None:
    """Notify the hub on a thread of its own, so a slow hub never holds the next publication."""
    if hub and feeds:
        threading.Thread(target=notify, args=(hub, site_url, feeds, log), daemon=True).start()
