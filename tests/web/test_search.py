"""Search across spellings, on a few hand-made Dutch and English articles: a query in one spelling of a place finds
the articles that write it in another ("Kyiv" finds "Kiev", "Oekraïne" finds "Ukraine"), as a topic query does, and
the results are counted and ranked as ever (stories with the most matching articles first)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from tests.web.server import serving

from volg.counts import NOUNS, counted
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web import create_app

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)

ARTICLES = [  # (key, outlet, published, title, text)
    ("kiev-bestand", "Dagblad Noorderlicht", "2026-11-17T09:00:00Z", "Kiev stemt in met energiebestand",
     "De regering in Kiev stemt in met een bestand rond energiecentrales, meldt het ministerie van Buitenlandse "
     "Zaken. Oekraïne wil wel dat de gesprekken in Warschau worden gehouden. Rusland heeft nog niet gereageerd op "
     "het voorstel van de Verenigde Naties."),
    ("kyiv-truce", "The Northern Courier", "2026-11-17T09:30:00Z", "Kyiv backs energy truce",
     "The government in Kyiv backed a truce around power plants on Tuesday, the foreign ministry said. Officials "
     "want the talks to be held in Warsaw. Russia has not yet responded to the proposal by the United Nations."),
    ("kiev-stroom", "NieuwsNu", "2026-11-17T20:00:00Z", "Stroom valt opnieuw uit in Kiev",
     "In Kiev is dinsdagavond opnieuw de stroom uitgevallen in drie wijken op de oostelijke oever van de rivier. "
     "Het stadsbestuur zegt dat monteurs de hele nacht doorwerken om de verbindingen te herstellen."),
    ("ukraine-talks", "Continental Wire", "2026-11-18T08:00:00Z", "Ukraine and Russia agree to talks in Geneva",
     "Ukraine and Russia agreed on Wednesday to hold talks in Geneva next week, the United Nations said. The "
     "envoy had travelled between the capitals for a week to find a venue both sides could accept."),
    ("eu-landen", "Dagblad Noorderlicht", "2026-11-18T09:00:00Z", "EU-landen eens over klimaatfonds",
     "De ministers van de 27 landen van de Europese Unie zijn het eens geworden over een fonds voor "
     "klimaatadaptatie van 41 miljard euro. Het geld gaat onder meer naar bescherming tegen hoogwater."),
    ("london-storm", "The Northern Courier", "2026-11-18T10:00:00Z", "Storm closes airports around London",
     "Storm Wendela closed two airports around London on Wednesday, and rail services to the coast were cut. "
     "Forecasters expect the wind to ease by Thursday evening."),
]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    path: Path = tmp_path_factory.mktemp("search") / "volg.db"
    svc = Service(Settings(base_url="http://volg.test"), open_storage(str(path)), clock=lambda: NOW)
    lines = [json.dumps({"url": f"https://{source.replace(' ', '').lower()}.example/{key}", "source": source,
                         "published_at": published, "title": title, "text": text})
             for key, source, published, title, text in ARTICLES]
    results = list(svc.ingest_bytes("\n".join(lines).encode(), "search.jsonl"))
    assert [r.status.value for r in results] == ["new"] * len(ARTICLES)
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def client(service: Service) -> Iterator[httpx.Client]:
    with serving(create_app(service)) as base, httpx.Client(base_url=base) as http:
        yield http


def titles(service: Service, text: str) -> set[str]:
    return {article.clean.title for article, _ in service.search(text)[0]}


def test_a_place_is_found_in_its_other_spellings(service: Service) -> None:
    kyiv = {"Kiev stemt in met energiebestand", "Kyiv backs energy truce", "Stroom valt opnieuw uit in Kiev"}
    assert titles(service, "Kyiv") == titles(service, "Kiev") == titles(service, "kijev") == kyiv
    assert titles(service, "Oekraïne") == titles(service, "Ukraine") == {
        "Kiev stemt in met energiebestand", "Ukraine and Russia agree to talks in Geneva"}
    assert titles(service, "Kyiv stroom") == {"Stroom valt opnieuw uit in Kiev"}, "every word still counts"
    assert titles(service, "Warschau") == titles(service, "Warsaw") == {
        "Kiev stemt in met energiebestand", "Kyiv backs energy truce"}


def test_a_lower_case_ordinary_word_is_the_word_not_a_place(service: Service) -> None:
    assert titles(service, "landen") == {"EU-landen eens over klimaatfonds"}, "not a spelling of London"
    assert titles(service, "Londen") == titles(service, "London") == {"Storm closes airports around London"}


def test_results_are_counted_and_ranked_by_matching_articles(service: Service) -> None:
    articles, stories = service.search("Kyiv")
    matched = {story.id: sum(1 for a, _ in articles if story.id in service.storage.stories_of_article(a.id))
               for story in stories}
    assert sum(matched.values()) == len(articles) == 3
    assert [matched[s.id] for s in stories] == sorted(matched.values(), reverse=True)


def test_the_search_page_marks_the_place_as_each_article_spells_it(client: httpx.Client, service: Service) -> None:
    page = client.get("/search", params={"q": "Kyiv"})
    assert page.status_code == 200
    _, stories = service.search("Kyiv")
    assert f"{counted(len(stories), 'story', NOUNS['nl'])} · 3 artikelen" in page.text
    assert "<mark>Kiev</mark>" in page.text and "<mark>Kyiv</mark>" in page.text
    assert "Stroom valt opnieuw uit in Kiev" in page.text and "EU-landen" not in page.text
