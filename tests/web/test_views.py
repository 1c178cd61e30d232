"""What the pages gather from the Service (volg/web/views.py), on small hand-made developments and on the demo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from tests.web.server import serving

from volg.models import Citation, Development, Rendition
from volg.pipeline.clean.places import find_places
from volg.service import Service
from volg.web import create_app
from volg.web.views import without_retellings

AT = datetime(2026, 11, 19, 15, 30, tzinfo=UTC)


def development(key: str, language: str, headline: str, summary: str, outlet: str, hours: float = 0) -> Development:
    when = AT + timedelta(hours=hours)
    citation = Citation(int(hours * 10) + len(key), outlet, f"https://{outlet.lower()}.example/{key}", headline, when)
    return Development(key, len(key), headline, (summary,), language, (citation,),
                       find_places(f"{headline}\n{summary}", language), when, 5.0, (),
                       renditions=(Rendition(language, headline, (summary,), citation.article_id),))


DUTCH = development(
    "nl-akkoord", "nl", "Akkoord in Lissabon: 41 miljard voor klimaatfonds, 6 miljard voor rivieren",
    "Daarvan is 6 miljard euro gereserveerd voor bescherming langs rivieren zoals de Maas en de Rijn.", "Havenbode")
ENGLISH_SAME = development(
    "en-fund", "en", "The 6 billion euros for river defences will be available for the Meuse and the Rhine",
    "Ministers in Lisbon set aside 6 billion euros for rivers that cross borders.", "Wire", hours=-0.5)
ENGLISH_OTHER = development(
    "en-strike", "en", "Dock workers in Antwerp strike for a second day",
    "About 2,000 dock workers stayed away from the port of Antwerp on Thursday.", "Wire", hours=-1)


def test_a_development_only_retold_in_another_language_joins_the_one_in_the_pages_language() -> None:
    folded = without_retellings([DUTCH, ENGLISH_SAME, ENGLISH_OTHER], "nl")
    assert [dev.key for dev in folded] == ["nl-akkoord", "en-strike"]
    assert [source.outlet for source in folded[0].sources] == ["Wire", "Havenbode"]  # oldest first


def test_on_a_page_in_the_other_language_the_other_one_is_kept() -> None:
    folded = without_retellings([DUTCH, ENGLISH_SAME, ENGLISH_OTHER], "en")
    assert [dev.key for dev in folded] == ["en-fund", "en-strike"]
    assert without_retellings([ENGLISH_OTHER, DUTCH], "nl") == [ENGLISH_OTHER, DUTCH]  # another event: both stay


def test_the_demo_topic_page_tells_the_lisbon_agreement_once_in_dutch(browser_service: Service) -> None:
    with serving(create_app(browser_service)) as base, httpx.Client(base_url=base, timeout=60) as http:
        dutch = http.get("/topics/hoogwater", params={"lang": "nl"}).text
        english = http.get("/topics/hoogwater", params={"lang": "en"}).text
    assert "Akkoord in Lissabon" in dutch and "The 6 billion euros for river defences" not in dutch
    assert "The 6 billion euros for river defences" in english
