"""The JSON API on a real uvicorn server: every endpoint, the API token, the error shape, cursor pagination, the body
cap, and a contract test that checks the OpenAPI document lists every /api route and that answers match it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator
from tests.web.apidata import api_service
from tests.web.server import serving

from volg.errors import ConfigError, InputError, NotFound, StorageError
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web import create_app
from volg.web.api_errors import MAX_BODY_BYTES, response_for

NOW = datetime(2026, 11, 17, 12, 30, tzinfo=UTC)
TOKEN = "test-api-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def text(number: int) -> str:
    """An article's text, different for each number in its words: volg would learn sentences one source repeats
    in many articles as its boilerplate, and remove them."""
    code = "".join("abcdefghij"[int(digit)] for digit in str(number))
    return (f"De Maas bij Venlo staat vandaag hoger dan in tien jaar, meldt waterschap {code}. Bewoners van kade "
            f"{code} worden gevraagd zandzakken klaar te zetten en de berichten van gemeente {code} te volgen.")


def article(number: int, **fields: Any) -> dict[str, Any]:
    code = "".join("abcdefghij"[int(digit)] for digit in str(number))
    return {"url": f"https://api.example/news/{number}", "source": "API Post", "title": f"Hoogwater in Venlo {code}",
            "published_at": "2026-11-17T08:00:00Z", "text": text(number)} | fields


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    svc = api_service(tmp_path_factory.mktemp("api") / "volg.db", token=TOKEN, now=NOW)
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def client(service: Service) -> Iterator[httpx.Client]:
    with serving(create_app(service)) as base, httpx.Client(base_url=base, timeout=60) as http:
        yield http


@pytest.fixture(scope="module")
def document(client: httpx.Client) -> dict[str, Any]:
    answer = client.get("/api/openapi.json")
    assert answer.status_code == 200
    found: dict[str, Any] = answer.json()
    return found


def error_of(answer: httpx.Response, status: int) -> dict[str, Any]:
    """The error of an answer that must have `status` and the API's error shape."""
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["message"]
    found: dict[str, Any] = body["error"]
    return found


def walk(client: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list, following next_cursor."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        answer = client.get(path, params=params | ({"cursor": cursor} if cursor else {}))
        assert answer.status_code == 200, answer.text
        page = answer.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


# happy paths


def test_push_one_article_then_read_it_back(client: httpx.Client) -> None:
    pushed = client.post("/api/articles", json=article(1), headers=AUTH)
    assert pushed.status_code == 200, pushed.text
    result = pushed.json()["results"][0]
    assert result["status"] == "new" and result["title"] == "Hoogwater in Venlo b" and result["error"] is None
    assert pushed.json()["counts"] == {"new": 1, "duplicate": 0, "updated": 0, "rejected": 0}
    again = client.post("/api/articles", json=article(1), headers=AUTH)
    assert again.json()["results"][0]["status"] == "duplicate"
    shown = client.get(f"/api/articles/{result['id']}")
    assert shown.status_code == 200 and shown.json()["url"] == "https://api.example/news/1"
    assert shown.json()["sections"][0]["paragraphs"]
    listed = client.get("/api/articles", params={"source": "API Post"}).json()
    assert [a["id"] for a in listed["items"]] == [result["id"]] and listed["next_cursor"] is None


def test_a_batch_with_one_bad_line_stores_the_rest(client: httpx.Client) -> None:
    lines = [json.dumps(article(2)), json.dumps({"title": "no url", "text": text(0)}), "{not json",
             json.dumps(article(3))]
    pushed = client.post("/api/articles", content="\n".join(lines).encode(),
                         headers=AUTH | {"Content-Type": "application/x-ndjson"})
    assert pushed.status_code == 200, pushed.text
    results = pushed.json()["results"]
    assert [r["status"] for r in results] == ["new", "rejected", "rejected", "new"]
    assert results[1]["origin"] == "body:2" and "url" in results[1]["error"]
    assert results[2]["origin"] == "body:3" and results[1]["id"] is None
    listed = client.get("/api/articles", params={"source": "API Post", "limit": 200}).json()["items"]
    stored = {a["url"] for a in listed}
    assert {"https://api.example/news/2", "https://api.example/news/3"} <= stored


def test_a_json_array_is_a_batch(client: httpx.Client) -> None:
    pushed = client.post("/api/articles", json=[article(4), article(5), {"url": 7}], headers=AUTH)
    assert pushed.status_code == 200, pushed.text
    assert [r["status"] for r in pushed.json()["results"]] == ["new", "new", "rejected"]


def test_feeds_pages_and_text_are_read_by_content_type_or_sniffed(client: httpx.Client) -> None:
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Waterschap</title><link>https://feed.example/</link>
<item><title>Peil Maas stijgt verder</title><link>https://feed.example/1</link>
<pubDate>Tue, 17 Nov 2026 07:00:00 GMT</pubDate>
<description><![CDATA[<p>{text(101)}</p><p>{text(111)}</p>]]></description></item>
<item><title>Kades Venlo afgesloten</title><link>https://feed.example/2</link>
<pubDate>Tue, 17 Nov 2026 09:00:00 GMT</pubDate>
<description><![CDATA[<p>{text(102)}</p><p>{text(112)}</p>]]></description></item>
</channel></rss>"""
    pushed = client.post("/api/articles", content=feed.encode(),
                         headers=AUTH | {"Content-Type": "application/rss+xml"}, params={"source": "Waterschap"})
    assert pushed.status_code == 200, pushed.text
    assert [(r["status"], r["source"]) for r in pushed.json()["results"]] == [("new", "Waterschap")] * 2
    page = (f"<html><head><title>Dijken bij Roermond</title></head><body><article><h1>Dijken bij Roermond houden"
            f"</h1><p>{text(103)}</p><p>De dijken bij Roermond houden het water nog tegen.</p></article></body></html>")
    pushed = client.post("/api/articles", content=page.encode("latin-1"), params={"url": "https://page.example/dijk"},
                         headers=AUTH | {"Content-Type": "text/html; charset=iso-8859-1"})
    found = pushed.json()["results"][0]
    assert found["status"] == "new" and found["url"] == "https://page.example/dijk" and "Roermond" in found["title"]
    content = f"Zandzakken in Arcen\n\n{text(104)} In Arcen vullen vrijwilligers zandzakken.".encode()
    pushed = client.post("/api/articles", content=content, headers=AUTH | {"Content-Type": "text/plain"},
                         params={"url": "https://text.example/arcen", "source": "Arcen Nieuws"})
    assert pushed.json()["results"][0]["status"] == "new"


def test_sources(client: httpx.Client) -> None:
    added = client.post("/api/sources", json={"url": "https://example.org/rss", "name": "Example", "every": "1h"},
                        headers=AUTH)
    assert added.status_code == 201, added.text
    assert (added.json()["name"], added.json()["every_s"]) == ("Example", 3600)
    listed = client.get("/api/sources", headers=AUTH).json()["items"]
    assert [s["url"] for s in listed] == ["https://example.org/rss"]
    assert error_of(client.get("/api/sources"), 401)["code"] == "unauthorized", "a feed URL may hold its key"


def test_stories_since_and_one_story(client: httpx.Client, service: Service) -> None:
    everything = walk(client, "/api/stories")
    assert len(everything) == len(service.stories())
    earliest = datetime.fromisoformat(min(s["last_seen"] for s in everything))  # of the story that ended first
    cut = (earliest + timedelta(seconds=1)).isoformat()
    recent = walk(client, "/api/stories", since=cut)
    assert recent and all(datetime.fromisoformat(s["last_seen"]) > earliest for s in recent)
    assert len(recent) < len(everything)
    one = client.get(f"/api/stories/{everything[0]['id']}")
    assert one.status_code == 200 and one.json() == everything[0]
    hoogwater = walk(client, "/api/stories", topic="hoogwater")
    assert 0 < len(hoogwater) < len(everything)


def test_topics_defined_and_discovered(client: httpx.Client, service: Service) -> None:
    items = client.get("/api/topics").json()["items"]
    defined = next(t for t in items if t["slug"] == "hoogwater")
    assert defined["stories"] > 0 and defined["query"] == "hoogwater OR Maas OR flood"
    discovered = [t for t in items if "story_ids" in t]
    assert discovered, "the demo stream has discovered topics"
    assert defined["kind"] == "defined" and {t["kind"] for t in discovered} == {"discovered"}
    one = client.get(f"/api/topics/{discovered[0]['slug']}")
    assert one.status_code == 200 and one.json() == discovered[0]
    assert client.get("/api/topics/Hoogwater").json()["slug"] == "hoogwater"
    made = client.post("/api/topics", json={"name": "Staking", "query": "staking OR strike"}, headers=AUTH)
    assert made.status_code == 201, made.text
    assert made.json() | {"stories": None} == {"kind": "defined", "name": "Staking", "slug": "staking",
                                               "query": "staking OR strike", "discovered": False, "stories": None}
    adopted = client.post("/api/topics", json={"discovered": discovered[-1]["slug"]}, headers=AUTH)
    assert adopted.status_code == 201 and adopted.json()["discovered"] is True and adopted.json()["kind"] == "defined"
    assert service.topic(adopted.json()["slug"]).query == discovered[-1]["query"]
    # once adopted, it is a defined topic and no longer listed as discovered too
    listed = [t["slug"] for t in client.get("/api/topics").json()["items"] if "story_ids" in t]
    assert discovered[-1]["slug"] not in listed


def test_developments_of_a_topic(client: httpx.Client, service: Service) -> None:
    found = walk(client, "/api/topics/hoogwater/developments", limit=3)
    assert [d["key"] for d in found] == [d.key for d in service.developments(topic="hoogwater")]
    later = walk(client, "/api/topics/hoogwater/developments", since="2026-11-17T00:00:00Z")
    assert later and all(d["first_seen"] >= "2026-11-17" for d in later) and len(later) < len(found)


def test_digest_previews(client: httpx.Client, service: Service) -> None:
    preview = client.get("/api/topics/hoogwater/digest").json()["digest"]
    assert preview["topic"] == "hoogwater" and preview["items"]
    assert preview["scheduled_at"].startswith("2026-11-17T12:30")
    assert client.get("/api/topics/hoogwater/digest", params={"at": "2020-01-01T00:00:00Z"}).json() == {"digest": None}
    made = client.post("/api/subscriptions", json={"topic": "hoogwater", "max_items": 2}, headers=AUTH).json()
    own = client.get(f"/api/subscriptions/{made['token']}/digest").json()["digest"]
    assert own["subscription_id"] == made["id"] and len(own["items"]) == 2


def test_subscriptions_made_changed_and_stopped(client: httpx.Client, service: Service) -> None:
    body = {"topic": "Hoogwater", "times": ["7:30", "18:00"], "tz": "Europe/Brussels", "email": "lezer@example.nl",
            "push": ["tgram://123456789:ABCdefGhIJKlmnOPQRstuVWXyz/-1001234"], "webhooks": [], "language": "en"}
    # an address the caller does not say is confirmed needs a confirmation mail, and this volg sends no email
    unsent = client.post("/api/subscriptions", headers=AUTH, json=body)
    assert error_of(unsent, 422)["details"]["field"] == "email" and "sends no email" in unsent.text
    made = client.post("/api/subscriptions", headers=AUTH, json=body | {"confirmed": True})
    assert made.status_code == 201, made.text
    sub = made.json()
    assert (sub["topic"], sub["times"], sub["tz"], sub["active"], sub["language"], sub["confirmed"]) == (
        "hoogwater", ["07:30", "18:00"], "Europe/Brussels", True, "en", True)
    assert "ABCdefGhIJKlmnOPQRstuVWXyz" not in made.text, "push tokens are not shown"
    assert sub["webhook_secret"] is None and sub["links"]["manage"].endswith(sub["token"])
    token = sub["token"]
    assert client.get(f"/api/subscriptions/{token}").json()["id"] == sub["id"]
    changed = client.patch(f"/api/subscriptions/{token}", json={"times": ["06:00"], "max_items": 3})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["times"], changed.json()["max_items"]) == (["06:00"], 3)
    stopped = client.delete(f"/api/subscriptions/{token}")
    assert stopped.status_code == 200 and stopped.json()["active"] is False
    assert not service.subscription(sub["id"]).active
    assert client.patch(f"/api/subscriptions/{token}", json={}).json()["active"] is True


def test_webhook_subscription_gets_its_secret_once(client: httpx.Client, service: Service) -> None:
    made = client.post("/api/subscriptions", headers=AUTH,
                       json={"topic": "hoogwater", "webhooks": ["https://93.184.215.14/hook?key=x"]}).json()
    assert made["webhook_secret"] == service.subscription(made["id"]).secret
    assert made["webhooks"] == ["https://93.184.215.14/hook"]
    assert "webhook_secret" not in client.get(f"/api/subscriptions/{made['token']}").json()
    assert made["warnings"] == []


def test_a_host_that_does_not_resolve_is_kept_and_named_in_warnings(client: httpx.Client, service: Service) -> None:
    """As `volg subscribe` and the follow form do (docs/delivery.md); .invalid never resolves (RFC 2606)."""
    made = client.post("/api/subscriptions", headers=AUTH, json={
        "topic": "hoogwater", "webhooks": ["https://hooks.example.invalid/volg?key=x"],
        "push": ["json://push.example.invalid/notify"]})
    assert made.status_code == 201, made.text
    assert made.json()["warnings"] == [
        "push json://push.example.invalid/notify: host push.example.invalid does not resolve now; kept, and looked up "
        "again at every send",
        "webhook https://hooks.example.invalid/volg: host hooks.example.invalid does not resolve now; kept, and looked "
        "up again at every send"]
    sub = service.subscription(made.json()["id"])
    assert (sub.webhooks, sub.push) == (("https://hooks.example.invalid/volg?key=x",), ("json://push.example.invalid/notify",))
    added = client.post("/api/sources", headers=AUTH, json={"url": "https://feed.example.invalid/rss"})
    assert added.status_code == 201 and added.json()["url"] == "https://feed.example.invalid/rss"
    assert added.json()["warnings"] == ["source https://feed.example.invalid/rss: host feed.example.invalid does not "
                                        "resolve now; kept, and looked up again at every poll"]
    assert client.post("/api/sources", headers=AUTH, json={"url": "https://93.184.215.14/rss"}).json()["warnings"] == []


# the token


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}])
def test_writing_needs_the_token(client: httpx.Client, headers: dict[str, str]) -> None:
    for method, path, body in [("POST", "/api/articles", article(90)), ("POST", "/api/topics", {"name": "x"}),
                               ("POST", "/api/sources", {"url": "https://x.example/"}),
                               ("POST", "/api/subscriptions", {"topic": "hoogwater"})]:
        error = error_of(client.request(method, path, json=body, headers=headers), 401)
        assert error["code"] == "unauthorized" and "Bearer" in error["message"]
    assert error_of(client.get("/api/topics/x"), 404), "nothing was written"


def test_without_a_token_set_writing_is_off(tmp_path: Path) -> None:
    with Service(Settings(), open_storage(str(tmp_path / "volg.db")), clock=lambda: NOW) as svc, \
            serving(create_app(svc)) as base:
        answer = httpx.post(f"{base}/api/topics", json={"name": "x", "query": "x"}, headers=AUTH)
        error = error_of(answer, 403)
        assert "VOLG_API_TOKEN" in error["message"]
        assert httpx.get(f"{base}/api/topics").status_code == 200, "reading needs no token"


def test_a_forged_reader_token_is_404(client: httpx.Client, service: Service) -> None:
    sub = service.subscribe("hoogwater")
    token = service.reader_token(sub)
    for answer in (client.get(f"/api/subscriptions/{token[:-2]}zz"), client.delete(f"/api/subscriptions/x{token}"),
                   client.patch(f"/api/subscriptions/{token}zz", json={}),
                   client.get("/api/subscriptions/nothing/digest")):
        assert error_of(answer, 404)["code"] == "not_found"
    assert service.subscription(sub.id or 0).active


# bad input: 4xx in the error shape, naming the field, never 500


@pytest.mark.parametrize(("method", "path", "body", "status", "field"), [
    ("GET", "/api/articles?limit=0", None, 422, "limit"),
    ("GET", "/api/articles?limit=100000", None, 422, "limit"),
    ("GET", "/api/articles?since=yesterday", None, 422, "since"),
    ("GET", "/api/articles?cursor=bm9wZQ", None, 422, "cursor"),
    ("GET", "/api/stories?cursor=" + "W1wiYXJ0aWNsZXNcIiwgMV0", None, 422, "cursor"),
    ("GET", "/api/articles/abc", None, 422, "article_id"),
    ("GET", "/api/topics/hoogwater/digest?at=25:00", None, 422, "at"),
    ("POST", "/api/topics", {"name": "Kapot", "query": "a AND (b"}, 422, "query"),
    ("POST", "/api/topics", {"name": "Hoogwater", "query": "water"}, 422, "name"),
    ("POST", "/api/topics", {"discovered": "no-such-topic"}, 422, "discovered"),
    ("POST", "/api/topics", {"name": "x", "query": "x", "colour": "red"}, 422, "colour"),
    ("POST", "/api/topics", [1, 2], 422, "body"),
    ("POST", "/api/sources", {"url": "ftp://example.org/feed"}, 422, "url"),
    ("POST", "/api/sources", {"url": "https://example.org/a", "every": "soon"}, 422, "every"),
    ("POST", "/api/sources", {}, 422, "url"),
    ("POST", "/api/subscriptions", {"topic": "no-such-topic"}, 422, "topic"),
    ("POST", "/api/subscriptions", {"topic": "hoogwater", "times": ["08:00", "25:00"]}, 422, "times.1"),
    ("POST", "/api/subscriptions", {"topic": "hoogwater", "times": []}, 422, "times"),
    ("POST", "/api/subscriptions", {"topic": "hoogwater", "tz": "Mars/Olympus"}, 422, "tz"),
    ("POST", "/api/subscriptions", {"topic": "hoogwater", "max_items": "5"}, 422, "max_items"),
    ("POST", "/api/subscriptions", {"topic": "hoogwater", "max_items": 500}, 422, "max_items"),
    ("POST", "/api/subscriptions", {"topic": "hoogwater", "email": "lezer@@example"}, 422, "email"),
    ("POST", "/api/subscriptions", {"topic": "hoogwater", "push": ["foo://bar"]}, 422, "push.0"),
    ("POST", "/api/subscriptions", {"topic": "hoogwater", "webhooks": ["http://127.0.0.1/x"]}, 422, "webhooks.0"),
    ("POST", "/api/subscriptions", {"topic": "hoogwater", "quiet": ["22:00"]}, 422, "quiet.1"),
    ("POST", "/api/subscriptions", {"topic": "hoogwater", "breaking": 11}, 422, "breaking"),
])
def test_bad_input_names_the_field(client: httpx.Client, method: str, path: str, body: Any, status: int,
                                   field: str) -> None:
    answer = client.request(method, path, json=body, headers=AUTH)
    error = error_of(answer, status)
    assert error["details"]["field"] == field, error
    assert field in error["message"] or field.split(".")[0] in error["message"], error


def test_bad_changes_to_a_subscription_name_the_field(client: httpx.Client, service: Service) -> None:
    token = service.reader_token(service.subscribe("hoogwater"))
    for body, field in [({"tz": "Nowhere"}, "tz"), ({"times": ["8"]}, "times.0"), ({"max_items": 0}, "max_items"),
                        ({"active": False}, "active")]:
        assert error_of(client.patch(f"/api/subscriptions/{token}", json=body), 422)["details"]["field"] == field


def test_malformed_json_and_unreadable_bodies_are_400(client: httpx.Client) -> None:
    error = error_of(client.post("/api/topics", content=b'{"name": ', headers=AUTH | {"Content-Type":
                                                                                       "application/json"}), 400)
    assert error["code"] == "malformed_json" and error["details"]["field"] == "body"
    for content, ctype in [(b"", "text/plain"), (b"\x00\x01\x02" * 100, "application/octet-stream"),
                           (b"<rss><channel>", "application/rss+xml"), (b'{"title": "no url"}', "application/json")]:
        error = error_of(client.post("/api/articles", content=content, headers=AUTH | {"Content-Type": ctype}), 400)
        assert error["code"] == "nothing_read" and error["details"]["field"] == "body"
        assert all(r["status"] == "rejected" for r in error["details"]["results"])


def test_unknown_routes_and_methods_under_api_get_the_error_shape(client: httpx.Client) -> None:
    assert error_of(client.get("/api/nothing/here"), 404)["code"] == "not_found"
    assert error_of(client.get("/api/stories/999999"), 404)["code"] == "not_found"
    assert error_of(client.get("/api/topics/no-such-topic/developments"), 404)["code"] == "not_found"
    answer = client.put("/api/articles", json={})
    assert error_of(answer, 405)["code"] == "method_not_allowed" and answer.headers["allow"] == "GET, HEAD, POST"
    assert client.delete("/api/topics").headers["allow"] == "GET, HEAD, POST"  # every method of the path


def test_what_the_document_allows_is_taken_and_what_it_does_not_is_refused(client: httpx.Client) -> None:
    assert client.get("/api/articles", params={"cursor": ""}).status_code == 200  # empty: the first page
    since = error_of(client.get("/api/articles", params={"since": "0.5"}), 422)  # a number is no ISO 8601 time
    assert since["details"]["field"] == "since"
    assert client.get("/api/articles", params={"since": "2026-11-17T08:00:00+01:00"}).status_code == 200
    clock = client.get("/api/openapi.json").json()["components"]["schemas"]["SubscriptionIn"]["properties"]["times"]
    assert clock["items"]["pattern"] == "^([01]?[0-9]|2[0-3]):[0-5][0-9]$"  # "" is no time, as the document says
    for path, field in (("/api/articles/", "article_id"), ("/api/stories/", "story_id")):  # not a database overflow
        assert error_of(client.get(path + str(2**70)), 422)["details"]["field"] == field  # an id past 64 bits


def test_pages_outside_api_keep_their_html_errors(client: httpx.Client) -> None:
    forged = client.get("/manage/not-a-token")
    assert forged.status_code == 404 and forged.headers["content-type"].startswith("text/html")
    assert client.get("/feeds/not-a-token.atom").status_code == 404
    missing = client.get("/no/such/page")  # a page in the reader's language, not the API's JSON
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")


def test_the_body_is_capped(client: httpx.Client) -> None:
    big = b"x" * (MAX_BODY_BYTES + 1)
    error = error_of(client.post("/api/articles", content=big, headers=AUTH | {"Content-Type": "text/plain"}), 413)
    assert error["code"] == "body_too_large" and error["details"]["limit"] == MAX_BODY_BYTES

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"y" * 65536

    error = error_of(client.post("/api/articles", content=chunks(), headers=AUTH), 413)
    assert error["code"] == "body_too_large"


@pytest.mark.parametrize(("exc", "status", "code"), [
    (NotFound("no article 9"), 404, "not_found"), (InputError("bad"), 422, "invalid_input"),
    (ConfigError("bad setting"), 500, "config_error"), (StorageError("disk full"), 503, "storage_unavailable"),
])
def test_volg_errors_map_onto_the_error_shape(exc: Exception, status: int, code: str) -> None:
    answer = response_for(exc)
    assert answer.status_code == status and json.loads(answer.body)["error"]["code"] == code


# pagination


@pytest.mark.parametrize("path", ["/api/articles", "/api/stories", "/api/topics/hoogwater/developments"])
def test_pagination_walks_the_whole_list_without_repeats(client: httpx.Client, path: str) -> None:
    whole = client.get(path, params={"limit": 200}).json()
    assert whole["next_cursor"] is None, "the test data fits one page of 200"
    paged = walk(client, path, limit=3)
    key = "key" if "developments" in path else "id"
    assert [item[key] for item in paged] == [item[key] for item in whole["items"]]
    assert len({item[key] for item in paged}) == len(paged) > 3


def test_a_cursor_survives_new_articles(client: httpx.Client) -> None:
    first = client.get("/api/articles", params={"limit": 5}).json()
    client.post("/api/articles", json=article(77), headers=AUTH)
    rest = walk(client, "/api/articles", limit=50, cursor=first["next_cursor"])
    ids = [a["id"] for a in first["items"] + rest]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    assert rest[-1]["url"] == "https://api.example/news/77"


# the contract: the document lists every /api route, and answers match what it declares


def test_the_document_lists_every_api_route(client: httpx.Client, service: Service, document: dict[str, Any]) -> None:
    served = create_app(service).openapi()["paths"]  # the whole app's routes, pages included
    api = {(path, method) for path, ops in served.items() if path.startswith("/api") for method in ops}
    documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
    assert api == documented
    assert len(documented) == 17
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            assert "4XX" in op["responses"], (method, path)
            needs_token = (method != "get" and "{token}" not in path) or path == "/api/sources"
            assert (op.get("security") == [{"HTTPBearer": []}]) == needs_token, (method, path)


def test_topic_answers_name_their_shape_for_generated_clients(document: dict[str, Any]) -> None:
    either = {"propertyName": "kind", "mapping": {"defined": "#/components/schemas/TopicOut",
                                                  "discovered": "#/components/schemas/DiscoveredTopicOut"}}
    topics = document["paths"]["/api/topics"]
    answers = [topics["get"]["responses"]["200"]["content"]["application/json"]["schema"],
               topics["post"]["responses"]["201"]["content"]["application/json"]["schema"],
               document["paths"]["/api/topics/{slug}"]["get"]["responses"]["200"]["content"]["application/json"]
               ["schema"]]
    listed = document["components"]["schemas"][answers[0]["$ref"].rsplit("/", 1)[1]]["properties"]["items"]["items"]
    assert [schema["discriminator"] for schema in [listed, *answers[1:]]] == [either] * 3
    for shape, kind in (("TopicOut", "defined"), ("DiscoveredTopicOut", "discovered")):
        schema = document["components"]["schemas"][shape]
        assert "kind" in schema["required"] and schema["properties"]["kind"]["const"] == kind


def test_operations_have_readable_unique_ids_and_tags(document: dict[str, Any]) -> None:
    operations = [(path, op) for path, ops in document["paths"].items() for op in ops.values()]
    ids = [op["operationId"] for _, op in operations]
    assert len(ids) == len(set(ids)) == 17
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", i) and "api" not in i.split("_") for i in ids), ids
    assert {"list_topics", "get_topic", "add_topic", "subscribe", "unsubscribe", "push_articles"} <= set(ids)
    assert all(op["tags"] == [path.split("/")[2]] for path, op in operations)


def check(document: dict[str, Any], method: str, path: str, answer: httpx.Response) -> None:
    """The answer's status is declared for this operation (exactly, or as its range) and its body fits the schema."""
    responses = document["paths"][path][method.lower()]["responses"]
    status = str(answer.status_code)
    declared = responses.get(status) or responses.get(status[0] + "XX")
    assert declared is not None, f"{method} {path}: {status} is not declared"
    assert answer.status_code < 500, f"{method} {path}: {answer.text}"
    schema = declared["content"]["application/json"]["schema"]
    Draft202012Validator(schema | {"components": document["components"]}).validate(answer.json())


def contract_requests(service: Service) -> dict[tuple[str, str], list[tuple[int, dict[str, Any]]]]:
    """For each documented operation, requests that exercise it, each with the status it must get."""
    token = service.reader_token(service.subscribe("hoogwater"))
    # the fixture's discovered topics are adopted by test_topics_defined_and_discovered (then they are defined)
    discovered = next((found.slug for found in service.discovered_topics()), "hoogwater")
    story = service.stories()[0].id
    post = {"headers": AUTH}
    return {
        ("POST", "/api/articles"): [(200, post | {"json": article(50)}), (400, post | {"json": {"url": "x"}}),
                                    (401, {"json": article(51)})],
        ("GET", "/api/articles"): [(200, {"params": {"limit": 2}}), (422, {"params": {"limit": 0}})],
        ("GET", "/api/articles/{article_id}"): [(200, {"path": {"article_id": 1}}),
                                                (404, {"path": {"article_id": 10**6}})],
        ("GET", "/api/sources"): [(200, post), (401, {})],
        ("POST", "/api/sources"): [(201, post | {"json": {"url": "https://example.net/feed"}}),
                                   (422, post | {"json": {"url": 1}})],
        ("GET", "/api/stories"): [(200, {"params": {"since": "2026-11-16T00:00:00Z"}}),
                                  (422, {"params": {"cursor": "!"}})],
        ("GET", "/api/stories/{story_id}"): [(200, {"path": {"story_id": story}}), (404, {"path": {"story_id": -1}})],
        ("GET", "/api/topics"): [(200, {})],
        ("GET", "/api/topics/{slug}"): [(200, {"path": {"slug": "hoogwater"}}), (200, {"path": {"slug": discovered}}),
                                        (404, {"path": {"slug": "nope"}})],
        ("POST", "/api/topics"): [(201, post | {"json": {"name": "Contract", "query": "contract"}}),
                                  (422, post | {"json": {"name": "Contract", "query": "contract"}})],
        ("GET", "/api/topics/{slug}/developments"): [(200, {"path": {"slug": "hoogwater"}, "params": {"limit": 1}}),
                                                      (404, {"path": {"slug": "nope"}})],
        ("GET", "/api/topics/{slug}/digest"): [(200, {"path": {"slug": "hoogwater"}}),
                                               (200, {"path": {"slug": "hoogwater"}, "params": {"at": "2001-01-01"}}),
                                               (422, {"path": {"slug": "hoogwater"}, "params": {"at": "never"}})],
        ("POST", "/api/subscriptions"): [
            (201, post | {"json": {"topic": "hoogwater", "webhooks": ["https://93.184.215.14/"]}}),
            (422, post | {"json": {"topic": "hoogwater", "tz": 1}})],
        ("GET", "/api/subscriptions/{token}"): [(200, {"path": {"token": token}}), (404, {"path": {"token": "x"}})],
        ("PATCH", "/api/subscriptions/{token}"): [(200, {"path": {"token": token}, "json": {"tz": "UTC"}}),
                                                  (422, {"path": {"token": token}, "json": {"tz": "UTC+25"}})],
        ("DELETE", "/api/subscriptions/{token}"): [(200, {"path": {"token": token}}), (404, {"path": {"token": "x"}})],
        ("GET", "/api/subscriptions/{token}/digest"): [(200, {"path": {"token": token}}),
                                                       (404, {"path": {"token": "x"}})],
    }


def test_answers_match_the_document(client: httpx.Client, service: Service, document: dict[str, Any]) -> None:
    requests = contract_requests(service)
    documented = {(method.upper(), path) for path, ops in document["paths"].items() for method in ops}
    assert documented == set(requests), "every documented operation is exercised here"
    for (method, path), cases in requests.items():
        for status, case in cases:
            answer = client.request(method, path.format(**case.get("path", {})), params=case.get("params"),
                                    json=case.get("json"), headers=case.get("headers"))
            assert answer.status_code == status, (method, path, case, answer.text)
            check(document, method, path, answer)


def test_a_subscription_may_ask_for_other_genres_and_an_unknown_one_is_named(client: httpx.Client) -> None:
    made = client.post("/api/subscriptions", headers=AUTH, json={"topic": "hoogwater", "genres": ["opinion"]})
    assert made.status_code == 201, made.text
    assert made.json()["genres"] == ["opinion"]
    bad = error_of(client.post("/api/subscriptions", headers=AUTH, json={"topic": "hoogwater", "genres": ["gossip"]}),
                   422)
    assert bad["details"]["field"] == "genres" and "gossip" in bad["message"]
