"""Topics: slugs, defined topics over stories, and discovered chains of stories linked by names and places."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from volg.models import Place, Story, StoryArticle
from volg.pipeline.clean.places import find_places
from volg.pipeline.cluster.query import document_of, parse_query
from volg.pipeline.cluster.topics import (
    DiscoveredTopic,
    _unique_slugs,
    discover_topics,
    match_stories,
    query_for,
    slugify,
)

START = datetime(2024, 3, 1, 6, 0, tzinfo=UTC)


def story(
    story_id: int,
    day: float,
    title: str,
    language: str,
    *,
    names: tuple[str, ...] = (),
    mentions: str = "",
    terms: tuple[str, ...] = (),
    hours: float = 3.0,
) -> Story:
    """A story first seen `day` days after START; its places are those the gazetteer finds in title and
    `mentions` (text standing in for the articles' bodies)."""
    first = START + timedelta(days=day)
    article = StoryArticle(story_id, None, f"https://example.org/{story_id}", title, "example", first, language)
    places = find_places(f"{title}\n{mentions}", language)
    last = first + timedelta(hours=hours)
    return Story(story_id, title, first, last, (language,), ("example",), (article,), names, places, terms)


# A war followed over five days, in English and Dutch, spelling Kyiv both ways.
WAR = [
    story(1, 0.0, "Russian drones strike Kyiv", "en", names=("Volodymyr Zelensky", "Zelensky"),
          mentions="Air raid sirens sounded across Ukraine.", terms=("drone", "strike", "air")),
    story(2, 1.0, "Zelensky vraagt om luchtafweer na aanvallen op Kiev", "nl", names=("Zelensky",),
          mentions="De aanvallen troffen Oekraïne opnieuw.", terms=("aanval", "luchtafweer")),
    story(3, 2.1, "Zelensky meets allies in Lviv", "en", names=("Zelensky", "NATO"),
          mentions="Support for Ukraine was the only subject.", terms=("ally", "support", "xyzzy")),
    story(4, 3.2, "Nieuwe aanval op Kiev, Zelensky roept NAVO op", "nl", names=("Zelensky", "NAVO"),
          mentions="In Kiev vielen doden.", terms=("aanval",)),
    story(5, 4.5, "Kyiv counts the damage after night of strikes", "en",
          names=("Volodymyr Zelensky", "Vitali Klitschko"), mentions="Mayor of Kyiv Vitali Klitschko spoke.",
          terms=("damage", "strike")),
]  # fmt: skip

# A trial over four days: the suspect and the court city link them (with the Netherlands, which adds nothing).
TRIAL = [
    story(11, 0.5, "Proces tegen Ridouan Taghi hervat", "nl", names=("Ridouan Taghi", "Taghi"),
          mentions="De rechtbank in Amsterdam zette de zaak voort. Nederland kijkt mee.", terms=("proces",)),
    story(12, 2.5, "Taghi zwijgt in de rechtszaal", "nl", names=("Taghi", "Openbaar Ministerie"),
          mentions="De zitting in Amsterdam duurde de hele dag.", terms=("rechtszaal", "proces")),
    story(13, 4.0, "Eis tegen Taghi: levenslang", "nl", names=("Taghi", "Openbaar Ministerie"),
          mentions="Het Openbaar Ministerie eiste in Amsterdam levenslang.", terms=("eis", "levenslang")),
]  # fmt: skip

# Unrelated Dutch news over the same days: each names the Netherlands; some share a city with each other.
UNRELATED = [
    story(21, 0.2, "Brand verwoest loods in Rotterdam", "nl", names=("Brandweer Rotterdam-Rijnmond",),
          mentions="Nederland kende een droge maand.", terms=("brand",)),
    story(22, 1.2, "Haven van Rotterdam meldt recordoverslag", "nl", names=("Havenbedrijf",),
          mentions="Nederland profiteert van de drukte.", terms=("haven",)),
    story(23, 2.2, "Nederland wint van Frankrijk", "nl", names=("Virgil van Dijk",), terms=("voetbal",)),
    story(24, 3.0, "Woningmarkt koelt af in Nederland", "nl", names=("Kadaster",), terms=("woning",)),
    story(25, 3.9, "Nieuwe metrolijn in Rotterdam geopend", "nl", names=("RET",),
          mentions="Het is de eerste nieuwe lijn in Nederland in jaren.", terms=("metro",)),
    story(26, 4.6, "Nederland en Belgie sluiten energieverdrag", "nl", names=("Rob Jetten",),
          mentions="België levert stroom.", terms=("energie",)),
    story(27, 1.6, "Tulpenseizoen begint vroeg in Nederland", "nl", names=("Keukenhof",), terms=("tulp",)),
    story(28, 2.9, "Amsterdam en Rotterdam willen meer fietspaden", "nl", names=("Femke Halsema", "Carola Schouten",
          "Fietsersbond", "ANWB"), terms=("fietspad",)),
    story(29, 3.6, "Festivalzomer: Amsterdam en Rotterdam trekken toeristen", "nl", names=("Mysteryland",
          "North Sea Jazz", "Lowlands", "NBTC"), terms=("festival",)),
]  # fmt: skip

ALL = WAR + TRIAL + UNRELATED


def ids(topic: DiscoveredTopic) -> set[int]:
    return set(topic.story_ids)


# slugs and defined topics


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Oorlog in Oekraïne", "oorlog-in-oekraine"),
        ("Zelensky · Kyiv · Oekraïne", "zelensky-kyiv-oekraine"),
        ("  Kabinetsformatie 2025!  ", "kabinetsformatie-2025"),
        ("Straße nach Łódź", "strasse-nach-lodz"),
        ("Ajax–PSV", "ajax-psv"),
        ("!!!", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_match_stories_keeps_the_given_order() -> None:
    query = parse_query("Oekraïne OR Kiev OR Zelensky")
    found = match_stories(query, [(s, document_of(s)) for s in reversed(ALL)])
    assert [s.id for s in found] == [5, 4, 3, 2, 1]


# discovered topics


def test_a_multi_day_multilingual_chain_becomes_one_topic() -> None:
    topics = discover_topics(ALL)
    war = next(t for t in topics if 1 in t.story_ids)
    assert ids(war) == {1, 2, 3, 4, 5}
    assert (war.first_seen, war.last_seen) == (WAR[0].first_seen, WAR[-1].last_seen)
    trial = next(t for t in topics if 11 in t.story_ids)
    assert ids(trial) == {11, 12, 13}


def test_a_shared_country_or_a_city_with_its_country_chains_nothing() -> None:
    topics = discover_topics(ALL)
    assert [ids(t) for t in topics] == [{1, 2, 3, 4, 5}, {11, 12, 13}]
    assert discover_topics(UNRELATED, min_stories=2, min_days=0) == []


def test_stories_sharing_only_countries_do_not_link() -> None:
    neighbours = [
        story(30 + n, n, title, "nl", mentions="Nederland en Duitsland zijn het eens.", names=(name,))
        for n, (title, name) in enumerate(
            [("Grensoverleg over treinen", "Deutsche Bahn"), ("Akkoord over stroomkabel", "TenneT"),
             ("Samenwerking bij rampen", "Veiligheidsregio Twente")]
        )
    ]  # fmt: skip
    assert {(p.name, p.kind) for p in neighbours[0].places} == {("Nederland", "country"), ("Duitsland", "country")}
    assert discover_topics(UNRELATED + neighbours, min_stories=2, min_days=0) == []


def test_incidental_common_cities_among_many_other_entities_do_not_link() -> None:
    # 28 and 29 share Amsterdam and Rotterdam, but those are a small part of what each story is about
    assert all(not {28, 29} <= ids(t) for t in discover_topics(ALL, min_stories=2, min_days=0))


def test_an_outlet_the_stories_cite_links_nothing() -> None:
    cited = [story(70 + n, n, title, "nl", names=("AD", "Sociale Zaken"))
             for n, title in enumerate(["Uitkering later uitbetaald", "Nieuwe regels voor bijstand",
                                        "Fraude met toeslagen ontdekt"])]  # fmt: skip
    assert [ids(t) for t in discover_topics(cited)] == [{70, 71, 72}]  # two shared names chain them...
    told_by_it = [*cited[:2], replace(cited[2], outlets=("AD",))]
    assert discover_topics(told_by_it) == []  # ...but one is the outlet that told a story: one name is not enough


def test_chains_must_span_days_and_have_enough_stories() -> None:
    assert [ids(t) for t in discover_topics(ALL, min_stories=4)] == [{1, 2, 3, 4, 5}]
    assert discover_topics(ALL, min_days=4.8) == []  # the war spans 4.6 days
    burst = [story(40 + n, 0.1 * n, f"Gijzeling in Utrecht, dag {n}", "nl", names=("Jan Pietersen",)) for n in range(5)]
    assert discover_topics(burst) == []  # five stories in half a day: news, not a long-running topic


def test_a_long_silence_breaks_a_chain() -> None:
    early = [story(50 + n, n, "Zelensky in Kyiv", "en", names=("Zelensky",)) for n in range(3)]
    late = [story(60 + n, 20 + n, "Zelensky in Kyiv", "en", names=("Zelensky",)) for n in range(3)]
    assert [ids(t) for t in discover_topics(early + late)] == [{50, 51, 52}, {60, 61, 62}]
    assert [ids(t) for t in discover_topics(early + late, max_gap_days=30)] == [{50, 51, 52, 60, 61, 62}]


def test_topics_are_named_by_their_most_characteristic_names_and_places() -> None:
    war, trial = discover_topics(ALL)
    # Zelensky is in all five stories, Kyiv in four (written Kyiv twice and Kiev twice: the tie goes to the
    # gazetteer's own name), Ukraine in three and, being a country, weighs half
    assert war.name == "Zelensky · Kyiv · Ukraine"
    assert war.slug == "zelensky-kyiv-ukraine"
    assert war.names == ("Zelensky",)  # NATO is in one story (the other writes NAVO): not characteristic
    assert war.places == ("Kyiv",)  # Lviv is in one story only; a country is too broad for the query
    # Amsterdam is in all three trial stories but also in two others, so it weighs less than the OM in two
    assert trial.name == "Taghi · Openbaar Ministerie · Amsterdam"
    assert (trial.names, trial.places) == (("Taghi", "Openbaar Ministerie"), ("Amsterdam",))


def test_a_country_ranks_below_a_city_in_the_name() -> None:
    chain = [
        story(110 + n, n, "Netanyahu over Gaza", "nl", names=("Netanyahu",), mentions="Israël reageert.")
        for n in range(3)
    ]
    chain.append(story(113, 3, "Netanyahu spreekt", "nl", names=("Netanyahu",), mentions="Israël reageert."))
    (topic,) = discover_topics(chain)
    # all four name Israël and Netanyahu, three Gaza: a country, being broad, weighs half
    assert topic.name == "Netanyahu · Gaza · Israël"


def test_a_place_is_shown_as_the_stories_write_it_most() -> None:
    dutch = [story(100 + n, n, "Zelensky bezoekt Kiev", "nl", names=("Zelensky",)) for n in range(3)]
    (topic,) = discover_topics([*dutch, story(103, 3, "Zelensky leaves Kyiv", "en", names=("Zelensky",))])
    assert topic.places == ("Kiev",)
    assert topic.name == "Kiev · Zelensky"


def test_terms_are_readable_words_from_the_titles() -> None:
    war, trial = discover_topics(ALL)
    assert war.terms[:2] == ("aanval", "strike")  # in two stories each; aanval ranks higher in its stories
    assert "drones" in war.terms  # the term "drone" as the title writes it
    assert "damage" in war.terms  # a stem ("damag") shown as the word it stems
    assert "xyzzy" not in war.terms and "damag" not in war.terms  # in no title: no readable form
    assert "proces" in trial.terms


def test_query_for_round_trip_matches_every_story_of_the_topic() -> None:
    for topic in discover_topics(ALL):
        query = parse_query(query_for(topic))
        members = [s for s in ALL if s.id in topic.story_ids]
        assert all(query.matches(document_of(s)) for s in members)
        others = [s for s in UNRELATED if not query.matches(document_of(s))]
        assert len(others) >= len(UNRELATED) - 2  # not a query for everything Dutch
    war = discover_topics(ALL)[0]
    assert query_for(war) == "Zelensky OR Kyiv"


def test_the_query_leaves_out_a_city_that_is_mostly_news_for_other_reasons() -> None:
    club = [
        story(120 + n, n, title, "nl", names=("Feyenoord", "Robin van Persie"), mentions="In Rotterdam.")
        for n, title in enumerate(["Trainer blijft", "Trainer praat met bestuur", "Trainer tekent bij"])
    ]
    (topic,) = discover_topics(UNRELATED + club)
    assert "Rotterdam" in topic.name  # in each of its stories, so characteristic of it
    assert topic.places == ()  # but five of the eight stories naming Rotterdam are about something else
    assert query_for(topic) == 'Feyenoord OR "Robin van Persie"'


def test_query_for_quotes_multi_word_forms_and_operator_words() -> None:
    topic = DiscoveredTopic("x", "x", (1,), (), ("Openbaar Ministerie", "NOT", 'De "Pers"'), ("Den Haag",),
                            START, START)  # fmt: skip
    text = query_for(topic)
    assert text == '"Openbaar Ministerie" OR "NOT" OR "De Pers" OR "Den Haag"'
    assert [t.text for t in parse_query(text).terms()] == ["Openbaar Ministerie", "NOT", "De Pers", "Den Haag"]


def test_the_query_covers_a_story_that_writes_the_names_differently() -> None:
    # the topic lists the names as most stories write them; the third story's short forms would escape a
    # query on the full names, so its own form is added
    titles = ("Akkoord over begroting", "Kabinet presenteert plannen", "Coalitie blijft overeind")
    chain = [
        story(70, 0, titles[0], "nl", names=("Giorgia Meloni", "Antonio Tajani")),
        story(71, 1, titles[1], "nl", names=("Giorgia Meloni", "Antonio Tajani")),
        story(72, 2, titles[2], "nl", names=("Meloni", "Tajani")),
    ]
    (topic,) = discover_topics(chain)
    assert topic.names[:2] == ("Antonio Tajani", "Giorgia Meloni")
    assert parse_query(" OR ".join(f'"{n}"' for n in topic.names[:2])).matches(document_of(chain[2])) is False
    query = parse_query(query_for(topic))
    assert all(query.matches(document_of(s)) for s in chain)


def test_discovery_is_deterministic_whatever_the_input_order() -> None:
    expected = discover_topics(ALL)
    shuffled = list(ALL)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert discover_topics(shuffled) == expected


def test_same_named_topics_get_distinct_slugs() -> None:
    first = [story(80 + n, n, "Zelensky in Kyiv", "en", names=("Zelensky",)) for n in range(3)]
    second = [story(90 + n, 30 + n, "Zelensky in Kyiv", "en", names=("Zelensky",)) for n in range(3)]
    assert [t.slug for t in discover_topics(first + second)] == ["kyiv-zelensky", "kyiv-zelensky-2"]


def test_a_slug_made_unique_never_takes_another_topics_own_slug() -> None:
    topics = [DiscoveredTopic(name, slug, (n,), (), (), (), START, START) for n, (name, slug) in enumerate(
        [("A", "a"), ("A", "a"), ("A 2", "a-2")])]
    assert [t.slug for t in _unique_slugs(topics)] == ["a", "a-3", "a-2"]


def test_one_story_told_many_times_over_days_is_a_topic_of_its_own() -> None:
    def told(times: int) -> Story:
        first = START + timedelta(days=1)
        articles = tuple(
            StoryArticle(70 + n, None, f"https://example.org/70/{n}", "Maas stijgt bij Venlo", "example",
                         first + timedelta(hours=9 * n), "nl")
            for n in range(times)
        )  # fmt: skip
        places = find_places("Maas stijgt bij Venlo", "nl")
        last = articles[-1].published_at
        return Story(70, "Maas stijgt bij Venlo", first, last, ("nl",), ("example",), articles, ("Rijkswaterstaat",),
                     places, ("hoogwater",))  # fmt: skip

    (flood,) = discover_topics([told(8)])
    assert ids(flood) == {70} and "Venlo" in flood.places
    assert discover_topics([told(7)]) == []  # told less often: not yet a topic
    assert discover_topics([told(8)], min_days=3) == []  # 8 reports 9 hours apart: 2.6 days


def test_a_story_chained_in_by_cities_much_other_news_names_is_left_out_rather_than_followed() -> None:
    trial = [
        story(101, 0.0, "Proces tegen Ridouan Taghi hervat", "nl", names=("Ridouan Taghi", "Openbaar Ministerie"),
              mentions="De rechtbank in Amsterdam zette de zaak voort; ook in Utrecht werd gezocht."),
        story(102, 2.0, "Taghi zwijgt in de rechtszaal", "nl", names=("Taghi", "Openbaar Ministerie")),
        story(103, 4.0, "Eis tegen Taghi: levenslang", "nl", names=("Taghi", "Openbaar Ministerie")),
    ]
    tram = story(104, 1.0, "Nieuwe sneltram tussen Amsterdam en Utrecht", "nl", names=("Sneltram",))
    elsewhere = [story(110 + n, 0.5 * n, f"Nieuws uit {city}", "nl", names=(f"Wethouder{n}",), mentions=city)
                 for n, city in enumerate(["Amsterdam", "Utrecht"] * 3)]  # fmt: skip
    (topic,) = discover_topics([*trial, tram, *elsewhere])
    assert ids(topic) == {101, 102, 103}  # the tram shares two cities with the first hearing, nothing with the trial
    assert not {"Amsterdam", "Utrecht"} & set(topic.places)  # following the trial does not follow Amsterdam


def test_a_story_with_no_name_or_city_to_follow_never_gives_an_empty_query() -> None:
    first = START + timedelta(days=1)
    title = "Het regent in Nederland"
    articles = tuple(
        StoryArticle(80 + n, None, f"https://example.org/80/{n}", title, "example", first + timedelta(hours=9 * n),
                     "nl")
        for n in range(8)
    )  # fmt: skip
    countries_only = Story(80, title, first, articles[-1].published_at, ("nl",), ("example",), articles, (),
                           find_places(title, "nl"), ("regen",))  # fmt: skip
    assert all(place.kind == "country" for place in countries_only.places)
    for topic in discover_topics([countries_only]):  # followed by the one thing it names, never by an empty query
        assert parse_query(query_for(topic)).matches(document_of(countries_only))
    nothing = Story(81, "Het regent", first, articles[-1].published_at, ("nl",), ("example",), articles, (), (),
                    ("regen",))  # fmt: skip
    assert discover_topics([nothing]) == []  # nothing to follow it by: no topic


def test_a_topic_is_never_followed_by_a_place_its_story_names_only_inside_a_name() -> None:
    title = "Denzel Washington draait nieuwe film"
    first = START + timedelta(days=1)
    articles = tuple(
        StoryArticle(90 + n, None, f"https://example.org/90/{n}", title, "example", first + timedelta(hours=9 * n),
                     "nl")
        for n in range(8)
    )  # fmt: skip
    washington = find_places("Washington", "en")[0]  # as an article's metadata may give it

    def filmed(*places: Place) -> Story:
        return Story(90, title, first, articles[-1].published_at, ("nl",), ("example",), articles, (), places,
                     ("film",))  # fmt: skip

    assert discover_topics([filmed(washington)]) == []  # "Washington" would miss it: nothing to follow it by
    utrecht = find_places("Utrecht", "nl")[0]
    (topic,) = discover_topics([filmed(washington, utrecht)])
    assert parse_query(query_for(topic)).matches(document_of(filmed(washington, utrecht)))
