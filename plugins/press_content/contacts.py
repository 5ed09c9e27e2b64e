"""Press contacts registry: content/contacts.yml, each person once, referred to by id."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any

from press_core.errors import UNSHOWN, Problem, UnreadableError, read_text
from pydantic import BeforeValidator, ValidationError, ValidationInfo, field_validator

from . import frontmatter
from .schema import Id, Strict, describe, fail, problems_from, text

PHONE = re.compile(r"\+?[0-9][0-9 ().-]{5,}[0-9]")
EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[a-z]{2,}", re.IGNORECASE)


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


class Contact(Strict):
    """One press contact."""

    id: Id
    name: Line
    organisation: Line
    role: dict[str, Line]
    phone: Phone | None = None
    fax: Phone | None = None
    mobile: Phone | None = None
    email: Annotated[str, BeforeValidator(email)]

    @field_validator("role")
    @classmethod
    def _role_per_language(cls, value: dict[str, str], info: ValidationInfo) -> dict:
        missing = [lang for lang in info.context["langs"] if lang not in value]
        if missing:
            raise fail(f"give the role in every language; missing: {', '.join(missing)}")
        return value

    def role_in(self, lang: str) -> str:
        """Return the role in a language."""
        return self.role[lang]


def load_contacts(
    path: Path, shown: str, langs: list[str]
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
            contact = Contact.model_validate(raw, context={"langs": langs})
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
