"""E-mail alert and WebSub settings, read in one place (alerts stay off until configured)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import Any

from .errors import PressError

# Every setting this feature reads, with its default: alerts and WebSub off.
ALERT_DEFAULTS: dict[str, Any] = {
    "PRESS_ALERTS": {},  # lang -> {"list", "subscribe", "fields", "topics"}
    "PRESS_ALERTS_FROM": "",  # the From: of alert messages, e.g. "Newsroom <press@example.com>"
    "PRESS_SMTP_HOST": "",  # the mail server alerts are sent through (STARTTLS); "" sends none
    "PRESS_SMTP_PORT": 587,  # the submission port
    "PRESS_WEBSUB_HUB": "",  # the WebSub hub feeds declare and the publisher notifies
}
SUBSCRIBE_SCHEMES = ("https://", "http://", "mailto:")


class AlertSettingsError(PressError):
    """An alert or WebSub setting the site cannot use; one line per problem."""


@dataclass(frozen=True)
class Signup:
    """How readers of one language join its list: a form posted to the list service, or mailto."""

    url: str  # https://... (a form's action) or mailto:...
    fields: Mapping[str, str] = field(default_factory=dict)  # hidden fields the form posts

    @property
    def is_form(self) -> bool:
        """Tell whether the signup is a form (else a mailto: link)."""
        return not self.url.startswith("mailto:")


@dataclass(frozen=True)
class LanguageAlerts:
    """One language's list: where alerts are posted and how to join it."""

    address: str  # the list's posting address
    signup: Signup | None = None
    topics: Mapping[str, str] = field(default_factory=dict)  # topic id -> that topic's list


@dataclass(frozen=True)
class AlertSettings:
    """The alert and WebSub part of the settings, validated."""

    lists: Mapping[str, LanguageAlerts] = field(default_factory=dict)
    sender: str = ""
    smtp_host: str = ""
    smtp_port: int = 587
    hub: str = ""

    @property
    def sending(self) -> bool:
        """Tell whether alerts are sent: a list, a sender and a mail server are all set."""
        return bool(self.lists and self.sender and self.smtp_host)


def is_address(text: Any) -> bool:
    """Tell whether a value is one plain e-mail address."""
    return isinstance(text, str) and "@" in parseaddr(text)[1] and "\n" not in text


def signup_gaps(lang: str, entry: Mapping[str, Any]) -> list[str]:
    """Name what is wrong with one language's subscription settings."""
    where = f"PRESS_ALERTS[{lang!r}]"
    gaps = [] if is_address(entry.get("list")) else [f"{where}: 'list' must be the list's address"]
    url = entry.get("subscribe", "")
    if url and (not isinstance(url, str) or not url.startswith(SUBSCRIBE_SCHEMES)):
        gaps.append(f"{where}: 'subscribe' must start with https://, http:// or mailto:")
    fields = entry.get("fields", {})
    if not isinstance(fields, Mapping) or not all(isinstance(v, str) for v in fields.values()):
        gaps.append(f"{where}: 'fields' must map form field names to text")
    topics = entry.get("topics", {})
    if not isinstance(topics, Mapping) or not all(is_address(v) for v in topics.values()):
        gaps.append(f"{where}: 'topics' must map topic ids to list addresses")
    return gaps


def language_alerts(entry: Mapping[str, Any]) -> LanguageAlerts:
    """Return one language's validated list settings."""
    url = entry.get("subscribe", "")
    signup = Signup(url, dict(entry.get("fields", {}))) if url else None
    return LanguageAlerts(entry["list"], signup, dict(entry.get("topics", {})))


def alert_gaps(value: Mapping[str, Any], langs: list[str]) -> list[str]:
    """Name every problem of the alert and WebSub settings: one line each."""
    lists = value["PRESS_ALERTS"]
    if not isinstance(lists, Mapping):
        return ["PRESS_ALERTS: must map language codes to list settings"]
    gaps = [
        f"PRESS_ALERTS: {lang!r} is not in PRESS_LANGUAGES" for lang in lists if lang not in langs
    ]
    for lang, entry in lists.items():
        gaps += signup_gaps(lang, entry if isinstance(entry, Mapping) else {})
    sender = value["PRESS_ALERTS_FROM"]
    if (lists or sender) and not is_address(sender):
        gaps.append("PRESS_ALERTS_FROM: give the sender, like 'Newsroom <press@example.com>'")
    port = value["PRESS_SMTP_PORT"]
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        gaps.append(f"PRESS_SMTP_PORT: {port!r} is not a port number; write one like 587")
    hub = value["PRESS_WEBSUB_HUB"]
    if hub and (not isinstance(hub, str) or not hub.startswith(("https://", "http://"))):
        gaps.append(f"PRESS_WEBSUB_HUB: {hub!r} is not an http(s) URL")
    return gaps


def read_alerts(settings: Mapping[str, Any]) -> AlertSettings:
    """Read every alert and WebSub setting from Pelican's settings, defaults filled in."""
    value = {key: settings.get(key, default) for key, default in ALERT_DEFAULTS.items()}
    port = value["PRESS_SMTP_PORT"]  # publishconf.py passes the environment's text
    value["PRESS_SMTP_PORT"] = int(port) if isinstance(port, str) and port.isdigit() else port
    langs = list(settings.get("PRESS_LANGUAGES") or {settings.get("DEFAULT_LANG", "en"): {}})
    gaps = alert_gaps(value, langs)
    if gaps:
        raise AlertSettingsError("\n".join(gaps))
    return AlertSettings(
        lists={lang: language_alerts(entry) for lang, entry in value["PRESS_ALERTS"].items()},
        sender=value["PRESS_ALERTS_FROM"],
        smtp_host=str(value["PRESS_SMTP_HOST"] or ""),
        smtp_port=value["PRESS_SMTP_PORT"],
        hub=str(value["PRESS_WEBSUB_HUB"] or ""),
    )
