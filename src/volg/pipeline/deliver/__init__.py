"""The deliver stage: where a digest goes (email, Apprise push, signed webhooks, the Atom feed), how each channel's
message reads, and how it is handed over. The outbox that makes it exactly once is `volg.outbox`.

The names below load on first use (`volg.lazy`), so that a module of the stage loads without the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from volg.lazy import offered

if TYPE_CHECKING:
    from volg.pipeline.deliver.addresses import check_email, check_push, check_webhook, shown_target
    from volg.pipeline.deliver.atom import render_feed
    from volg.pipeline.deliver.message import (
        Links,
        confirmation_message,
        email_message,
        links_for,
        message_id,
        push_message,
        subject,
        verify_webhook,
        webhook_request,
    )
    from volg.pipeline.deliver.senders import PushSender, SmtpSender, WebhookSender, own_hosts
    from volg.pipeline.deliver.tokens import make_token, read_token

__all__ = [
    "Links",
    "PushSender",
    "SmtpSender",
    "WebhookSender",
    "check_email",
    "check_push",
    "check_webhook",
    "confirmation_message",
    "email_message",
    "links_for",
    "make_token",
    "message_id",
    "own_hosts",
    "push_message",
    "read_token",
    "render_feed",
    "shown_target",
    "subject",
    "verify_webhook",
    "webhook_request",
]

__getattr__ = offered(__name__, {
    "addresses": ["check_email", "check_push", "check_webhook", "shown_target"],
    "atom": ["render_feed"],
    "message": ["Links", "confirmation_message", "email_message", "links_for", "message_id", "push_message",
                "subject", "verify_webhook", "webhook_request"],
    "senders": ["PushSender", "SmtpSender", "WebhookSender", "own_hosts"],
    "tokens": ["make_token", "read_token"],
})
