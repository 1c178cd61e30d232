from datetime import UTC, datetime, timedelta, timezone

import pytest

from volg.errors import InputError
from volg.models import RawArticle
from volg.pipeline.clean import clean_article

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

TEXT = "\n".join(
    [
        "De gemeenteraad van Groningen heeft donderdagavond ingestemd met de bouw van achthonderd nieuwe woningen "
        "in de wijk Meerstad. De eerste huizen moeten in 2026 klaar zijn.",
        "Beeld: Gemeente Groningen",
        "Volgens wethouder Van Dijk is de woningnood in de stad groot. Vooral starters en studenten vinden moeilijk "
        "een betaalbaar huis.",
        "Bezwaren van omwonenden",
        "Omwonenden maken zich zorgen over het verkeer. Zij vrezen dat de smalle toegangsweg de drukte niet aankan "
        "en willen een extra ontsluiting.",
    ]
)


def test_seed_article(seed_text: str) -> None:
    article = clean_article(RawArticle(origin="seed", url="file:///seed", text=seed_text), now=NOW)
    assert article.language == "nl"
    # the seed's two sub-headings are its only short lines without a closing full stop (its text is not copied here)
    lines = [line.strip() for line in seed_text.splitlines() if line.strip()]
    subheadings = [line for line in lines if len(line.split()) <= 14 and not line.endswith((".", "?", '"'))]
    assert len(subheadings) == 2
    assert [s.heading for s in article.sections] == [None, *subheadings]
    assert all(s.paragraphs for s in article.sections)
    assert set(article.paragraphs) <= set(lines)
    # generic interface phrases, not the publisher's prose: follow widget, app prompt in the caption, photo credit
    for marker in ("Volg dit onderwerp", "Gebruik je de app", "Foto:"):
        assert not any(marker in p for p in article.paragraphs), marker
        assert any(marker in line for line in article.removed), marker
    assert len(article.removed) == 3
    assert all(line in seed_text for line in article.removed)
    assert article.title
    assert article.published_at == NOW


def test_clean_text_article() -> None:
    article = clean_article(
        RawArticle(origin="t.jsonl:1", url="https://www.dvhn.example/groningen/1", text=TEXT, external_id="a1"),
        now=NOW,
    )
    assert article.language == "nl"
    assert article.source == "dvhn.example"
    assert article.external_id == "a1"
    assert [s.heading for s in article.sections] == [None, "Bezwaren van omwonenden"]
    assert article.removed == ("Beeld: Gemeente Groningen",)
    # no title given and the text opens with a paragraph: its first sentence (whole: 19 words), not a later heading
    assert article.title == ("De gemeenteraad van Groningen heeft donderdagavond ingestemd met de bouw van "
                             "achthonderd nieuwe woningen in de wijk Meerstad.")
    assert article.published_at == NOW
    assert isinstance(article.places, tuple) and isinstance(article.names, tuple)


def test_given_fields_win() -> None:
    published = datetime(2024, 4, 30, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    raw = RawArticle(
        origin="x", url="file:///x", text=TEXT, title=" Groningen bouwt  in Meerstad ", language="de",
        published_at=published, source="DvhN",
    )  # fmt: skip
    article = clean_article(raw, now=NOW)
    assert article.title == "Groningen bouwt in Meerstad"
    assert article.language == "de"
    assert article.published_at == datetime(2024, 4, 30, 7, 0, tzinfo=UTC)
    assert article.source == "DvhN"


def test_title_falls_back_to_a_shortened_first_sentence() -> None:
    long_sentence = "De provincie Drenthe " + "en de gemeente Assen " * 12 + "werken samen aan een nieuw plan."
    article = clean_article(
        RawArticle(origin="x", url="file:///x", text=f"{long_sentence}\n{TEXT.splitlines()[0]}"), now=NOW
    )
    assert article.title.startswith("De provincie Drenthe en de gemeente Assen")
    assert article.title.endswith("…") and len(article.title) <= 110
    # a sentence of a headline's length in words stays whole, however long its words
    whole = ("De provincie laat alsnog onderzoeken of de snelheid op de provinciale weg N999 bij Westerhoven omlaag "
             "kan van 100 naar 80 kilometer per uur.")
    article = clean_article(RawArticle(origin="x", url="file:///x", text=f"{whole}\n{TEXT.splitlines()[0]}"), now=NOW)
    assert article.title == whole



@pytest.mark.parametrize(("text", "title"), [
    ("80 De gemeente laat alsnog onderzoeken of de snelheid op de ringweg omlaag kan van 100 naar 70 km per uur. "
     "De gemeenteraad vroeg erom, omdat omwonenden steeds vaker klagen over het lawaai.",
     "De gemeente laat alsnog onderzoeken of de snelheid op de ringweg omlaag kan van 100 naar 70 km per uur."),
    ("Hoog water Toch bleven de kades in Venlo de hele nacht droog, meldt het waterschap. De Maas zakt vandaag "
     "langzaam en de gemeente heft de afsluitingen morgen op.",
     "Toch bleven de kades in Venlo de hele nacht droog, meldt het waterschap."),
    ("Evacuation Residents of the riverside streets were told to leave before noon, the council said. The water is "
     "expected to peak on Saturday evening near the old bridge.",
     "Residents of the riverside streets were told to leave before noon, the council said."),
])
def test_a_title_made_of_the_first_sentence_leaves_a_heading_glued_to_it_out(text: str, title: str) -> None:
    assert clean_article(RawArticle(origin="x", url="file:///x", text=text), now=NOW).title == title


def test_a_wire_dateline_is_no_part_of_a_title_given_or_made_of_the_first_sentence() -> None:
    text = ("OSLO | Tue May 4 , 2010 9:12 am EDT OSLO ( Wire ) - The harbour of Oslo reopened on Tuesday after a "
            "two-day strike. Ferries to Kiel and Copenhagen sail again from Wednesday morning.")
    made = clean_article(RawArticle(origin="x", url="file:///x", text=text), now=NOW)
    assert made.title == "The harbour of Oslo reopened on Tuesday after a two-day strike."
    given = clean_article(RawArticle(origin="x", url="file:///x", title="OSLO (Wire) - Harbour reopens", text=text),
                          now=NOW)
    assert given.title == "Harbour reopens"


def test_what_is_too_long_for_a_heading_stays_in_the_title() -> None:
    text = ("De gemeenteraad van Venlo heeft gisteravond na een lang debat ingestemd met het plan om de kades langs de "
            "Maas te verhogen Kosten De verhoging kost 12 miljoen euro, die de provincie voor de helft betaalt.")
    assert clean_article(RawArticle(origin="x", url="file:///x", text=text), now=NOW).title.startswith(
        "De gemeenteraad van Venlo heeft gisteravond")


def test_html_article() -> None:
    html = (
        '<html lang="en"><head><title>Bridge closes - City News</title></head><body><article>'
        "<h1>Bridge closes</h1>"
        + "<p>The old bridge over the river will close on Monday for two years of repairs, the council said.</p>" * 1
        + "<p>Drivers will have to take a detour through the industrial estate, adding ten minutes to the trip.</p>"
        + "<p>Photo: Reuters</p>"
        + "<p>The council expects the new deck to last for another eighty years once the work is done.</p>"
        + "</article></body></html>"
    )
    article = clean_article(RawArticle(origin="x", url="https://citynews.example/a", html=html), now=NOW)
    assert article.language == "en"
    assert article.title == "Bridge closes"
    assert "Photo: Reuters" in article.removed
    assert len(article.paragraphs) == 3


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (RawArticle(origin="x", text=TEXT), "no URL"),
        (RawArticle(origin="x", url="file:///x"), "no article text"),
        (RawArticle(origin="x", url="file:///x", text="Kort bericht over niets."), "too short"),
        (RawArticle(origin="x", url="file:///x", text="Foto: ANP\nLees ook: iets anders"), "only boilerplate"),
        (RawArticle(origin="x", url="file:///x", html="<html><body></body></html>"), "no article text"),
    ],
)
def test_input_errors(raw: RawArticle, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        clean_article(raw, now=NOW)
    assert "\n" not in str(caught.value)
