"""Checking where a reader wants digests, when the subscription is made: a bad address is refused then, with one
line saying why, rather than failing at every delivery later."""

from __future__ import annotations

from urllib.parse import urlsplit

import apprise
from apprise.manager_plugins import NotificationManager
from email_validator import EmailNotValidError, validate_email

from volg.errors import FetchError, InputError
from volg.pipeline.ingest.guard import Resolver, check_url, system_resolver


def check_email(address: str) -> str:
    """The address in normal form; InputError when it is not a valid email address (no DNS lookup is made)."""
    try:
        return str(validate_email(address, check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        raise InputError(f"{address!r} is not a valid email address: {exc}") from None


def check_push(url: str) -> str:
    """`url` when Apprise understands it (ntfy://, tgram://, matrix://, ...); InputError otherwise."""
    url = url.strip()
    if apprise.Apprise.instantiate(url, suppress_exceptions=True) is None:
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        if not scheme:
            hint = "expected a URL such as ntfy://my-topic"
        elif scheme in NotificationManager().schemas():
            hint = f"a {scheme}:// URL, but incomplete or malformed: see Apprise's page for {scheme}://"
        else:
            hint = f"Apprise knows no {scheme}:// service"
        raise InputError(f"{shown_target('push', url)}: not a usable Apprise URL ({hint})")
    return url


def check_webhook(url: str, *, allow_private: bool, resolve: Resolver = system_resolver) -> str:
    """`url` when it is http(s) and its host is public (or `allow_private`); InputError otherwise."""
    url = url.strip()
    try:
        check_url(url, allow_private=allow_private, resolve=resolve)
    except FetchError as exc:
        raise InputError(f"webhook {exc}") from None
    return url


def shown_target(channel: str, target: str) -> str:
    """A target fit to show: Apprise URLs carry tokens and passwords, so they are shown as Apprise's own private
    form; a webhook URL loses its query (which may carry a key) and any password."""
    if channel == "email":
        return target
    if channel == "push":
        found = apprise.Apprise.instantiate(target, suppress_exceptions=True)
        if found is None:
            return target.split("://", 1)[0] + "://…" if "://" in target else "(not a URL)"
        return str(found.url(privacy=True)).split("?", 1)[0]
    try:
        parts = urlsplit(target)
        host, port = parts.hostname or "", f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(unreadable URL)"
    return f"{parts.scheme}://{host}{port}{parts.path}"
