"""A subscription's Atom 1.0 feed: one entry per digest, newest first, so any feed reader can follow a topic.

The feed lives at a private URL holding the subscription's random token; its id is derived from the
subscription and that token, so it stays the same for the feed's whole life and reveals neither.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from volg.models import Digest, Subscription
from volg.pipeline.compose.render import clean_text, render_atom_entry

ENTRIES = 50
"""How many of the newest digests the feed holds."""

_ATOM = "http://www.w3.org/2005/Atom"


def feed_id(sub: Subscription) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"volg:subscription:{sub.id}:{sub.token}").urn


def render_feed(sub: Subscription, digests: Sequence[Digest], *, topic_name: str, feed_url: str,
                manage_url: str, created: datetime) -> str:
    """The feed document: the newest `ENTRIES` digests (given in any order), each an entry with its HTML."""
    newest = sorted(digests, key=lambda d: d.scheduled_at, reverse=True)[:ENTRIES]
    updated = newest[0].scheduled_at if newest else created
    fid = feed_id(sub)
    entries = [render_atom_entry(d, topic_name=topic_name, feed_id=fid, tz=sub.tz) for d in newest]
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{_ATOM}">',
        f"  <id>{fid}</id>",
        f"  <title>{escape(clean_text(topic_name))} — volg</title>",
        f"  <updated>{updated.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}</updated>",
        "  <author><name>volg</name></author>",
        "  <generator>volg</generator>",
        f'  <link rel="self" type="application/atom+xml" href="{escape(feed_url)}"/>',
        f'  <link rel="alternate" type="text/html" href="{escape(manage_url)}"/>',
    ]
    return "\n".join(head) + "\n" + "".join(entries) + "</feed>\n"
