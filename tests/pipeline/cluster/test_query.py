"""The defined-topic query language: parsing, and matching stories in Dutch and English alike."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from volg.errors import InputError
from volg.models import Story, StoryArticle
from volg.pipeline.clean.places import Token, find_places
from volg.pipeline.cluster import query as query_module
from volg.pipeline.cluster.name_parts import part_of_name
from volg.pipeline.cluster.query import (
    And,
    Not,
    Or,
    Term,
    TopicDocument,
    document_of,
    named_place,
    parse_query,
    search_terms,
    text_document,
)

WHEN = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def story(story_id: int, title: str, language: str, *, names: tuple[str, ...] = (), lead: str = "") -> Story:
    """A one-article story whose places are found in its title and lead by the real gazetteer."""
    article = StoryArticle(story_id, None, f"https://example.org/{story_id}", title, "example", WHEN, language)
    places = find_places(f"{title}\n{lead}", language)
    return Story(story_id, title, WHEN, WHEN, (language,), ("example",), (article,), names=names, places=places)


def doc(title: str, language: str = "nl", *, names: tuple[str, ...] = (), lead: str = "") -> TopicDocument:
    return document_of(story(1, title, language, names=names, lead=lead), (lead,) if lead else ())


def matches(query: str, document: TopicDocument) -> bool:
    return parse_query(query).matches(document)


# parsing


def test_precedence_not_over_and_over_or() -> None:
    root = parse_query("a OR b c OR NOT d e").root
    assert root == Or(
        (
            Term("a", ("a",), None),
            And((Term("b", ("b",), None), Term("c", ("c",), None))),
            And((Not(Term("d", ("d",), None)), Term("e", ("e",), None))),
        )
    )
    assert str(parse_query("staking AND (Rotterdam OR Antwerpen) NOT voetbal")) == (
        "(staking AND (Rotterdam OR Antwerpen) AND NOT voetbal)"
    )


def test_explicit_and_equals_implicit_and() -> None:
    assert parse_query("storm AND regen").root == parse_query("storm regen").root


def test_parentheses_override_precedence() -> None:
    assert str(parse_query("(a OR b) c")) == "((a OR b) AND c)"
    assert str(parse_query("a OR b c")) == "(a OR (b AND c))"
    assert str(parse_query("NOT (a OR b) c")) == "(NOT (a OR b) AND c)"


def test_quotes_make_one_phrase_term_and_protect_operators() -> None:
    query = parse_query('"code rood" OR storm “of AND niet”')
    phrase, other = query.terms()[0], query.terms()[2]
    assert (phrase.text, phrase.words, phrase.quoted) == ("code rood", ("code", "rood"), True)
    assert other.words == ("of", "AND", "niet")
    assert str(query) == '("code rood" OR (storm AND "of AND niet"))'


def test_the_bracketed_form_parses_back_to_the_same_query() -> None:
    query = parse_query('Oekraïne OR (Kiev "Den Haag") NOT (voetbal OR sport)')
    assert parse_query(str(query)).root == query.root


def test_dutch_words_of_en_niet_are_words_not_operators() -> None:
    assert str(parse_query("oorlog of vrede")) == "(oorlog AND of AND vrede)"
    assert str(parse_query("brood en spelen niet")) == "(brood AND en AND spelen AND niet)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ('Oekraïne OR "code rood', "unbalanced quote at column 13"),
        ("storm NOT", "NOT at column 7 needs something after it"),
        ("storm OR", "OR at column 7 needs something after it"),
        ("OR storm", "OR at column 1 needs something before it"),
        ("storm AND AND regen", "AND at column 7 needs something after it"),
        ("(storm OR regen", "( at column 1 is never closed"),
        ("storm OR regen)", "unmatched ) at column 15"),
        ("storm ()", "empty brackets at column 7"),
        ('storm ""', "empty quotes at column 7"),
        ("storm ---", "'---' has no letters or digits at column 7"),
        ("NOT voetbal", "the query only excludes: add a word a story must contain"),
        ("storm OR NOT voetbal", "the query only excludes: add a word a story must contain"),
    ],
)
def test_errors_say_what_and_where(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_query(text)
    assert str(caught.value) == message


def test_lower_case_operator_is_refused_with_a_hint() -> None:
    with pytest.raises(InputError, match=r"^'or' at column 7: write OR for the operator, or \"or\" in quotes"):
        parse_query("storm or regen")
    with pytest.raises(InputError, match=r"^'Not' at column 7: write NOT"):
        parse_query("storm Not regen")
    assert parse_query('storm "or" regen').terms()[1].text == "or"


# matching


def test_ukraine_topic_matches_dutch_and_english_stories_but_not_rotterdam() -> None:
    query = parse_query("Oekraïne OR Kiev OR Zelensky")
    english = doc("Russian drones hit Kyiv overnight", "en", lead="Air defence was active over the capital.")
    dutch = doc("Drones boven Kiev", "nl", lead="De luchtafweer was de hele nacht actief.")
    zelensky = doc("President vraagt om meer steun", "nl", names=("Volodymyr Zelensky",))
    ukraine = doc("Grain exports from Ukraine resume", "en")
    rotterdam = doc("Staking in de haven van Rotterdam", "nl")
    assert query.matches(english) and query.matches(dutch) and query.matches(zelensky) and query.matches(ukraine)
    assert not query.matches(rotterdam)


def test_place_query_matches_any_spelling_through_the_gazetteer() -> None:
    kyiv = doc("Blackout in Kyiv after strikes", "en")
    assert matches("Kiew", kyiv) and matches("kiev", kyiv)
    assert [term.text for term in parse_query("Kiev OR Lviv").matched_terms(kyiv)] == ["Kiev"]
    hague = doc("Protest in The Hague", "en")
    assert matches('"Den Haag"', hague)
    assert not matches('"Den Haag"', doc("Protest in Amsterdam", "en"))


def test_a_search_box_names_places_as_a_topic_query_does() -> None:
    """Search reuses the topic query's places: a run of words that names one place is one term; a word in lower
    case that is also an ordinary word names no place (a search box is typed in lower case)."""
    terms = search_terms("staking Den Haag kiev Oekraïne landen Landen")
    assert [(t.text, t.words, t.place) for t in terms] == [
        ("staking", ("staking",), None),
        ("Den Haag", ("Den", "Haag"), ("the hague", "NL")),
        ("kiev", ("kiev",), parse_query("Kyiv").terms()[0].place),
        ("Oekraïne", ("Oekraïne",), parse_query("Ukraine").terms()[0].place),
        ("landen", ("landen",), None),  # the Dutch word, not a spelling of London
        ("Landen", ("Landen",), parse_query("London").terms()[0].place),
    ]
    assert [t.text for t in search_terms("New York en Verenigde Staten")] == ["New York", "en", "Verenigde Staten"]
    assert search_terms("") == [] and len(search_terms(" ".join(["woord"] * 30))) == 12
    assert named_place("Kijev") == named_place("Kyiv") is not None


def test_a_query_word_in_lower_case_that_is_an_ordinary_word_names_no_place() -> None:
    """`landen` (countries) is a spelling of London in the gazetteer; a reader who types it means the word."""
    query = parse_query("landen")
    assert query.terms()[0].place is None
    assert query.matches(doc("Europese landen eens over klimaatfonds"))
    assert not query.matches(doc("Storm legt vliegverkeer in Londen plat"))
    assert parse_query("Landen").terms()[0].place == parse_query("London").terms()[0].place
    assert parse_query("kiev").matches(doc("Blackout in Kyiv after strikes", "en"))


def test_matching_ignores_case_and_accents() -> None:
    dutch = doc("Oekraïne krijgt nieuwe luchtafweer")
    assert matches("oekraine", dutch) and matches("OEKRAÏNE", dutch)
    assert matches("Curaçao", doc("Stroomstoring op Curacao"))
    assert matches("curacao", doc("Stroomstoring op Curaçao"))


def test_a_place_typed_without_its_accents_still_names_it_in_any_language() -> None:
    assert named_place("Oekraine") == named_place("Oekraïne") == named_place("Ukraine") is not None
    assert named_place("Sao Paulo") == named_place("São Paulo") is not None
    assert matches("Oekraine", doc("Ukraine gets new air defences", "en"))
    assert [t.place for t in search_terms("Oekraine")] == [parse_query("Ukraine").terms()[0].place]
    assert named_place("aanslag") is None


def test_not_excludes() -> None:
    query = parse_query("staking AND (Rotterdam OR Antwerpen) NOT voetbal")
    assert query.matches(doc("Staking in de haven van Rotterdam"))
    assert query.matches(doc("Staking legt haven van Antwerpen plat"))
    assert not query.matches(doc("Staking bij voetbalclub in Rotterdam", lead="Het voetbal ligt stil."))
    assert not query.matches(doc("Staking in Utrecht"))


def test_plurals_and_lemmas_match_in_both_languages() -> None:
    assert matches("staking", doc("Nieuwe stakingen in het openbaar vervoer"))
    assert matches("stakingen", doc("Staking in het openbaar vervoer"))
    assert matches("strike", doc("Rail strikes spread across the country", "en"))
    assert matches("elections", doc("Election results delayed", "en"))
    assert matches("verkiezing", doc("Verkiezingen uitgesteld"))
    assert matches("rood", doc("Rode loper uitgerold"))
    assert matches("strike", doc("Workers struck again", "en"))
    assert not matches("staking", doc("Stakeholders praten verder"))


def test_lemmas_do_not_stray_into_other_words() -> None:
    english = doc("Everything is at stake in the talks", "en")
    assert not matches("staking", english)  # a Dutch base form, not the English "stake" inflected
    assert matches("stake", english)
    assert not matches("Schoof", doc("Kabinet wil schuiven met geld"))  # a name, not a form of "schuiven"
    assert matches("Schoof", doc("Premier spreekt", names=("Dick Schoof",)))
    assert not matches("Wilders", doc("Een wild plan voor de kust"))
    assert not matches("wild", doc("PVV-leider spreekt", names=("Geert Wilders",)))  # names are not lemmatised


def test_a_story_is_lemmatised_only_for_a_query_that_needs_lemmas() -> None:
    """Lemmatising a story's words is most of the cost of matching; names and places never need it."""
    carpet = doc("Rode loper uitgerold in Utrecht", names=("Dick Schoof",))
    assert matches("Utrecht OR Schoof", carpet) and not matches("Rotterdam OR Wilders", carpet)
    assert "keys" not in vars(carpet)  # not computed
    assert matches("rood", carpet) and "keys" in vars(carpet)  # "Rode": a lemma


def test_words_the_lemmatiser_does_not_know_still_match_their_plural() -> None:
    assert matches("volgbot", doc("Drie volgbots getest", "en"))
    assert matches("volgbot", doc("Nieuwe volgboten gemeld"))  # -en, not a known Dutch word either
    assert not matches("volgbot", doc("Volgbotanicus spreekt"))  # only a plural ending, not any longer word
    assert not matches("bot", doc("Twee botsen op elkaar"))  # too short to take an ending


def test_phrases_match_consecutive_words_only() -> None:
    storm = doc("Code rood voor Zeeland: zware storm op komst")
    assert matches('"code rood"', storm)
    assert not matches('"rood code"', storm)
    assert not matches('"code zeeland"', storm)
    assert matches('"code rode"', doc("KNMI geeft code rode waarschuwing"))  # lemma per word inside a phrase
    assert not matches('"storm code"', doc("Storm in het noorden", lead="Code oranje in het zuiden"))


def test_a_phrase_does_not_span_two_titles() -> None:
    first = StoryArticle(1, None, "https://a.example/1", "Aanhouding na steekpartij in Breda code", "a", WHEN, "nl")
    second = StoryArticle(2, None, "https://b.example/2", "rood licht voor verdachte", "b", WHEN, "nl")
    two = Story(1, first.title, WHEN, WHEN, ("nl",), ("a", "b"), (first, second))
    assert not parse_query('"code rood"').matches(document_of(two))
    assert parse_query("code rood").matches(document_of(two))


def test_names_match_by_any_of_their_words() -> None:
    story_doc = doc("Steun voor Kyiv", names=("Volodymyr Zelensky", "Ursula von der Leyen"))
    assert matches("Zelensky", story_doc)
    assert matches('"von der Leyen"', story_doc)
    assert matches('"Volodymyr Zelensky"', story_doc)
    assert not matches('"Zelensky Volodymyr"', story_doc)
    assert not matches("Poetin", story_doc)


def test_a_word_inside_a_longer_name_does_not_count_alone() -> None:
    """`Oranje` (the national team) is not the king Van Oranje, a fortress, or a party; a place in a person's name
    is not the place. A surname in its own full name still is the person."""
    for text in ("Koning Van Oranje opent nieuwe kazerne", "Van Oranje opent nieuwe kazerne",
                 "Bezoekers stromen naar Fort Oranje", "Kiezers lieten Code Oranje links liggen"):
        assert not matches("Oranje", doc(text)), text
    for text in ("Oranje wint van Duitsland", "Het Nederlands elftal, Oranje, speelt vanavond",
                 "Ruime zege Oranje in Rotterdam", "Oranje-fans vieren feest", "Van Oranje naar de Bundesliga"):
        assert matches("Oranje", doc(text)), text
    assert matches('"Fort Oranje"', doc("Bezoekers stromen naar Fort Oranje"))
    assert matches("Ajax", doc("Ajax-PSV eindigt in gelijkspel")) and matches("PSV", doc("Ajax-PSV eindigt gelijk"))
    assert matches("Zelensky", doc("Steun voor Volodymyr Zelensky", names=("Volodymyr Zelensky",)))
    assert matches("Rutte", doc("Kritiek op premier Mark Rutte"))
    assert matches("Trump", doc("Then President Trump said no", "en"))
    assert matches("Lagerhuis", doc("Stemming in het Britse Lagerhuis uitgesteld"))
    assert matches("GroenLinks", doc("Klaver van GroenLinks wil een debat"))
    assert not matches("Washington", doc("The actor Denzel Washington plays a detective in his new film", "en"))
    assert matches("Washington", doc("Talks in Washington stall over the budget", "en"))
    # a town's name in a person's name is the person: the reader of "Tiel" (40,000 people) follows her
    assert matches("Tiel", doc("Rechter hoort de verdachte Anna Tiel opnieuw"))
    assert not matches("Washington", doc("Rechter hoort de verdachte Anna Washington opnieuw"))


def test_name_particles_of_several_languages_bind_the_name_that_follows() -> None:
    """Capitalised in running text, or in lower case after a given name where it is no word of the language."""
    assert not matches("Gent", doc("Bondscoach sprak met Van Gent over de selectie"))
    assert matches("Gent", doc("Staking in de haven van Gent"))
    assert not matches("Waal", doc("The primatologist Frans de Waal wrote a new book about apes", "en"))
    assert not matches("Leyen", doc("Steun van commissievoorzitter Ursula von der Leyen"))
    assert matches("Maas", doc("Kritiek van Maas op de Duitse plannen"))  # "van" is Dutch: no particle here


def test_what_only_looks_like_a_longer_name_leaves_the_word_alone() -> None:
    """A full name, then a club; capitals that shout; an acronym compound or an adjective before a place."""
    assert matches("Ajax", doc("Twee keer helpt Sanne Veldkamp Ajax aan een zege"))
    assert matches("Jansen", doc("Lezersbrieven\nDE BRIEF VAN JANSEN | Ik lees het graag"))
    assert matches("Ajax", doc("Opa blij met EK-kaarten Ajax. Ook oma"))
    assert matches("Ajax", doc("Fans zien de Poolse Ajax aanwinst graag spelen"))


def test_a_place_only_inside_a_longer_name_is_not_the_passages_place() -> None:
    """A passage's places come from its whole article: "Washington" found there alone does not make the actor's
    name in the headline the city."""
    article = "The actor Denzel Washington plays a detective in his new film. It opens in Washington next week."
    places = find_places(article, "en")
    assert [p.canonical for p in places] == ["Washington"]
    headline = "The actor Denzel Washington plays a detective in his new film"
    assert not parse_query("Washington").matches(text_document(1, ("en",), [headline], (), places))
    assert parse_query("Washington").matches(text_document(1, ("en",), [article], (), places))


def test_whether_a_word_stands_alone_reads_only_that_words_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    """A passage is matched against every topic's query: asking about `Oranje` reads the tokens of "Oranje", not
    the names around it, and gives the same answer as before."""
    asked: list[str] = []

    def counted(tokens: list[Token], k: int, language: str, *, place: bool) -> bool:
        asked.append(tokens[k].text)
        return part_of_name(tokens, k, language, place=place)

    monkeypatch.setattr(query_module, "part_of_name", counted)
    document = doc("Koning Van Oranje opent met Mark Rutte een nieuwe kazerne")
    assert not matches("Oranje", document)
    assert set(asked) == {"Oranje"}
    assert document.only_inside("oranje", place=False) and not document.only_inside("rutte", place=False)
    assert not document.only_inside("utrecht", place=False)  # not written at all


def test_hyphenated_word_is_a_phrase() -> None:
    assert matches("covid-19", doc("Nieuwe covid 19 golf verwacht"))
    assert not matches("covid-19", doc("Covid verdwijnt, 19 nieuwe gevallen elders"))


def test_texts_passed_by_the_caller_are_searched() -> None:
    base = story(1, "Kabinet neemt besluit", "nl")
    assert not parse_query("stikstof").matches(document_of(base))
    assert parse_query("stikstof").matches(document_of(base, ["Het gaat om de stikstofregels en stikstof."]))


def test_matched_terms_explain_a_match_and_skip_negated_terms() -> None:
    query = parse_query("(Zelensky OR Poetin OR storm) NOT voetbal")
    assert [t.text for t in query.terms()] == ["Zelensky", "Poetin", "storm"]
    document = doc("Zware storm houdt Zelensky aan de grond", names=("Zelensky",))
    assert [t.text for t in query.matched_terms(document)] == ["Zelensky", "storm"]


def test_a_fact_names_the_topic_when_one_of_its_terms_finds_it_alone() -> None:
    query = parse_query('Statenverkiezingen OR "Eerste Kamer" OR Baudet OR Maas')
    assert query.names("Thierry Baudet", "nl")
    assert query.names("Provinciale Statenverkiezingen", "nl")
    assert query.names("Eerste Kamer", "nl")
    assert query.names("Meuse", "en")  # the same river by the gazetteer
    assert not query.names("Annabel Nanninga", "nl")
    assert not query.names("Tweede Kamer", "nl")
    assert not query.names("13 zetels", "nl")
    assert not query.names("Venlo", "nl")
