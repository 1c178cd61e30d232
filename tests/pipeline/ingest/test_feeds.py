from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from volg.errors import InputError
from volg.pipeline.ingest.feeds import Feed, looks_like_feed, parse_feed

FEEDS = Path(__file__).resolve().parents[2] / "data" / "feeds"


def read(name: str) -> Feed:
    return parse_feed((FEEDS / name).read_bytes(), name)


def test_rss_091() -> None:
    feed = read("rss091.xml")
    assert (feed.title, feed.link) == ("Oude Krant", "https://oudekrant.example/")
    assert [e.raw.title for e in feed.entries] == ["Gemeenteraad stemt in met nieuwe brug",
                                                   "Markt verhuist naar het plein"]
    first = feed.entries[0]
    assert not first.complete
    assert first.raw.url == first.raw.origin == "https://oudekrant.example/artikel/brug"
    assert first.raw.html == ("De gemeenteraad heeft dinsdagavond ingestemd met de bouw van een nieuwe brug over "
                              "de Waal.")
    assert (first.raw.language, first.raw.source, first.raw.published_at, first.raw.external_id) == (
        "nl", "Oude Krant", None, None)


def test_rss_20_with_full_content() -> None:
    feed = read("rss20_full.xml")
    full, short, linkless = feed.entries
    assert full.complete
    assert full.raw.html is not None and full.raw.html.startswith("<p>Het kabinet wil tot 2030")
    assert "Oppositiepartijen noemen de plannen te vaag" in full.raw.html
    assert full.raw.published_at == datetime(2024, 3, 12, 8, 15, tzinfo=UTC)
    assert (full.raw.external_id, full.raw.language, full.raw.source) == ("dagblad-88412", "nl", "Het Dagblad")
    assert not short.complete, "content:encoded shorter than a few paragraphs is a teaser"
    assert short.raw.html == "<p>Door een ongeluk staat er een lange file op de A2.</p>"
    assert (linkless.raw.url, linkless.raw.origin, linkless.raw.external_id) == (None, "rss20_full.xml#3", None)
    assert linkless.raw.html == "Alleen een samenvatting, zonder link of guid."


def test_rss_20_summary_only() -> None:
    feed = read("rss20_summary.xml")
    assert [e.complete for e in feed.entries] == [False, False]
    ajax = feed.entries[0].raw
    assert ajax.html == "<p>Ajax heeft de Klassieker met 2-1 gewonnen.</p>"
    assert ajax.published_at == datetime(2024, 4, 7, 14, 45, tzinfo=UTC)
    assert ajax.published_at.utcoffset() is not None
    assert (ajax.language, ajax.external_id) == (None, "https://sport.example/ajax-feyenoord")


def test_rss_10_rdf() -> None:
    feed = read("rss10.rdf")
    (entry,) = feed.entries
    assert feed.title == "Wetenschapsnieuws"
    assert (entry.raw.url, entry.raw.title) == ("https://wetenschap.example/komeet",
                                                "Sterrenkundigen ontdekken nieuwe komeet")
    assert entry.raw.published_at == datetime(2024, 5, 1, 19, 30, tzinfo=UTC)
    assert (entry.raw.language, entry.complete) == ("nl", False)


def test_atom_10() -> None:
    feed = read("atom.xml")
    assert (feed.title, feed.link) == ("World Desk", "https://world.example/")
    geneva, elections = feed.entries
    assert geneva.complete and geneva.raw.html is not None and geneva.raw.html.startswith("<p>Negotiators from both")
    assert geneva.raw.published_at == datetime(2024, 6, 1, 6, 0, tzinfo=UTC), "published wins over updated"
    assert (geneva.raw.external_id, geneva.raw.language) == ("tag:world.example,2024:geneva", "en")
    assert elections.raw.url is None, "a tag: id is no link"
    assert elections.raw.origin == "atom.xml#2"
    assert (elections.raw.language, elections.complete) == ("fr", False)
    assert elections.raw.published_at == datetime(2024, 6, 2, 7, 30, tzinfo=UTC), "updated when not published"
    assert elections.raw.html == "Le président annonce des élections anticipées."


def test_windows_1252_feed_decodes_per_its_declaration() -> None:
    (entry,) = read("rss20_cp1252.xml").entries
    assert entry.raw.title == "Coëfficiënt van naïeve café-eigenaar \u201cklopt niet\u201d"
    assert entry.raw.html == "De ruïne bij het café in Zeeën krijgt een opknapbeurt van € 2 miljoen."


def test_relative_links_resolve_against_a_url_origin() -> None:
    content = (b"<rss version='2.0'><channel><title>t</title><link>/</link>"
               b"<item><title>a</title><link>/nieuws/a</link></item></channel></rss>")
    feed = parse_feed(content, "https://site.example/rss")
    assert (feed.link, feed.entries[0].raw.url) == ("https://site.example/", "https://site.example/nieuws/a")
    assert parse_feed(content, "upload.xml").entries[0].raw.url is None


def test_entry_categories_become_genre_hints() -> None:
    rss = (b"<rss version='2.0'><channel><title>t</title><item><title>a</title><link>https://k.example/a</link>"
           b"<category>Opinie</category><category> Column </category><category>Opinie</category></item>"
           b"<item><title>b</title><link>https://k.example/b</link></item></channel></rss>")
    tagged, plain = parse_feed(rss, "k.xml").entries
    assert tagged.raw.hints == ("category:Opinie", "category:Column")
    assert plain.raw.hints == ()
    atom = (b"<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><entry><title>a</title>"
            b"<link href='https://k.example/c'/><id>c</id><updated>2024-01-01T00:00:00Z</updated>"
            b"<category term='liveblog' label='Liveblog'/></entry></feed>")
    assert parse_feed(atom, "k.atom").entries[0].raw.hints == ("category:liveblog",)


def test_a_feed_with_no_items_is_empty_not_an_error() -> None:
    feed = parse_feed(b"<rss version='2.0'><channel><title>Leeg</title></channel></rss>", "empty.xml")
    assert (feed.title, feed.entries) == ("Leeg", ())


@pytest.mark.parametrize("name", ["not_xml.txt", "page.html"])
def test_documents_that_are_not_feeds_are_refused(name: str) -> None:
    with pytest.raises(InputError) as caught:
        read(name)
    message = str(caught.value)
    assert message.startswith(f"{name}: not a feed (") and "\n" not in message


@pytest.mark.parametrize("content", [
    b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body><p>hoi</p></body></html>",
    b"<?xml version='1.0'?><opml version='2.0'><body/></opml>",
    b"",
])
def test_well_formed_xml_that_is_not_a_feed_is_refused(content: bytes) -> None:
    with pytest.raises(InputError, match=r"^x\.xml: not a feed \("):
        parse_feed(content, "x.xml")


def test_a_broken_feed_without_entries_is_refused() -> None:
    with pytest.raises(InputError, match=r"^broken\.xml: not a feed \("):
        parse_feed(b"<rss version='2.0'><channel><title>t</title></chan", "broken.xml")


def test_bytes_that_name_a_file_are_not_opened() -> None:
    with pytest.raises(InputError, match="not a feed"):
        parse_feed(str(FEEDS / "atom.xml").encode(), "path.txt")


@pytest.mark.parametrize("name, expected", [
    ("rss091.xml", True), ("rss20_full.xml", True), ("rss20_summary.xml", True), ("rss10.rdf", True),
    ("atom.xml", True), ("rss20_cp1252.xml", True), ("not_xml.txt", False), ("page.html", False),
])
def test_looks_like_feed_on_the_sample_files(name: str, expected: bool) -> None:
    assert looks_like_feed((FEEDS / name).read_bytes()) is expected


@pytest.mark.parametrize("content, expected", [
    (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- made by hand -->\n<feed xmlns='http://www.w3.org/2005/Atom'/>", True),
    ("<?xml version='1.0' encoding='utf-16'?><rss version='2.0'/>".encode("utf-16"), True),
    (b"<!DOCTYPE rss [<!ENTITY e 'x'>]>\n<rss version='0.91'>", True),
    (b"<atom:feed xmlns:atom='http://www.w3.org/2005/Atom'>", True),
    (b"<rssfeed/>", False),
    (b"<html><body><rss/></body></html>", False),
    (b"just <rss> in text", False),
    (b"", False),
])
def test_looks_like_feed_sniffs_the_root_element(content: bytes, expected: bool) -> None:
    assert looks_like_feed(content) is expected
