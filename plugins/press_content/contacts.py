"""Press contacts registry: content/contacts.yml, each person once, referred to by id."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

from press_core.errors import UNSHOWN, Problem, UnreadableError, read_text
from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from . import frontmatter
from .schema import (
    EMAIL,
    Id,
    IdList,
    Strict,
    content_path,
    describe,
    fail,
    problems_from,
    text,
    web_address,
)

PHONE = re.compile(r"\+?[0-9][0-9 ().-]{5,}[0-9]")


def line(value: Any) -> str:
    """Accept one line of visible text: no control, format or line-separator character.

    Contact fields go raw into vCards and pages; a U+2028 or a bidi override there
    breaks a vCard line or reorders what readers see.
    """
    value = text(value)
    for char in value:
        if unicodedata.category(char) in UNSHOWN:
            raise fail(
                f"contains the invisible or line-breaking character U+{ord(char):04X};"
                " write it on one line with visible characters only"
            )
    return value


def phone(value: Any) -> str:
    """Accept a phone number written with digits, spaces, dots, hyphens, brackets."""
    value = line(value)
    if not PHONE.fullmatch(value):
        raise fail(f'"{value}" is not a phone number like +1-905-428-5078')
    return value


def email(value: Any) -> str:
    """Accept an e-mail address."""
    value = line(value)
    if not EMAIL.fullmatch(value):
        raise fail(f'"{value}" is not an e-mail address like name@example.com')
    return value


Phone = Annotated[str, BeforeValidator(phone)]
Line = Annotated[str, BeforeValidator(line)]
WebLine = Annotated[str, BeforeValidator(lambda value: web_address(line(value)))]


def organisation_shape(value: Any) -> str:
    """Tell one organisation name from a name per language (schema.UNION_TAGS hides the tag)."""
    return "PerLanguage" if isinstance(value, dict) else "OneName"


Organisation = Annotated[
    Annotated[Line, Tag("OneName")] | Annotated[dict[str, Line], Tag("PerLanguage")],
    Discriminator(organisation_shape),
]
PHOTO_TYPES = ("jpg", "jpeg", "png", "webp")


def photo_path(value: Any, info: ValidationInfo) -> str:
    """Accept a JPEG, PNG or WebP image that exists under content/."""
    value = content_path(value)
    if value.rsplit(".", 1)[-1].lower() not in PHOTO_TYPES:
        raise fail(f'"{value}" must be a photo ending in .{", .".join(PHOTO_TYPES)}')
    if not (info.context["content"] / value).is_file():
        raise fail(f'"{value}" is not a file under content/')
    return value


def per_language(value: dict[str, str], langs: list[str], what: str) -> dict[str, str]:
    """Require a text in every configured language."""
    missing = [lang for lang in langs if lang not in value]
    if missing:
        raise fail(f"give the {what} in every language; missing: {', '.join(missing)}")
    return value


class Contact(Strict):
    """One press contact."""

    id: Id
    name: Line
    organisation: Organisation
    role: dict[str, Line]
    topics: IdList = Field(default_factory=list)
    photo: Annotated[str, BeforeValidator(photo_path)] | None = None
    url: WebLine | None = None
    phone: Phone | None = None
    fax: Phone | None = None
    mobile: Phone | None = None
    email: Annotated[str, BeforeValidator(email)]

    @field_validator("role")
    @classmethod
    def _role_per_language(cls, value: dict[str, str], info: ValidationInfo) -> dict:
        return per_language(value, info.context["langs"], "role")

    @field_validator("organisation")
    @classmethod
    def _organisation_per_language(cls, value: str | dict, info: ValidationInfo) -> str | dict:
        if isinstance(value, dict):
            return per_language(value, info.context["langs"], "organisation")
        return value

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: list[str], info: ValidationInfo) -> list[str]:
        known = info.context["topics"]
        for topic in value:
            if topic not in known:
                raise fail(f'unknown topic "{topic}"; configured topics: {", ".join(known)}')
        return value

    def role_in(self, lang: str) -> str:
        """Return the role in a language."""
        return self.role[lang]

    def organisation_in(self, lang: str) -> str:
        """Return the organisation's name in a language."""
        if isinstance(self.organisation, str):
            return self.organisation
        return self.organisation[lang]


def load_contacts(
    path: Path, shown: str, langs: list[str], topics: Iterable[str] = ()
) -> tuple[dict[str, Contact], list[Problem]]:
    """Read the contacts file; return contacts by id and every problem found."""
    try:
        data = frontmatter.parse_yaml(read_text(path))
    except FileNotFoundError:
        return {}, [Problem(shown, "file", "not found; create it with one entry per press contact")]
    except (frontmatter.FrontMatterError, UnreadableError) as error:
        return {}, [Problem(shown, "file", str(error))]
    if not isinstance(data, list):
        return {}, [Problem(shown, "file", f"expected a list of contacts, found {describe(data)}")]
    contacts: dict[str, Contact] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(data):
        label = (
            raw.get("id")
            if isinstance(raw, dict) and isinstance(raw.get("id"), str)
            else f"[{index}]"
        )
        try:
            contact = Contact.model_validate(
                raw, context={"langs": langs, "topics": list(topics), "content": path.parent}
            )
        except ValidationError as error:
            problems += [
                Problem(shown, f"{label}.{p.field}", p.message)
                for p in problems_from(error, shown, list(Contact.model_fields))
            ]
            continue
        if contact.id in contacts:
            problems.append(Problem(shown, f"{label}.id", "this id is given to two contacts"))
        contacts[contact.id] = contact
    return contacts, problems
