"""The test server in tests/httpserver.py, checked with a plain HTTP client."""

from __future__ import annotations

import httpx
from tests.httpserver import Reply, Request, TestServer


def test_routes_replies_and_records_requests(http_server: TestServer) -> None:
    http_server.route("/static", Reply(201, b"made", headers={"X-Test": "yes"}))
    http_server.route("/echo", lambda request: Reply(body=request.body + request.path.encode()), method="POST")
    http_server.route("/stream", Reply(body=iter([b"a", b"b", b"c"])))
    with httpx.Client(trust_env=False) as client:
        static = client.get(http_server.url("/static?page=2"), headers={"X-Asked": "1"})
        echo = client.post(http_server.url("/echo"), content=b"hello ")
        stream = client.get(http_server.url("/stream"))
        missing = client.get(http_server.url("/nothing"))
    assert (static.status_code, static.text, static.headers["x-test"]) == (201, "made", "yes")
    assert "date" in static.headers
    assert (echo.status_code, echo.text) == (200, "hello /echo")
    assert (stream.text, "content-length" in stream.headers) == ("abc", False)
    assert missing.status_code == 404
    requests: list[Request] = http_server.requests
    assert [(r.method, r.path) for r in requests] == [
        ("GET", "/static?page=2"), ("POST", "/echo"), ("GET", "/stream"), ("GET", "/nothing")]
    assert requests[0].headers["x-asked"] == "1" and requests[1].body == b"hello "


def test_a_reply_may_override_the_date(http_server: TestServer) -> None:
    http_server.route("/", Reply(headers={"Date": "Wed, 01 May 2024 10:00:00 GMT"}))
    with httpx.Client(trust_env=False) as client:
        assert client.get(http_server.url()).headers.get_list("date") == ["Wed, 01 May 2024 10:00:00 GMT"]
