"""The Service end to end: real files, a real SQLite database, a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.httpserver import Reply, Request, TestServer

from volg.errors import ConflictError, FetchError, StorageError
from volg.models import IngestResult, Section, SourceProfile, Status
from volg.pipeline.clean.boilerplate import remove_boilerplate
from volg.pipeline.ingest.guard import Unresolved
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)

LEAD = (
    "Bij de haven van Rotterdam zijn dinsdagochtend ruim 3000 havenwerkers in staking gegaan. "
    "De vakbond eist een loonsverhoging van zes procent en betere afspraken over nachtdiensten."
)
BODY = [
    LEAD,
    "Volgens havenbedrijf Maasvlakte Terminals liggen zeker veertig containerschepen stil. "
    "Directeur Sanne Verbeek spreekt van een zware klap voor de Nederlandse economie.",
    "De stakers verzamelden zich bij de ingang van de terminal, waar het rustig bleef. "
    "Vakbondsleider Kees Hoogland zei dat de actie tot vrijdag duurt als er geen nieuw bod komt.",
    "In Antwerpen en Hamburg houden havenbedrijven rekening met extra schepen die daar willen aanmeren.",
]


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    settings = Settings(allow_private_urls=True, host_interval_s=0.0, fetch_timeout_s=3.0)
    svc = Service(settings, open_storage(str(tmp_path / "volg.db")), clock=lambda: T0)
    yield svc
    svc.close()


def jsonl(*records: dict[str, object]) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()


def record(n: int, text: str = "\n".join(BODY), **fields: object) -> dict[str, object]:
    return {"id": f"hb-{n}", "url": f"https://havenbode.example/{n}", "title": "Havenstaking in Rotterdam",
            "text": text, "published_at": "2026-11-16T08:00:00Z", "source": "De Havenbode"} | fields


def ingest(service: Service, *targets: str | Path) -> list[IngestResult]:
    return list(service.ingest([str(t) for t in targets]))


def test_seed_article_is_cleaned_as_specified(service: Service, seed_path: Path) -> None:
    (result,) = ingest(service, seed_path)
    assert result.status is Status.NEW, result.error
    assert result.article is not None
    article = result.article.clean
    assert article.language == "nl"
    # its two subheadings, each a whole line of the seed (quoted by their first words only: the text is not ours)
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    headings = [s.heading for s in article.sections]
    assert headings[0] is None and len(headings) == 3
    for heading, opening in zip(headings[1:], ("Poetin wil", "Voorstel tot"), strict=True):
        assert heading is not None and heading.startswith(opening) and heading in lines, heading
    text = "\n".join(article.paragraphs)
    for boilerplate in ("Volg dit onderwerp", "Gebruik je de app", "Foto:"):
        assert boilerplate not in text
        assert any(boilerplate in line for line in article.removed)
    places = {p.name: p for p in article.places}
    for name, lat, lon in (("Kiev", 50.45, 30.52), ("Chernihiv", 51.5, 31.3), ("Warschau", 52.23, 21.01),
                           ("Minsk", 53.9, 27.57)):
        assert abs(places[name].lat - lat) < 0.5 and abs(places[name].lon - lon) < 0.5, name
    assert {"UA", "RU", "BY"} <= {p.country for p in article.places if p.kind == "country"}
    names = " | ".join(article.names)
    assert "Poetin" in names and "Zelensky" in names

    (again,) = ingest(service, seed_path)
    assert again.status is Status.DUPLICATE
    assert again.article is not None and again.article.id == result.article.id
    assert service.storage.count()["articles"] == 1


def test_bad_inputs_are_rejected_one_line_each_and_the_rest_goes_in(service: Service, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text("\n".join(BODY), encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.xml").write_text("this was supposed to be a feed", encoding="utf-8")
    (folder / "broken.html").write_text(
        "<html><head><title>Storm Wendela sluit Schiphol</title><body><article><h1>Storm Wendela sluit Schiphol"
        "<p>Door storm Wendela zijn dinsdag twee landingsbanen van Schiphol gesloten. Reizigers moeten rekening "
        "houden met vertragingen tot in de avond, meldt de luchthaven.<p>Ook de NS rijdt minder treinen tussen "
        "Amsterdam en Leiden, omdat er bomen op het spoor liggen. Het KNMI heeft code oranje afgegeven voor de "
        "kustprovincies.<div><p>Windstoten van 110 kilometer per uur worden verwacht aan de kust van Zeeland.",
        encoding="utf-8",
    )
    (folder / "nested.html").write_text("<html><body>" + "<div>" * 200_000 + "diep" + "</div>" * 200_000
                                        + "</body></html>", encoding="utf-8")
    cp1252 = "\n".join(BODY).replace("havenwerkers", "havenwerkers (‘dokwerkers’)") + "\nGeëvacueerd: één café."
    (folder / "cp1252.txt").write_bytes(cp1252.encode("cp1252"))
    latin1 = ("<html><head><meta charset='iso-8859-1'><title>Brussel</title></head><body><article><p>"
              + " ".join(BODY[1:]) + " Café in Liège geëvacueerd.</p></article></body></html>")
    (folder / "latin1.html").write_bytes(latin1.encode("latin-1"))
    (folder / "articles.jsonl").write_bytes(jsonl(
        record(1, text="Een tweede bericht. " + BODY[2] + " " + BODY[3]),
        {"title": "zonder url", "text": "tekst"},
        {"url": "https://havenbode.example/9", "title": "zonder tekst"},
    ))
    results = ingest(service, folder, "https://10.1.2.3/rss", tmp_path / "missing.txt")

    by_origin = {r.origin: r for r in results}
    rejected = {Path(r.origin).name: r.error for r in results if r.status is Status.REJECTED}
    assert set(rejected) == {"photo.jpg", "empty.txt", "feed.xml", "nested.html", "articles.jsonl:2",
                             "articles.jsonl:3", "rss", "missing.txt"}
    for error in rejected.values():
        assert error and "\n" not in error and "Traceback" not in error
    assert "binary" in rejected["photo.jpg"]
    assert "empty" in rejected["empty.txt"]
    assert rejected["articles.jsonl:2"].endswith("missing field 'url'")
    assert rejected["articles.jsonl:3"].endswith("missing field 'text' or 'html'")
    assert "10.1.2.3" in by_origin["https://10.1.2.3/rss"].error  # type: ignore[operator]
    stored = [r.article.clean for r in results if r.status is Status.NEW and r.article]
    assert len(stored) == 5
    texts = {Path(a.url).name if a.url.startswith("file:") else a.url: a.body for a in stored}
    assert "‘dokwerkers’" in texts["cp1252.txt"] and "Geëvacueerd: één café." in texts["cp1252.txt"]
    assert "Café in Liège geëvacueerd." in texts["latin1.html"]
    assert "landingsbanen van Schiphol" in texts["broken.html"]


def test_edited_article_becomes_an_update_and_a_wire_copy_is_linked(service: Service, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    first.write_bytes(jsonl(record(1)))
    (new,) = ingest(service, first)
    edited_text = "\n".join(BODY[:2] + ["Update 14.30: de vakbond heeft een nieuw bod ontvangen."] + BODY[2:])
    later = tmp_path / "later.jsonl"
    wire = "\n".join(["Rotterdam – " + BODY[0]] + BODY[1:3])
    later.write_bytes(jsonl(
        record(1, text=edited_text, id="hb-1-v2", title="Havenstaking: nieuw bod"),
        record(2, text=edited_text, id="copy", url="https://nieuwsnu.example/x", source="NieuwsNu"),
        record(3, text=wire, url="https://courier.example/strike", source="Northern Courier"),
    ))
    updated, verbatim, copy = ingest(service, later)
    assert new.article is not None and updated.article is not None
    assert updated.status is Status.UPDATED
    assert updated.article.id == new.article.id and updated.article.version == 2
    assert updated.article.clean.title == "Havenstaking: nieuw bod"
    assert verbatim.status is Status.DUPLICATE and verbatim.article is not None
    assert verbatim.article.id == new.article.id
    assert copy.status is Status.NEW and copy.article is not None
    assert copy.article.copy_of == new.article.id
    assert service.storage.count() | {"stories": 0} == {"sources": 0, "articles": 2, "versions": 3, "sightings": 1,
                                                         "stories": 0, "topics": 0}


def test_feed_with_summaries_fetches_the_full_pages(service: Service, http_server: TestServer) -> None:
    page = ("<html lang='nl'><head><title>Staking</title></head><body><nav>Home | Nieuws</nav><article>"
            "<h1>Havenstaking breidt uit</h1>" + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>")
    http_server.route("/artikel/1", Reply(body=page.encode(), headers={"Content-Type": "text/html; charset=utf-8"}))
    feed = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>De Havenbode</title>
      <link>{http_server.url('/')}</link><language>nl</language>
      <item><title>Havenstaking breidt uit</title><link>{http_server.url('/artikel/1')}</link>
      <guid>hb-77</guid><pubDate>Mon, 16 Nov 2026 08:00:00 GMT</pubDate>
      <description>Ruim 3000 havenwerkers staken.</description></item></channel></rss>"""
    http_server.route("/feed.xml", Reply(body=feed.encode(), headers={"Content-Type": "application/rss+xml"}))
    (result,) = ingest(service, http_server.url("/feed.xml"))
    assert result.status is Status.NEW and result.article is not None, result.error
    article = result.article.clean
    assert article.title == "Havenstaking breidt uit"
    assert article.external_id == "hb-77"
    assert article.source == "De Havenbode"
    assert "Maasvlakte Terminals" in article.body
    assert article.published_at == datetime(2026, 11, 16, 8, 0, tzinfo=UTC)


def _feed_of(*numbers: int) -> bytes:
    items = "".join(
        f"<item><title>Bericht {n}</title><link>https://havenbode.example/{n}</link><guid>{n}</guid>"
        f"<description><![CDATA[{''.join(f'<p>{p} ({n})</p>' for p in BODY)}]]></description></item>"
        for n in numbers
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>HB</title>{items}</channel></rss>'.encode()


def test_polling_uses_conditional_get(service: Service, http_server: TestServer) -> None:
    feed = _feed_of(1, 2)

    def answer(request: Request) -> Reply:
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(304)
        return Reply(body=feed, headers={"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    http_server.route("/feed.xml", answer)
    source = service.add_source(http_server.url("/feed.xml"), name="De Havenbode", every="10m")
    (first,) = service.poll(now=T0)
    assert [r.status for r in first.results] == [Status.NEW, Status.NEW]
    assert first.source.etag == '"v1"' and first.source.next_poll_at == T0 + timedelta(minutes=10)
    assert list(service.poll(now=T0 + timedelta(minutes=5))) == []  # not due yet
    (second,) = service.poll(now=T0 + timedelta(minutes=10))
    assert second.not_modified and second.results == ()
    assert http_server.requests[-1].headers["If-None-Match"] == '"v1"'
    assert service.get_source(source.url).last_status == 304


def test_gzipped_html_file(service: Service, tmp_path: Path) -> None:
    page = "<html><body><article><h1>Staking</h1>" + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>"
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(page.encode()))
    (result,) = ingest(service, path)
    assert result.status is Status.NEW and result.article is not None, result.error
    assert "Maasvlakte Terminals" in result.article.clean.body


def test_a_sentence_a_source_repeats_is_learned_and_cleaned_from_earlier_articles_too(
    service: Service, tmp_path: Path
) -> None:
    tip = "NieuwsNu is onafhankelijk en blijft gratis dankzij de steun van duizenden lezers."
    stories = [
        "De gemeenteraad van Venlo stemde donderdag in met een nieuwe dijk langs de Maas. De bouw begint in maart.",
        "Een brand in een loods in Roermond is vrijdagnacht onder controle gebracht. Niemand raakte gewond.",
        "Het Limburgs Museum in Venlo opent zaterdag een tentoonstelling over de watersnood van 1995.",
        "De NS zet in het weekend bussen in tussen Roermond en Maastricht wegens werk aan het spoor.",
    ]
    path = tmp_path / "nn.jsonl"
    path.write_bytes(jsonl(*(
        record(n, text=f"{story}\n{'De burgemeester reageert later op het nieuws.' if n == 1 else ''}\n{tip}",
               url=f"https://nieuwsnu.example/{n}", source="NieuwsNu", title=f"Bericht {n}")
        for n, story in enumerate(stories, start=1)
    )))
    results = ingest(service, path)
    assert [r.status for r in results] == [Status.NEW] * 4
    for article in service.articles(source="NieuwsNu"):
        assert tip not in article.clean.body, article.clean.title
        assert tip in article.clean.removed
        assert article.version == 1
    first = service.article(results[0].article.id)  # type: ignore[union-attr]
    assert first.clean.paragraphs == (stories[0], "De burgemeester reageert later op het nieuws.")


def test_a_learned_line_is_cleaned_only_from_the_recent_articles_that_hold_it_within_a_budget(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Service._reclean cleaned up to 200 of the source's articles again, whether they held the line or not, inside
    the transaction that stored the one which taught it: with long articles that held the writer for seconds."""
    import volg.intake

    line = "Dit stuk verscheen eerder in de papieren krant van NieuwsNu."
    stories = [f"In {code}dorp liggen sinds {code}dag de schepen van rederij {code}vaart stil. Havenmeester {code}man "
               f"verwacht dat de sluis van {code}kanaal pas na {code}week weer opengaat." for code in "abcdefghij"]
    # the line turns common with the last of the three articles (of ten) that hold it
    records = [record(n, text="\n".join([story, line] if n >= 7 else [story]), url=f"https://nieuwsnu.example/{n}",
                      source="NieuwsNu", title=f"Bericht {n}", published_at=f"2026-11-16T0{n}:00:00Z")
               for n, story in enumerate(stories)]
    recleaned: list[str] = []

    def counted(sections: tuple[Section, ...], profile: SourceProfile | None) -> object:
        recleaned.append(sections[0].paragraphs[0])
        return remove_boilerplate(sections, profile)

    monkeypatch.setattr(volg.intake, "remove_boilerplate", counted)
    monkeypatch.setattr(volg.intake, "RECLEAN_CHARS", sum(len(r["text"]) for r in records[-2:]) + 10)
    results = list(service.ingest_bytes(jsonl(*records), "nn.jsonl"))
    assert [r.status for r in results] == [Status.NEW] * 10
    assert recleaned == [stories[9], stories[8]], "the seven without the line are not cleaned again"
    bodies = [a.clean.body for a in service.articles(source="NieuwsNu")]
    assert [line in body for body in bodies] == [False] * 7 + [True, False, False], "the eighth is past the budget"


def test_headline_feeds_get_in_with_a_lower_minimum(tmp_path: Path) -> None:
    headline = {"url": "https://wire.example/1", "title": "Fed's Yellen signals rates stay low",
                "text": "Fed's Yellen signals rates stay low", "source": "Wire"}
    strict = Service(Settings(), open_storage(str(tmp_path / "a.db")), clock=lambda: T0)
    (result,) = strict.ingest_bytes(jsonl(headline), "h.jsonl")
    assert result.status is Status.REJECTED and "too short" in (result.error or "")
    lenient = Service(Settings(min_article_words=3), open_storage(str(tmp_path / "b.db")), clock=lambda: T0)
    (result,) = lenient.ingest_bytes(jsonl(headline), "h.jsonl")
    assert result.status is Status.NEW
    strict.close()
    lenient.close()



def test_an_item_that_breaks_cleaning_is_rejected_and_the_rest_of_the_poll_goes_in(
    service: Service, http_server: TestServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import volg.intake

    real = volg.intake.clean_article

    def clean_with_a_bug(raw, *args, **kwargs):  # type: ignore[no-untyped-def]
        if raw.title == "Bericht 2":
            raise KeyError("a bug met on this item")
        return real(raw, *args, **kwargs)

    monkeypatch.setattr(volg.intake, "clean_article", clean_with_a_bug)
    http_server.route("/feed.xml", lambda request: Reply(body=_feed_of(1, 2, 3)))
    service.add_source(http_server.url("/feed.xml"), name="De Havenbode", every="10m")
    (outcome,) = service.poll(now=T0)
    assert [r.status for r in outcome.results] == [Status.NEW, Status.REJECTED, Status.NEW]
    error = outcome.results[1].error or ""
    assert "https://havenbode.example/2" in error and "cleaning failed (KeyError" in error and "\n" not in error
    assert outcome.error is None and outcome.source.last_error is None and outcome.source.failures == 0
    assert "cleaning failed" in caplog.text and "Traceback" in caplog.text  # the details are in the log
    assert len(service.articles()) == 2


def _feed_about(*places: str, closing: str = "") -> bytes:
    """A feed of one article about each place, no two alike, each ending on `closing` when given."""
    items = "".join(
        f"<item><title>Bericht uit {place}</title><link>https://havenbode.example/{place}</link><guid>{place}</guid>"
        f"<description><![CDATA[<p>In {place} liggen sinds dinsdag de schepen stil. De havenmeester van {place} "
        f"verwacht dat de sluis bij {place} pas na het weekend weer opengaat.</p><p>Schippers in {place} noemen "
        f"de stremming een ramp voor hun bedrijf. Een woordvoerder van de gemeente {place} belooft hulp.</p>"
        f"<p>{closing}</p>]]></description></item>"
        for place in places
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>HB</title>{items}</channel></rss>'.encode()


def test_a_polled_feeds_items_are_stored_in_one_transaction(
    service: Service, http_server: TestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit of its own cost each article 0.6 ms; a feed's items go in together (in savepoints, so that one that
    fails rolls back alone: see test_a_poll_that_fails_after_fetching_is_recorded_on_the_source_which_backs_off)."""
    import volg.intake

    monkeypatch.setattr(volg.intake, "BATCH_ITEMS", 2)
    http_server.route("/feed.xml", lambda request: Reply(body=_feed_about("Venlo", "Roermond", "Maastricht")))
    service.add_source(http_server.url("/feed.xml"), name="De Havenbode", every="10m")
    statements: list[str] = []
    service.storage._db.set_trace_callback(statements.append)  # type: ignore[attr-defined]
    (outcome,) = service.poll(now=T0)
    assert [r.status for r in outcome.results] == [Status.NEW] * 3
    assert statements.count("BEGIN IMMEDIATE") == 3  # items 1 and 2, item 3, the source's polling state
    assert len(service.articles()) == 3


def test_a_line_an_item_of_a_polled_feed_teaches_leaves_the_items_before_and_after_it(
    service: Service, http_server: TestServer
) -> None:
    """The items of a batch are cleaned before any is stored, so before volg learns what they repeat."""
    tip = "De Havenbode is onafhankelijk en blijft gratis dankzij de steun van duizenden lezers."
    places = ("Venlo", "Roermond", "Maastricht", "Nijmegen", "Tiel", "Zaltbommel")
    http_server.route("/feed.xml", lambda request: Reply(body=_feed_about(*places, closing=tip)))
    service.add_source(http_server.url("/feed.xml"), name="De Havenbode", every="10m")
    (outcome,) = service.poll(now=T0)
    assert [r.status for r in outcome.results] == [Status.NEW] * 6
    for article in service.articles(source="De Havenbode"):
        assert tip not in article.clean.body and tip in article.clean.removed, article.clean.title


def test_a_poll_that_fails_after_fetching_is_recorded_on_the_source_which_backs_off(
    service: Service, http_server: TestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    http_server.route("/broken.xml", lambda request: Reply(body=_feed_of(1, 2, 3)))
    http_server.route("/fine.xml", lambda request: Reply(body=_feed_of(4)))
    broken = service.add_source(http_server.url("/broken.xml"), name="Broken", every="10m")
    service.add_source(http_server.url("/fine.xml"), name="Fine", every="10m")
    real = service.storage.add_article

    def refuse_the_second(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        if article.title == "Bericht 2":
            raise StorageError("volg.db: UNIQUE constraint failed: articles.url")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(service.storage, "add_article", refuse_the_second)
    outcomes = {o.source.name: o for o in service.poll(now=T0)}
    failed = outcomes["Broken"]
    assert failed.error == (f"{broken.url}: reading its items failed "
                            "(StorageError: volg.db: UNIQUE constraint failed: articles.url)")
    assert [r.status for r in failed.results] == [Status.NEW]  # what was stored before the failure stays
    assert failed.source.last_error == failed.error and failed.source.failures == 1
    assert failed.source.next_poll_at == T0 + timedelta(minutes=20)  # backs off: not every cycle again
    assert outcomes["Fine"].error is None and [r.status for r in outcomes["Fine"].results] == [Status.NEW]
    assert [o.source.name for o in service.poll(now=T0 + timedelta(minutes=10))] == ["Fine"]
    monkeypatch.undo()
    again = {o.source.name: o for o in service.poll(now=T0 + timedelta(minutes=20))}["Broken"]
    assert [r.status for r in again.results] == [Status.DUPLICATE, Status.NEW, Status.NEW]
    assert again.source.last_error is None and again.source.failures == 0


def test_an_article_whose_transaction_another_writer_deadlocked_is_stored_on_a_retry(
        service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL rolls one of two deadlocked writers back (a poll and a clusterer); that one tries again."""
    real = service.storage.lock_articles
    calls: list[int] = []

    def deadlocked_once() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise ConflictError("postgresql://db: deadlock detected")
        real()

    monkeypatch.setattr(service.storage, "lock_articles", deadlocked_once)
    record = {"url": "https://haven.example/staking", "title": "Havenstaking in Rotterdam", "text": "\n".join(BODY),
              "published_at": "2026-11-16T08:00:00Z", "source": "Havenkrant"}
    (result,) = service.ingest_bytes(jsonl(record), "stream.jsonl")
    assert result.status is Status.NEW and len(calls) == 2
    assert [a.clean.title for a in service.articles()] == ["Havenstaking in Rotterdam"]
    assert len(service.stories()) == 1


def test_a_writer_that_keeps_deadlocking_is_an_error_not_a_loop(service: Service,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def always() -> None:
        raise ConflictError("postgresql://db: deadlock detected")

    monkeypatch.setattr(service.storage, "lock_articles", always)
    record = {"url": "https://haven.example/staking", "title": "Havenstaking", "text": "\n".join(BODY),
              "published_at": "2026-11-16T08:00:00Z"}
    with pytest.raises(ConflictError):
        list(service.ingest_bytes(jsonl(record), "stream.jsonl"))
    assert service.articles() == []


def test_a_source_on_a_private_address_is_refused_when_added_not_only_when_polled(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with Service(Settings(), open_storage(str(tmp_path / "volg.db"))) as service:
        for url in ("http://127.0.0.1:8080/feed", "http://169.254.169.254/latest/", "http://[fec0::1]/rss"):
            with pytest.raises(FetchError, match="refused") as caught:
                service.add_source(url)
            assert caught.value.hint and "VOLG_ALLOW_PRIVATE_URLS" in caught.value.hint
        # a host that does not resolve now is kept, and told of: it is checked (and pinned) again at every poll
        told: list[Unresolved] = []
        assert service.add_source("https://news.invalid/rss", warn=told.append).url == "https://news.invalid/rss"
        assert [s.url for s in service.sources()] == ["https://news.invalid/rss"]
        assert told == [Unresolved("source", "https://news.invalid/rss", "news.invalid")]
        with caplog.at_level(logging.WARNING):  # nobody to tell: the log is
            service.add_source("https://other.invalid/rss")
        assert "source https://other.invalid/rss: host other.invalid does not resolve now" in caplog.text
    with Service(Settings(allow_private_urls=True), open_storage(str(tmp_path / "own.db"))) as own:
        assert own.add_source("http://127.0.0.1:8080/feed").url == "http://127.0.0.1:8080/feed"
