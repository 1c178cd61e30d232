"""Fetching one URL: conditional GET, redirects checked hop by hop, size and time limits, politeness per host.

Every failure becomes a FetchError with one line naming the URL; nothing else escapes.

Choices worth knowing:
- Each hop is checked by the guard, and the connection goes to an address the guard checked (the URL's host is
  kept in the Host header and the TLS server name), so DNS rebinding between check and connect cannot reach a
  private address. Through a proxy (`fetch_proxy`) the proxy resolves names; there only the check applies.
- Connections are not kept alive: a pooled connection is keyed by address, and two sites behind one CDN address
  must not share one. volg asks each host at most once per `host_interval_s`, so little is lost.
- Environment proxy variables are ignored; the proxy comes from the settings only.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from volg.errors import ConfigError, FetchError
from volg.pipeline.ingest.guard import Address, Resolver, one_line, resolve_checked, system_resolver
from volg.settings import Settings

REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
          "text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
_FORGET_AFTER = 1024  # hosts remembered for politeness before stale ones are dropped


@dataclass(frozen=True)
class Response:
    """A successful fetch: 200 with the body, or 304 (not modified) with an empty body.

    `url` is the final URL after redirects. On a 304, `etag` and `last_modified` are the server's if it sent
    them, else the ones the request carried.
    """

    url: str
    status: int
    content: bytes
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None


class Fetcher:
    """Fetches URLs for ingest. Safe to share between threads; close it (or use `with`) when done.

    `clock` and `sleep` pace requests to the same host and bound the time spent reading a body; `transport`
    replaces the network (tests); `resolve` replaces DNS for the guard.
    """

    def __init__(self, settings: Settings, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep, transport: httpx.BaseTransport | None = None,
                 resolve: Resolver = system_resolver) -> None:
        self._settings = settings
        self._clock = clock
        self._sleep = sleep
        self._resolve = resolve
        self._pin = not settings.fetch_proxy
        if transport is None:
            try:
                transport = httpx.HTTPTransport(proxy=settings.fetch_proxy or None,
                                                limits=httpx.Limits(max_keepalive_connections=0))
            except (ImportError, ValueError, httpx.InvalidURL) as exc:  # the message never shows the proxy URL
                raise ConfigError(f"fetch_proxy: not a usable proxy (use http:// or https://; {type(exc).__name__})"
                                  ) from None
        self._client = httpx.Client(
            transport=transport, timeout=settings.fetch_timeout_s, follow_redirects=False, trust_env=False,
            headers={"User-Agent": settings.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"})
        self._lock = threading.Lock()
        self._next_turn: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET `url`, conditionally when `etag` or `last_modified` is given; FetchError on anything but 200/304."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self._settings.fetch_max_redirects + 1):
            with self._network_errors(current):
                self._wait_turn((urlsplit(current).hostname or "").lower())
                response = self._send("GET", current, headers)
                try:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECTS and location:
                        current = urljoin(current, location.strip())
                        continue
                    return self._finish(current, response, etag, last_modified)
                finally:
                    response.close()
        raise FetchError(f"{url}: more than {self._settings.fetch_max_redirects} redirects (last to {current})")

    def post(self, url: str, content: bytes, headers: dict[str, str]) -> int:
        """POST `content` to `url` (a webhook) under the same guard and pinning, without redirects or politeness
        waits; the status when it is 2xx, else FetchError with the status and any Retry-After."""
        with self._network_errors(url):
            response = self._send("POST", url, headers, content)
            try:
                if not 200 <= response.status_code < 300:
                    status = response.status_code
                    raise FetchError(f"{url}: HTTP {status} {httpx.codes.get_reason_phrase(status)}".rstrip(),
                                     status=status, retry_after_s=_retry_after(response))
                return response.status_code
            finally:
                response.close()

    def _send(self, method: str, url: str, headers: dict[str, str], content: bytes | None = None) -> httpx.Response:
        """Send one request after the guard; with pinning, try each checked address in order."""
        addresses = resolve_checked(url, allow_private=self._settings.allow_private_urls, resolve=self._resolve)
        if not self._pin:
            request = self._client.build_request(method, url, headers=headers, content=content)
            return self._client.send(request, stream=True)
        *others, last = addresses
        for address in others:
            try:
                return self._client.send(self._pinned(method, url, headers, content, address), stream=True)
            except httpx.ConnectError:
                continue
        return self._client.send(self._pinned(method, url, headers, content, last), stream=True)

    def _pinned(self, method: str, url: str, headers: dict[str, str], content: bytes | None,
                address: Address) -> httpx.Request:
        """A request for `url` that connects to `address` but still names the URL's host to the server."""
        target = httpx.URL(url)
        return self._client.build_request(
            method, target.copy_with(host=str(address)), content=content,
            headers={**headers, "Host": target.netloc.decode("ascii")},
            extensions={"sni_hostname": target.raw_host.decode("ascii")})

    def _wait_turn(self, host: str) -> None:
        """Sleep until `host_interval_s` has passed since the previous request to `host` began (or was booked)."""
        with self._lock:
            now = self._clock()
            if len(self._next_turn) > _FORGET_AFTER:
                self._next_turn = {h: t for h, t in self._next_turn.items() if t > now}
            turn = max(now, self._next_turn.get(host, now))
            self._next_turn[host] = turn + self._settings.host_interval_s
        if turn > now:
            self._sleep(turn - now)

    def _finish(self, url: str, response: httpx.Response, etag: str | None, last_modified: str | None) -> Response:
        status = response.status_code
        if status not in (200, 304):
            raise FetchError(f"{url}: HTTP {status} {httpx.codes.get_reason_phrase(status)}".rstrip(),
                             status=status, retry_after_s=_retry_after(response))
        content_type, charset = _content_type(response.headers.get("content-type"))
        if status == 304:
            return Response(url, 304, b"", content_type, charset, response.headers.get("etag") or etag,
                            response.headers.get("last-modified") or last_modified)
        return Response(url, 200, self._read(url, response), content_type, charset, response.headers.get("etag"),
                        response.headers.get("last-modified"))

    def _read(self, url: str, response: httpx.Response) -> bytes:
        """The decoded body, refused past `fetch_max_bytes` or when reading it takes past `fetch_timeout_s`."""
        limit = self._settings.fetch_max_bytes
        too_large = FetchError(f"{url}: larger than {limit} bytes")
        declared = response.headers.get("content-length", "")
        if declared.isdecimal() and int(declared) > limit:
            raise too_large
        deadline = self._clock() + self._settings.fetch_timeout_s
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise too_large
            if self._clock() > deadline:
                raise FetchError(f"{url}: timed out after {self._settings.fetch_timeout_s:g} s reading the body")
            chunks.append(chunk)
        return b"".join(chunks)

    @contextmanager
    def _network_errors(self, url: str) -> Iterator[None]:
        try:
            yield
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: timed out after {self._settings.fetch_timeout_s:g} s") from exc
        except httpx.ConnectError as exc:
            raise FetchError(f"{url}: cannot connect ({one_line(exc)})") from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"{url}: cannot decode the response ({one_line(exc)})") from exc
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, UnicodeError, ValueError) as exc:
            raise FetchError(f"{url}: {one_line(exc)}") from exc


def parse_retry_after(value: str, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After value, either delay-seconds or an HTTP-date; None when unreadable."""
    value = value.strip()
    if re.fullmatch(r"[0-9]+", value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _retry_after(response: httpx.Response) -> float | None:
    """Retry-After in seconds, measuring an HTTP-date against the server's own Date (immune to clock skew)."""
    value = response.headers.get("retry-after")
    if value is None:
        return None
    now = datetime.now(UTC)
    try:
        server_now = parsedate_to_datetime(response.headers.get("date", ""))
        if server_now.tzinfo is not None:
            now = server_now
    except (TypeError, ValueError, IndexError):
        pass
    return parse_retry_after(value, now)


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"; Nones for what is missing."""
    if not value:
        return None, None
    message = Message()
    message["content-type"] = value
    return value.split(";", 1)[0].strip().lower() or None, message.get_content_charset()
