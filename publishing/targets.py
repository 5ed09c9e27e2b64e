"""Publication targets behind one interface: read state, plan, prepare ahead, switch."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from . import s3, webroot
from .plan import Plan, PlanError, make_plan
from .s3 import PublishError


@dataclass(frozen=True)
class Ready:
    """A publication prepared ahead of its instant: what is left is the switch."""

    plan: Plan
    site: Path  # the built site
    version: Path | None = None  # webroot: the folder the link will point at


class Target(Protocol):
    """Where a site is published."""

    def current(self) -> dict[str, str]:
        """Return the content hash of every file the target serves now."""

    def prepare(self, site: Path, plan: Plan, private: Path | None = None) -> Ready:
        """Do all the slow work a publication allows before its instant.

        With `private` (the watcher's work folder, never served) nothing it prepares
        stays anywhere else until switch().
        """

    def switch(self, ready: Ready) -> None:
        """Make a prepared publication live."""

    def discard(self, ready: Ready) -> None:
        """Drop a prepared publication that will not be switched."""

    def read_ledger(self) -> bytes | None:
        """Return the alert ledger kept with the target, None when there is none."""

    def write_ledger(self, data: bytes) -> None:
        """Store the alert ledger with the target."""


class S3Target:
    """A bucket prefix; each switch uploads the plan's files and deletes the withdrawn ones."""

    def __init__(self, target: str, endpoint_url: str | None = None) -> None:
        self.bucket = s3.Bucket.parse(target)
        self.endpoint_url = endpoint_url
        self.client: Any = s3.connect(endpoint_url)

    def __str__(self) -> str:
        return str(self.bucket)

    def call(self, action: Any, *args: Any) -> Any:
        """Run one storage action, turning its failures into one line for staff."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return action(self.client, self.bucket, *args)
        except (BotoCoreError, ClientError) as error:
            raise s3.explain(error, self.bucket, self.endpoint_url) from None

    def current(self) -> dict[str, str]:
        """Return the content hash stored with every object under the prefix."""
        return self.call(s3.remote_digests)

    def prepare(self, site: Path, plan: Plan, private: Path | None = None) -> Ready:
        """Nothing is sent ahead: the built files are read and uploaded at the switch."""
        return Ready(plan, site)

    def switch(self, ready: Ready) -> None:
        """Upload and delete as planned."""
        self.call(s3.apply, ready.plan)

    def discard(self, ready: Ready) -> None:
        """Nothing was sent ahead."""

    def read_ledger(self) -> bytes | None:
        """Return the ledger object under the prefix, if any."""
        return self.call(s3.read_ledger)

    def write_ledger(self, data: bytes) -> None:
        """Store the ledger object under the prefix."""
        self.call(s3.write_ledger, data)


class WebrootTarget:
    """A local folder served by a web server, switched by a link swap."""

    def __init__(self, target: str, guarded: dict[Path, str] | None = None) -> None:
        self.path = Path(target).absolute()
        problem = webroot.placement_problem(self.path, guarded or {})
        if problem:
            raise PublishError(problem)
        webroot.check(self.path)

    def __str__(self) -> str:
        return str(self.path)

    def current(self) -> dict[str, str]:
        """Return the content hash of every file served now."""
        return webroot.live_digests(self.path)

    def prepare(self, site: Path, plan: Plan, private: Path | None = None) -> Ready:
        """Copy the whole site into a new version folder, not served yet (in `private` if given)."""
        return Ready(plan, site, webroot.prepare(site, self.path, private))

    def switch(self, ready: Ready) -> None:
        """Swap the link to the prepared version."""
        assert ready.version is not None
        webroot.swap(self.path, ready.version)

    def discard(self, ready: Ready) -> None:
        """Remove the version folder that will not go live."""
        if ready.version is not None:
            shutil.rmtree(ready.version, ignore_errors=True)

    def read_ledger(self) -> bytes | None:
        """Return the ledger file beside the webroot, if any."""
        return webroot.read_ledger(self.path)

    def write_ledger(self, data: bytes) -> None:
        """Replace the ledger file beside the webroot."""
        webroot.write_ledger(self.path, data)


def open_target(
    target: str, endpoint_url: str | None = None, guarded: dict[Path, str] | None = None
) -> Target:
    """Return the target a `--target` value names: s3://bucket/prefix or a local folder.

    `guarded` names the project's folders (content, theme, output...) a webroot must keep clear of.
    """
    if target.startswith("s3://"):
        return S3Target(target, endpoint_url)
    if endpoint_url:
        raise PublishError("--endpoint-url is only for s3:// targets.")
    return WebrootTarget(target, guarded)


def is_remote_shell(target: str) -> bool:
    """Tell whether a target is rsync's user@host:path form."""
    head = target.split("/", 1)[0]
    return ":" in head and "://" not in target


def plan_for(target: Target, site: Path, known: dict[str, str] | None = None) -> Plan:
    """Plan a publication of a built site against what the target holds (or is known to)."""
    remote = target.current() if known is None else known
    try:
        return make_plan(site, remote)
    except PlanError as error:
        raise PublishError(str(error)) from None
