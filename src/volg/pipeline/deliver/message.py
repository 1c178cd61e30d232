"""What each channel sends for a digest: an email (multipart text + HTML, with its headers), a short push
notification, a signed webhook request. Pure: values in, messages out.

The email's Message-ID and the webhook's idempotency key derive from the digest's key, so a message sent again
after a crash is recognisably the same message. Its Date is when it is sent, which the caller passes in.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

from volg.i18n import fill
from volg.models import Digest, digest_key
from volg.pipeline.compose.render import clean_text, genre_prefix, label, render_html, render_text, words

SUBJECT_LENGTH = 120
"""Longest subject line before the lead headline is shortened."""

SIGNATURE_TOLERANCE_S = 300
"""How old a webhook's timestamp may be before `verify_webhook` refuses it (a replay)."""

_NOT_LABEL = re.compile(r"[^a-z0-9-]+")
_DOMAIN = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)*")
_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]+')


@dataclass(frozen=True)
class Links:
    """The reader's links: manage the subscription (hours, unsubscribe), unsubscribe at once, the Atom feed."""

    manage: str
    unsubscribe: str
    feed: str


def links_for(base_url: str, token: str, feed_token: str) -> Links:
    base = base_url.rstrip("/")
    return Links(f"{base}/manage/{token}", f"{base}/unsubscribe/{token}", f"{base}/feeds/{feed_token}.atom")


def subject(digest: Digest, topic_name: str) -> str:
    """ "Hoogwater: Maas bereikt hoogste stand (+2)": the topic, the lead development, how many more."""
    lead = clean_text(digest.items[0].development.headline) if digest.items else ""
    more = f" (+{len(digest.items) - 1})" if len(digest.items) > 1 else ""
    prefix = f"{words(digest.language)['digest_breaking']} · " if digest.breaking else ""
    head = f"{prefix}{label(digest.language, clean_text(topic_name))} "
    room = max(20, SUBJECT_LENGTH - len(head) - len(more))
    if len(lead) > room:
        lead = lead[: room - 1].rstrip() + "…"
    return head + lead + more


def email_message(digest: Digest, *, topic_name: str, tz: str, links: Links, mail_from: str, to: str,
                  sent_at: datetime) -> EmailMessage:
    """The digest as an email: text and HTML alternatives, one-click unsubscribe (RFC 8058), a Message-ID from
    the digest's key, a List-Id for the topic (RFC 2919), dated `sent_at` (the digest's own time is in the body).
    Header values are built from cleaned text, and the email library refuses line breaks in headers, so nothing
    in a topic name or title can add a header."""
    message = EmailMessage()
    message["Subject"] = subject(digest, topic_name)
    message["From"] = mail_from
    message["To"] = to
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = message_id(digest, mail_from)
    message["List-Id"] = list_id(digest, topic_name, mail_from)
    message["List-Unsubscribe"] = f"<{links.unsubscribe}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_text(digest, topic_name=topic_name, manage_url=links.manage, tz=tz))
    message.add_alternative(render_html(digest, topic_name=topic_name, manage_url=links.manage, tz=tz),
                            subtype="html")
    # after the content: set_content drops Content-* headers and add_alternative moves them into the first part
    message["Content-Language"] = digest.language
    return message


def confirmation_message(*, topic_name: str, link: str, language: str, hours: int, mail_from: str, to: str,
                         sent_at: datetime) -> EmailMessage:
    """The one mail a subscription made by a stranger gets before its reader confirms: the link, and what happens
    if nobody does (nothing). Plain text, in the reader's language (the catalogues' `mail_confirm_*`)."""
    said = words(language)
    topic = clean_text(topic_name)
    message = EmailMessage()
    message["Subject"] = fill(said["mail_confirm_subject"], topic=topic)
    message["From"] = mail_from
    message["To"] = to
    message["Date"] = format_datetime(sent_at)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(fill(said["mail_confirm_body"], topic=topic, hours=str(hours), link=link))
    message["Content-Language"] = language
    return message


def message_id(digest: Digest, mail_from: str) -> str:
    """<volg.12-20261117T070000Z@example.org>: the same for every attempt at the same digest."""
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "volg.invalid"
    return str(Address(username=f"volg.{digest_key(digest.subscription_id, digest.scheduled_at)}", domain=domain)
               ).join("<>")


def list_id(digest: Digest, topic_name: str, mail_from: str) -> str:
    """'"Hoogwater" <volg.hoogwater.example.org>' (RFC 2919): the topic's name, then an id that stays the same for
    every digest of the topic from this instance (its slug; the subscription's id if nothing of the slug is left),
    so a reader can filter on it."""
    label = _NOT_LABEL.sub("-", digest.topic.lower())[:63].strip("-") or f"subscription-{digest.subscription_id}"
    domain = parseaddr(mail_from)[1].rpartition("@")[2].lower()
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = ""
    if not _DOMAIN.fullmatch(domain):
        domain = "volg.invalid"
    return f"{_phrase(topic_name)} <volg.{label}.{domain}>"


def _phrase(name: str) -> str:
    """A display name as an RFC 5322 phrase: quoted when ASCII; otherwise without specials (the email library
    encodes non-ASCII words, and an encoded word may not stand inside quotes)."""
    text = clean_text(name) or "volg"
    if text.isascii():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return " ".join(_SPECIALS.sub(" ", text).split()) or "volg"


def push_message(digest: Digest, *, topic_name: str, links: Links) -> tuple[str, str]:
    """(title, body) for a push service: the subject, then one line per development and the link to manage."""
    lines = []
    for item in digest.items:
        dev = item.development
        update = label(digest.language, words(digest.language)["update"]) + " " if item.is_update else ""
        url = next((c.url for c in dev.sources if c.url.startswith(("http://", "https://"))), "")
        lines.append(f"• {update}{genre_prefix(dev, digest.language)}{clean_text(dev.headline)}"
                     + (f" {url}" if url else ""))
    lines.append(links.manage)
    return subject(digest, topic_name), "\n".join(lines)


def webhook_request(body: Mapping[str, Any], *, digest: Digest, topic_name: str, links: Links, secret: str,
                    timestamp: int) -> tuple[bytes, dict[str, str]]:
    """The JSON payload and headers of a webhook POST: the digest (as `volg digest --json` prints it), signed
    with the subscription's secret over "<timestamp>.<payload>"."""
    key = digest_key(digest.subscription_id, digest.scheduled_at)
    payload = json.dumps({
        "type": "digest.breaking" if digest.breaking else "digest",
        "id": key,
        "topic": {"slug": digest.topic, "name": topic_name},
        "digest": dict(body),
        "links": {"manage": links.manage, "unsubscribe": links.unsubscribe, "feed": links.feed},
    }, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Idempotency-Key": key,
        "X-Volg-Timestamp": str(timestamp),
        "X-Volg-Signature": "sha256=" + signature(secret, timestamp, payload),
    }
    return payload, headers


def signature(secret: str, timestamp: int, payload: bytes) -> str:
    """Hex HMAC-SHA256 of "<timestamp>." + payload under the subscription's secret."""
    return hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()


def verify_webhook(secret: str, headers: Mapping[str, str], payload: bytes, *, now: float) -> bool:
    """What a receiver checks: the signature matches, and the timestamp is recent (so a captured request cannot
    be replayed later). Receivers also ignore an `Idempotency-Key` they have seen: that is a resend."""
    lowered = {k.lower(): v for k, v in headers.items()}
    stamp, given = lowered.get("x-volg-timestamp", ""), lowered.get("x-volg-signature", "")
    if not stamp.isdecimal() or abs(now - int(stamp)) > SIGNATURE_TOLERANCE_S:
        return False
    return hmac.compare_digest(given, "sha256=" + signature(secret, int(stamp), payload))
