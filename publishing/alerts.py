"""E-mail alerts after a publication: find what became public, record it, send, retry later.

Order of steps, and why: the site is switched first (nothing is sent before it is live);
the versions found public are then written to the ledger as waiting *before* any message
is sent; each message sent is struck off the ledger at once. A process that dies between
sending and striking off sends that message again on its next run, with the same
Message-ID: at least once, never lost.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from press_core.alerts import AlertSettings

from . import ledger as ledgers
from .ledger import GIVE_UP, Ledger, Pair
from .message import AlertView, Mailer, MailError, compose
from .s3 import PublishError

Log = Callable[[str], None]
POLL = 1.0  # seconds the alert thread sleeps at most before looking at its clock again


def utc_now() -> datetime:
    """Return the clock's time, in UTC."""
    return datetime.now(UTC)


@dataclass
class Alerting:
    """What announcing on one target needs: its ledger, the settings, the releases, a log."""

    target: Any  # targets.Target: read_ledger / write_ledger
    settings: AlertSettings
    site_url: str
    # Versions public in a site built as at an instant, given the names of its files.
    views: Callable[[datetime, frozenset[str]], Mapping[Pair, AlertView]]
    translations: Callable[[str], Any]  # language -> gettext translations
    log: Log
    clock: Callable[[], datetime] = utc_now

    def recipients(self, view: AlertView) -> list[str]:
        """Return the language's list, then the lists of the release's topics (optional)."""
        lists = self.settings.lists[view.lang]
        return [lists.address, *(lists.topics[t] for t in view.topics if t in lists.topics)]

    def save(self, ledger: Ledger) -> None:
        """Write the ledger with the target (PublishError or OSError when it cannot)."""
        self.target.write_ledger(ledgers.dump(ledger))


def read_ledger(alerting: Alerting) -> Ledger | None:
    """Return the target's ledger, None when it has none yet."""
    data = alerting.target.read_ledger()
    return ledgers.load(data) if data is not None else None


def announce(
    alerting: Alerting, at: datetime, names: frozenset[str], every: bool = False
) -> datetime | None:
    """After publishing the site as at `at` (its files `names`): record what is new, send.

    `every` tries every waiting alert, whatever its back-off. Returns the next retry, if any.
    """
    try:
        found = read_ledger(alerting)
        public = alerting.views(at, names)
        if found is None:  # the first publication with alerts: what is public is not news
            alerting.save(Ledger(set(public)))
            alerting.log(
                f"alerts: ledger started; {len(public)} versions already public, none sent"
            )
            return None
        found.found_public(set(public), alerting.clock())
        for pair in [p for p in found.waiting if p[1] not in alerting.settings.lists]:
            del found.waiting[pair]  # a language without a list: nothing to send
        alerting.save(found)  # recorded before sending: a crash later means a resend, not a loss
        return send_due(alerting, found, public, every)
    except (PublishError, OSError, ValueError) as error:
        alerting.log(f"alerts: cannot use the ledger: {error}; nothing sent")
        return None


def dropped(alerting: Alerting, ledger: Ledger, public: Mapping[Pair, AlertView]) -> None:
    """Strike off alerts of versions no longer public, or waiting for longer than GIVE_UP."""
    now = alerting.clock()
    for pair, wait in sorted(ledger.waiting.items()):
        why = "no longer public" if pair not in public else ""
        why = why or ("not sent within a day" if now - wait.since > GIVE_UP else "")
        if why:
            del ledger.waiting[pair]
            alerting.log(f"alerts: {pair[0]} [{pair[1]}] dropped: {why}")


def send_due(
    alerting: Alerting, ledger: Ledger, public: Mapping[Pair, AlertView], every: bool
) -> datetime | None:
    """Send the waiting alerts that are due, striking each off once sent; back off on failure."""
    dropped(alerting, ledger, public)
    due = ledger.due(alerting.clock(), every)
    try:
        if due:
            with Mailer(alerting.settings.smtp_host, alerting.settings.smtp_port) as mailer:
                for pair in due:
                    send_one(alerting, mailer, public[pair])
                    del ledger.waiting[pair]
                    alerting.save(ledger)
    except MailError as error:
        failed(alerting, ledger, [pair for pair in due if pair in ledger.waiting], str(error))
    alerting.save(ledger)
    return min((w.next_try for w in ledger.waiting.values() if w.next_try), default=None)


def send_one(alerting: Alerting, mailer: Mailer, view: AlertView) -> None:
    """Compose one alert in its language and hand it to the mail server."""
    now = alerting.clock()
    message = compose(
        view, alerting.translations(view.lang), alerting.settings.sender,
        alerting.recipients(view), alerting.site_url, now,
    )  # fmt: skip
    mailer.send(message)
    alerting.log(f"alert sent: {view.key} [{view.lang}] to {message['To']}")


def failed(alerting: Alerting, ledger: Ledger, left: list[Pair], reason: str) -> None:
    """Put the unsent alerts off and say so in one line."""
    now = alerting.clock()
    for pair in left:
        ledger.waiting[pair].failed(now)
    wait = min((ledger.waiting[p].next_try - now).total_seconds() for p in left) if left else 0
    alerting.log(f"alerts not sent: {reason}; {len(left)} waiting, next try in {wait:.0f} s")


class Announcer:
    """The watcher's alert thread: announces after each switch, retries with back-off meanwhile."""

    def __init__(self, alerting: Alerting) -> None:
        self.alerting = alerting
        self.switched: queue.Queue[tuple[datetime, frozenset[str]]] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def published(self, at: datetime, names: frozenset[str]) -> None:
        """Note a publication of the site as at `at`; its alerts follow on the alert thread."""
        self.switched.put((at, names))

    def run(self) -> None:
        """Announce each publication in turn; between them, try waiting alerts when due."""
        last, retry = None, None
        while not self.stop.is_set():
            try:
                last = self.switched.get(timeout=self.sleep(retry))
            except queue.Empty:
                if retry is None or last is None or self.alerting.clock() < retry:
                    continue
            retry = announce(self.alerting, *last)

    def sleep(self, retry: datetime | None) -> float:
        """Return how long to wait for the next publication before a retry is due."""
        if retry is None:
            return 1.0 if self.stop.is_set() else POLL
        return min(POLL, max(0.05, (retry - self.alerting.clock()).total_seconds()))

    def finish(self, wait: float) -> None:
        """Let the alerts of the last publication go out, then stop the thread."""
        deadline = self.alerting.clock().timestamp() + wait
        while not self.switched.empty() and self.alerting.clock().timestamp() < deadline:
            self.stop.wait(0.1)
        self.stop.set()
        self.thread.join(max(0.0, deadline - self.alerting.clock().timestamp()))
