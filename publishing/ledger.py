"""The alert ledger kept with the publish target: what is public, which alerts still wait."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

NAME = ".press-alerts.json"  # S3: this object under the prefix; webroot: .<webroot>.alerts.json
FORMAT = 1
BACKOFF = (30, 60, 120, 300, 600, 1800)  # seconds before each further try; the last repeats
GIVE_UP = timedelta(hours=24)  # an alert not sent a day after its release is dropped

Pair = tuple[str, str]  # (release key, language)


@dataclass
class Waiting:
    """An alert recorded but not yet sent: how often it failed, when to try again."""

    since: datetime  # when the release was found public
    attempts: int = 0
    next_try: datetime | None = None  # None: at once

    def is_due(self, now: datetime) -> bool:
        """Tell whether the alert should be tried at `now`."""
        return self.next_try is None or now >= self.next_try

    def failed(self, now: datetime) -> None:
        """Count a failure and put the next try off, longer each time."""
        self.attempts += 1
        self.next_try = now + timedelta(seconds=BACKOFF[min(self.attempts, len(BACKOFF)) - 1])


@dataclass
class Ledger:
    """Every release version known public on the target, and the alerts not sent yet."""

    public: set[Pair] = field(default_factory=set)
    waiting: dict[Pair, Waiting] = field(default_factory=dict)

    def found_public(self, pairs: set[Pair], now: datetime) -> list[Pair]:
        """Record versions public now; return those new to the ledger, each now waiting."""
        new = sorted(pairs - self.public)
        self.public |= set(new)
        self.waiting |= {pair: Waiting(now) for pair in new}
        return new

    def due(self, now: datetime, every: bool = False) -> list[Pair]:
        """Return the waiting alerts to try now (every one when `every`), oldest first."""
        return sorted(
            (pair for pair, wait in self.waiting.items() if every or wait.is_due(now)),
            key=lambda pair: (self.waiting[pair].since, pair),
        )


def pair_text(pair: Pair) -> str:
    """Return a pair as the ledger file writes it: `key/lang`."""
    return f"{pair[0]}/{pair[1]}"


def text_pair(text: str) -> Pair:
    """Read a `key/lang` pair."""
    key, _, lang = text.rpartition("/")
    return key, lang


def dump(ledger: Ledger) -> bytes:
    """Return the ledger as stable JSON."""
    waiting = {
        pair_text(pair): {
            "since": wait.since.isoformat(),
            "attempts": wait.attempts,
            "next_try": wait.next_try.isoformat() if wait.next_try else None,
        }
        for pair, wait in sorted(ledger.waiting.items())
    }
    public = sorted(pair_text(pair) for pair in ledger.public)
    data = {"format": FORMAT, "public": public, "waiting": waiting}
    return json.dumps(data, indent=1, sort_keys=True).encode("utf-8") + b"\n"


def load(data: bytes) -> Ledger:
    """Read a ledger written by `dump`; ValueError when it is not one."""
    found = json.loads(data)
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise ValueError(f"not an alert ledger of format {FORMAT}")
    waiting = {
        text_pair(text): Waiting(
            datetime.fromisoformat(entry["since"]),
            int(entry["attempts"]),
            datetime.fromisoformat(entry["next_try"]) if entry["next_try"] else None,
        )
        for text, entry in found["waiting"].items()
    }
    return Ledger({text_pair(text) for text in found["public"]}, waiting)
