"""The channels' senders: each hands one message to the outside world and says how it went, by returning (taken)
or raising DeliveryError (temporary or not). They hold connections for a batch; close them when the batch ends."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Collection
from contextlib import nullcontext
from dataclasses import replace
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from volg.errors import ConfigError, DeliveryError, FetchError, InputError
from volg.pipeline.deliver.addresses import check_push
from volg.pipeline.ingest.fetch import Fetcher
from volg.pipeline.ingest.guard import one_line, public_resolution
from volg.settings import Settings

_SMTP_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
_RETRYABLE_HTTP = frozenset({408, 425, 429})


class SmtpSender:
    """Sends emails over one SMTP connection, opened on first use and opened again after a failure.

    `smtp_url`: smtp://[user:password@]host[:port] (STARTTLS when the server offers it), smtp+starttls://...
    (STARTTLS required) or smtps://... (TLS from the start). The server's certificate is checked.
    """

    def __init__(self, smtp_url: str, *, timeout_s: float) -> None:
        try:
            parts = urlsplit(smtp_url)
            port = parts.port
        except ValueError:
            raise ConfigError("smtp_url: not a valid URL") from None
        if parts.scheme not in _SMTP_PORTS or not parts.hostname:
            raise ConfigError("smtp_url: expected smtp://host:port, smtp+starttls://host:port or smtps://host:port")
        self._scheme, self._host = parts.scheme, parts.hostname
        self._port = port or _SMTP_PORTS[parts.scheme]
        self._user = unquote(parts.username) if parts.username else None
        self._password = unquote(parts.password or "")
        self._timeout = timeout_s
        self._smtp: smtplib.SMTP | None = None

    @property
    def server(self) -> str:
        return f"{self._host}:{self._port}"

    def send(self, message: EmailMessage) -> None:
        try:
            try:
                refused = self._connection().send_message(message)
            except smtplib.SMTPServerDisconnected:  # a kept connection the server dropped: once more, anew
                self.close()
                refused = self._connection().send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            self.close()
            code, reply = next(iter(exc.recipients.values()))
            raise DeliveryError(f"{self.server} refused the address: {code} {_text(reply)}",
                                temporary=400 <= code < 500) from None
        except smtplib.SMTPResponseException as exc:
            self.close()
            raise DeliveryError(f"{self.server}: {exc.smtp_code} {_text(exc.smtp_error)}",
                                temporary=exc.smtp_code < 500 or isinstance(exc, smtplib.SMTPAuthenticationError)
                                ) from None
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise DeliveryError(f"{self.server}: {one_line(exc) or type(exc).__name__}", temporary=True) from None
        if refused:
            code, reply = next(iter(refused.values()))
            raise DeliveryError(f"{self.server} refused the address: {code} {_text(reply)}", temporary=False)

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            context = ssl.create_default_context()
            if self._scheme == "smtps":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(self._host, self._port, timeout=self._timeout, context=context)
            else:
                smtp = smtplib.SMTP(self._host, self._port, timeout=self._timeout)
                smtp.ehlo()
                if self._scheme == "smtp+starttls" or smtp.has_extn("starttls"):
                    smtp.starttls(context=context)
                    smtp.ehlo()
            if self._user:
                smtp.login(self._user, self._password)
            self._smtp = smtp
        return self._smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


class WebhookSender:
    """POSTs signed JSON to webhook URLs through the fetcher's network guard (with DNS pinning)."""

    def __init__(self, settings: Settings) -> None:
        self._fetcher = Fetcher(replace(settings, fetch_timeout_s=settings.send_timeout_s))

    def send(self, url: str, payload: bytes, headers: dict[str, str]) -> None:
        try:
            self._fetcher.post(url, payload, headers)
        except FetchError as exc:
            status = exc.status  # None: no answer (unreachable, timed out, refused by the guard): try again later
            temporary = status is None or status >= 500 or status in _RETRYABLE_HTTP
            raise DeliveryError(str(exc), temporary=temporary, retry_after_s=exc.retry_after_s) from None

    def close(self) -> None:
        self._fetcher.close()


def own_hosts(settings: Settings) -> tuple[str, ...]:
    """The operator's own servers a push must not cut off: the mail relay of `smtp_url`."""
    try:
        host = urlsplit(settings.smtp_url).hostname if settings.smtp_url else None
    except ValueError:
        host = None
    return (host,) if host else ()


class PushSender:
    """Sends short notifications through Apprise (ntfy, Telegram, Matrix, Discord, ...). Each URL meets the network
    guard again before it is used (`check_push`): a host that turned private since the subscription was made, or a
    URL stored before the guard, is refused for good. Unless private addresses are allowed, Apprise then sends
    inside `public_resolution`: a host that answers public to the check and private to Apprise's own connection
    (DNS rebinding), or redirects there, reaches nothing. `own_hosts` (the mail relay) stay reachable meanwhile."""

    def __init__(self, *, allow_private: bool, own_hosts: Collection[str] = ()) -> None:
        self._allow_private = allow_private
        self._own_hosts = own_hosts

    def send(self, url: str, title: str, body: str) -> None:
        try:
            check_push(url, allow_private=self._allow_private)
        except InputError as exc:
            raise DeliveryError(str(exc), temporary=False) from None
        import apprise  # here: ~0.1 s to import, paid only when a push goes out

        service = apprise.Apprise()
        if not service.add(url):
            raise DeliveryError("not a usable Apprise URL", temporary=False)
        guard = nullcontext() if self._allow_private else public_resolution(self._own_hosts)
        with apprise.LogCapture(level=apprise.logging.WARNING) as log, guard:
            ok = service.notify(title=title, body=body)
        if not ok:
            said = [line.split(" - ", 2)[-1] for line in str(log.getvalue()).splitlines() if line.strip()]
            raise DeliveryError(said[-1] if said else "the service did not take the notification", temporary=True)

    def close(self) -> None:
        """Nothing is held between notifications."""


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())
