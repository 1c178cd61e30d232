"""What a reader of one topic gets, rule by rule, on small hand-made articles in Dutch and English: only news, only
the topic, items readable on their own, in the reader's language; and `volg replay`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from volg import demo
from volg.cli import main
from volg.models import Digest, Subscription
from volg.pipeline.compose import render_text
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

T0 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # Monday 07:00 in Amsterdam
QUERY = "hoogwater OR Maas OR overstroming OR flood OR Meuse"


def record(n: int, hours: float, title: str, *paragraphs: str, source: str = "Rivierbode", language: str = "nl",
           url: str | None = None) -> dict[str, object]:
    return {"id": f"r-{n}", "source": source, "language": language, "title": title, "text": "\n".join(paragraphs),
            "url": url or f"https://{source.lower().replace(' ', '')}.example/nieuws/{n}",
            "published_at": (T0 + timedelta(hours=hours)).isoformat().replace("+00:00", "Z")}


FLOOD = record(
    1, 1, "Maas treedt buiten oevers bij Venlo, 900 bewoners geëvacueerd",
    "In Venlo zijn maandagochtend ongeveer 900 bewoners van de wijk Blerick geëvacueerd omdat de Maas buiten haar "
    "oevers is getreden.",
    "Hij zei dat de brandweer de hele nacht zandzakken heeft gevuld langs de kades van de rivier.",
    "Rijkswaterstaat verwacht dat het water bij Venlo dinsdag nog twintig centimeter stijgt tot 3,1 meter.",
    "De gemeente heeft in sporthal De Wisselslag opvang geregeld voor bewoners die nergens terechtkunnen.",
)
COLUMN = record(
    2, 2, "Column: Het hoogwater en ik",
    "Ik stond gisteren op de dijk bij Venlo en keek naar de Maas, die ik nog nooit zo breed heb gezien.",
    "Mijn opa vertelde altijd over het hoogwater van 1995, en ik dacht toen dat hij overdreef.",
    "We denken dat we de rivier in de hand hebben, maar ik weet inmiddels wel beter.",
    "Misschien moeten we gewoon wat bescheidener zijn over wat wij als mensen kunnen.",
    url="https://rivierbode.example/opinie/column/2",
)
LETTERS = record(
    3, 3, "Lezersbrieven",
    "De berichtgeving over het hoogwater in Limburg was eenzijdig. Niemand vroeg de boeren langs de Maas wat zij "
    "ervan vinden.",
    "Karel Janssen, Roermond",
    "Waarom moeten bewoners van Blerick weer hun huis uit? Al sinds 1995 is beloofd dat de kades worden verhoogd.",
    "Marja de Wit, Venlo",
    url="https://rivierbode.example/brieven/3",
)
ROUNDUP = record(
    4, 4, "Het nieuws van maandag in het kort",
    "Havenstaking gaat door",
    "De sjorders in de Rotterdamse haven leggen ook dinsdag het werk neer, meldt vakbond Havenbond.",
    "Volgens de vakbond liggen er inmiddels 60 containerschepen te wachten voor de terminals op de Maasvlakte.",
    "Dijk bij Arcen verstevigd",
    "Waterschap Limburg heeft maandag een dijk bij Arcen met 4.000 zandzakken verstevigd omdat de Maas verder stijgt "
    "dan verwacht.",
    "Het waterschap houdt de dijk de hele nacht in de gaten, zegt dijkgraaf Anke Peeters.",
    source="Dagblad Zuid",
)
STRIKE = record(
    5, 2.5, "Sjorders leggen werk neer in Rotterdamse haven",
    "De sjorders in de Rotterdamse haven hebben maandag het werk neergelegd voor een hoger loon.",
    "Vakbond Havenbond eist een loonsverhoging van 6 procent; werkgeversvereniging VRS biedt 3 procent.",
    "Volgens het Havenbedrijf liggen 40 containerschepen te wachten om te kunnen lossen.",
    source="Havenkrant",
)
ENGLISH = record(
    6, 1.5, "Meuse bursts its banks at Venlo, 900 residents evacuated",
    "About 900 residents of the Blerick district of Venlo were evacuated on Monday morning after the Meuse burst its "
    "banks, the town said.",
    "The Dutch water authority expects the river at Venlo to rise another 20 centimetres to 3.1 metres on Tuesday.",
    source="Lowlands Post", language="en",
)
LIVE = record(
    7, 6, "Liveblog hoogwater Limburg",
    "15.05 Provincie sluit Maasboulevard in Venlo voor al het verkeer omdat het water over de kade loopt.",
    "14.20 Waterschap Limburg meldt dat de dijk bij Arcen het houdt, maar het water blijft stijgen.",
    "13.40 Ook in Roermond moeten 300 bewoners van de wijk Voorstad hun huis verlaten.",
    source="Dagblad Zuid",
)


def service_at(path: Path) -> Service:
    return Service(Settings(), open_storage(str(path)), clock=lambda: T0)


def ingest(service: Service, *records: dict[str, object]) -> None:
    for n, rec in enumerate(records):
        for result in service.ingest_bytes(json.dumps(rec).encode(), f"test:{n}"):
            assert result.error is None, result.error


def first_digest(service: Service, sub: Subscription) -> Digest:
    digest = service.digest(sub, T0 + timedelta(hours=12))
    assert digest is not None
    return digest


def test_columns_and_letters_are_not_developments_but_news_is(tmp_path: Path) -> None:
    service = service_at(tmp_path / "volg.db")
    ingest(service, FLOOD, COLUMN, LETTERS)
    genres = {a.clean.external_id: a.clean.genre for a in service.articles()}
    assert genres == {"r-1": "news", "r-2": "opinion", "r-3": "letters"}
    service.add_topic("Hoogwater", QUERY)
    digest = first_digest(service, service.subscribe("hoogwater"))
    cited = {s.external_id for item in digest.items for s in item.development.sources}
    assert cited == {"r-1"}


def test_a_roundup_gives_a_topic_only_its_matching_section_and_a_passing_word_pulls_nothing_in(
        tmp_path: Path) -> None:
    service = service_at(tmp_path / "volg.db")
    ingest(service, STRIKE, ROUNDUP)
    service.add_topic("Hoogwater", QUERY)
    stories = service.stories(topic="hoogwater")
    # the strike's story holds the roundup's strike section, whose lead names the Maasvlakte in passing: not in
    assert [s.title for s in stories] == ["Dijk bij Arcen verstevigd"]
    found = service.memberships(service.storage.get_topic("hoogwater"))
    assert [m.evidence for m in found.values()] == ["1 of 1 lead"]
    assert all("topic: 1 of 1 lead" in d.reasons for d in service.developments(topic="hoogwater"))
    digest = first_digest(service, service.subscribe("hoogwater"))
    (item,) = digest.items
    # "Dijk bij Arcen verstevigd" says what happened only with its article: the section's lede heads the item
    assert item.development.headline.startswith("Waterschap Limburg heeft maandag een dijk bij Arcen")
    assert "Havenbond" not in " ".join(item.development.summary)


def test_a_word_of_the_topic_only_in_a_description_or_a_passing_clause_pulls_nothing_in(tmp_path: Path) -> None:
    service = service_at(tmp_path / "volg.db")
    lottery = record(8, 2, "Schipper wint twee miljoen in de loterij",
                     "Jan de Boer, schipper op de Maas, heeft zaterdag twee miljoen euro gewonnen in de loterij. Hij "
                     "wil een nieuw huis kopen.", source="Dagblad Zuid")
    ingest(service, FLOOD, lottery)
    service.add_topic("Hoogwater", QUERY)
    assert [s.title for s in service.stories(topic="hoogwater")] == [FLOOD["title"]]


def test_items_are_readable_alone_one_article_no_dangling_start_no_live_time(tmp_path: Path) -> None:
    service = service_at(tmp_path / "volg.db")
    ingest(service, FLOOD, LIVE)
    service.add_topic("Hoogwater", QUERY)
    digest = first_digest(service, service.subscribe("hoogwater", max_items=5))
    text = render_text(digest, topic_name="Hoogwater", tz="Europe/Amsterdam")
    articles = {a.id: a.clean for a in service.articles()}
    for item in digest.items:
        dev = item.development
        assert not dev.headline[:2].isdigit(), dev.headline  # no "15.05 ..."
        for sentence in dev.summary:
            assert not sentence.startswith(("Hij ", "Maar ", "Eerst ")), sentence
        (heading,) = [r for r in dev.renditions if r.language == dev.language]
        body = articles[heading.article_id].body
        assert all(sentence in body for sentence in dev.summary), "summary from another article than the headline"
    assert "Hij zei dat de brandweer" not in text


def test_a_reader_gets_items_in_their_language_and_a_foreign_only_item_says_so(tmp_path: Path) -> None:
    service = service_at(tmp_path / "volg.db")
    ingest(service, FLOOD, ENGLISH, ROUNDUP)
    service.add_topic("Hoogwater", QUERY)
    dutch = first_digest(service, service.subscribe("hoogwater"))
    english = first_digest(service, service.subscribe("hoogwater", language="en"))
    assert dutch.language == "nl" and english.language == "en"
    venlo_nl = next(i.development for i in dutch.items if "Venlo" in i.development.headline)
    venlo_en = next(i.development for i in english.items if "Venlo" in i.development.headline)
    assert venlo_nl.key == venlo_en.key  # one development, told from the Dutch and the English source
    assert venlo_nl.language == "nl" and venlo_nl.headline.startswith("Maas treedt buiten oevers")
    assert venlo_en.language == "en" and venlo_en.headline.startswith("Meuse bursts its banks")
    text = render_text(english, topic_name="Floods", tz="Europe/Amsterdam")
    assert "Meuse bursts its banks at Venlo, 900 residents evacuated\n" in text
    assert "(in Dutch)" in text  # the dike at Arcen has only a Dutch source
    assert "Bronnen" not in text and "Sources:" in text


def test_replay_prints_the_digests_a_query_would_have_given_and_keeps_the_database(tmp_path: Path) -> None:
    stream = tmp_path / "stream.jsonl"
    stream.write_text("\n".join(json.dumps(r) for r in (LIVE, STRIKE, FLOOD, COLUMN, ENGLISH, ROUNDUP))
                      + "\n{not json}\n", encoding="utf-8")
    database = tmp_path / "mine.db"
    result = CliRunner().invoke(main, ["--database", str(database), "replay", str(stream), "--query", QUERY,
                                       "--name", "Hoogwater", "--json"], catch_exceptions=False)
    assert result.exit_code == 1  # the bad line is named, the rest went in
    assert "stream.jsonl:7" in result.stderr
    digests = [json.loads(line) for line in result.stdout.splitlines()]
    assert digests and all(d["topic"] == "hoogwater" and d["language"] == "nl" for d in digests)
    first = digests[0]
    assert first["scheduled_at"].startswith("2026-03-02T12:00")  # 13:00 Amsterdam, the first hour after the news
    items = [item for d in digests for item in d["items"]]
    assert all({"headline", "summary", "language", "is_update", "new", "importance", "reasons", "sources"} <= set(i)
               for i in items)
    cited = {s["url"].rsplit("/", 2)[-2] for i in items for s in i["sources"]}
    assert "opinie" not in cited and "Havenkrant" not in {s["outlet"] for i in items for s in i["sources"]}
    storage = open_storage(str(database))  # nothing was stored in the user's database
    assert storage.count()["articles"] == 0
    storage.close()


def test_a_discovered_topic_that_is_a_defined_one_is_not_listed_twice(tmp_path: Path) -> None:
    service = service_at(tmp_path / "volg.db")
    list(service.ingest_bytes(demo.stream_bytes(), "demo.jsonl"))
    before = service.discovered_topics(stories=service.stories())
    defined = service.add_topic(*demo.TOPICS[0])
    members = set(service.memberships(defined))
    after = service.discovered_topics(stories=service.stories())
    assert any(set(found.story_ids) <= members for found in before)
    assert not any(set(found.story_ids) <= members for found in after)
    assert len(after) < len(before)


def test_an_article_its_outlet_updates_with_a_death_reaches_the_reader_who_had_its_first_version(
        tmp_path: Path) -> None:
    now = T0 + timedelta(hours=1)
    service = Service(Settings(), open_storage(str(tmp_path / "volg.db")), clock=lambda: now)
    service.add_topic("Hoogwater", QUERY)
    service.subscribe("hoogwater", times=["08:00", "13:00", "19:00"])
    ingest(service, FLOOD)
    now = T0 + timedelta(hours=2)  # 08:00 in Amsterdam
    (morning,) = service.compose_due(now=now)
    assert [i.development.headline for i in morning.items] == [FLOOD["title"]]
    rewritten = {**FLOOD, "title": "Twee doden bij hoogwater in Venlo, 900 bewoners geëvacueerd",
                 "published_at": (T0 + timedelta(hours=4)).isoformat().replace("+00:00", "Z"),
                 "text": "In Venlo zijn maandag twee doden gevallen nadat de Maas buiten haar oevers trad. "
                         "Ongeveer 900 bewoners van de wijk Blerick zijn geëvacueerd.\n"
                         + "\n".join(str(FLOOD["text"]).split("\n")[2:])}  # fmt: skip
    now = T0 + timedelta(hours=4)
    (result,) = service.ingest_bytes(json.dumps(rewritten).encode(), "test:update")
    assert result.status.value == "updated" and result.article is not None and result.article.version == 2
    now = T0 + timedelta(hours=7)  # 13:00
    (noon,) = service.compose_due(now=now)
    (update,) = noon.items
    assert update.is_update and update.development.new == ("Twee doden",)
    assert update.development.headline == rewritten["title"]


def test_a_reader_who_asks_for_opinion_gets_the_column_marked_others_only_news(tmp_path: Path) -> None:
    service = service_at(tmp_path / "volg.db")
    ingest(service, FLOOD, COLUMN, LETTERS)
    service.add_topic("Hoogwater", QUERY)
    news_only = first_digest(service, service.subscribe("hoogwater"))
    with_opinion = first_digest(service, service.subscribe("hoogwater", genres=["Opinion"]))
    assert {i.development.genre for i in news_only.items} == {"news"}
    assert sorted(i.development.genre for i in with_opinion.items) == ["news", "opinion"]  # not the letters
    text = render_text(with_opinion, topic_name="Hoogwater", tz="Europe/Amsterdam")
    assert "2. Opinie: Het hoogwater en ik\n" in text and "sinds 1 mrt 19:00" in text
    assert not any(i.is_update for i in with_opinion.items)


def test_subscribe_names_an_unknown_genre_and_stores_nothing(tmp_path: Path) -> None:
    database = tmp_path / "volg.db"
    service = service_at(database)
    ingest(service, FLOOD)
    service.add_topic("Hoogwater", QUERY)
    service.close()
    runner = CliRunner()
    bad = runner.invoke(main, ["--database", str(database), "subscribe", "--topic", "hoogwater",
                               "--genres", "opinion,gossip"])
    assert bad.exit_code != 0 and "unknown genre 'gossip'" in bad.stderr and "Traceback" not in bad.output
    good = runner.invoke(main, ["--database", str(database), "subscribe", "--topic", "hoogwater",
                                "--genres", "opinion, analysis"])
    assert good.exit_code == 0 and "news and opinion, analysis" in good.stdout
    listed = runner.invoke(main, ["--database", str(database), "subscriptions", "--json"])
    (only,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert only["genres"] == ["opinion", "analysis"]
