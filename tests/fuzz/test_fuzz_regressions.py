"""What fuzzing the ingest path (test_fuzz.py) found, each with the concrete input that showed it: exceptions that
escaped and lost the batch, work that grew with the square of an input's size, and what PostgreSQL refuses."""

from __future__ import annotations

import hashlib
import json
import time
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from tests.storage.backends import BACKENDS, database_url
from tests.web.server import serving

from volg.errors import InputError
from volg.models import MAX_TITLE_CHARS, Section, Status
from volg.pipeline.clean.names import find_names
from volg.pipeline.clean.sentences import split_sentences
from volg.pipeline.clean.structure import MAX_TEXT_CHARS, sections_from_text
from volg.pipeline.ingest.decode import decode_bytes
from volg.pipeline.ingest.documents import parse_document
from volg.pipeline.ingest.feeds import MAX_TAGS, parse_feed
from volg.pipeline.ingest.opml import read_opml
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web import create_app

NOW = datetime(2026, 11, 17, 12, 0, tzinfo=UTC)
TEXT = ("De sluis bij Lith is na drie weken onderhoud weer open voor de scheepvaart, meldt Rijkswaterstaat. "
        "Schippers hoeven niet langer om te varen via het Maas-Waalkanaal, zegt woordvoerder Anna de Wit.")
FAST_S = 3.0
"""What a fixed input may take now; before its fix it took from 40 s to many minutes."""


@pytest.fixture(params=BACKENDS)
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Service]:
    with database_url(request.param, tmp_path) as url:
        svc = Service(Settings(fetch_full_pages=False), open_storage(url), clock=lambda: NOW)
        yield svc
        svc.close()


def text(number: int) -> str:
    """An article's text, its words different for each number (the same text twice is a duplicate)."""
    code = "".join("abcdefghij"[int(digit)] for digit in str(number))
    return (f"Sluis {code} is na drie weken onderhoud aan de deuren van {code} weer open, meldt beheerder {code}. "
            f"Schippers op weg naar haven {code} hoeven niet langer om te varen via kanaal {code}, zegt {code}.")


def one_line(message: str | None) -> bool:
    return bool(message and message.strip()) and not any(brk in (message or "") for brk in "\n\r")


def line(number: int, **fields: object) -> str:
    record = {"url": f"https://sluis.example/{number}", "title": f"Sluis {number} open", "text": text(number)}
    return json.dumps(record | fields)


def rss(*items: str, channel: str = "", declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    return (f'{declaration}<rss version="2.0"><channel><title>Sluisnieuws</title>{channel}'
            + "".join(f"<item>{item}</item>" for item in items) + "</channel></rss>").encode()


# JSON Lines


def test_a_lone_surrogate_or_a_nul_in_a_json_string_is_stored_as_a_replacement_character(service: Service) -> None:
    """fuzz-jsonl-1-27: "\\ud800" in a JSON string raised UnicodeEncodeError from the database, and "\\u0000" a
    StorageError on PostgreSQL; either escaped and lost the batch."""
    content = "\n".join([line(1, title="Sluis LONE open", section="OTHER", text=text(1).replace("open", "open NUL")),
                         line(2), line(3)])
    content = content.replace("LONE", "\\ud800").replace("OTHER", "\\udfff").replace("NUL", "\\u0000")
    results = list(service.ingest_bytes(content.encode(), "sluis.jsonl"))
    assert [r.status for r in results] == [Status.NEW] * 3, [r.error for r in results]
    first = results[0].article
    assert first is not None and first.clean.title == "Sluis \ufffd open"
    assert "\x00" not in " ".join(p for s in first.clean.sections for p in s.paragraphs)


@pytest.mark.parametrize("url", ["http://[::1/x", "http://[::1]:99999/x", "http://exa\uff0fmple.com/x",
                                 "https://example.com:-1/"])
def test_a_json_line_whose_url_urllib_cannot_read_is_rejected_alone(service: Service, url: str) -> None:
    """A URL urlsplit refuses raised ValueError from the service (the source's host) or dedupe (the port)."""
    content = "\n".join([line(1, url=url), line(2)]).encode()
    bad, good = service.ingest_bytes(content, "sluis.jsonl")
    assert bad.status is Status.REJECTED and one_line(bad.error) and "sluis.jsonl:1: field 'url'" in (bad.error or "")
    assert good.status is Status.NEW, good.error


@pytest.mark.parametrize("field", ["source", "title", "url"])
def test_a_json_line_with_a_field_too_long_for_an_index_is_rejected_alone(service: Service, field: str) -> None:
    """fuzz-jsonl-5-80: a source of 200,000 characters; PostgreSQL raised "index row size 6904 exceeds btree version
    4 maximum 2704" (the outlet, an article's URL), and for a title of 40,000 distinct words "string is too long for
    tsvector": a StorageError, which loses the batch."""
    long = " ".join(hashlib.md5(str(i).encode()).hexdigest() for i in range(40_000))
    value = f"https://sluis.example/{long.replace(' ', '/')}" if field == "url" else long
    content = "\n".join([line(1, **{field: value}), line(2)]).encode()
    bad, good = service.ingest_bytes(content, "sluis.jsonl")
    assert bad.status is Status.REJECTED and one_line(bad.error) and f"field '{field}'" in (bad.error or "")
    assert good.status is Status.NEW, good.error


def test_a_feed_whose_title_or_links_are_too_long_for_an_index_still_goes_in(service: Service) -> None:
    """fuzz-rss-5-59: 500 KB of brackets in the channel's title, which names the outlet: "index row requires 74864
    bytes" on PostgreSQL."""
    long = " ".join(hashlib.md5(str(i).encode()).hexdigest() for i in range(40_000))
    content = rss(item(1).replace("Sluis 1 open", long), item(2, f"https://sluis.example/{'a' * 3000}"), item(3))
    content = content.replace(b"<title>Sluisnieuws", f"<title>{long}".encode())
    results = list(service.ingest_bytes(content, "sluis.rss"))
    assert [r.status for r in results] == [Status.NEW, Status.REJECTED, Status.NEW], [r.error for r in results]
    first = results[0].article
    assert first is not None and len(first.clean.source) <= 200 and len(first.clean.title) <= 1000


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00Z", "0100-01-01T01:00:00Z", "0999-06-01T00:00:00+00:00"])
def test_a_json_line_published_before_the_year_1000_is_rejected_alone(service: Service, moment: str) -> None:
    """The database stored the year 100 as '100-01-01T...', which it could not read back: ValueError, the batch
    lost (and a 500 from the API)."""
    bad, good = service.ingest_bytes("\n".join([line(1, published_at=moment), line(2)]).encode(), "sluis.jsonl")
    assert bad.status is Status.REJECTED and one_line(bad.error) and "out of range" in (bad.error or "")
    assert good.status is Status.NEW, good.error
    assert len(service.articles()) == 1


def test_a_feed_entry_published_before_the_year_1000_goes_in_without_its_time(service: Service) -> None:
    """fuzz-rss-7-10013: feedparser reads "Mon, 01 Jan 0001 00:00:00 +0100" as the year 100."""
    content = rss(item(1) + "<pubDate>Mon, 01 Jan 0001 00:00:00 +0100</pubDate>",
                  item(2) + "<pubDate>Sat, 01 Jan 0100 00:00:00 GMT</pubDate>")
    results = list(service.ingest_bytes(content, "sluis.rss"))
    assert [r.status for r in results] == [Status.NEW, Status.NEW], [r.error for r in results]
    assert all(a.clean.published_at == NOW for a in service.articles())


# pages and text


PAGE = (f'<html><head><title>Sluis open</title><link rel="canonical" href="http://[::1/x"></head>'
        f"<body><article><h1>Sluis weer open</h1><p>{TEXT}</p><p>{TEXT.replace('Lith', 'Grave')}</p>"
        "</article></body></html>")


def test_a_page_whose_canonical_link_urllib_cannot_read_keeps_its_own_url(service: Service) -> None:
    (result,) = service.ingest_bytes(PAGE.encode(), "sluis.html", url="https://sluis.example/pagina")
    assert result.status is Status.NEW, result.error
    assert result.article is not None and result.article.clean.url == "https://sluis.example/pagina"


def test_a_page_whose_title_is_too_long_for_an_index_goes_in_with_it_cut(service: Service) -> None:
    """An og:title of 40,000 distinct words reached PostgreSQL whole: "string is too long for tsvector", a
    StorageError, the batch lost (a feed entry's title was cut, a JSON line's refused)."""
    long = " ".join(hashlib.md5(str(i).encode()).hexdigest() for i in range(40_000))
    page = PAGE.replace("<title>", f'<meta property="og:title" content="{long}"><title>')
    (result,) = service.ingest_bytes(page.encode(), "sluis.html", url="https://sluis.example/titel")
    assert result.status is Status.NEW, result.error
    assert result.article is not None and result.article.clean.title == long[:MAX_TITLE_CHARS].rstrip()


def test_a_page_given_a_url_urllib_cannot_read_is_rejected_in_one_line(service: Service) -> None:
    """POST /api/articles?url=http://[::1/x raised ValueError from the service."""
    (result,) = service.ingest_document(PAGE.encode(), "body", content_type="text/html", url="http://[::1/x")
    assert result.status is Status.REJECTED and one_line(result.error), result.error


@pytest.mark.parametrize("charset", ["quopri", "idna", "rot13", "base64", "uu", "zlib", "hex", "bz2", "punycode",
                                     "undefined", "utf-7", "unicode_escape", "raw_unicode_escape"])
def test_a_declared_charset_that_is_no_text_encoding_is_taken_for_none(charset: str) -> None:
    """A page (or a Content-Type) declaring one raised LookupError or UnicodeError, or made lone surrogates."""
    page = f'<html><head><meta charset="{charset}"></head><body><p>Caf\xe9 +2AA- \\ud800</p></body></html>'
    for declared in (charset, None):
        text = decode_bytes(page.encode("latin-1"), "page.html", declared)
        assert "Café +2AA- \\ud800" in text
    (item,) = parse_document(page.encode("latin-1"), "body", content_type="text/html", charset=charset,
                             url="https://sluis.example/")
    assert not isinstance(item, InputError)


def test_a_nul_past_the_first_8_kb_is_a_replacement_character() -> None:
    """The binary check reads 8 KB; a NUL after that reached PostgreSQL, which refuses it."""
    assert decode_bytes(b"a " * 5000 + b"\x00b", "page.txt").endswith("a \ufffdb")


def test_a_text_longer_than_an_article_is_refused_before_any_work(service: Service) -> None:
    """Half a million one-letter lines took 6 s to clean, a megabyte of "a\\n" 12 s."""
    start = time.perf_counter()
    with pytest.raises(InputError, match="text too long to be an article"):
        sections_from_text("a\n" * (MAX_TEXT_CHARS // 2 + 1))
    (result,) = service.ingest_bytes(("a\n" * 500_000).encode(), "lang.txt", url="file:///lang.txt")
    assert result.status is Status.REJECTED and one_line(result.error) and "too long" in (result.error or "")
    assert time.perf_counter() - start < FAST_S


def test_a_page_whose_text_is_longer_than_an_article_is_refused_before_cleaning(service: Service) -> None:
    """clean_article bounded only plain text: a page's (a feed entry's, a JSON line's html) went to cleaning
    whatever its length, at up to 10 µs a character (a 500,000-character paragraph 3 to 5 s)."""
    paragraph = " ".join(text(n) for n in range(MAX_TEXT_CHARS // len(text(1)) + 1))
    page = f"<html><body><article><h1>Sluis open</h1><p>{paragraph}</p></article></body></html>"
    start = time.perf_counter()
    results = [*service.ingest_bytes(page.encode(), "lang.html", url="https://sluis.example/lang"),
               *service.ingest_bytes("\n".join([line(1, text=None, html=page), line(2)]).encode(), "sluis.jsonl")]
    assert [r.status for r in results] == [Status.REJECTED, Status.REJECTED, Status.NEW], [r.error for r in results]
    assert all(one_line(r.error) and "text too long to be an article" in (r.error or "") for r in results[:2])
    assert time.perf_counter() - start < FAST_S


def test_a_sentence_with_a_long_run_without_spaces_is_split_in_linear_time() -> None:
    """fuzz-text-1-6: 200,000 characters without a space ("ab1ab1...") inside a sentence; the abbreviation check
    searched the whole sentence for its last word from every position (minutes)."""
    text = "Studenten vroegen al jaren om meer plek" + "ab1" * 70_000 + " om te studeren. Een proef trok bezoekers."
    start = time.perf_counter()
    sentences = split_sentences(text, "nl")
    assert time.perf_counter() - start < FAST_S
    assert sentences[-1] == "Een proef trok bezoekers." and len(sentences) == 2


def test_a_long_run_of_capitalised_words_is_no_name_and_costs_no_square() -> None:
    """200,000 characters of "Ab Ab Ab ..." took 72 s: every name candidate's endings and titles were compared."""
    sections = (Section(None, ("Burgemeester Femke Jansen opende dinsdag de nieuwe brug.", "Ab " * 66_000 + "x.")),)
    start = time.perf_counter()
    names = find_names(sections, "nl", ())
    assert time.perf_counter() - start < FAST_S
    assert "Femke Jansen" in names and not any(name.startswith("Ab Ab") for name in names)


def test_a_heading_word_of_200000_letters_is_not_tried_as_a_compound() -> None:
    """fuzz-text-6-21: 200,000 "é" inserted after "Vrijwilligers" in a heading; every cut of the word was looked up
    as two words (minutes)."""
    sections = (Section("Vrijwilligers" + "é" * 200_000 + " achter de balie",
                        ("Op zondag staan vooral vrijwilligers van Femke Jansen achter de balie.",)),)
    start = time.perf_counter()
    names = find_names(sections, "nl", ())
    assert time.perf_counter() - start < FAST_S
    assert "Femke Jansen" in names


# feeds

def item(number: int, link: str | None = None) -> str:
    return (f"<title>Sluis {number} open</title><link>{link or f'https://sluis.example/{number}'}</link>"
            f"<description>&lt;p&gt;{text(number)}&lt;/p&gt;&lt;p&gt;Meer volgt.&lt;/p&gt;</description>")


ITEM = item(1)


@pytest.mark.parametrize("reference", ["&#xD800;", "&#55357;&#56832;", "&#x110000;", "&#99999999999999999999;",
                                       "&#0;"])
def test_a_character_reference_to_no_character_does_not_lose_the_feed(reference: str) -> None:
    """feedparser raised UnicodeEncodeError, ValueError or OverflowError on them (and kept &#0; as a NUL)."""
    feed = parse_feed(rss(f"<title>Sluis{reference} open</title><link>https://sluis.example/1</link>"
                          f"<description><![CDATA[<p>{reference}{TEXT}</p>]]></description>",
                          item(2).replace("Sluis 2 open", "Sluis &#x1F6A2; open")), "sluis.rss")
    first, second = feed.entries
    assert first.raw.title is not None and first.raw.title.startswith("Sluis\ufffd")
    assert "\x00" not in (first.raw.html or "") and second.raw.title == "Sluis \U0001f6a2 open"


def test_a_raw_nul_in_a_feed_is_a_replacement_character(service: Service) -> None:
    """fuzz-atom-8-74: NUL bytes in a feed went through feedparser's loose parser into the title and the text, and
    PostgreSQL refused them: a StorageError, the batch lost."""
    content = rss(item(1).replace("Sluis 1 open", "Sluis\x00 1 open").replace("Meer volgt", "Meer\x00 volgt"), item(2))
    results = list(service.ingest_bytes(content, "sluis.rss"))
    assert [r.status for r in results] == [Status.NEW, Status.NEW], [r.error for r in results]
    first = results[0].article
    assert first is not None and first.clean.title == "Sluis\ufffd 1 open"


@pytest.mark.parametrize("encoding", ["punycode", "undefined"])
def test_a_feed_declaring_an_encoding_python_cannot_use_is_refused_in_one_line(encoding: str) -> None:
    with pytest.raises(InputError, match="not a feed") as refused:
        parse_feed(rss(ITEM, declaration=f'<?xml version="1.0" encoding="{encoding}"?>'), "sluis.rss")
    assert one_line(str(refused.value))


@pytest.mark.parametrize("link", ["http://[::1/x", "http://exa\uff0fmple.com/x", "http://[::1]:99999/x"])
def test_a_feed_link_urllib_cannot_read_is_no_link(service: Service, link: str) -> None:
    """As the feed's link (the base of relative entry links) it raised ValueError from urljoin, losing the feed; as
    an entry's link it raised in the service or in dedupe, losing the batch."""
    content = rss(item(1, "/1"), item(2, link), item(3), channel=f"<link>{link}</link>")
    results = list(service.ingest_bytes(content, "sluis.rss"))
    assert [r.status for r in results] == [Status.REJECTED, Status.REJECTED, Status.NEW], [r.error for r in results]
    assert all(one_line(r.error) and "has no URL" in (r.error or "") for r in results[:2])


def test_a_feed_of_too_many_tags_is_refused_before_parsing() -> None:
    """fuzz-atom-1-4: 400,000 empty paragraphs in a feed took feedparser 20 s."""
    content = rss(ITEM, channel="<p>a</p>" * (MAX_TAGS // 2 + 1))
    start = time.perf_counter()
    with pytest.raises(InputError, match="feed too complex"):
        parse_feed(content, "sluis.rss")
    assert time.perf_counter() - start < FAST_S


def test_an_entry_time_feedparser_cannot_read_warns_of_nothing() -> None:
    """fuzz-rss-0-14: a pubDate with a flipped bit made feedparser warn (DeprecationWarning) when asked for the
    updated time instead: an exception where warnings are errors, as in the tests."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (entry,) = parse_feed(rss(ITEM + "<pubDate>Tue, 17 Nox 2026 07:15:00 +0100</pubDate>"), "sluis.rss").entries
    assert entry.raw.published_at is None


# OPML


@pytest.mark.parametrize("encoding", ["UTZ-8", "shift_jis", "quopri", "idna", "punycode", "undefined", "utf-7"])
def test_an_opml_file_declaring_an_encoding_expat_cannot_use_is_refused_in_one_line(encoding: str) -> None:
    """fuzz-opml-3-51: a flipped bit made "UTF-8" "UTZ-8", and expat raised LookupError (ValueError for a
    multi-byte encoding, UnicodeError for idna) out of volg sources import."""
    content = (f'<?xml version="1.0" encoding="{encoding}"?><opml version="2.0"><body>'
               '<outline text="Sluisnieuws" xmlUrl="https://sluis.example/feed"/></body></opml>').encode()
    with pytest.raises(InputError, match="sluis.opml: not OPML") as refused:
        read_opml(content, "sluis.opml")
    assert one_line(str(refused.value))


@pytest.mark.parametrize("url", ["http://[::1/x", "http://exa\uff0fmple.com/x"])
def test_an_opml_outline_whose_url_urllib_cannot_read_is_refused_in_one_line(tmp_path: Path, url: str) -> None:
    """fuzz-opml-3-181: adding the source raised ValueError."""
    content = f'<opml version="2.0"><body><outline text="Sluis" xmlUrl="{url}"/></body></opml>'.encode()
    with Service(Settings(), open_storage(str(tmp_path / "volg.db"))) as service, \
            pytest.raises(InputError, match="is no URL") as refused:
        service.import_opml(content, "sluis.opml")
    assert one_line(str(refused.value))


# a page's time and a JSON body posted to the API (once KNOWN_ISSUES of test_fuzz.py: the fix lay outside ingest)


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "0100-01-01T01:00:00Z"])
def test_a_page_time_at_the_edge_of_the_calendar_costs_the_page_only_its_time(service: Service, moment: str) -> None:
    """extract.parse_datetime let the OverflowError of astimezone out (the page rejected as 'cleaning failed'), and
    passed the year 100 on, which the database stored as '100-01-01' and could not read back."""
    page = PAGE.replace("<title>", f'<meta property="article:published_time" content="{moment}"><title>')
    (result,) = service.ingest_bytes(page.encode(), "sluis.html", url="https://sluis.example/tijd")
    assert result.status is Status.NEW, result.error
    assert result.article is not None and result.article.clean.published_at == NOW


@pytest.mark.parametrize("surrogate", [b"\\ud800", b"\xed\xa0\x80"])
def test_a_json_body_with_a_lone_surrogate_goes_in_with_a_replacement_character(tmp_path: Path,
                                                                                surrogate: bytes) -> None:
    """fuzz-jsonl-9-20028: json.loads reads the escape, and the bytes too (it decodes with 'surrogatepass'), and
    web/api.py's _as_json_lines wrote the surrogate back out: UnicodeEncodeError, a 500. A JSON Lines file's goes in
    as U+FFFD; so does the API's."""
    settings = Settings(base_url="http://volg.test", api_token="token", fetch_full_pages=False, rate_limit_api="",
                        rate_limit_token="")
    body = line(1, title="Sluis LONE open").encode().replace(b"LONE", surrogate)
    with (Service(settings, open_storage(str(tmp_path / "volg.db")), clock=lambda: NOW) as service,
          serving(create_app(service)) as base):
        answer = httpx.post(f"{base}/api/articles", content=body, timeout=30,
                            headers={"Authorization": "Bearer token", "Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"][0]["title"] == "Sluis \ufffd open"
