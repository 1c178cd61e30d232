"""The full-text ingest benchmark's site and leak count, on invented articles (no shared data needed)."""

from __future__ import annotations

from benchmarks.fulltext import FURNITURE, leaked, site

from volg.pipeline.ingest.feeds import COMPLETE_MIN_CHARS, parse_feed

RECORDS = [
    {"id": "1", "title": "Dijk houdt", "text": "Het water steeg. De dijk hield het. " * 30,
     "published_at": "2019-02-12", "publisher": "a"},
    {"id": "2", "title": "Trein rijdt", "text": "De trein reed weer. Reizigers waren blij. " * 30,
     "published_at": "2019-02-13", "publisher": None},
]


def test_each_publisher_has_a_feed_of_teasers_and_each_article_a_page_with_all_furniture() -> None:
    documents, gold = site(RECORDS, "http://127.0.0.1:1")
    feeds = sorted(path for path in documents if path.endswith("/rss.xml"))
    assert len(feeds) == 2 and set(gold) == {"http://127.0.0.1:1/a/1.html", "http://127.0.0.1:1/overig/2.html"}
    for path in feeds:
        entries = parse_feed(documents[path][1], path).entries
        assert [e.complete for e in entries] == [False]  # a teaser: the reader must fetch the page
        assert len(entries[0].raw.html or "") < COMPLETE_MIN_CHARS
    page = documents["/a/1.html"][1].decode()
    assert all(phrase.replace("&", "&amp;") in page for phrases in FURNITURE.values() for phrase in phrases)
    assert "De dijk hield het." in page


def test_leaked_counts_texts_per_piece_of_furniture_and_in_all() -> None:
    texts = {"a": "Nieuws. Wij gebruiken cookies en vergelijkbare technieken.", "b": "Nieuws.",
             "c": "Volg dit onderwerp\nAlle rechten voorbehouden"}
    assert leaked(texts) == {"navigation": 0, "cookie banner": 1, "follow widget": 1, "footer": 1, "any": 2}
