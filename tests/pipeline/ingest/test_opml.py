from __future__ import annotations

import pytest

from volg.errors import InputError
from volg.models import Source
from volg.pipeline.ingest.opml import read_opml, write_opml

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Mijn feeds</title></head>
  <body>
    <outline text="Nieuws">
      <outline text="NOS" title="NOS Nieuws" type="rss" xmlUrl="https://feeds.nos.example/nosnieuws"/>
      <outline text="Regio">
        <outline text="Omroep West" type="rss" xmlURL=" https://west.example/rss "/>
      </outline>
    </outline>
    <outline text="Zonder feed" htmlUrl="https://blog.example/"/>
    <outline xmlUrl="https://naamloos.example/atom"/>
  </body>
</opml>
"""


def test_read_finds_every_feed_outline_nested_included() -> None:
    assert read_opml(NESTED, "feeds.opml") == [
        ("https://feeds.nos.example/nosnieuws", "NOS Nieuws"),
        ("https://west.example/rss", "Omroep West"),
        ("https://naamloos.example/atom", None),
    ]


def test_round_trip_keeps_urls_and_names_with_awkward_characters() -> None:
    sources = [Source(url="https://a.example/feed?x=1&y=<2>", name='Tom & Jerry\'s "news"'),
               Source(url="https://b.example/rss", name="Zeeën, ruïnes en café's\nop twee regels"),
               Source(url="https://c.example/atom", name="bad \x00\x08 control")]
    text = write_opml(sources, title="volg <export> & co")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "<title>volg &lt;export&gt; &amp; co</title>" in text
    assert read_opml(text.encode("utf-8"), "export.opml") == [
        ("https://a.example/feed?x=1&y=<2>", 'Tom & Jerry\'s "news"'),
        ("https://b.example/rss", "Zeeën, ruïnes en café's\nop twee regels"),
        ("https://c.example/atom", "bad  control"),
    ]


def test_write_with_no_sources_is_still_opml() -> None:
    assert read_opml(write_opml([]).encode(), "empty.opml") == []


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<opml version="2.0"><body><outline text="&lol4;" xmlUrl="https://x.example/"/></body></opml>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&secret;" xmlUrl="https://x.example/"/></body></opml>
"""


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY,
                                     b'<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/opml.dtd"><opml/>'])
def test_doctypes_and_entities_are_refused(content: bytes) -> None:
    with pytest.raises(InputError, match=r"^evil\.opml: not OPML \(DOCTYPE and entity declarations"):
        read_opml(content, "evil.opml")


@pytest.mark.parametrize("content, reason", [
    (b"<rss version='2.0'><channel/></rss>", "root element is <rss>, not <opml>"),
    (b"", "no element found"),
    (b"name,url\nNOS,https://nos.example/rss\n", "syntax error"),
    (b"<opml><body><outline xmlUrl='https://x.example/'></body></opml>", "mismatched tag"),
])
def test_documents_that_are_not_opml_are_refused(content: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read_opml(content, "list.opml")
    assert str(caught.value).startswith("list.opml: not OPML (") and reason in str(caught.value)
