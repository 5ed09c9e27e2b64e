"""One alert e-mail: rendered from the theme's templates in its language, sent by SMTP + STARTTLS."""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).resolve().parents[1] / "theme" / "templates"
TIMEOUT = 15  # seconds for each exchange with the mail server
# Credentials and a private CA come from the environment only, never from settings files.
USER, PASSWORD, CAFILE = "PRESS_SMTP_USER", "PRESS_SMTP_PASSWORD", "PRESS_SMTP_CAFILE"


class MailError(Exception):
    """The mail server could not take a message; the text is one line, without credentials."""


@dataclass(frozen=True)
class Contact:
    """A press contact as an alert shows it."""

    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True)
class AlertView:
    """Everything one alert says, in its language, with absolute links."""

    key: str
    lang: str
    type_label: str
    title: str
    highlights: tuple[str, ...]
    summary: str
    url: str  # the release page, absolute
    contacts: tuple[Contact, ...]
    topics: tuple[str, ...]  # topic ids, for the optional lists per topic
    site_name: str


@cache
def environment() -> Environment:
    """Return the Jinja environment of the e-mail templates: HTML autoescaped, text as is."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, translations: Any, **values: Any) -> str:
    """Render one e-mail template with a language's interface translations."""
    env = environment()
    env.install_gettext_translations(translations, newstyle=True)
    return env.get_template(name).render(**values)


def message_id(key: str, lang: str, site_url: str) -> str:
    """Return the Message-ID of a release's alert in a language: the same on every machine."""
    return f"<press-alert.{key}.{lang}@{urlsplit(site_url).hostname or 'localhost'}>"


def compose(
    view: AlertView, translations: Any, sender: str, recipients: list[str], site_url: str,
    now: datetime,
) -> EmailMessage:  # fmt: skip
    """Return the alert as multipart plain text and HTML, its headers in the release's language."""
    message = EmailMessage()
    subject = render("email/alert_subject.txt", translations, view=view)
    # One line; str.split() would also eat the no-break space French puts before the colon.
    message["Subject"] = re.sub(r"[ \t\r\n]+", " ", subject).strip()
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(view.key, view.lang, site_url)
    message.set_content(render("email/alert.txt", translations, view=view))
    message.add_alternative(render("email/alert.html", translations, view=view), subtype="html")
    # Set last: making the message multipart moves every Content-* header into its first part.
    message["Content-Language"] = view.lang
    return message


class Mailer:
    """One connection to the mail server: STARTTLS always, then a login when credentials are set."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        try:
            self.smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
            context = ssl.create_default_context(cafile=os.environ.get(CAFILE) or None)
            self.smtp.starttls(context=context)
            if os.environ.get(USER):
                self.smtp.login(os.environ[USER], os.environ.get(PASSWORD, ""))
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise MailError(self.explain(error)) from None
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Say goodbye to the server, whatever state the connection is in."""
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None

    def send(self, message: EmailMessage) -> None:
        """Hand one message to the server for every address in its To header."""
        assert self.smtp is not None
        try:
            self.smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            raise MailError(self.explain(error)) from None

    def explain(self, error: Exception) -> str:
        """Return what went wrong in one line; the server's words only, never the password."""
        if isinstance(error, smtplib.SMTPAuthenticationError):
            return f"{self.host}:{self.port} refused the login; check {USER} and {PASSWORD}"
        if isinstance(error, smtplib.SMTPNotSupportedError):
            return (
                f"{self.host}:{self.port} does not offer STARTTLS; alerts are only sent encrypted"
            )
        reason = " ".join(str(error).split()) or type(error).__name__
        return f"{self.host}:{self.port}: {reason}"
