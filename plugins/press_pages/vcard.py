"""vCard 4.0 text (RFC 6350) for a press contact: escaped, folded, CRLF line endings."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

LINE_OCTETS = 75  # RFC 6350 3.2: lines SHOULD NOT be longer than 75 octets
UID_NAMESPACE = uuid.UUID("9d3c4f1e-3a55-5bd1-8a3e-5f0c2b7d6e41")  # PressClub contacts


@dataclass(frozen=True)
class Card:
    """What a vCard says about one contact, in one language."""

    id: str
    name: str
    organisation: str
    title: str
    lang: str
    email: str
    phone: str | None = None
    fax: str | None = None
    mobile: str | None = None
    photo: str | None = None  # absolute URL of a JPEG, PNG or WebP image
    url: str | None = None


PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, comma and line breaks (RFC 6350 3.4)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("\n", "\\n")


def escape_component(value: str) -> str:
    """Escape one component of a structured value (N, ORG): a semicolon too."""
    return escape_text(value).replace(";", "\\;")


def split_name(name: str) -> tuple[str, str]:
    """Return (family, given) from a full name: the last word is taken as the family name."""
    given, _, family = name.strip().rpartition(" ")
    return family, given


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 6350 3.2)."""
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            # Continuation lines start with a space, which counts towards their 75 octets.
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def uid(contact_id: str) -> str:
    """Return a stable UID, the same in every language, so address books merge the cards."""
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, contact_id)}"


def vcard(card: Card) -> str:
    """Return the vCard 4.0 text of a card, each line folded and ended by CRLF."""
    family, given = split_name(card.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        f"UID:{uid(card.id)}",
        f"FN:{escape_text(card.name)}",
        f"N:{escape_component(family)};{escape_component(given)};;;",
        f"ORG:{escape_component(card.organisation)}",
        f"TITLE;LANGUAGE={card.lang}:{escape_text(card.title)}",
    ]
    phones = (("work,voice", card.phone), ("work,fax", card.fax), ("cell", card.mobile))
    lines += [f"TEL;TYPE={kind}:{escape_text(number)}" for kind, number in phones if number]
    lines += [
        f"EMAIL;TYPE=work:{escape_text(card.email)}",
    ]
    if card.photo:
        kind = PHOTO_TYPES[card.photo.rsplit(".", 1)[-1].lower()]
        lines.append(f"PHOTO;MEDIATYPE={kind}:{card.photo}")
    if card.url:
        lines.append(f"URL;TYPE=work:{card.url}")
    lines += [
        f"LANG:{card.lang}",
        "END:VCARD",
    ]
    return "".join(f"{fold(line)}\r\n" for line in lines)
