"""Editorial and developer tasks: `./dev TASK` (or `invoke TASK` inside .venv).

Tasks work on the site in the current directory (its content/ and output/) when it
has a content/ folder, else on the project's own; settings files come from the project.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from invoke import Context, Exit, task

from live.server import NewsroomHandler

ROOT = Path(__file__).resolve().parent
PELICAN = [sys.executable, "-m", "pelican"]
PUBLISH_TARGET = "PRESS_PUBLISH_TARGET"
RSYNC = ["rsync", "--recursive", "--links", "--times", "--checksum", "--delete", "--verbose"]

for _path in (ROOT, ROOT / "plugins"):  # bench/; press_content for check, new, translations
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))


def site_dir() -> Path:
    """Return the site to work on: the current directory when it has content/, else the project."""
    here = Path.cwd()
    return here if (here / "content").is_dir() else ROOT


def pelican_command(conf: str, output: str) -> list[str]:
    """Return the ordinary Pelican command on content/, run from the site folder."""
    return [*PELICAN, "content", "-s", str(ROOT / conf), "-o", output]


def pelican(c: Context, conf: str, output: str, now: datetime | None = None) -> None:
    """Run the Pelican command (as at `now`, when given); a failed build stops the task."""
    env = {"PRESS_NOW": now.isoformat()} if now is not None else {}
    with c.cd(str(site_dir())):
        c.run(shlex.join(pelican_command(conf, output)), pty=False, echo=False, env=env)


@task
def build(c: Context) -> None:
    """Build the site with development settings into output/."""
    pelican(c, "pelicanconf.py", "output")


def open_server(directory: str | os.PathLike, port: int) -> http.server.ThreadingHTTPServer:
    """Listen on localhost:port for requests of files under directory."""
    handler = functools.partial(NewsroomHandler, directory=str(directory))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise Exit(
            f"Cannot listen on port {port} ({error.strerror}); choose another with --port.", code=1
        ) from None
    print(f"Serving {directory}/ on http://localhost:{port}/ (Ctrl-C to stop)", flush=True)
    return server


def serve_directory(directory: str | os.PathLike, port: int) -> None:
    """Serve a directory on localhost until interrupted."""
    with open_server(directory, port) as server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print()


@task(help={"port": "port to listen on (default 8000)"})
def serve(c: Context, port: int = 8000) -> None:
    """Build the site, then serve output/ on http://localhost:8000."""
    build(c)
    serve_directory(site_dir() / "output", port)


def watched_paths(site: Path) -> list[Path]:
    """Return the paths whose changes trigger a rebuild: content, theme, plugins, settings."""
    return [site / "content", ROOT / "theme", ROOT / "plugins", ROOT / "pelicanconf.py"]


@task(help={"port": "port to listen on (default 8000)"})
def livereload(c: Context, port: int = 8000) -> None:
    """Build and serve output/ from one process; rebuild on every save and reload the browser."""
    from live.__main__ import main

    os.chdir(site_dir())  # as `pelican content ... -o output` is run from the site folder
    settings = str(ROOT / "pelicanconf.py")
    code = main(["content", "-s", settings, "-o", "output", "--port", str(port)])
    if code:
        raise Exit(code=code)


@task(help={"port": "port to listen on (default 8001)"})
def preview(c: Context, port: int = 8001) -> None:
    """Build with drafts and embargoed releases (bannered, noindex) into preview/ and serve it."""
    pelican(c, "previewconf.py", "preview")
    serve_directory(site_dir() / "preview", port)


@task(
    help={
        "target": "s3://bucket/prefix, a local webroot folder, or user@host:/path/ for rsync "
        f"(default: ${PUBLISH_TARGET})",
        "endpoint-url": "S3-compatible service URL (MinIO, Cloudflare R2, ...); s3:// targets only",
        "dry-run": "print what would change, change nothing",
        "watch": "keep running: publish now, then each embargo lift and future date on time",
    }
)
def publish(
    c: Context,
    target: str | None = None,
    endpoint_url: str | None = None,
    dry_run: bool = False,
    watch: bool = False,
) -> None:
    """Build with publishconf.py (absolute URLs), then publish to S3, a webroot or rsync."""
    from publishing.build import held
    from publishing.s3 import PublishError
    from publishing.targets import is_remote_shell, open_target

    destination = target or os.environ.get(PUBLISH_TARGET)
    if not destination:
        raise Exit(
            f"No target: give --target s3://bucket/prefix or a folder, or set {PUBLISH_TARGET}.",
            code=1,
        )
    if is_remote_shell(destination):
        if watch:
            raise Exit("--watch publishes to s3:// targets and local folders, not rsync.", code=1)
        return rsync_publish(c, destination, dry_run)
    try:
        chosen = open_target(destination, endpoint_url, project_folders(site_dir()))
        after = after_publishing(site_dir(), chosen)
        if watch:
            return watch_and_publish(site_dir(), chosen, dry_run, after)
        known = chosen.current()  # an unreachable or refused target stops before the build
        # One "now" for the build and for the alerts: what is announced is what was built.
        now = build_now()
        pelican(c, "publishconf.py", "output", now)
        # The build's own lock, held while output/ is read: no other build swaps it meanwhile.
        with held(site_dir() / "output", lock_wait(site_dir())):
            plan = publish_output(site_dir() / "output", chosen, known, dry_run)
            names = file_names(site_dir() / "output")
    except PublishError as error:
        raise Exit(str(error), code=1) from None
    if plan is not None:  # live: alerts and WebSub follow; their failures are lines, not errors
        after.now(now, plan, names)


def project_folders(site: Path) -> dict[Path, str]:
    """Return the folders a local webroot must not be, hold or sit in, with their names."""
    named = {site / "content": "content", site / "output": "output", site / "preview": "preview"}
    named |= {site / ".publish": "publishing work", ROOT / "theme": "theme"}
    return named | {ROOT / "plugins": "plugins", ROOT: "project", site: "site"}


def publish_output(output: Path, chosen: Any, known: dict[str, str], dry_run: bool) -> Any:
    """Plan the publication of a built site, then print the plan or carry it out (return it)."""
    from publishing.targets import plan_for

    plan = plan_for(chosen, output, known)
    if dry_run:
        print("\n".join([f"Plan for {chosen} (dry run, nothing changed):", *plan.lines()]))
        return None
    started = time.monotonic()
    if plan.changes:
        chosen.switch(chosen.prepare(output, plan))
    print(f"Published to {chosen}: {plan.lines()[-1]} ({time.monotonic() - started:.1f} s)")
    return plan


def build_now() -> datetime:
    """Return the instant a publishing build is made as: PRESS_NOW when set, else the clock."""
    from press_core.settings import SettingsError, parse_now

    try:
        return parse_now(os.environ.get("PRESS_NOW"))
    except SettingsError as error:
        raise Exit(str(error), code=1) from None


def file_names(folder: Path) -> frozenset[str]:
    """Return the site-relative name of every file of a built site."""
    return frozenset(
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
    )


def publish_settings(site: Path) -> dict[str, Any]:
    """Read the production settings (publishconf.py) as a publishing build of this site sees them."""
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "publishconf.py"), override={"PATH": str(site / "content")})


def log_line(message: str) -> None:
    """Print one line of the publisher's log, stamped with the time in UTC."""
    from publishing.watch import stamp, utc_now

    print(f"{stamp(utc_now())} {message}", flush=True)


def after_publishing(site: Path, chosen: Any, log: Any = log_line) -> Any:
    """Return what follows a publication on a target: alerts (when configured) and WebSub."""
    from press_core.alerts import AlertSettingsError, read_alerts
    from press_core.settings import absolute_site_url

    from publishing.after import After
    from publishing.alerts import Alerting

    settings = publish_settings(site)
    try:
        alerts = read_alerts(settings)
    except AlertSettingsError as error:
        raise Exit(str(error), code=1) from None
    site_url = absolute_site_url(settings, settings.get("PRESS_ABSOLUTE_URL", ""))
    if not alerts.sending:
        return After(alerts, site_url, log, None)
    views, catalogs = alert_source(site, site_url, settings.get("SITENAME", "PressClub"))
    return After(alerts, site_url, log, Alerting(chosen, alerts, site_url, views, catalogs.of, log))


def alert_source(site: Path, site_url: str, site_name: str) -> tuple[Any, Any]:
    """Return views(at, names): each release version public in a site built as at `at`."""
    from types import SimpleNamespace

    from press_content.contacts import load_contacts
    from press_core.settings import read_settings
    from press_i18n.catalogs import load_catalogs

    from publishing.views import alert_view, public_views

    settings = pelican_settings(site)
    press = read_settings(settings)
    catalogs = load_catalogs(ROOT / "theme" / "translations", press.langs, press.default_lang)
    info = SimpleNamespace(site_url=site_url, site_name=site_name)

    def views(at: datetime, names: frozenset[str]) -> dict:
        releases, _, press = read_releases(site)
        path = Path(settings["PATH"]) / press.contacts_file
        contacts = load_contacts(path, "", list(press.langs), press.topics)[0]
        return public_views(releases, at, names, lambda r: alert_view(r, contacts, catalogs, info))

    return views, catalogs


def rsync_publish(c: Context, destination: str, dry_run: bool) -> None:
    """Build into output/, then copy it with rsync to user@host:/path/."""
    if not shutil.which("rsync"):
        raise Exit("rsync is not installed; install it (Debian: apt-get install rsync).", code=1)
    pelican(c, "publishconf.py", "output")
    command = [
        *RSYNC,
        *(["--dry-run"] if dry_run else []),
        f"{site_dir() / 'output'}/",
        destination,
    ]
    c.run(shlex.join(command), pty=False, echo=True)


def watch_and_publish(site: Path, chosen: Any, dry_run: bool, after: Any) -> None:
    """Run the publisher that keeps time until SIGTERM or Ctrl-C."""
    from publishing.build import build_at
    from publishing.schedule import coming_changes
    from publishing.watch import Watcher

    if dry_run:
        raise Exit("--watch publishes; it cannot be a dry run.", code=1)
    log = log_line
    hook, announcer = after.watching()
    watcher = Watcher(
        site=site,
        work=site / ".publish",
        target=chosen,
        build=lambda output, now: build_at(ROOT, site, output, now),
        changes=lambda now: coming_changes(read_releases(site)[0], now),
        log=log,
        after=hook,
    )
    watcher.known = chosen.current()  # a bad target stops here, before anything is built
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: watcher.stop.set())
    watcher.run([*watched_paths(site), ROOT / "publishconf.py"])
    if announcer is not None:
        announcer.finish(20.0)  # the last publication's alerts, before the process ends


@task(
    help={
        "target": f"also list the e-mail alerts still waiting on this target (default: ${PUBLISH_TARGET})",
        "endpoint-url": "S3-compatible service URL; s3:// targets only",
    }
)
def schedule(c: Context, target: str | None = None, endpoint_url: str | None = None) -> None:
    """List coming embargo lifts and future dates, in newsroom time and UTC, and waiting alerts."""
    from publishing.schedule import coming_changes, schedule_lines

    releases, problems, press = read_releases(site_dir())
    for problem in problems:
        print(problem, file=sys.stderr)
    changes = coming_changes(releases, press.now)
    for line in schedule_lines(changes, press.timezone):
        print(line)
    noun = "change" if len(changes) == 1 else "changes"
    print(f"{len(changes)} coming {noun}." if changes else "Nothing scheduled.")
    print_waiting_alerts(target or os.environ.get(PUBLISH_TARGET), endpoint_url, press.timezone)
    if problems:
        raise Exit(f"{len(problems)} files could not be read; run `./dev check`.", code=1)


def print_waiting_alerts(destination: str | None, endpoint_url: str | None, timezone: str) -> None:
    """Print the e-mail alerts the target's ledger still holds, when alerts are configured."""
    from publishing.after import waiting_lines
    from publishing.s3 import PublishError
    from publishing.schedule import when
    from publishing.targets import is_remote_shell, open_target

    if not destination or is_remote_shell(destination):
        return
    try:
        after = after_publishing(site_dir(), open_target(destination, endpoint_url))
        if after.alerting is None:
            return
        lines = waiting_lines(after.alerting, lambda instant: when(instant, timezone))
    except (PublishError, OSError, ValueError) as error:
        raise Exit(f"alerts: cannot read the ledger of {destination}: {error}", code=1) from None
    for line in lines:
        print(line)
    count = len(lines)
    print(
        f"{count} e-mail {'alert' if count == 1 else 'alerts'} waiting."
        if lines
        else "No e-mail alert waiting."
    )


def lock_wait(site: Path) -> float:
    """Return how long a build waits for another build of the same output (PRESS_LOCK_WAIT)."""
    from press_core.settings import read_settings

    return read_settings(pelican_settings(site)).lock_wait


def pelican_settings(site: Path) -> dict[str, Any]:
    """Read the development settings as a build of this site would see them."""
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(site / "content")})


def release_files(settings: dict[str, Any]) -> list[Path]:
    """Return the release files a build reads, found by Pelican's own rules."""
    from pelican.generators import Generator

    with tempfile.TemporaryDirectory() as scratch:
        finder = Generator({}, settings, settings["PATH"], settings["THEME"], scratch)
        found = finder.get_files(
            settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"], extensions=("md",)
        )
    return [Path(settings["PATH"]) / name for name in sorted(found)]


def read_releases(site: Path) -> tuple[list[Any], list[Any], Any]:
    """Validate every release as the build does: return (releases, problems, press settings)."""
    from press_content.checks import site_problems
    from press_content.reader import PressReader, shown

    settings = pelican_settings(site)
    reader = PressReader(settings)
    read = []
    for path in release_files(settings):
        release, _, found = reader.release(str(path), shown(path))
        read.append((release, found))
    _, problems = site_problems(reader.sources, read)
    releases = [release for release, _ in read if release is not None]
    return releases, problems, reader.press


def trial_build(site: Path) -> tuple[list[str], list[str]]:
    """Build the site into a throw-away folder; return (problem lines, unused-file lines).

    `check` runs the build itself, so it applies every rule the build applies (links to
    withheld releases, static files, symbolic links...) and writes nothing into the site.
    """
    from press_content.withheld import UNUSED

    with tempfile.TemporaryDirectory(prefix="press-check-") as scratch:
        command = [*pelican_command("pelicanconf.py", str(Path(scratch) / "output"))]
        command += ["--cache-path", str(Path(scratch) / "cache"), "-e", "PRESS_LIST_UNUSED=true"]
        result = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    unused = [line for line in lines if line.endswith(UNUSED)]
    if result.returncode == 0:
        return [], unused
    return [
        line for line in lines if "nothing was published" not in line and line not in unused
    ], unused


@task(help={"folder": "where the PNG files go (default docs/screenshots)"})
def screenshots(c: Context, folder: str = "docs/screenshots") -> None:
    """Photograph the homes, a release and the media library per language and the search page, 1280 and 360 px wide."""
    import screenshots as shots

    for path in shots.refresh(ROOT / folder):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


@task
def check(c: Context) -> None:
    """Check every release, contact and link without publishing; print each problem, exit 1 if any."""
    site = site_dir()
    releases, problems, _ = read_releases(site)
    lines, unused = [str(problem) for problem in problems], []
    if not problems:
        lines, unused = trial_build(site)
    for line in unused:  # a photo waiting for its announcement: worth knowing, not a fault
        print(line, file=sys.stderr)
    for line in lines:
        print(line, file=sys.stderr)
    if lines:
        noun = "problem" if len(lines) == 1 else "problems"
        raise Exit(f"{len(lines)} {noun} found; fix them, then run this again.", code=1)
    print(f"No problems found in {len(releases)} release files.")


@task
def translations(c: Context) -> None:
    """List releases that exist in one language only (allowed, but worth knowing)."""
    releases, problems, press = read_releases(site_dir())
    versions: dict[str, dict[str, Any]] = {}
    for release in releases:
        versions.setdefault(release.meta.key, {})[release.meta.lang] = release
    missing = {
        key: found for key, found in sorted(versions.items()) if set(press.langs) - set(found)
    }
    for key, found in missing.items():
        have = next(iter(found.values()))
        absent = [lang for lang in press.langs if lang not in found]
        draft = " (draft)" if have.meta.status == "draft" else ""
        files = ", ".join(
            Path(have.path).with_name(f"{key}.{lang}.md").as_posix() for lang in absent
        )
        print(f"{key}{draft}: only in {', '.join(found)}; no {', '.join(absent)} version ({files})")
    print(f"{len(missing)} of {len(versions)} releases miss a language version.")
    if problems:
        print(f"{len({p.path for p in problems})} files could not be read; run `./dev check`.")


SCAFFOLD = """\
---
# Scaffolded by `./dev new`. Fill in every field, run `./dev check`, then set
# status to published. An embargo holds the release back until its time.
key: {key}  # shared by every language version; must match the file name
lang: {lang}
title: {title}
# slug: {slug}  # optional; default: made from the title
date: {date}  # publication time, with its UTC offset
# updated: {date}
# embargo: {date}  # nothing of this release is published before this time
# timezone: {zone}  # optional: the page also shows the time in this zone (e.g. Europe/Berlin)
status: draft  # draft | published
type: press-release  # {types}
# dateline: {dateline}
topics: []  # {topics}
tags: []
highlights: []
summary: {summary}
contacts: [{contact}]  # ids from content/contacts.yml: {contacts}
# author: {contact}
related: []  # - key: another-release-key   or   - title: ...  url: https://...
# image: {{src: images/{year}/photo.jpg, alt: "{alt}", credit: "..."}}
# event:  # type: invitation only, and then required
#   start: {date}
#   end: {date}
#   venue: {{name: ..., address: ...}}
#   rsvp: name@example.com  # optional: an e-mail or https:// address
# images: [{{src: media/{year}/photo.jpg, alt: "{alt}", credit: "...", caption: "..."}}]
# attachments: [{{src: media/{year}/facts.pdf, title: "..."}}]  # pdf docx xlsx pptx zip txt
---
{body}
"""


def scaffold_time(press: Any) -> datetime:
    """Return the build's now (PRESS_NOW when set) to the minute in the newsroom's time zone."""
    now = press.now.astimezone(press.timezone)
    return now.replace(second=0, microsecond=0)


def scaffold(
    title: str, lang: str, key: str, date: datetime, press: Any, contacts: list[str]
) -> str:
    """Return the text of one new release file."""
    from press_core.languages import scaffold as placeholders
    from press_core.urls import slugify

    words = placeholders(lang)  # the language's text, from the language table
    return SCAFFOLD.format(
        key=key, lang=lang, title=json.dumps(title, ensure_ascii=False), slug=slugify(title),
        date=date.isoformat(), year=f"{date:%Y}", types=" | ".join(press.release_types),
        topics="ids: " + ", ".join(press.topics), contact=contacts[0] if contacts else "contact-id",
        contacts=", ".join(contacts), summary=json.dumps(words.summary, ensure_ascii=False),
        alt=words.alt, dateline=words.dateline, body=words.body, zone=press.timezone.key,
    )  # fmt: skip


@task(help={"title": "the release's title (in quotes); the key and file names come from it"})
def new(c: Context, title: str) -> None:
    """Scaffold a release in every language: content/releases/<YYYY>/<key>.<lang>.md, as a draft."""
    from press_content.contacts import load_contacts
    from press_core.settings import read_settings
    from press_core.urls import slugify

    site = site_dir()
    settings = pelican_settings(site)
    press = read_settings(settings)
    date = scaffold_time(press)
    key = f"{date:%Y}-{slugify(title)}"
    folder = Path(settings["PATH"]) / press.releases_dir / f"{date:%Y}"
    paths = {lang: folder / f"{key}.{lang}.md" for lang in press.langs}
    taken = [os.path.relpath(path, site) for path in paths.values() if path.exists()]
    if taken:
        verb = "exists" if len(taken) == 1 else "exist"
        raise Exit(f"{' and '.join(taken)} already {verb}; choose another title.", code=1)
    contacts = list(
        load_contacts(Path(settings["PATH"]) / press.contacts_file, "", list(press.langs))[0]
    )
    folder.mkdir(parents=True, exist_ok=True)
    for lang, path in paths.items():
        path.write_text(scaffold(title, lang, key, date, press, contacts), encoding="utf-8")
        print(f"Created {os.path.relpath(path, site)}")
    print(
        "Fill them in (status: draft keeps them out of the published site), then run ./dev check."
    )


@task(
    help={
        "pairs": "release pairs in the generated corpus, or sizes in turn: 100,1000,5000 (default 100)",
        "runs": "measured runs per tool (default 3)",
        "out": "work directory (default: a folder in the system's temp directory)",
        "tools": "comma-separated tools to measure (default: all)",
        "profile": "add a profile of our build to the report",
        "media": "also measure press_media: photos and attachments, cold and warm",
        "live": "time the live preview (default); --no-live leaves it out, its first build being one more cold build",
    }
)
def bench(
    c: Context,
    pairs: str = "100",
    runs: int = 3,
    out: str | None = None,
    tools: str = "",
    profile: bool = False,
    media: bool = False,
    live: bool = True,
) -> None:
    """Benchmark our build against plain Pelican and Hugo on a generated corpus."""
    from bench.run import main, parse_sizes

    try:
        sizes = parse_sizes(pairs)
    except ValueError as error:
        raise Exit(f"bench: {error}", code=2) from None
    chosen = {"tools": [name.strip() for name in tools.split(",") if name.strip()]} if tools else {}
    chosen |= {} if live else {"live": ()}
    main(sizes, runs, Path(out) if out else None, profile=profile, media=media, **chosen)
