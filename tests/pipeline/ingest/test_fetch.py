from __future__ import annotations

import gzip
import socket
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest
from tests.httpserver import Reply, Request, TestServer
from tests.pipeline.ingest.fakes import FakeClock

from volg.errors import ConfigError, FetchError, InputError
from volg.pipeline.ingest.alarms import ALARMS
from volg.pipeline.ingest.fetch import Fetcher, parse_retry_after
from volg.settings import Settings

FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
ETAG = '"v1"'
LAST_MODIFIED = "Tue, 12 Mar 2024 09:00:00 GMT"


def fetch(settings: Settings, url: str, **kwargs: str | None) -> object:
    with Fetcher(settings) as fetcher:
        return fetcher.fetch(url, **kwargs)


def test_get_returns_body_type_and_sends_our_headers(http_server: TestServer, local_settings: Settings) -> None:
    http_server.route("/feed", Reply(body=FEED, headers={"Content-Type": "application/rss+xml; charset=ISO-8859-1"}))
    with Fetcher(local_settings) as fetcher:
        response = fetcher.fetch(http_server.url("/feed"))
    assert (response.status, response.content, response.url) == (200, FEED, http_server.url("/feed"))
    assert (response.content_type, response.charset) == ("application/rss+xml", "iso-8859-1")
    (request,) = http_server.requests
    assert request.headers["User-Agent"] == local_settings.user_agent
    assert "gzip" in request.headers["Accept-Encoding"]
    assert request.headers["If-None-Match"] is None


def conditional(request: Request) -> Reply:
    validators = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
    if request.headers["If-None-Match"] == ETAG or request.headers["If-Modified-Since"] == LAST_MODIFIED:
        return Reply(304, headers=validators)
    return Reply(200, FEED, headers=validators)


def test_conditional_get_answers_304(http_server: TestServer, local_settings: Settings) -> None:
    http_server.route("/feed", conditional)
    url = http_server.url("/feed")
    with Fetcher(local_settings) as fetcher:
        first = fetcher.fetch(url)
        by_etag = fetcher.fetch(url, etag=first.etag)
        by_date = fetcher.fetch(url, last_modified=first.last_modified)
    assert (first.status, first.etag, first.last_modified) == (200, ETAG, LAST_MODIFIED)
    assert (by_etag.status, by_etag.content, by_etag.etag) == (304, b"", ETAG)
    assert (by_date.status, by_date.last_modified) == (304, LAST_MODIFIED)
    sent = http_server.requests
    assert sent[1].headers["If-None-Match"] == ETAG and sent[1].headers["If-Modified-Since"] is None
    assert sent[2].headers["If-Modified-Since"] == LAST_MODIFIED and sent[2].headers["If-None-Match"] is None


def test_304_without_validators_keeps_the_ones_sent(http_server: TestServer, local_settings: Settings) -> None:
    http_server.route("/feed", Reply(304))
    response = fetch(local_settings, http_server.url("/feed"), etag=ETAG, last_modified=LAST_MODIFIED)
    assert (response.status, response.etag, response.last_modified) == (304, ETAG, LAST_MODIFIED)


def redirect_chain(server: TestServer, hops: int) -> str:
    """/r0 → /r1 → ... → /r{hops} (the feed); relative and absolute Locations alternate."""
    for n in range(hops):
        location = f"/r{n + 1}" if n % 2 else server.url(f"/r{n + 1}")
        server.route(f"/r{n}", Reply(301 if n % 2 else 302, headers={"Location": location}))
    server.route(f"/r{hops}", Reply(body=FEED))
    return server.url("/r0")


def test_redirects_are_followed_up_to_the_limit(http_server: TestServer, local_settings: Settings) -> None:
    start = redirect_chain(http_server, hops=local_settings.fetch_max_redirects)
    response = fetch(local_settings, start)
    assert (response.status, response.content) == (200, FEED)
    assert response.url == http_server.url(f"/r{local_settings.fetch_max_redirects}")


def test_redirects_past_the_limit_are_refused(http_server: TestServer, local_settings: Settings) -> None:
    start = redirect_chain(http_server, hops=local_settings.fetch_max_redirects + 1)
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(local_settings, start)
    assert len(http_server.requests) == local_settings.fetch_max_redirects + 1


PUBLIC = {"news.example": ["93.184.216.34"], "other.example": ["93.184.216.35"]}


def fake_resolve(host: str, port: int) -> list[str]:
    if host not in PUBLIC:
        raise socket.gaierror(f"unknown host {host}")
    return PUBLIC[host]


def streamed(body: bytes) -> httpx.Response:
    """A 200 whose body is still to be read, as from the network (the fetcher reads the raw stream)."""
    return httpx.Response(200, stream=httpx.ByteStream(body))


def mock_transport(seen: list[httpx.Request], answer: httpx.Response | None = None) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer or streamed(FEED)

    return httpx.MockTransport(handle)


def test_redirect_to_a_private_address_is_refused() -> None:
    seen: list[httpx.Request] = []
    transport = mock_transport(seen, httpx.Response(302, headers={"Location": "http://10.0.0.5/admin"}))
    with Fetcher(Settings(), transport=transport, resolve=fake_resolve) as fetcher:
        with pytest.raises(FetchError, match=r"http://10\.0\.0\.5/admin: refused, resolves to a private address"):
            fetcher.fetch("http://news.example/feed")
    assert [r.headers["host"] for r in seen] == ["news.example"]


def test_connects_to_the_checked_address_and_names_the_host() -> None:
    seen: list[httpx.Request] = []
    with Fetcher(Settings(), transport=mock_transport(seen), resolve=fake_resolve) as fetcher:
        response = fetcher.fetch("http://news.example:8080/feed?x=1")
    (request,) = seen
    assert str(request.url) == "http://93.184.216.34:8080/feed?x=1"
    assert request.headers["host"] == "news.example:8080"
    assert request.extensions["sni_hostname"] == "news.example"
    assert response.url == "http://news.example:8080/feed?x=1"


def test_tries_the_next_checked_address_when_one_cannot_connect() -> None:
    tried: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        tried.append(request.url.host)
        if request.url.host == "2606:2800:220:1::1":
            raise httpx.ConnectError("network unreachable")
        return streamed(FEED)

    def resolve(host: str, port: int) -> list[str]:
        return ["2606:2800:220:1::1", "93.184.216.34"]

    with Fetcher(Settings(), transport=httpx.MockTransport(handle), resolve=resolve) as fetcher:
        assert fetcher.fetch("https://news.example/").content == FEED
    assert tried == ["2606:2800:220:1::1", "93.184.216.34"]


def test_proxy_from_settings_is_used(http_server: TestServer) -> None:
    """The test server plays the proxy: it gets the absolute URL; the target is only checked, never connected."""
    http_server.route("/feed", Reply(body=FEED))
    settings = Settings(fetch_proxy=http_server.url(), host_interval_s=0)
    with Fetcher(settings, resolve=fake_resolve) as fetcher:
        assert fetcher.fetch("http://news.example/feed").content == FEED
    (request,) = http_server.requests
    assert request.path == "http://news.example/feed"


@pytest.mark.parametrize("proxy", ["socks5://user:secret@proxy.example:1080", "ftp://user:secret@proxy.example/"])
def test_an_unusable_proxy_is_a_config_error_that_hides_the_password(proxy: str) -> None:
    with pytest.raises(ConfigError, match="fetch_proxy: not a usable proxy") as caught:
        Fetcher(Settings(fetch_proxy=proxy))
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize("streamed", [False, True], ids=["content-length", "streamed"])
def test_bodies_past_the_size_cap_are_refused(http_server: TestServer, local_settings: Settings,
                                              streamed: bool) -> None:
    body = b"x" * (local_settings.fetch_max_bytes + 1)
    http_server.route("/big", Reply(body=iter([body[:4000], body[4000:]]) if streamed else body))
    with pytest.raises(FetchError, match=r"/big: larger than 10000 bytes"):
        fetch(local_settings, http_server.url("/big"))


def test_body_at_the_size_cap_is_read(http_server: TestServer, local_settings: Settings) -> None:
    body = b"y" * local_settings.fetch_max_bytes
    http_server.route("/exact", Reply(body=iter([body])))
    assert fetch(local_settings, http_server.url("/exact")).content == body


@pytest.mark.parametrize("encoding, compress", [("gzip", gzip.compress), ("deflate", zlib.compress)])
def test_compressed_responses_are_decoded(http_server: TestServer, local_settings: Settings, encoding: str,
                                          compress: object) -> None:
    assert callable(compress)
    http_server.route("/feed", Reply(body=compress(FEED), headers={"Content-Encoding": encoding}))
    assert fetch(local_settings, http_server.url("/feed")).content == FEED


def test_the_size_cap_counts_decompressed_bytes(http_server: TestServer, local_settings: Settings) -> None:
    bomb = gzip.compress(b"\0" * 1_000_000)
    assert len(bomb) < local_settings.fetch_max_bytes
    http_server.route("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match="larger than"):
        fetch(local_settings, http_server.url("/bomb"))


@pytest.mark.parametrize("retry_after, expected", [
    ("120", 120.0),
    ("Wed, 01 May 2024 10:02:30 GMT", 150.0),  # measured against the server's Date
])
def test_429_carries_retry_after(http_server: TestServer, local_settings: Settings, retry_after: str,
                                 expected: float) -> None:
    headers = {"Retry-After": retry_after, "Date": "Wed, 01 May 2024 10:00:00 GMT"}
    http_server.route("/feed", Reply(429, b"slow down", headers=headers))
    with pytest.raises(FetchError) as caught:
        fetch(local_settings, http_server.url("/feed"))
    assert (caught.value.status, caught.value.retry_after_s) == (429, expected)
    assert str(caught.value) == f"{http_server.url('/feed')}: HTTP 429 Too Many Requests"


@pytest.mark.parametrize("status", [503, 404, 500, 204])
def test_other_statuses_are_errors(http_server: TestServer, local_settings: Settings, status: int) -> None:
    http_server.route("/feed", Reply(status, b"" if status == 204 else b"no"))
    with pytest.raises(FetchError, match=f"HTTP {status}") as caught:
        fetch(local_settings, http_server.url("/feed"))
    assert (caught.value.status, caught.value.retry_after_s) == (status, None)
    assert isinstance(caught.value, InputError)


def test_connection_refused_is_a_fetch_error(local_settings: Settings) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    with pytest.raises(FetchError, match=rf"^{url}: cannot connect") as caught:
        fetch(local_settings, url)
    assert caught.value.status is None and "\n" not in str(caught.value)


def test_a_slow_server_times_out(http_server: TestServer, local_settings: Settings) -> None:
    http_server.route("/slow", Reply(body=FEED, delay_s=30))
    settings = replace(local_settings, fetch_timeout_s=0.2)
    with pytest.raises(FetchError, match=r"/slow: timed out after 0.2 s"):
        fetch(settings, http_server.url("/slow"))


def test_a_body_that_trickles_past_the_deadline_is_refused(clock: FakeClock) -> None:
    def trickle() -> Iterator[bytes]:
        for _ in range(3):
            clock.now += 3.0  # each chunk arrives within the timeout, all of them do not
            yield b"<rss>"

    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=trickle()))
    with Fetcher(Settings(fetch_timeout_s=5), clock=clock, sleep=clock.sleep, transport=transport,
                 resolve=fake_resolve) as fetcher:
        with pytest.raises(FetchError, match="timed out after 5 s reading the body"):
            fetcher.fetch("http://news.example/trickle")


def test_requests_to_one_host_are_spaced(http_server: TestServer, local_settings: Settings,
                                         clock: FakeClock) -> None:
    http_server.route("/a", Reply(body=FEED))
    http_server.route("/hop", Reply(302, headers={"Location": "/a"}))
    settings = replace(local_settings, host_interval_s=2.5)
    with Fetcher(settings, clock=clock, sleep=clock.sleep) as fetcher:
        fetcher.fetch(http_server.url("/a"))
        assert clock.sleeps == []
        fetcher.fetch(http_server.url("/a"))
        assert clock.sleeps == [2.5]
        clock.now += 1.0
        fetcher.fetch(http_server.url("/hop"))  # two requests: waits 1.5 s, then 2.5 s between the hops
        assert clock.sleeps == [2.5, 1.5, 2.5]
        clock.now += 10
        fetcher.fetch(http_server.url("/a"))
        assert clock.sleeps == [2.5, 1.5, 2.5]
    assert len(http_server.requests) == 5


def test_different_hosts_do_not_wait_for_each_other(clock: FakeClock) -> None:
    seen: list[httpx.Request] = []
    with Fetcher(Settings(host_interval_s=5), clock=clock, sleep=clock.sleep, transport=mock_transport(seen),
                 resolve=fake_resolve) as fetcher:
        fetcher.fetch("http://news.example/")
        fetcher.fetch("http://other.example/")
        fetcher.fetch("http://NEWS.example/again")
    assert clock.sleeps == [5]
    assert len(seen) == 3


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/feed", "http://127.0.0.1:9/feed"])
def test_the_guard_applies_to_the_first_request(url: str) -> None:
    seen: list[httpx.Request] = []
    with Fetcher(Settings(), transport=mock_transport(seen), resolve=fake_resolve) as fetcher:
        with pytest.raises(FetchError, match="refused"):
            fetcher.fetch(url)
    assert seen == []


def test_unresolvable_host_is_a_fetch_error() -> None:
    with Fetcher(Settings(), transport=mock_transport([]), resolve=fake_resolve) as fetcher:
        with pytest.raises(FetchError, match=r"^http://nowhere.example/: cannot resolve host nowhere.example"):
            fetcher.fetch("http://nowhere.example/")


NOW = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("value, expected", [
    ("120", 120.0),
    (" 0 ", 0.0),
    ("Wed, 01 May 2024 10:05:00 GMT", 300.0),
    ("Wed, 01 May 2024 12:05:00 +0200", 300.0),
    ("Wed, 01 May 2024 09:00:00 GMT", 0.0),  # already past
    ("-5", None),
    ("soon", None),
    ("", None),
])
def test_parse_retry_after(value: str, expected: float | None) -> None:
    assert parse_retry_after(value, NOW) == expected


# Content-Encoding: decoded by volg from the raw bytes, a bounded piece at a time


@pytest.fixture(scope="module")
def double_gzip_bomb() -> bytes:
    """200 MB of zeros gzip'ed twice: a few hundred bytes, made without ever holding the 200 MB."""
    inner, outer = zlib.compressobj(9, zlib.DEFLATED, 31), zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    parts = [outer.compress(inner.compress(zeros)) for _ in range(200)]
    parts += [outer.compress(inner.flush()), outer.flush()]
    return b"".join(parts)


def test_a_double_gzip_bomb_is_refused_without_expanding_it(http_server: TestServer, local_settings: Settings,
                                                             double_gzip_bomb: bytes) -> None:
    assert len(double_gzip_bomb) < 2_000
    http_server.route("/bomb", Reply(body=double_gzip_bomb, headers={"Content-Encoding": "gzip, gzip"}))
    settings = replace(local_settings, fetch_max_bytes=1_000_000)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match=r"/bomb: larger than 1000000 bytes"):
            fetch(settings, http_server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000, f"fetching a 200 MB bomb under a 1 MB cap held {peak} bytes"


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-15)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize("encoding, encode", [
    ("gzip", gzip.compress),
    ("x-gzip", gzip.compress),
    ("GZip", gzip.compress),
    ("deflate", zlib.compress),  # zlib-wrapped, as the standard says
    ("deflate", raw_deflate),  # raw, as some servers send it
    ("gzip, gzip", lambda data: gzip.compress(gzip.compress(data))),
    ("deflate, gzip", lambda data: gzip.compress(zlib.compress(data))),
    ("identity, gzip, identity", gzip.compress),
    ("identity", lambda data: data),
    ("gzip", lambda data: gzip.compress(data) + b"bytes after the end are ignored"),
])
def test_encoded_bodies_within_the_cap_are_decoded(http_server: TestServer, local_settings: Settings, encoding: str,
                                                   encode: Callable[[bytes], bytes]) -> None:
    page = b"".join(b"<p>item %d: %s</p>\n" % (n, b"abcdefghij"[: n % 10]) for n in range(2_000))  # ~46 kB
    settings = replace(local_settings, fetch_max_bytes=len(page))
    http_server.route("/page", Reply(body=encode(page), headers={"Content-Encoding": encoding}))
    assert fetch(settings, http_server.url("/page")).content == page
    http_server.route("/page", Reply(body=encode(page + b"!"), headers={"Content-Encoding": encoding}))
    with pytest.raises(FetchError, match=f"larger than {len(page)} bytes"):
        fetch(settings, http_server.url("/page"))


@pytest.mark.parametrize("encoding, encode", [("deflate", zlib.compress), ("deflate", raw_deflate),
                                             ("gzip", gzip.compress)], ids=["zlib", "raw", "gzip"])
def test_decoding_does_not_depend_on_how_the_bytes_arrive(encoding: str, encode: Callable[[bytes], bytes]) -> None:
    """One byte at a time: the two bytes that tell raw deflate from zlib arrive apart."""
    body = encode(FEED * 50)
    transport = httpx.MockTransport(lambda request: httpx.Response(
        200, headers={"Content-Encoding": encoding}, content=(body[i:i + 1] for i in range(len(body)))))
    with Fetcher(Settings(), transport=transport, resolve=fake_resolve) as fetcher:
        assert fetcher.fetch("http://news.example/feed").content == FEED * 50


@pytest.mark.parametrize("encoding, named", [("br", "br"), ("zstd", "zstd"), ("gzip, compress", "compress")])
def test_an_encoding_volg_does_not_decode_is_refused_by_name(http_server: TestServer, local_settings: Settings,
                                                             encoding: str, named: str) -> None:
    http_server.route("/feed", Reply(body=gzip.compress(FEED), headers={"Content-Encoding": encoding}))
    with pytest.raises(FetchError, match=f"/feed: content encoded as '{named}', which volg does not decode"):
        fetch(local_settings, http_server.url("/feed"))
    (request,) = http_server.requests
    assert request.headers["Accept-Encoding"] == "gzip, deflate"


def test_broken_compressed_data_is_a_fetch_error(http_server: TestServer, local_settings: Settings) -> None:
    http_server.route("/feed", Reply(body=b"not gzip at all", headers={"Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match=r"/feed: cannot decode the response \(gzip: "):
        fetch(local_settings, http_server.url("/feed"))


# fetch_timeout_s: one deadline for the whole request, however slowly the server trickles


PADDING = {"X-Padding": "x" * 200}  # at 20 bytes a second, the reply takes 15 s to arrive


def test_a_server_trickling_its_headers_is_cut_off_at_the_deadline(http_server: TestServer,
                                                                    local_settings: Settings) -> None:
    http_server.route("/feed", Reply(body=FEED, headers=PADDING, trickle_s=0.05))  # each read well within 1 s
    settings = replace(local_settings, fetch_timeout_s=1)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"/feed: timed out after 1 s$"):
        fetch(settings, http_server.url("/feed"))
    assert time.monotonic() - started < 5


def test_a_server_trickling_its_body_is_cut_off_at_the_deadline(http_server: TestServer,
                                                                 local_settings: Settings) -> None:
    """The body ends with the connection: cut off, it must not pass for a whole (shorter) body."""
    def slowly() -> Iterator[bytes]:
        for _ in range(300):
            yield b"<"
            time.sleep(0.05)

    http_server.route("/feed", Reply(body=slowly()))
    settings = replace(local_settings, fetch_timeout_s=1)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"/feed: timed out after 1 s"):
        fetch(settings, http_server.url("/feed"))
    assert time.monotonic() - started < 5


def test_a_webhook_to_a_trickling_server_is_cut_off_at_the_deadline(http_server: TestServer,
                                                                     local_settings: Settings) -> None:
    http_server.route("/hook", Reply(headers=PADDING, trickle_s=0.05), method="POST")
    settings = replace(local_settings, fetch_timeout_s=1)
    started = time.monotonic()
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match=r"/hook: timed out after 1 s$"):
        fetcher.post(http_server.url("/hook"), b"{}", {"Content-Type": "application/json"})
    assert time.monotonic() - started < 5
    assert http_server.requests[0].body == b"{}"


def test_redirect_hops_share_one_deadline(clock: FakeClock) -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        clock.now += 0.6  # each hop alone within the deadline, two of them not
        return httpx.Response(302, headers={"Location": f"/hop{len(seen)}"})

    settings = Settings(fetch_timeout_s=1, host_interval_s=5)
    with Fetcher(settings, clock=clock, sleep=clock.sleep, transport=httpx.MockTransport(handle),
                 resolve=fake_resolve) as fetcher:
        with pytest.raises(FetchError, match=r"^http://news.example/hop2: timed out after 1 s$"):
            fetcher.fetch("http://news.example/feed")
    assert len(seen) == 2
    assert clock.sleeps == [pytest.approx(4.4)] * 2, "politeness waits between hops do not count against the deadline"


def test_one_fetch_timing_out_leaves_the_others_alone(http_server: TestServer, local_settings: Settings) -> None:
    """A Fetcher is shared between threads: the watchdog of one request touches only its own connection."""
    http_server.route("/slow", Reply(body=FEED, headers=PADDING, trickle_s=0.05))
    http_server.route("/feed", Reply(body=FEED))
    settings = replace(local_settings, fetch_timeout_s=1)
    with Fetcher(settings) as fetcher, ThreadPoolExecutor(4) as pool:  # the test server queues 5 connections
        slow = pool.submit(fetcher.fetch, http_server.url("/slow"))
        fast = [pool.submit(fetcher.fetch, http_server.url("/feed")) for _ in range(30)]
        assert all(future.result().content == FEED for future in fast)
        with pytest.raises(FetchError, match="timed out"):
            slow.result()
    assert ALARMS.pending() == 0, "a watchdog's alarm outlived its request"


def test_a_host_whose_name_server_does_not_answer_is_given_up_at_the_deadline() -> None:
    def silent(host: str, port: int) -> list[str]:
        time.sleep(3)  # a name server that never answers, as far as the fetch is concerned
        return ["93.184.216.34"]

    started = time.monotonic()
    with Fetcher(Settings(fetch_timeout_s=0.3), transport=mock_transport([]), resolve=silent) as fetcher:
        with pytest.raises(FetchError, match=r"cannot resolve host news\.example \(no answer within 0\.\d+ s\)"):
            fetcher.fetch("http://news.example/feed")
    assert time.monotonic() - started < 2
