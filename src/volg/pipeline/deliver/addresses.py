"""Checking where a reader wants digests, when the subscription is made: a bad address is refused then, with one
line saying why, rather than failing at every delivery later. A host that does not resolve now is not refused but
told of (`volg.pipeline.ingest.guard.Unresolved`): it may be a name server's hiccup, or a receiver not up yet."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from volg.errors import FetchError, InputError
from volg.pipeline.ingest.guard import Resolver, Unresolved, Warn, check_url, system_resolver


def check_email(address: str) -> str:
    """The address in normal form; InputError when it is not a valid email address (no DNS lookup is made)."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return str(validate_email(address, check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        raise InputError(f"{address!r} is not a valid email address: {exc}") from None


def check_push(url: str, *, allow_private: bool = True, resolve: Resolver = system_resolver,
               warn: Warn | None = None) -> str:
    """`url` when Apprise understands it (ntfy://, tgram://, matrix://, ...); InputError otherwise. Without
    `allow_private`, as for a public instance, a push to a host of the URL's choosing must go to a public address
    (json://127.0.0.1/... or json://169.254.169.254/... would make volg a proxy into its own network), and mailto://
    is refused: it names its own mail server and sender, where digests by email go through volg's (--email). Such a
    host that does not resolve now passes, as for a webhook (`check_webhook`): `warn` is told, if given."""
    import apprise  # here: ~0.1 s and its plugins load only when a push URL is checked or shown
    from apprise.manager_plugins import NotificationManager

    url = url.strip()
    found = apprise.Apprise.instantiate(url, suppress_exceptions=True)
    if found is None:
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        if not scheme:
            hint = "expected a URL such as ntfy://my-topic"
        elif scheme in NotificationManager().schemas():
            hint = f"a {scheme}:// URL, but incomplete or malformed: see Apprise's page for {scheme}://"
        else:
            hint = f"Apprise knows no {scheme}:// service"
        raise InputError(f"{shown_target('push', url)}: not a usable Apprise URL ({hint})")
    if not allow_private or warn is not None:
        _check_push_host(url, found, allow_private=allow_private, resolve=resolve, warn=warn)
    return url


def _check_push_host(url: str, found: object, *, allow_private: bool, resolve: Resolver, warn: Warn | None) -> None:
    scheme = url.split("://", 1)[0].lower()
    if scheme in ("mailto", "mailtos") and not allow_private:
        raise InputError(f"{shown_target('push', url)}: refused, a mailto:// push names its own mail server and "
                         "sender; use the email channel (--email), which sends through volg's own")
    host = getattr(found, "host", None)
    host = host.strip("[]") if isinstance(host, str) else ""
    if not _NETWORK_HOST.fullmatch(host):
        return  # the service's own host, with a token where a URL has its host (tgram://TOKEN/CHAT, ntfy://TOPIC)
    port = getattr(found, "port", None)
    address = f"[{host}]" if ":" in host else host
    try:
        unresolved = check_url(f"http://{address}{f':{port}' if port else ''}/", allow_private=allow_private,
                               resolve=resolve, unresolved_ok=True)
    except FetchError as exc:
        reason = str(exc).split(": refused, ", 1)[-1]
        raise InputError(f"push {shown_target('push', url)}: refused, {reason}", hint=exc.hint) from None
    if unresolved is not None and warn is not None:
        warn(Unresolved("push", shown_target("push", url), unresolved))


_NETWORK_HOST = re.compile(r"localhost|[\w-]+(?:\.[\w-]+)+|[0-9a-fA-F:]*:[0-9a-fA-F:.]+")
"""A host name with a dot, localhost, or an IP address: where the URL itself says to connect (json://, xml://,
gotify://, matrix://HOST, ...); a bare word is a token or topic in the service's own URL."""


def check_webhook(url: str, *, allow_private: bool, resolve: Resolver = system_resolver,
                  warn: Warn | None = None) -> str:
    """`url` when it is http(s) and its host is public (or `allow_private`); InputError otherwise. A host that does
    not resolve now passes (see `Unresolved`: it is looked up and guarded again at every send), and `warn`, if given,
    is told."""
    url = url.strip()
    try:
        unresolved = check_url(url, allow_private=allow_private, resolve=resolve, unresolved_ok=True)
    except FetchError as exc:
        raise InputError(f"webhook {exc}", hint=exc.hint) from None
    if unresolved is not None and warn is not None:
        warn(Unresolved("webhook", shown_target("webhook", url), unresolved))
    return url


def shown_target(channel: str, target: str) -> str:
    """A target fit to show: Apprise URLs carry tokens and passwords, so they are shown as Apprise's own private
    form, in the scheme the reader wrote (Apprise writes `ntfy://topic`, which it sends over https, as
    `ntfys://topic`); a webhook URL loses its query (which may carry a key) and any password."""
    if channel == "email":
        return target
    if channel == "push":
        import apprise

        found = apprise.Apprise.instantiate(target, suppress_exceptions=True)
        if found is None:
            return target.split("://", 1)[0] + "://…" if "://" in target else "(not a URL)"
        shown = str(found.url(privacy=True)).split("?", 1)[0]
        scheme, rest = target.split("://", 1)[0], shown.split("://", 1)[-1]
        return f"{scheme}://{rest}" if scheme.casefold() in _schemes(found) else shown
    try:
        parts = urlsplit(target)
        host, port = parts.hostname or "", f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(unreadable URL)"
    return f"{parts.scheme}://{host}{port}{parts.path}"


def _schemes(plugin: Any) -> set[str]:
    """The schemes an Apprise plugin answers to (its `protocol` and `secure_protocol`: a name, several, or none)."""
    found: set[str] = set()
    for value in (type(plugin).protocol, type(plugin).secure_protocol):
        found.update((value,) if isinstance(value, str) else value or ())
    return found
