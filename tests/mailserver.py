"""Real servers on 127.0.0.1 for the alert tests: SMTP (aiosmtpd, STARTTLS and login required)
and an HTTP server that records WebSub notifications."""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

USER, PASSWORD = "newsroom", "s3cret-Pa55"


def free_port() -> int:
    """Return a TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """Write a self-signed certificate for 127.0.0.1 and its key; return both paths."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Received:
    """One message the server accepted: when, for whom, and the parsed message."""

    at: dt.datetime
    recipients: list[str]
    message: EmailMessage
    encrypted: bool


class Inbox:
    """aiosmtpd handler keeping every message it is given."""

    def __init__(self) -> None:
        self.received: list[Received] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        encrypted = session.ssl is not None
        self.received.append(
            Received(dt.datetime.now(dt.UTC), list(envelope.rcpt_tos), message, encrypted)
        )
        return "250 OK"


def check_login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    """Accept only the test account."""
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # aiosmtpd then answers 535 itself


class MailServer:
    """An SMTP server on 127.0.0.1 that requires STARTTLS and a login, and keeps what it gets."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.cert, self.key = make_certificate(folder)
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> MailServer:
        """Listen on the port."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, tls_context=context,
            require_starttls=True, auth_required=True, authenticator=check_login,
        )  # fmt: skip
        self.controller.start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        """Return the messages received so far."""
        return [found.message for found in self.inbox.received]

    def env(self) -> dict[str, str]:
        """Return the environment a publisher needs to send through this server."""
        return {
            "PRESS_SMTP_HOST": "127.0.0.1",
            "PRESS_SMTP_PORT": str(self.port),
            "PRESS_SMTP_USER": USER,
            "PRESS_SMTP_PASSWORD": PASSWORD,
            "PRESS_SMTP_CAFILE": str(self.cert),
        }

    def wait_for(self, count: int, timeout: float = 30) -> list[EmailMessage]:
        """Wait until `count` messages arrived; return them."""
        deadline = time.monotonic() + timeout
        while len(self.inbox.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


class HubHandler(http.server.BaseHTTPRequestHandler):
    """Record each POST's form fields; answer 204 as a WebSub hub does."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        fields = parse_qs(self.rfile.read(length).decode("ascii"))
        self.server.pings.append(fields)  # type: ignore[attr-defined]
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""


class Hub:
    """A local WebSub hub that records notifications."""

    def __init__(self) -> None:
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), HubHandler)
        self.server.pings = []  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def pings(self) -> list[dict[str, list[str]]]:
        """Return the form fields of every notification so far."""
        return self.server.pings  # type: ignore[attr-defined]

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
