"""What follows a live publication: e-mail alerts and WebSub notifications, never blocking it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from press_core.alerts import AlertSettings

from .alerts import Alerting, Announcer, announce, read_ledger
from .ledger import Ledger
from .plan import Plan
from .websub import changed_feeds, notify, notify_later

Log = Callable[[str], None]


@dataclass
class After:
    """The steps after a switch, for one target and one site."""

    settings: AlertSettings
    site_url: str
    log: Log
    alerting: Alerting | None  # None: alerts are not configured

    def now(self, at: datetime, plan: Plan, names: frozenset[str]) -> None:
        """Announce and notify at once (`./dev publish`): the site is already live."""
        if self.alerting is not None:
            announce(self.alerting, at, names, every=True)
        notify(self.settings.hub, self.site_url, self.feeds(plan, names), self.log)

    def feeds(self, plan: Plan, names: frozenset[str]) -> list[str]:
        """Return the feeds a publication changed."""
        return changed_feeds((upload.name for upload in plan.uploads), names)

    def watching(self) -> tuple[Callable[[datetime, Plan, frozenset[str]], None], Announcer | None]:
        """Return the watcher's hook, and the alert thread it feeds (started), if any."""
        announcer = Announcer(self.alerting) if self.alerting is not None else None
        if announcer is not None:
            announcer.thread.start()

        def hook(at: datetime, plan: Plan, names: frozenset[str]) -> None:
            if announcer is not None:
                announcer.published(at, names)
            notify_later(self.settings.hub, self.site_url, self.feeds(plan, names), self.log)

        return hook, announcer


def waiting_lines(alerting: Alerting, timezone_of: Callable[[datetime], str]) -> list[str]:
    """Return one line per alert still waiting on the target, for `./dev schedule`."""
    ledger = read_ledger(alerting) or Ledger()
    lines = []
    for (key, lang), wait in sorted(ledger.waiting.items()):
        tries = f"{wait.attempts} failed tries" if wait.attempts != 1 else "1 failed try"
        then = timezone_of(wait.next_try) if wait.next_try else "at the next publication"
        lines.append(f"  {key} [{lang}] alert waiting: {tries}, next {then}")
    return lines
