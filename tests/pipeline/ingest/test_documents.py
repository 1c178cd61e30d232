import json

from volg.models import RawArticle, Rejected
from volg.pipeline.ingest.documents import Kind, parse_document, sniff
from volg.pipeline.ingest.feeds import FeedEntry


def line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_sniffing() -> None:
    assert sniff("<!DOCTYPE html><html><body><p>x</p></body></html>") is Kind.HTML
    assert sniff("<!-- saved --> <html lang=nl>") is Kind.HTML
    assert sniff("<div><p>a</p><p>b</p><p>c</p></div>") is Kind.HTML
    assert sniff('{"url": "https://a.example/1"}\n') is Kind.JSONL
    assert sniff("Gewoon tekst.\nNog een alinea.") is Kind.TEXT
    assert sniff("Tekst met < en > tekens.", "notes.html") is Kind.HTML


def test_jsonl_keeps_good_lines_and_names_bad_ones() -> None:
    text = "\n".join(
        [
            line(url="https://a.example/1", title="Een", text="Alinea een.\nAlinea twee.", id=17,
                 published_at="2026-11-16T08:00:00+01:00", source="De Havenbode", language="nl"),
            "{not json",
            line(title="zonder url", text="Tekst."),
            line(url="https://a.example/3", title="zonder tekst"),
            line(url="https://a.example/4", text="Tekst.", published_at="gisteren"),
            "[1, 2]",
            "",
            line(url="https://a.example/5", html="<p>Hallo</p>", published_at="2026-11-16T08:00:00"),
        ]
    )
    items = list(parse_document(text.encode(), "articles.jsonl"))
    assert [type(i) for i in items] == [RawArticle, Rejected, Rejected, Rejected, Rejected, Rejected, RawArticle]
    first = items[0]
    assert isinstance(first, RawArticle)
    assert first.external_id == "17"
    assert first.published_at is not None and first.published_at.isoformat() == "2026-11-16T07:00:00+00:00"
    errors = [i.error for i in items if isinstance(i, Rejected)]
    assert errors[0].startswith("articles.jsonl:2: not valid JSON")
    assert errors[1] == "articles.jsonl:3: missing field 'url'"
    assert errors[2] == "articles.jsonl:4: missing field 'text' or 'html'"
    assert errors[3].startswith("articles.jsonl:5: field 'published_at' is not an ISO 8601 time")
    assert errors[4] == "articles.jsonl:6: expected a JSON object, got list"
    last = items[-1]
    assert isinstance(last, RawArticle) and last.html == "<p>Hallo</p>"
    assert last.published_at is not None and last.published_at.utcoffset() is not None


def test_jsonl_genre_fields_become_hints() -> None:
    text = "\n".join([
        line(url="https://a.example/1", text="Tekst.", genre="Column", section="Opinie & Debat",
             categories=["Politiek", "Opinie", 7]),
        line(url="https://a.example/2", text="Tekst.", category="Liveblog", section={"naam": "Sport"}),
        line(url="https://a.example/3", text="Tekst."),
    ])
    first, second, third = parse_document(text.encode(), "articles.jsonl")
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle) and isinstance(third, RawArticle)
    assert first.hints == ("genre:Column", "section:Opinie & Debat", "category:Politiek", "category:Opinie")
    assert second.hints == ("category:Liveblog",), "a value of another shape is no hint, and no reason to refuse"
    assert third.hints == ()


def test_html_page_takes_its_canonical_url() -> None:
    page = b'<html><head><link rel="canonical" href="/nieuws/1"></head><body><p>x</p></body></html>'
    (item,) = parse_document(page, "saved.html", url="https://www.example.org/x?utm_source=a")
    assert isinstance(item, RawArticle)
    assert item.url == "https://www.example.org/nieuws/1"
    assert item.html is not None and item.text is None


def test_plain_text_and_source() -> None:
    (item,) = parse_document(b"Alinea.\nNog een.", "a.txt", url="file:///a.txt", source="Lokaal")
    assert item == RawArticle(origin="a.txt", url="file:///a.txt", text="Alinea.\nNog een.", source="Lokaal")


def test_a_file_named_as_a_feed_that_is_not_one_is_rejected() -> None:
    (item,) = parse_document(b"this is not xml at all", "news.xml")
    assert isinstance(item, Rejected)
    assert item.error.startswith("news.xml: ")


def test_an_opml_file_is_no_article() -> None:
    for opml in (b'<?xml version="1.0"?>\n<!-- feeds -->\n<opml version="2.0"><body><outline xmlUrl="https://f.example/'
                 b'rss" text="F"/></body></opml>', b"\xef\xbb\xbf<OPML><body/></OPML>", b"<opml/>"):
        (item,) = parse_document(opml, "feeds.txt", url="file:///feeds.txt", content_type="text/x-opml")
        assert isinstance(item, Rejected) and "OPML" in item.error and "volg sources import" in item.error


def test_binary_and_empty_are_rejected() -> None:
    (binary,) = parse_document(b"\x00\x01\x02\x03PK\x03\x04" * 20, "photo.jpg")
    (empty,) = parse_document(b"", "empty.txt")
    assert isinstance(binary, Rejected) and "binary" in binary.error
    assert isinstance(empty, Rejected) and "empty" in empty.error


def test_feed_entries_get_the_given_source(tmp_path: object) -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><link>https://f.example/</link>
    <item><title>Een</title><link>https://f.example/1</link><description>Kort.</description></item>
    </channel></rss>"""
    (entry,) = parse_document(rss, "feed.xml", source="Mijn bron")
    assert isinstance(entry, FeedEntry)
    assert entry.raw.source == "Mijn bron" and entry.raw.url == "https://f.example/1"


def test_jsonl_lines_that_break_parsers_are_named_and_the_rest_goes_in() -> None:
    good = line(url="https://a.example/ok", title="Goed", text="Tekst.")
    text = "\n".join([
        line(url="https://a.example/1", text="Tekst.", published_at="0001-01-01T00:00:00+01:00"),
        '{"url": "https://a.example/2", "text": "Tekst.", "id": ' + "9" * 5000 + "}",
        "[" * 100_000,
        line(url="https://a.example/3", title="Titel\u2028met scheidingsteken", text="Tekst\u2029in alinea's."),
        good,
    ])  # fmt: skip
    items = list(parse_document(text.encode(), "articles.jsonl"))
    assert [type(i) for i in items] == [Rejected, Rejected, Rejected, RawArticle, RawArticle]
    errors = [i.error for i in items if isinstance(i, Rejected)]
    assert errors[0] == "articles.jsonl:1: field 'published_at' is out of range: '0001-01-01T00:00:00+01:00'"
    assert errors[1].startswith("articles.jsonl:2: not valid JSON (Exceeds the limit (4300 digits)")
    assert errors[2] == "articles.jsonl:3: not valid JSON (nested too deeply)"
    separated = items[3]
    assert isinstance(separated, RawArticle) and separated.title == "Titel\u2028met scheidingsteken"
