"""Typed schema of a release's front matter, with messages staff can act on."""

from __future__ import annotations

import difflib
import functools
import re
import zoneinfo
from datetime import datetime
from typing import Annotated, Any

from press_core.errors import Problem
from press_core.limits import DEFAULT_LIMITS, LIMITS, short
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PATH_PATTERN = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_.-]+)*\.[A-Za-z0-9]+")
DATE_EXAMPLE = "write it like 2021-05-21T09:00:00+02:00"
EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[a-z]{2,}", re.IGNORECASE)
EVENT_TYPES = ("invitation",)  # release types that describe an event
YEARS = (1900, 2999)  # dates outside these years are typing mistakes, and overflow time zones


def fail(message: str) -> PydanticCustomError:
    """Return the error that carries a message as written."""
    return PydanticCustomError("press", message)


def text(value: Any) -> str:
    """Accept non-empty text only."""
    if not isinstance(value, str):
        raise fail(f"expected text, found {describe(value)}")
    if not value.strip():
        raise fail("must not be empty")
    return value.strip()


def identifier(value: Any) -> str:
    """Accept an id made of a-z, 0-9 and inner hyphens."""
    value = text(value)
    if not ID_PATTERN.fullmatch(value):
        raise fail(
            f'"{value}" may contain only lowercase letters a-z, digits and single'
            " hyphens inside (like 2021-startup-garage)"
        )
    return value


def moment(value: Any) -> datetime:
    """Parse an ISO 8601 date and time that carries its UTC offset."""
    value = text(value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise fail(f'"{value}" is not a date and time; {DATE_EXAMPLE}') from None
    if parsed.tzinfo is None:
        raise fail(f'"{value}" has no UTC offset; {DATE_EXAMPLE}')
    if not YEARS[0] <= parsed.year <= YEARS[1]:
        raise fail(f'"{value}" is not between the years {YEARS[0]} and {YEARS[1]}; {DATE_EXAMPLE}')
    return parsed


@functools.cache
def zone_names() -> frozenset[str]:
    """Return the IANA time zone names Python knows (tzdata), read once."""
    return frozenset(zoneinfo.available_timezones())


def zone_name(value: Any) -> str:
    """Accept a time zone by its IANA name, like Europe/Berlin; nothing read from a path."""
    value = text(value)
    if value not in zone_names():
        raise fail(f'"{value}" is not a time zone name; write one like Europe/Berlin')
    return value


def listing(value: Any) -> list:
    """Accept a list (an empty value counts as an empty list)."""
    if value == "":
        return []
    if not isinstance(value, list):
        raise fail(f"expected a list like [a, b], found {describe(value)}")
    return value


def web_address(value: Any) -> str:
    """Accept an absolute http(s) URL."""
    value = text(value)
    if not re.fullmatch(r"https?://[^\s/$.?#][^\s<>\"]*", value):
        raise fail(f'"{value}" is not a web address starting with https:// or http://')
    return value


def content_path(value: Any) -> str:
    """Accept a relative path inside content/, never leaving it."""
    value = text(value)
    if not PATH_PATTERN.fullmatch(value) or ".." in value.split("/"):
        raise fail(f'"{value}" must be a path inside content/, like images/2021/photo.jpg')
    return value


def describe(value: Any) -> str:
    """Name the kind of a YAML value for a message."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "nothing"
    return f'"{value}"'


Text = Annotated[str, BeforeValidator(text)]
Id = Annotated[str, BeforeValidator(identifier)]
Moment = Annotated[datetime, BeforeValidator(moment)]
Url = Annotated[str, BeforeValidator(web_address)]
IdList = Annotated[list[Id], BeforeValidator(listing)]
TextList = Annotated[list[Text], BeforeValidator(listing)]


class Strict(BaseModel):
    """Base model: unknown fields are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def flag(value: Any) -> bool:
    """Accept yes/no written as true or false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise fail(f"expected true or false, found {describe(value)}")


ContentPath = Annotated[str, BeforeValidator(content_path)]
Flag = Annotated[bool, BeforeValidator(flag)]


class Image(Strict):
    """A lead image; alt text is required for accessibility."""

    src: ContentPath
    alt: Text
    credit: Text | None = None
    caption: Text | None = None  # else the alt text is its caption (library, file metadata)
    licence: Text | None = None
    gps_ok: Flag = False  # the original's EXIF GPS position may be published


class Photo(Strict):
    """A gallery photo journalists may download: alt text and credit are required."""

    src: ContentPath
    alt: Text
    credit: Text
    caption: Text | None = None
    licence: Text | None = None
    gps_ok: Flag = False


class Attachment(Strict):
    """A document offered for download with the release."""

    src: ContentPath
    title: Text
    description: Text | None = None


class RelatedRelease(Strict):
    """A link to another release, by key."""

    key: Id


class RelatedLink(Strict):
    """A link to a page outside the newsroom."""

    title: Text
    url: Url


def related_entry(value: Any) -> Any:
    """Tell a release link from an external link before validating it."""
    if not isinstance(value, dict):
        raise fail(f"expected `key: ...` or `title: ...` and `url: ...`, found {describe(value)}")
    if "key" in value:
        return RelatedRelease.model_validate(value)
    return RelatedLink.model_validate(value)


Related = Annotated[RelatedRelease | RelatedLink, BeforeValidator(related_entry)]


def reply_address(value: Any) -> str:
    """Accept an e-mail address or an http(s) web address to reply to."""
    value = text(value)
    if EMAIL.fullmatch(value) or re.fullmatch(r"https?://[^\s/$.?#][^\s<>\"]*", value):
        return value
    raise fail(f'"{value}" is neither an e-mail address nor a web address starting with https://')


class Venue(Strict):
    """Where an event takes place."""

    name: Text
    address: Text


class Event(Strict):
    """When and where an invitation's event happens, and how to reply."""

    start: Moment
    end: Moment
    venue: Venue
    rsvp: Annotated[str, BeforeValidator(reply_address)] | None = None

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: datetime, info: ValidationInfo) -> datetime:
        start = info.data.get("start")
        if start is not None and value <= start:
            raise fail("must be later than event.start")
        return value


def event_entry(value: Any, info: ValidationInfo) -> Any:
    """Require an event on an invitation and refuse one on any other type."""
    kind = info.data.get("type")
    if kind is None or (kind not in EVENT_TYPES and value is None):
        return None  # a wrong type has its own message
    if kind not in EVENT_TYPES:
        raise fail("only an invitation has an event; remove it or set type: invitation")
    if value is None:
        raise fail("an invitation needs an event with start, end and venue")
    return value


class ReleaseMeta(Strict):
    """Front matter of one language version of a release."""

    key: Id
    lang: Text
    title: Text
    slug: Id | None = None
    date: Moment
    updated: Moment | None = None
    embargo: Moment | None = None
    status: Text = "published"
    type: Text
    dateline: Text | None = None
    timezone: Annotated[str, BeforeValidator(zone_name)] | None = None  # the page's own zone
    topics: IdList = []
    tags: TextList = []
    highlights: TextList = []
    summary: Text
    contacts: Annotated[IdList, AfterValidator(lambda v: v or _no_contact())]
    author: Id | None = None
    related: Annotated[list[Related], BeforeValidator(listing)] = []
    image: Image | None = None
    event: Annotated[Event | None, BeforeValidator(event_entry), Field(validate_default=True)] = (
        None
    )
    images: Annotated[list[Photo], BeforeValidator(listing)] = []
    attachments: Annotated[list[Attachment], BeforeValidator(listing)] = []

    @field_validator("tags", "topics", mode="before")
    @classmethod
    def _not_too_many(cls, value: Any, info: ValidationInfo) -> Any:
        setting = LIMITS[info.field_name][0]
        most = info.context.get("limits", DEFAULT_LIMITS)[info.field_name]
        if isinstance(value, list) and len(value) > most:
            raise fail(
                f"has {len(value)} {info.field_name}; at most {most} are allowed ({setting})"
            )
        return value

    @field_validator("title", "slug")
    @classmethod
    def _not_too_long(cls, value: str | None, info: ValidationInfo) -> str | None:
        return short(value, info.field_name, info.context.get("limits", DEFAULT_LIMITS))

    @field_validator("tags")
    @classmethod
    def _short_tags(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for tag in value:
            short(tag, "tag", info.context.get("limits", DEFAULT_LIMITS))
        return value

    @field_validator("lang")
    @classmethod
    def _known_lang(cls, value: str, info: ValidationInfo) -> str:
        return _one_of(value, info.context["langs"], "a configured language")

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str, info: ValidationInfo) -> str:
        return _one_of(value, info.context["types"], "a release type")

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return _check_ids(value, info.context["topics"], "topic", "configured topics")

    @field_validator("contacts")
    @classmethod
    def _known_contacts(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return _check_ids(value, info.context["contacts"], "contact id", CONTACT_SOURCE)

    @field_validator("author")
    @classmethod
    def _known_author(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            _check_ids([value], info.context["contacts"], "contact id", CONTACT_SOURCE)
        return value

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        if value not in ("published", "draft"):
            raise fail(f'"{value}" must be published or draft')
        return value

    @field_validator("updated")
    @classmethod
    def _updated_after_date(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        date = info.data.get("date")
        if value is not None and date is not None and value < date:
            raise fail("must not be earlier than date")
        return value


CONTACT_SOURCE = "ids in content/contacts.yml"


def _no_contact() -> list:
    raise fail("name at least one press contact id from content/contacts.yml")


def _one_of(value: str, allowed: list[str], what: str) -> str:
    if value not in allowed:
        raise fail(f'"{value}" is not {what} ({", ".join(allowed)})')
    return value


def _check_ids(values: list[str], known: Any, what: str, source: str) -> list[str]:
    for value in values:
        if value not in known:
            raise fail(f'unknown {what} "{value}"; {source}: {", ".join(sorted(known))}')
    return values


MESSAGES = {
    "missing": "required field is missing",
    "model_type": "expected a group of fields, found {found}",
}


def problems_from(error: ValidationError, path: str, fields: list[str]) -> list[Problem]:
    """Turn pydantic's errors into one Problem per field, in our words."""
    problems = []
    for item in error.errors(include_url=False):
        field = _location(item["loc"])
        if item["type"] == "extra_forbidden":
            problems.append(Problem(path, field, _unknown_field(field, fields)))
            continue
        if item["type"] == "press":
            message = item["msg"]
        else:
            template = MESSAGES.get(item["type"], "expected another kind of value, found {found}")
            message = template.format(found=describe(item.get("input")))
        problems.append(Problem(path, field, message))
    return problems


# pydantic names union members in locations (contacts.Organisation: its tags)
UNION_TAGS = {"RelatedRelease", "RelatedLink", "OneName", "PerLanguage"}


def _location(loc: tuple) -> str:
    parts = [p for p in loc if p not in UNION_TAGS]
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or "front matter"


def _unknown_field(field: str, fields: list[str]) -> str:
    guess = difflib.get_close_matches(field.rsplit(".", 1)[-1], fields, n=1)
    hint = f'did you mean "{guess[0]}"?' if guess else f"allowed fields: {', '.join(fields)}"
    return f"unknown field; {hint}"


def validate(raw: dict, path: str, context: dict) -> tuple[ReleaseMeta | None, list[Problem]]:
    """Validate front matter; return the model or every problem found."""
    try:
        return ReleaseMeta.model_validate(raw, context=context), []
    except ValidationError as error:
        return None, problems_from(error, path, list(ReleaseMeta.model_fields))
