"""Publishing to object storage: a real S3-compatible server (moto) on 127.0.0.1."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import AFTER_EMBARGO, ROOT, UNSTABLE_SEARCH_FILES, edit, stable

SECRET = "pressclub-test-secret-9f3e"  # must never appear in any output
GARAGE_EN = "content/releases/2021/2021-garage-base.en.md"
GARAGE_PAGE = "en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/index.html"
# Written out here, not imported: the test checks publishing/kinds.py, not itself.
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".vcf": "text/vcard; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".zip": "application/zip",
    ".pdf": "application/pdf",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}
SHORT = "public, max-age=60, must-revalidate"
IMMUTABLE = "public, max-age=31536000, immutable"
MEDIUM = "public, max-age=3600"


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_moto(extra_env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """Start moto's standalone S3 server on a free local port; return it and its URL."""
    program = Path(sys.executable).parent / "moto_server"
    assert program.exists(), (
        "moto's server is missing: .venv/bin/pip install --require-hashes -r requirements-dev.txt"
    )
    port = free_port()
    server = subprocess.Popen(
        [str(program), "-H", "127.0.0.1", "-p", str(port)],
        env={**os.environ, **(extra_env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("moto_server did not start")


def aws_env() -> dict[str, str]:
    """Credentials from the usual environment variables only, never a real profile."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    return {
        **env,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/nonexistent",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
    }


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """One moto server for the module, stopped at its end."""
    server, url = start_moto()
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def s3(endpoint: str, monkeypatch: pytest.MonkeyPatch):
    """A boto3 client of the test server."""
    import boto3

    for key, value in aws_env().items():
        if key.startswith("AWS_"):
            monkeypatch.setenv(key, value)
    return boto3.client("s3", endpoint_url=endpoint)


@pytest.fixture
def bucket(s3, request: pytest.FixtureRequest) -> str:
    """A fresh, empty bucket for one test."""
    name = request.node.name.lower().replace("_", "-")[:40].strip("-")
    s3.create_bucket(Bucket=name)
    return name


def publish(site: Path, endpoint: str, *args: str, now: str = AFTER_EMBARGO, env=None):
    """Run `./dev publish ARGS --endpoint-url ENDPOINT` in the site folder."""
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "publish", *args]
    command += ["--endpoint-url", endpoint]
    environment = {**(env or aws_env()), "PRESS_NOW": now}
    result = subprocess.run(
        command, cwd=site, env=environment, capture_output=True, text=True, timeout=300
    )
    assert SECRET not in result.stdout + result.stderr
    return result


def objects(s3, bucket: str, prefix: str = "site/") -> dict[str, dict]:
    """Return every object under the prefix with its headers, by site-relative name."""
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            head = s3.head_object(Bucket=bucket, Key=item["Key"])
            found[item["Key"].removeprefix(prefix)] = head
    return found


def local(folder: Path) -> dict[str, bytes]:
    """Return every file of a built site with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def planned(stdout: str, verb: str) -> list[str]:
    """Return the names a printed plan uploads or deletes, in order."""
    return [line.split()[1] for line in stdout.splitlines() if line.startswith(f"{verb} ")]


def test_first_publish_uploads_every_file_with_its_headers(site, s3, bucket, endpoint) -> None:
    result = publish(site, endpoint, "--target", f"s3://{bucket}/site")
    assert result.returncode == 0, result.stdout + result.stderr
    files = local(site / "output")
    stored = objects(s3, bucket)
    assert set(stored) == set(files)
    assert {Path(name).suffix for name in files} <= set(TYPES)
    for name, head in stored.items():
        assert head["ContentType"] == TYPES[Path(name).suffix], name
        body = s3.get_object(Bucket=bucket, Key=f"site/{name}")["Body"].read()
        assert body == files[name], name
        hashed = re.fullmatch(r"theme/.+\.[0-9a-f]{8}\.\w+", name)  # press_assets
        if hashed or Path(name).suffix in {".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"}:
            assert head["CacheControl"] == IMMUTABLE, name
        elif Path(name).suffix in {
            ".html",
            ".xml",
            ".atom",
            ".opml",
            ".ics",
            ".txt",
            ".json",
            ".js",
            ".css",
        }:
            assert head["CacheControl"] == SHORT, name
        else:
            assert head["CacheControl"] == MEDIUM, name
    assert any(name.startswith("theme/css/press.") for name in stored)
    assert f"{len(files)} to upload, 0 to delete, 0 unchanged." in result.stdout


def test_unchanged_site_uploads_nothing(site, s3, bucket, endpoint) -> None:
    assert publish(site, endpoint, "--target", f"s3://{bucket}/site").returncode == 0
    before = {name: head["LastModified"] for name, head in objects(s3, bucket).items()}
    time.sleep(1.1)  # LastModified counts seconds: a new upload would show
    again = publish(site, endpoint, "--target", f"s3://{bucket}/site", "--dry-run")
    assert again.returncode == 0, again.stderr
    # Only the few index files Pagefind does not write reproducibly may change (conftest).
    assert all(map(UNSTABLE_SEARCH_FILES.fullmatch, planned(again.stdout, "upload")))
    assert all(map(UNSTABLE_SEARCH_FILES.fullmatch, planned(again.stdout, "delete")))
    assert publish(site, endpoint, "--target", f"s3://{bucket}/site").returncode == 0
    after = {name: head["LastModified"] for name, head in objects(s3, bucket).items()}
    assert stable(after) == stable(before)  # nothing else was uploaded again


def test_edited_release_uploads_only_what_changed(site, s3, bucket, endpoint) -> None:
    assert publish(site, endpoint, "--target", f"s3://{bucket}/site").returncode == 0
    old = local(site / "output")
    first = {name: head["LastModified"] for name, head in objects(s3, bucket).items()}
    edit(site, GARAGE_EN, "Startup Garage", "Startup Garage (updated)")
    dry = publish(site, endpoint, "--target", f"s3://{bucket}/site", "--dry-run")
    new = local(site / "output")
    changed = {name for name in new if old.get(name) != new[name]}
    gone = set(old) - set(new)
    assert changed and len(changed) < len(new) / 2
    assert set(planned(dry.stdout, "upload")) == changed
    assert set(planned(dry.stdout, "delete")) == gone
    time.sleep(1.1)  # LastModified counts seconds: a new upload would show
    real = publish(site, endpoint, "--target", f"s3://{bucket}/site")
    assert real.returncode == 0, real.stderr
    new = local(site / "output")  # the real publish built once more
    stored = objects(s3, bucket)
    assert set(stored) == set(new)
    for name in new:
        assert s3.get_object(Bucket=bucket, Key=f"site/{name}")["Body"].read() == new[name]
    # Pagefind's few unreproducible files aside (conftest.stable), what did not change
    # was not uploaded again.
    untouched = set(stable(new)) - changed
    assert {n: stored[n]["LastModified"] for n in untouched} == {n: first[n] for n in untouched}


def test_withdrawn_release_is_deleted_last(site, s3, bucket, endpoint) -> None:
    assert publish(site, endpoint, "--target", f"s3://{bucket}/site").returncode == 0
    assert GARAGE_PAGE in objects(s3, bucket)
    edit(site, GARAGE_EN, "type: press-release", "status: draft\ntype: press-release")
    dry = publish(site, endpoint, "--target", f"s3://{bucket}/site", "--dry-run")
    assert GARAGE_PAGE in planned(dry.stdout, "delete")
    steps = [
        line.split()[0:2]
        for line in dry.stdout.splitlines()
        if line.split()[0:1] in (["upload"], ["delete"])
    ]
    kinds = [0 if verb == "delete" else 1 for verb, _ in steps]
    assert kinds == sorted(kinds, reverse=True), "deletions must come after every upload"
    uploads = planned(dry.stdout, "upload")
    rank = [
        2
        if n.endswith((".xml", ".atom", ".opml")) or n == "robots.txt"
        else 1
        if n.endswith(".html")
        else 0
        for n in uploads
    ]
    assert rank == sorted(rank), "assets, then pages, then feeds and sitemaps"
    real = publish(site, endpoint, "--target", f"s3://{bucket}/site")
    assert real.returncode == 0, real.stderr
    stored = objects(s3, bucket)
    assert GARAGE_PAGE not in stored
    assert set(stored) == set(local(site / "output"))


def test_dry_run_prints_the_plan_and_changes_nothing(site, s3, bucket, endpoint) -> None:
    result = publish(site, endpoint, "--target", f"s3://{bucket}/site", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert f"Plan for s3://{bucket}/site (dry run, nothing changed):" in lines
    assert f"upload {GARAGE_PAGE} (text/html; charset=utf-8; {SHORT})" in lines
    assert "upload sitemap.xml (application/xml; charset=utf-8; " + SHORT + ")" in lines
    assert objects(s3, bucket) == {}


def test_missing_bucket_is_one_line(site, s3, endpoint) -> None:
    result = publish(site, endpoint, "--target", "s3://no-such-bucket/site")
    assert result.returncode == 1
    assert result.stderr.strip() == f"s3://no-such-bucket/site: no such bucket at {endpoint}."
    assert not (site / "output").exists()


def test_unreachable_endpoint_is_one_line(site, s3) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = publish(site, url, "--target", "s3://press/site")
    assert result.returncode == 1
    assert (
        result.stderr.strip() == f"{url}: cannot reach the storage service; check --endpoint-url."
    )
    assert "Traceback" not in result.stderr


def test_wrong_credentials_are_one_line_and_never_shown(site) -> None:
    server, url = start_moto({"INITIAL_NO_AUTH_ACTION_COUNT": "0"})
    try:
        result = publish(site, url, "--target", "s3://press/site")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "s3://press/site: access denied; check the credentials "
        "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)."
    )


def test_the_alert_ledger_is_an_object_beside_the_site_never_planned_or_deleted(
    s3, bucket: str, endpoint: str, tmp_path: Path
) -> None:
    from publishing.ledger import Ledger, dump, load
    from publishing.targets import S3Target, plan_for

    target = S3Target(f"s3://{bucket}/site", endpoint)
    assert target.read_ledger() is None
    s3.put_object(Bucket=bucket, Key="site/en/index.html", Body=b"old")
    ledger = Ledger({("2021-garage-base", "en"), ("2021-garage-base", "fr")})
    target.write_ledger(dump(ledger))
    head = s3.head_object(Bucket=bucket, Key="site/.press-alerts.json")
    assert head["CacheControl"] == "no-store" and head["ContentType"] == "application/json"
    assert load(target.read_ledger()) == ledger
    assert set(target.current()) == {"en/index.html"}  # not a file of the site
    built = tmp_path / "built"
    (built / "fr").mkdir(parents=True)
    (built / "fr" / "index.html").write_text("new", encoding="utf-8")
    plan = plan_for(target, built)
    assert plan.deletions == ("en/index.html",)
    target.switch(target.prepare(built, plan))
    assert set(objects(s3, bucket)) == {"fr/index.html", ".press-alerts.json"}
