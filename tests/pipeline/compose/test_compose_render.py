"""Renderings: text, email-safe HTML, JSON, Atom; escaping, link filtering, Dutch and English labels."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import timedelta
from html.parser import HTMLParser

from tests.pipeline.compose.invented import T0, dev

from volg.models import Citation, Digest, DigestItem
from volg.pipeline.compose import (
    render_atom_entry,
    render_html,
    render_json,
    render_text,
)

ATOM = "{http://www.w3.org/2005/Atom}"
EVIL = 'Dijk breekt <script>alert(1)</script><img src=x onerror="alert(2)">'


def digest(*items: DigestItem, language: str = "nl") -> Digest:
    return Digest(1, "hoogwater", T0 + timedelta(hours=5), T0, items, language)


DUTCH = digest(
    DigestItem(dev("4:18.0", 4, 8.65, 60, headline="Luik evacueert 1.800 bewoners",
                   reasons=("3 outlets in 3 hours", "in 2 headlines", "update 16 Nov 08:00 UTC",
                            "new: 1.800 bewoners, Angleur", "topic: in 2 headlines; 3 of 4 leads"),
                   update_of="4:8.0", new=("1.800 bewoners",)), is_update=True),
    DigestItem(dev("7:15.0", 7, 4.5, 120, headline="Klimaatfonds ook voor de Maas",
                   reasons=("1 outlet", "in 1 headline", "first report 16 Nov 09:00 UTC"))),
)


def test_text_has_header_items_in_order_sources_why_and_footer():
    text = render_text(DUTCH, topic_name="Hoogwater", manage_url="https://volg.example/s/1", tz="Europe/Amsterdam")
    assert text.startswith("Hoogwater\nmaandag 16 november 2026, 13:00\n2 ontwikkelingen sinds 16 nov 08:00\n")
    assert text.index("Luik evacueert") < text.index("Klimaatfonds")
    assert "1. Update: Luik evacueert 1.800 bewoners" in text
    assert "2. Klimaatfonds ook voor de Maas" in text
    assert "Bronnen:" in text and "De Havenbode, 09:00: https://www.example.nl/a" in text
    flat = " ".join(text.split())  # the why line wraps
    assert "Waarom: belang 8,7 — 3 media in 3 uur; in 2 koppen; update 16 nov 09:00; nieuw: 1.800" in flat
    assert "onderwerp: in 2 koppen; 3 van 4 intro's" in flat
    assert "Waarom: belang 4,5 — 1 medium; in 1 kop; eerste melding 16 nov 10:00" in flat
    assert text.rstrip().endswith("Abonnement beheren of opzeggen: https://volg.example/s/1")
    assert all(len(line) <= 78 for line in text.splitlines())


def test_english_labels_for_an_english_digest():
    english = digest(DigestItem(dev("1:1.0", 1, 5.0, 60, language="en", reasons=("2 outlets in 1 hour",))),
                     language="en")
    text = render_text(english, topic_name="Floods", tz="America/New_York")
    assert "Monday 16 November 2026, 07:00" in text
    assert "Sources:" in text and "Why: importance 5.0 — 2 outlets in 1 hour" in text
    assert "Bronnen" not in text


def test_an_item_in_another_language_than_the_digest_says_so():
    english = DigestItem(dev("1:1.0", 1, 5.0, 60, language="en", headline="Meuse floods Liège"))
    dutch = DigestItem(dev("2:1.0", 2, 4.0, 60, language="nl", headline="Maas treedt buiten haar oevers"))
    text = render_text(digest(english, dutch), topic_name="Hoogwater", tz="Europe/Amsterdam")
    assert "1. Meuse floods Liège (Engelstalig)" in text
    assert "2. Maas treedt buiten haar oevers\n" in text
    html = render_html(digest(english, dutch, language="en"), topic_name="Floods")
    assert "Maas treedt buiten haar oevers (in Dutch)" in html and "Meuse floods Liège (" not in html


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def test_html_escapes_script_and_handlers_and_drops_unsafe_links():
    bad = digest(DigestItem(dev("1:1.0", 1, 5.0, 60, headline=EVIL, summary=(EVIL,), url="javascript:alert(3)")),
                 DigestItem(dev("2:1.0", 2, 4.0, 60, url=" JaVaScRiPt:alert(4)")),
                 DigestItem(dev("3:1.0", 3, 3.0, 60, url="data:text/html,<b>x</b>")))
    html = render_html(bad, topic_name="<b>Hoog</b>water", manage_url="javascript:alert(5)")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "javascript" not in html.lower() and "data:" not in html
    parsed = _Collector()
    parsed.feed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not any(name.startswith("on") for name, _ in parsed.attrs)
    assert not any(name in ("src", "class") for name, _ in parsed.attrs)
    assert all(value.startswith(("http://", "https://")) for name, value in parsed.attrs if name == "href")


def test_html_is_a_complete_email_safe_document():
    html = render_html(DUTCH, topic_name="Hoogwater", manage_url="https://volg.example/s/1?a=1&b=2",
                       tz="Europe/Amsterdam")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert '<html lang="nl">' in html
    assert "<style" not in html and "<link" not in html and "<script" not in html
    assert 'href="https://volg.example/s/1?a=1&amp;b=2"' in html
    assert "Update</span>" in html and "Waarom:" in html and "Bronnen:" in html


def test_json_has_items_with_is_update_and_serialises():
    data = render_json(DUTCH)
    assert [i["key"] for i in data["items"]] == ["4:18.0", "7:15.0"]
    assert [i["is_update"] for i in data["items"]] == [True, False]
    assert data["scheduled_at"].startswith("2026-11-16T12:00:00") and data["language"] == "nl"
    json.dumps(data)


def test_atom_entry_is_well_formed_with_id_title_updated_content():
    bad = digest(DigestItem(dev("1:1.0", 1, 5.0, 60, headline=EVIL + " \x01 & ]]>")))
    xml = render_atom_entry(bad, topic_name="Hoog & water", feed_id="tag:volg.example,2026:hoogwater",
                            entry_url="https://volg.example/d/1", tz="Europe/Amsterdam")
    entry = ET.fromstring(xml)
    assert entry.tag == f"{ATOM}entry"
    entry_id = entry.findtext(f"{ATOM}id")
    assert entry_id and entry_id.startswith("urn:uuid:")
    assert entry.findtext(f"{ATOM}title") == "Hoog & water — maandag 16 november 2026, 13:00"
    assert entry.findtext(f"{ATOM}updated") == "2026-11-16T12:00:00Z"
    content = entry.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert "&lt;script&gt;" in (content.text or "") and "<script" not in (content.text or "")
    assert entry.find(f"{ATOM}link").get("href") == "https://volg.example/d/1"


def test_atom_id_is_stable_per_digest_and_differs_between_digests():
    def entry_id(d: Digest) -> str | None:
        return ET.fromstring(render_atom_entry(d, topic_name="x", feed_id="urn:x")).findtext(f"{ATOM}id")

    later = Digest(1, "hoogwater", DUTCH.scheduled_at + timedelta(hours=6), DUTCH.scheduled_at, DUTCH.items, "nl")
    assert entry_id(DUTCH) == entry_id(DUTCH)
    assert entry_id(DUTCH) != entry_id(later)


def test_sources_published_after_the_digest_are_not_shown():
    early = dev("1:1.0", 1, 5.0, 60)
    later = Citation(2, "NieuwsNu", "https://nieuwsnu.example/x", "x", T0 + timedelta(hours=9))
    item = DigestItem(replace(early, sources=early.sources + (later,)))
    text = render_text(digest(item), topic_name="x")
    assert "De Havenbode" in text and "NieuwsNu" not in text
