"""Object storage (S3 and compatible services) through boto3: read its state, apply a plan."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from . import kinds
from .ledger import NAME as LEDGER
from .plan import Plan

DIGEST = "sha256"  # object metadata key holding the content hash (x-amz-meta-sha256)
WORKERS = 8
DENIED = {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken"}
MISSING = {"404", "NoSuchBucket"}


class PublishError(Exception):
    """A target that cannot be published to; the message is one line for staff."""


@dataclass(frozen=True)
class Bucket:
    """A bucket and the key prefix the site lives under."""

    name: str
    prefix: str

    @classmethod
    def parse(cls, target: str) -> Bucket:
        """Read `s3://bucket/prefix` (the prefix may be empty)."""
        name, _, prefix = target.removeprefix("s3://").partition("/")
        if not name:
            raise PublishError(f"{target}: give a bucket, like s3://bucket/prefix")
        return cls(name, prefix.strip("/"))

    def key(self, name: str) -> str:
        """Return the object key of a site file."""
        return f"{self.prefix}/{name}" if self.prefix else name

    def name_of(self, key: str) -> str:
        """Return the site file of an object key."""
        return key[len(self.prefix) + 1 :] if self.prefix else key

    def __str__(self) -> str:
        return f"s3://{self.name}/{self.prefix}".rstrip("/")


def connect(endpoint_url: str | None) -> Any:
    """Return an S3 client; credentials come from boto3's usual chain (environment, profile)."""
    import boto3
    from botocore.config import Config

    config = Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 2})
    return boto3.client("s3", endpoint_url=endpoint_url or None, config=config)


def explain(error: Exception, bucket: Bucket, endpoint: str | None) -> PublishError:
    """Turn a boto3 failure into one line that names the target and what to check."""
    from botocore import exceptions

    where = endpoint or "the S3 endpoint"
    if isinstance(error, exceptions.NoCredentialsError):
        return PublishError(
            "No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE."
        )
    if isinstance(error, exceptions.EndpointConnectionError | exceptions.ConnectTimeoutError):
        return PublishError(f"{where}: cannot reach the storage service; check --endpoint-url.")
    if isinstance(error, exceptions.ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        if code in MISSING:
            return PublishError(f"{bucket}: no such bucket at {where}.")
        if code in DENIED:
            return PublishError(
                f"{bucket}: access denied; check the credentials "
                "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)."
            )
        return PublishError(f"{bucket}: the storage service refused: {code}.")
    return PublishError(f"{bucket}: {type(error).__name__}: the storage service failed.")


def remote_digests(client: Any, bucket: Bucket) -> dict[str, str]:
    """Return the content hash of every object under the prefix (empty when none is stored)."""
    client.head_bucket(Bucket=bucket.name)
    pages = client.get_paginator("list_objects_v2").paginate(
        Bucket=bucket.name, Prefix=f"{bucket.prefix}/" if bucket.prefix else ""
    )
    # The alert ledger lives under the prefix but is no file of the site: never planned, never deleted.
    keys = [
        item["Key"]
        for page in pages
        for item in page.get("Contents", [])
        if bucket.name_of(item["Key"]) != LEDGER
    ]

    def digest(key: str) -> str:
        return client.head_object(Bucket=bucket.name, Key=key)["Metadata"].get(DIGEST, "")

    with ThreadPoolExecutor(WORKERS) as pool:
        return {
            bucket.name_of(key): found
            for key, found in zip(keys, pool.map(digest, keys), strict=True)
        }


def apply(client: Any, bucket: Bucket, plan: Plan) -> None:
    """Upload rank by rank (assets, pages, feeds), each rank complete before the next; delete last."""

    def send(upload: Any) -> None:
        client.upload_file(
            str(upload.path),
            bucket.name,
            bucket.key(upload.name),
            ExtraArgs={
                "ContentType": upload.content_type,
                "CacheControl": upload.cache_control,
                "Metadata": {DIGEST: upload.digest},
            },
        )

    with ThreadPoolExecutor(WORKERS) as pool:
        for _, group in itertools.groupby(plan.uploads, key=lambda u: kinds.rank(u.name)):
            list(pool.map(send, list(group)))
    for start in range(0, len(plan.deletions), 1000):
        batch = plan.deletions[start : start + 1000]
        client.delete_objects(
            Bucket=bucket.name,
            Delete={"Objects": [{"Key": bucket.key(name)} for name in batch], "Quiet": True},
        )


def read_ledger(client: Any, bucket: Bucket) -> bytes | None:
    """Return the alert ledger object beside the site, or None when there is none yet."""
    try:
        return client.get_object(Bucket=bucket.name, Key=bucket.key(LEDGER))["Body"].read()
    except client.exceptions.NoSuchKey:
        return None


def write_ledger(client: Any, bucket: Bucket, data: bytes) -> None:
    """Store the alert ledger in one request (S3 replaces an object whole), never cached."""
    client.put_object(
        Bucket=bucket.name,
        Key=bucket.key(LEDGER),
        Body=data,
        ContentType="application/json",
        CacheControl="no-store",
    )
