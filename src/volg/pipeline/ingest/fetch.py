"""Fetching one URL: conditional GET, redirects checked hop by hop, size and time limits, politeness per host.

Every failure becomes a FetchError with one line naming the URL; nothing else escapes.

Choices worth knowing:
- `fetch_timeout_s` is one deadline for the whole request: looking up the host, connecting, sending, headers and
  body, over every redirect hop (politeness waits between hops do not count). httpx's timeouts apply to each read,
  so a server sending one byte a second would never trip them: a watchdog timer shuts down the connection's socket
  when the deadline passes, which ends any read or write in progress at once.
- volg decodes Content-Encoding itself (gzip, deflate, stacked as in `gzip, gzip`) from the raw bytes, a bounded
  piece at a time, so `fetch_max_bytes` caps the decoded body as it grows: a compression bomb is refused after at
  most that many bytes, never expanded in memory first. Other encodings are refused by name.
- Each hop is checked by the guard, and the connection goes to an address the guard checked (the URL's host is
  kept in the Host header and the TLS server name), so DNS rebinding between check and connect cannot reach a
  private address. Through a proxy (`fetch_proxy`) the proxy resolves names; there only the check applies.
- Connections are not kept alive: a pooled connection is keyed by address, and two sites behind one CDN address
  must not share one; and the watchdog learns of a connection as it is made, so a reused one would escape the
  deadline. volg asks each host at most once per `host_interval_s`, so little is lost (setting up a connection to
  127.0.0.1 and closing it cost `volg poll` 1% of its CPU on the fulltext benchmark).
- Environment proxy variables are ignored; the proxy comes from the settings only.
"""

from __future__ import annotations

import io
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from volg.errors import ConfigError, FetchError
from volg.pipeline.ingest.alarms import ALARMS
from volg.pipeline.ingest.guard import Address, Resolver, one_line, resolve_checked, system_resolver, within
from volg.settings import Settings

REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
          "text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
_FORGET_AFTER = 1024  # hosts remembered for politeness before stale ones are dropped
_PIECE = 64 * 1024  # most bytes one decompression step may produce


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

    `clock` and `sleep` pace requests to the same host and measure each request's deadline; `transport` replaces
    the network (tests: its responses must stream, as the fetcher reads the raw bytes); `resolve` replaces DNS
    for the guard.
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
        budget = _Budget(self._settings.fetch_timeout_s, self._clock)
        for _ in range(self._settings.fetch_max_redirects + 1):
            with self._network_errors(current):
                self._wait_turn((urlsplit(current).hostname or "").lower())
                with budget.hop(current) as watchdog:
                    response = self._send("GET", current, headers, watchdog)
                    try:
                        location = response.headers.get("location")
                        if response.status_code in REDIRECTS and location:
                            current = urljoin(current, location.strip())
                            continue
                        return self._finish(current, response, etag, last_modified, watchdog.deadline)
                    finally:
                        response.close()
        raise FetchError(f"{url}: more than {self._settings.fetch_max_redirects} redirects (last to {current})")

    def post(self, url: str, content: bytes, headers: dict[str, str]) -> int:
        """POST `content` to `url` (a webhook) under the same guard and pinning, without redirects or politeness
        waits; the status when it is 2xx, else FetchError with the status and any Retry-After."""
        with self._network_errors(url), _Budget(self._settings.fetch_timeout_s, self._clock).hop(url) as watchdog:
            response = self._send("POST", url, headers, watchdog, content)
            try:
                if not 200 <= response.status_code < 300:
                    status = response.status_code
                    raise FetchError(f"{url}: HTTP {status} {httpx.codes.get_reason_phrase(status)}".rstrip(),
                                     status=status, retry_after_s=_retry_after(response))
                return response.status_code
            finally:
                response.close()

    def _send(self, method: str, url: str, headers: dict[str, str], watchdog: _Watchdog,
              content: bytes | None = None) -> httpx.Response:
        """Send one request after the guard; with pinning, try each checked address in order. Each attempt's
        timeouts are what is left of the deadline, and `watchdog` learns of its connection."""
        resolve = within(self._resolve, watchdog.remaining())  # the lookup spends the request's deadline too
        addresses = resolve_checked(url, allow_private=self._settings.allow_private_urls, resolve=resolve)
        if not self._pin:
            request = self._client.build_request(method, url, headers=headers, content=content,
                                                 timeout=watchdog.remaining(), extensions=watchdog.extensions())
            return self._client.send(request, stream=True)
        *others, last = addresses
        for address in others:
            try:
                return self._client.send(self._pinned(method, url, headers, content, address, watchdog), stream=True)
            except httpx.ConnectError:
                continue
        return self._client.send(self._pinned(method, url, headers, content, last, watchdog), stream=True)

    def _pinned(self, method: str, url: str, headers: dict[str, str], content: bytes | None,
                address: Address, watchdog: _Watchdog) -> httpx.Request:
        """A request for `url` that connects to `address` but still names the URL's host to the server."""
        target = httpx.URL(url)
        return self._client.build_request(
            method, target.copy_with(host=str(address)), content=content,
            headers={**headers, "Host": target.netloc.decode("ascii")}, timeout=watchdog.remaining(),
            extensions={**watchdog.extensions(), "sni_hostname": target.raw_host.decode("ascii")})

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

    def _finish(self, url: str, response: httpx.Response, etag: str | None, last_modified: str | None,
                deadline: float) -> Response:
        status = response.status_code
        if status not in (200, 304):
            raise FetchError(f"{url}: HTTP {status} {httpx.codes.get_reason_phrase(status)}".rstrip(),
                             status=status, retry_after_s=_retry_after(response))
        content_type, charset = _content_type(response.headers.get("content-type"))
        if status == 304:
            return Response(url, 304, b"", content_type, charset, response.headers.get("etag") or etag,
                            response.headers.get("last-modified") or last_modified)
        return Response(url, 200, self._read(url, response, deadline), content_type, charset,
                        response.headers.get("etag"), response.headers.get("last-modified"))

    def _read(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        """The decoded body, refused as soon as it (or the raw bytes) pass `fetch_max_bytes`, or when reading it goes
        past `deadline` (on `clock`). Holds at most the cap plus one piece of the body."""
        limit = self._settings.fetch_max_bytes
        too_large = FetchError(f"{url}: larger than {limit} bytes")
        declared = response.headers.get("content-length", "")
        if declared.isdecimal() and int(declared) > limit:
            raise too_large
        decoder = _Decoder(url, response.headers.get_list("content-encoding", split_commas=True))
        body = io.BytesIO()
        received = 0

        def keep(pieces: Iterator[bytes]) -> None:
            for piece in pieces:
                if body.tell() + len(piece) > limit:
                    raise too_large
                body.write(piece)

        for chunk in response.iter_raw():
            received += len(chunk)
            if received > limit:
                raise too_large
            keep(decoder.feed(chunk))
            if self._clock() > deadline:
                raise FetchError(f"{url}: timed out after {self._settings.fetch_timeout_s:g} s reading the body")
        keep(decoder.finish())
        return body.getvalue()

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


class _Budget:
    """The time one request may take, `seconds` in all, spent hop by hop; time between hops is not counted."""

    def __init__(self, seconds: float, clock: Callable[[], float]) -> None:
        self.seconds = seconds
        self._clock = clock
        self._spent = 0.0

    @contextmanager
    def hop(self, url: str) -> Iterator[_Watchdog]:
        """One exchange with a server, watched. Whatever goes wrong once the deadline passed and cut a connection (or
        nothing: a body whose end is the connection's may look complete when cut off) is reported as a timeout."""
        timed_out = f"{url}: timed out after {self.seconds:g} s"
        left = self.seconds - self._spent
        if left <= 0:
            raise FetchError(timed_out)
        start = self._clock()
        watchdog = _Watchdog(start + left, left, self._clock)
        try:
            yield watchdog
        except Exception as exc:
            if watchdog.stop():
                raise FetchError(timed_out) from exc
            raise
        finally:
            cut = watchdog.stop()
            self._spent += self._clock() - start
        if cut:
            raise FetchError(timed_out)


class _Watchdog:
    """Shuts down the connections of one exchange when its deadline passes, from the alarm thread (alarms.py).

    httpcore's trace hook tells it of each connection as it is made; it keeps its own duplicate of the socket's
    descriptor, so shutting down never reaches a descriptor the connection closed and the system gave to someone
    else. Shutting down (not closing) wakes a thread blocked reading or writing; the reading thread then cleans up
    as after any network error. `stop` (idempotent) cancels the alarm and releases the duplicates.
    """

    def __init__(self, deadline: float, seconds: float, clock: Callable[[], float]) -> None:
        self.deadline = deadline  # on `clock`
        self._clock = clock
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._fired = False
        self._cut = False  # a connection was shut down at the deadline
        self._stopped = False
        self._alarm = ALARMS.set(seconds, self._fire)

    def remaining(self) -> float:
        """Seconds left before the deadline, for the timeouts of a request made now (never 0: that means none)."""
        return max(0.001, self.deadline - self._clock())

    def extensions(self) -> dict[str, Any]:
        return {"trace": self._trace}

    def _trace(self, event: str, info: dict[str, Any]) -> None:
        if not event.endswith("connect_tcp.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        try:
            handle = socket.fromfd(sock.fileno(), sock.family, sock.type)
        except OSError:
            return
        with self._lock:
            if self._stopped:
                handle.close()
                return
            self._sockets.append(handle)
            if self._fired:  # the deadline passed while connecting
                self._cut = True
                _shut_down(handle)

    def _fire(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self._fired = True
            self._cut = bool(self._sockets)
            for handle in self._sockets:
                _shut_down(handle)

    def stop(self) -> bool:
        """End the watch; whether the deadline passed first and cut a connection (before any connection was made,
        as in a name lookup that does not answer, what went wrong says why better than 'timed out')."""
        ALARMS.cancel(self._alarm)
        with self._lock:
            self._stopped = True
            handles, self._sockets = self._sockets, []
            cut = self._cut
        for handle in handles:
            handle.close()
        return cut


def _shut_down(handle: socket.socket) -> None:
    try:
        handle.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed by the other side
        pass


class _Decoder:
    """Undoes a response's Content-Encoding, the codings listed last first, in pieces of at most `_PIECE` bytes:
    however much a piece of input expands to, no more than one piece per coding is held at a time."""

    def __init__(self, url: str, encodings: list[str]) -> None:
        self._url = url
        self._layers: list[_Inflater] = []
        for name in reversed([e.strip().lower() for e in encodings if e.strip()]):
            if name in ("gzip", "x-gzip", "deflate"):
                self._layers.append(_Inflater(name))
            elif name != "identity":
                raise FetchError(f"{url}: content encoded as {name!r}, which volg does not decode")

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded bytes that `data`, the next raw bytes, gives."""
        return self._run(data, final=False)

    def finish(self) -> Iterator[bytes]:
        """The decoded bytes still held once the raw body ended."""
        return self._run(b"", final=True)

    def _run(self, data: bytes, *, final: bool) -> Iterator[bytes]:
        pieces: Iterator[bytes] = iter([data] if data else [])
        for layer in self._layers:
            pieces = self._through(layer, pieces, final=final)
        return pieces

    def _through(self, layer: _Inflater, pieces: Iterator[bytes], *, final: bool) -> Iterator[bytes]:
        try:
            for piece in pieces:
                yield from layer.feed(piece)
            if final:
                yield from layer.finish()
        except zlib.error as exc:
            raise FetchError(f"{self._url}: cannot decode the response ({layer.name}: {exc})") from None


class _Inflater:
    """One gzip or deflate layer. Deflate comes zlib-wrapped (as the standard says) or raw (as some servers send
    it): its first two bytes tell which. gzip also takes a zlib header. A stream cut short ends what it gave so
    far, and bytes after its end are ignored, as httpx did."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._inflater = None if name == "deflate" else zlib.decompressobj(zlib.MAX_WBITS | 32)
        self._head = b""

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._inflater is None:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            wrapped = data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        inflater = self._inflater
        while not inflater.eof:  # bytes after the end are dropped, not kept in `unused_data`
            piece = inflater.decompress(data, _PIECE)
            data = inflater.unconsumed_tail
            if piece:
                yield piece
            if not data and len(piece) < _PIECE:  # all input taken, and zlib holds back no output
                return

    def finish(self) -> Iterator[bytes]:
        if self._inflater is None:  # a deflate body shorter than two bytes
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            yield from self.feed(self._head)


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
