"""The network guard: volg fetches URLs that users type, so it must not become a way into the local network.

A URL passes when its scheme is http or https and every address its host resolves to is public. Loopback,
private, link-local (which holds most cloud metadata services), multicast, reserved and unspecified addresses are
refused, also when hidden inside IPv6 (IPv4-mapped, 6to4), unless the operator allows private URLs.

The fetcher connects to the addresses checked here rather than resolving again, so a host that answers public
first and private next (DNS rebinding) cannot slip past; see `Fetcher`. A library that connects by itself (Apprise)
runs inside `public_resolution`: every name resolved there is checked as it is answered, so the addresses checked are
those it connects to, a redirect's host included.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from volg.errors import FetchError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]
"""(host, port) → the host's IP addresses as strings; raises OSError when the host does not resolve."""

SCHEMES = frozenset({"http", "https"})
METADATA_HOSTS = frozenset({"metadata", "metadata.google.internal", "metadata.goog", "instance-data",
                            "instance-data.ec2.internal"})
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200"))
HINT = "set VOLG_ALLOW_PRIVATE_URLS=true to allow"
"""What the operator can do about a refusal; shown on the command line, never on a public page."""


class UnresolvedHost(FetchError):
    """The URL's host does not resolve (now)."""

    def __init__(self, message: str, *, host: str) -> None:
        super().__init__(message)
        self.host = host


class Unresolved(NamedTuple):
    """A webhook, push or source kept although its host does not resolve now: a typo, or a host not up yet. The
    host is looked up (and guarded) again at every send or poll; whoever made it is told in one line (`str`).

    volg's one rule for such a host: it does not refuse the subscription or the source (a name server that fails
    for a moment would cost the reader every other channel), and it never keeps it quiet either."""

    what: str  # "webhook", "push" or "source"
    target: str  # as fit to show: no password or key (`volg.pipeline.deliver.shown_target`)
    host: str

    def __str__(self) -> str:
        again = "poll" if self.what == "source" else "send"
        return (f"{self.what} {self.target}: host {self.host} does not resolve now; kept, and looked up again at "
                f"every {again}")


Warn = Callable[[Unresolved], None]
"""Told of each `Unresolved` when something is made."""


def warned(warn: Warn | None) -> Warn:
    """`warn`, or the log when none was given: a host that does not resolve is never kept quiet."""
    return warn if warn is not None else _logged


def _logged(unresolved: Unresolved) -> None:
    logging.getLogger("volg").warning("%s", unresolved)


def system_resolver(host: str, port: int) -> list[str]:
    """Resolve through the operating system (getaddrinfo), keeping its order and dropping repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


_LOOKUPS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="volg-resolve")
"""Where `within` runs lookups, so a caller can stop waiting for one (getaddrinfo itself cannot be stopped)."""


def within(resolve: Resolver, seconds: float) -> Resolver:
    """`resolve`, given up (OSError) when it has not answered in `seconds`: a lookup counts against a request's
    deadline like the rest of it. The lookup itself goes on in the background; its answer is dropped."""

    def bounded(host: str, port: int) -> list[str]:
        lookup = _LOOKUPS.submit(resolve, host, port)
        try:
            return lookup.result(timeout=seconds)
        except FutureTimeout:
            raise OSError(f"no answer within {seconds:.3g} s") from None

    return bounded


def check_url(url: str, *, allow_private: bool, resolve: Resolver = system_resolver,
              unresolved_ok: bool = False) -> str | None:
    """Raise FetchError unless `url` may be fetched; see the module docstring for the rules. With `unresolved_ok`,
    a host that does not resolve now passes, and is returned (see `Unresolved`): it is checked again when used."""
    try:
        resolve_checked(url, allow_private=allow_private, resolve=resolve)
    except UnresolvedHost as exc:
        if not unresolved_ok:
            raise
        return exc.host
    return None


def resolve_checked(url: str, *, allow_private: bool, resolve: Resolver = system_resolver) -> list[Address]:
    """Check `url` like `check_url` and return the addresses its host resolves to, all of them allowed."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(f"{url}: refused, only http and https URLs can be fetched")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchError(f"{url}: not a valid URL (no host)")
    if not allow_private and host in METADATA_HOSTS:
        raise FetchError(f"{url}: refused, {host} is a cloud metadata service", hint=HINT)
    addresses = _addresses(url, host, port or (443 if parts.scheme.lower() == "https" else 80), resolve)
    if not allow_private:
        for address in addresses:
            kind = non_public_kind(address)
            if kind:
                raise FetchError(f"{url}: refused, resolves to {kind} address ({address})", hint=HINT)
    return addresses


def _addresses(url: str, host: str, port: int, resolve: Resolver) -> list[Address]:
    """The host itself when it is an IP address, else what it resolves to."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolve(host, port)]
    except (OSError, UnicodeError, ValueError) as exc:
        raise UnresolvedHost(f"{url}: cannot resolve host {host} ({one_line(exc)})", host=host) from None
    if not addresses:
        raise UnresolvedHost(f"{url}: cannot resolve host {host} (no addresses)", host=host)
    return addresses


_RESOLUTION = threading.Lock()


@contextmanager
def public_resolution(exempt: Collection[str] = ()) -> Iterator[None]:
    """While inside, every name this process resolves (socket.getaddrinfo) must answer public addresses only, else it
    fails as a name that does not resolve, saying why; the `exempt` hosts (the operator's own servers, such as the
    mail relay) resolve as ever. Every thread is held to it, as libraries resolve and connect in threads of their
    own (Apprise does). One such block at a time: it puts a checking getaddrinfo in the socket module's place, and
    the one it found back after."""
    with _RESOLUTION:
        original, own = socket.getaddrinfo, frozenset(host.casefold() for host in exempt)

        def checked(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            infos = original(host, port, *args, **kwargs)
            if str(host).casefold() not in own:
                for info in infos:
                    address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
                    if kind := non_public_kind(address):
                        raise socket.gaierror(f"{host} resolves to {kind} address ({address}): refused")
            return infos

        socket.getaddrinfo = checked
        try:
            yield
        finally:
            socket.getaddrinfo = original


def non_public_kind(address: Address) -> str | None:
    """What kind of non-public address this is ("a private", "a loopback", ...), or None when it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return non_public_kind(address.ipv4_mapped)
        if address.sixtofour is not None and non_public_kind(address.sixtofour):
            return non_public_kind(address.sixtofour)
    if address in METADATA_ADDRESSES:
        return "a cloud metadata"
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:  # fec0::/10, deprecated, not global
        return "a site-local"
    for kind, flag in (("a loopback", address.is_loopback), ("a link-local", address.is_link_local),
                       ("an unspecified", address.is_unspecified), ("a multicast", address.is_multicast),
                       ("a private", address.is_private), ("a reserved", address.is_reserved)):
        if flag:
            return kind
    return None if address.is_global else "a non-public"


def one_line(exc: BaseException) -> str:
    """An exception as one line of text, for messages that name what failed."""
    return " ".join(str(exc).split()) or type(exc).__name__
