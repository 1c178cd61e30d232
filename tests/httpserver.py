"""A small real HTTP server for tests: register what a path answers, then check what the server received.

It listens on 127.0.0.1 on a free port, in a background thread, and speaks HTTP/1.1. Use it as a context
manager (the `http_server` fixture does)::

    with TestServer() as server:
        server.route("/feed.xml", Reply(body=b"<rss/>", headers={"Content-Type": "application/rss+xml"}))
        server.route("/echo", lambda request: Reply(body=request.body), method="POST")
        url = server.url("/feed.xml")
        ...
        assert server.requests[0].headers["User-Agent"].startswith("volg/")

A route answers with a fixed `Reply` or with a function of the `Request`. Unknown paths answer 404. Routes match
the path without its query string. A reply body may be bytes (sent with Content-Length) or an iterable of bytes
(streamed without a length, the connection closes after it), and `delay_s` holds the reply back to provoke
client timeouts. `trickle_s` sends the whole reply, status line and headers included, one byte at a time with
that many seconds between bytes (a server slow enough to hold a client whose timeouts apply per read). The server
sends the body as given: a Content-Encoding header describes it but nothing compresses it. Stopping the server
releases delayed and trickling replies at once. A request whose client hangs up before its Content-Length is read
(a sender killed mid-send) reaches no route, as a real server would not handle it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import Message
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Request:
    """One request the server received. `headers` looks names up case-insensitively; `path` keeps the query."""

    method: str
    path: str
    headers: Message
    body: bytes


@dataclass(frozen=True)
class Reply:
    """What a route answers. A Date header is added unless `headers` has one."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    trickle_s: float = 0.0


Route = Reply | Callable[[Request], Reply]


class TestServer:
    """A routable HTTP server on 127.0.0.1 that records every request it gets."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self) -> None:
        self._routes: dict[tuple[str, str], Route] = {}
        self._requests: list[Request] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01},
                                        name="test-http-server", daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        """The absolute URL of `path` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, answer: Route, *, method: str = "GET") -> None:
        """Answer `method` requests for `path` with `answer` (replacing an earlier route)."""
        with self._lock:
            self._routes[(method.upper(), path)] = answer

    @property
    def requests(self) -> list[Request]:
        """The requests received so far, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    def start(self) -> TestServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def __enter__(self) -> TestServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def _answer(self, request: Request) -> Reply:
        with self._lock:
            self._requests.append(request)
            answer = self._routes.get((request.method, urlsplit(request.path).path))
        if answer is None:
            return Reply(404, b"not found")
        return answer if isinstance(answer, Reply) else answer(request)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up early is what some tests do on purpose; anything else is reported."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def _handler_for(server: TestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if len(body) < length:  # the client hung up mid-body (a killed sender): no request, as a server sees it
                self.close_connection = True
                return
            request = Request(self.command, self.path, self.headers, body)
            reply = server._answer(request)
            if reply.delay_s and server._stopping.wait(reply.delay_s):
                self.close_connection = True
                return
            headers = {"Date": formatdate(usegmt=True), **reply.headers}
            chunks: Iterable[bytes]
            if isinstance(reply.body, bytes):
                headers.setdefault("Content-Length", str(len(reply.body)))
                chunks = [reply.body]
            else:  # streamed: no length, so the connection ends the body
                headers["Connection"] = "close"
                self.close_connection = True
                chunks = reply.body
            if reply.trickle_s:
                self._trickle(reply, headers, chunks)
                return
            self.send_response_only(reply.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command == "HEAD":
                return
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()

        def _trickle(self, reply: Reply, headers: dict[str, str], chunks: Iterable[bytes]) -> None:
            self.close_connection = True
            status = f"{self.protocol_version} {reply.status} {HTTPStatus(reply.status).phrase}\r\n"
            head = status + "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
            data = head.encode("latin-1") + (b"" if self.command == "HEAD" else b"".join(chunks))
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if server._stopping.wait(reply.trickle_s):
                    return

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: tests read `server.requests` instead."""

    return Handler
