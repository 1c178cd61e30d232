"""A real SMTP server for tests (aiosmtpd on 127.0.0.1, a free port) that keeps what it receives.

    with MailSink() as sink:
        ... send to sink.url ...
        assert sink.messages[0]["Subject"] == ...

`raw` keeps each message as it came over the wire. `refuse` makes it answer RCPT with a reply ("550 5.1.1 no such
user"), `fail` makes it answer DATA with one ("451 4.3.0 try later"); `delay_s` holds each DATA reply back,
`rcpt_delay_s` each RCPT reply (the message is not taken yet), and `rcpt_seen` is set when a RCPT arrives.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MailSink:
    def __init__(self, port: int | None = None) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse: str | None = None
        self.fail: str | None = None
        self.delay_s = 0.0
        self.rcpt_delay_s = 0.0
        self.rcpt_seen = threading.Event()
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=port or free_port())

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self._controller.port}"

    def __enter__(self) -> MailSink:
        self._controller.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._controller.stop()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        self.rcpt_seen.set()
        if self.rcpt_delay_s:
            await asyncio.sleep(self.rcpt_delay_s)
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        if self.fail:
            return self.fail
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self._lock:
            self.messages.append(message)
            self.raw.append(envelope.original_content)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"
