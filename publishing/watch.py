"""The publisher that keeps time: builds each coming change ahead, switches at its instant."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .plan import Plan, site_digests
from .s3 import PublishError
from .schedule import Change
from .targets import Ready, Target, plan_for

Log = Callable[[str], None]
RETRY = 15.0  # seconds before trying again after a failed publication


def stamp(moment: datetime) -> str:
    """Return an instant in UTC to the millisecond, as the log shows it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def utc_now() -> datetime:
    """Return the clock's time, in UTC."""
    return datetime.now(UTC)


@dataclass
class Watcher:
    """Keep a target equal to the site as it is now, switching at each coming instant."""

    site: Path
    work: Path  # private folder for builds made ahead; never served
    target: Target
    build: Callable[[Path, datetime], str | None]  # (output, now) -> problems or None
    changes: Callable[[datetime], list[Change]]
    log: Log
    stop: threading.Event = field(default_factory=threading.Event)
    dirty: threading.Event = field(default_factory=threading.Event)
    clock: Callable[[], datetime] = utc_now
    known: dict[str, str] | None = None
    retry: bool = False  # the last failure was the target's: try again soon
    # Told of each publication once live: (the instant the site was built as, plan, its files).
    after: Callable[[datetime, Plan, frozenset[str]], None] | None = None

    def run(self, watched: Iterable[Path]) -> None:
        """Publish now, then keep publishing on time until stopped."""
        shutil.rmtree(self.work, ignore_errors=True)  # nothing built ahead survives a restart
        self.work.mkdir(parents=True, mode=0o700)  # it holds withheld text: private
        threading.Thread(target=self.follow, args=(list(watched),), daemon=True).start()
        self.log(f"publishing to {self.target}")
        while not self.stop.is_set():
            self.dirty.clear()
            now, self.retry = self.clock(), False
            if not self.publish(now, "the site as it is now", now):
                self.idle(RETRY if self.retry else None)  # a broken build waits for a fix
                continue
            coming = self.changes(now)
            if not coming:
                self.log("nothing scheduled; waiting for changes")
                self.idle()
                continue
            self.keep(coming[0])
        shutil.rmtree(self.work, ignore_errors=True)
        self.log("stopped")

    def follow(self, paths: list[Path]) -> None:
        """Mark the plan stale whenever content, theme, plugins or settings change."""
        from watchfiles import DefaultFilter, watch

        for found in watch(*paths, watch_filter=DefaultFilter(), stop_event=self.stop):
            self.log(f"changed: {len(found)} files; planning again")
            self.dirty.set()

    def idle(self, seconds: float | None = None) -> None:
        """Wait for a change or for the stop (or for some seconds, when given)."""
        until = time.monotonic() + seconds if seconds is not None else None
        while not (self.stop.is_set() or self.dirty.is_set()):
            if until is not None and time.monotonic() >= until:
                return
            self.stop.wait(0.25)

    def publish(self, now: datetime, what: str, due: datetime) -> bool:
        """Build the site as at `now` and publish it at once; False when it could not."""
        ready = self.prebuild(now, what)
        return ready is not None and self.switch(ready, what, due)

    def prebuild(self, now: datetime, what: str) -> Ready | None:
        """Build the site as at `now` into the work folder and prepare its publication."""
        started = time.monotonic()
        output = self.work / stamp(now).replace(":", "")
        problems = self.build(output, now)
        if problems is not None:
            self.log(f"build for {stamp(now)} failed; nothing published:\n{problems}")
            return None
        try:
            plan = plan_for(self.target, output, self.known)
            versions = self.work / "versions"  # a webroot's version waits here, not beside it
            ready = (
                self.target.prepare(output, plan, versions) if plan.changes else Ready(plan, output)
            )
        except PublishError as error:
            self.log(f"cannot publish: {error}")
            self.retry = True
            return None
        self.log(
            f"pre-built {what} for {stamp(now)} in {time.monotonic() - started:.1f} s: "
            f"{len(plan.uploads)} to upload, {len(plan.deletions)} to delete"
        )
        return ready

    def switch(self, ready: Ready, what: str, due: datetime) -> bool:
        """Make a prepared publication live and log what, when and how long."""
        started, at = time.monotonic(), self.clock()
        if not ready.plan.changes:
            self.log(f"{what}: nothing changed, nothing published")
            self.known = site_digests(ready.site)
            self.tell(due, ready.plan)  # alerts a crash left unsent go out now
            shutil.rmtree(ready.site, ignore_errors=True)
            return True
        try:
            self.target.switch(ready)
        except PublishError as error:
            self.log(f"cannot publish: {error}")
            self.retry = True
            return False
        self.known = site_digests(ready.site)
        late = (at - due).total_seconds()
        self.log(
            f"published {what} due {stamp(due)} at {stamp(at)} ({late:.3f} s after), "
            f"{len(ready.plan.uploads)} uploaded, {len(ready.plan.deletions)} deleted "
            f"in {time.monotonic() - started:.2f} s"
        )
        self.tell(due, ready.plan)
        shutil.rmtree(ready.site, ignore_errors=True)
        return True

    def tell(self, due: datetime, plan: Plan) -> None:
        """Hand a live publication to what follows it (alerts, WebSub), which must not block."""
        if self.after is not None and self.known is not None:
            self.after(due, plan, frozenset(self.known))

    def keep(self, change: Change) -> None:
        """Build the coming change ahead, then switch at its instant unless plans changed."""
        what = f"{change.summary()}"
        self.log(f"next: {what} at {stamp(change.instant)}")
        ready = self.prebuild(change.instant, what)
        if ready is None:
            self.idle()
            return
        self.log(f"ready {max(0.0, (change.instant - self.clock()).total_seconds()):.1f} s ahead")
        if self.wait_until(change.instant):
            self.switch(ready, what, change.instant)
        else:
            self.target.discard(ready)
            shutil.rmtree(ready.site, ignore_errors=True)

    def wait_until(self, instant: datetime) -> bool:
        """Sleep until the instant; False when stopped or the content changed first."""
        while not (self.stop.is_set() or self.dirty.is_set()):
            left = (instant - self.clock()).total_seconds()
            if left <= 0:
                return True
            self.stop.wait(min(left, 0.25))
        return False
