"""Hypothesis strategies for the property tests: news-like text in six languages from a small vocabulary (so that
passages often share words, names and places, and join, merge and link), mixed with what real feeds also bring:
empty titles and texts, arbitrary Unicode, very long texts and very long digit runs, names and places that are not
in the text, dates from year 1 to 9999, and repeats.

Used by tests/pipeline/cluster/test_*_properties.py and tests/pipeline/develop/test_develop_properties.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from volg.models import Article, CleanArticle, Place, Section
from volg.pipeline.clean.gazetteer import gazetteer
from volg.pipeline.cluster.tuning import ClusterSettings

BASE = datetime(2031, 3, 3, 8, 0, tzinfo=UTC)
LANGUAGES = ("nl", "en", "de", "fr", "es", "it")
ODD_LANGUAGES = ("", "und", "xx", "zh", "pt")  # no stemmer or stop words for some of them

WORDS = {
    "nl": "overstroming dijk bewoners geëvacueerd brand haven staking regering minister verkiezingen doden gewonden "
          "politie rechter proces water de het een en van",
    "en": "flood dam residents evacuated fire port strike government minister election killed injured police court "
          "trial water the a and of",
    "de": "Hochwasser Deich Bewohner evakuiert Brand Hafen Streik Regierung Minister Wahl Tote Verletzte Polizei "
          "Gericht Prozess Wasser der die das und",
    "fr": "inondation digue habitants évacués incendie port grève gouvernement ministre élection morts blessés police "
          "tribunal procès eau le la et de",
    "es": "inundación dique vecinos evacuados incendio puerto huelga gobierno ministro elecciones muertos heridos "
          "policía tribunal juicio agua el la y de",
    "it": "alluvione diga residenti evacuati incendio porto sciopero governo ministro elezioni morti feriti polizia "
          "tribunale processo acqua il la e di",
}  # fmt: skip
NUMBERS = ("12", "2.300", "1,400", "3,2", "5%", "€310m", "16 November", "Nov 16", "16.00", "2031", "0", "(52)",
           "68-jarige", "twaalf", "three killed", "20 maart 2003", "dinsdag", "yesterday", "١٢٣")  # fmt: skip
NAMES = ("Mark Rutte", "Rutte", "Olaf Scholz", "Emmanuel Macron", "Pedro Sánchez", "Giorgia Meloni",
         "Volodymyr Zelensky", "Zelensky", "NAVO", "Henrike Vosselman", "Jean-Claude Juncker", "O'Brien", "Æsir Ltd",
         "Continental Wire", "AND", "x", "Łukasz Żak")  # fmt: skip
PLACE_NAMES = ("Kyiv", "Kiev", "Kiew", "Amsterdam", "Den Haag", "Berlin", "Parijs", "Paris", "Madrid", "Roma", "Rome",
               "Tilburg", "Nederland", "Ukraine", "Oekraïne", "Deutschland", "Lyon", "Sevilla", "Milano", "Brussel")


def _place(name: str) -> Place:
    entry = gazetteer().lookup(name)
    assert entry is not None, name
    return Place(name, entry.canonical, entry.lat, entry.lon, entry.country, entry.kind)


PLACES = tuple(_place(name) for name in PLACE_NAMES)
OUTLETS = ("Continental Wire", "De Havenbode", "Daily Herald", "Le Quotidien", "", "Æ")

languages = st.one_of(st.sampled_from(LANGUAGES), st.sampled_from(ODD_LANGUAGES))

# Any moment from year 1 to 9999, but mostly within days of one another, so that passages meet in the window.
near = st.floats(min_value=-240.0, max_value=240.0, allow_nan=False).map(lambda hours: BASE + timedelta(hours=hours))
anywhen = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59),
                       timezones=st.just(UTC))  # fmt: skip
moments = st.one_of(near, near, near, anywhen, st.sampled_from((datetime.min.replace(tzinfo=UTC),
                                                                datetime.max.replace(tzinfo=UTC))))


def tokens(language: str) -> st.SearchStrategy[str]:
    """One token of text: mostly a word of the language, sometimes a number, name, place or another language's
    word, now and then arbitrary Unicode or a very long run of digits (an ID, a hash, a broken table)."""
    words = st.sampled_from(WORDS.get(language, WORDS["en"]).split())
    rare = st.one_of(st.text(max_size=12), st.integers(min_value=1, max_value=5000).map(lambda n: "9" * n))
    return st.one_of(
        words, words, words, words, words, words, st.sampled_from(NUMBERS), st.sampled_from(NUMBERS),
        st.sampled_from(NAMES), st.sampled_from(PLACE_NAMES),
        st.sampled_from(LANGUAGES).flatmap(lambda other: st.sampled_from(WORDS[other].split())), rare,
    )  # fmt: skip


def texts(language: str, max_words: int = 25, *, huge: bool = True) -> st.SearchStrategy[str]:
    """A line of text (possibly empty); now and then, with `huge`, a very long one (a whole archive page in one
    paragraph)."""
    line = st.lists(tokens(language), max_size=max_words).map(" ".join)
    short = st.lists(st.one_of(st.sampled_from(WORDS.get(language, WORDS["en"]).split()), st.sampled_from(NUMBERS),
                               st.sampled_from(NAMES)), min_size=1, max_size=6).map(" ".join)  # fmt: skip
    page = st.tuples(short, st.integers(min_value=100, max_value=2000)).map(lambda t: " ".join([t[0] + "."] * t[1]))
    return st.one_of(*[line] * 30, page) if huge else line


def paragraphs(language: str) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(language), max_size=4).map(tuple)


names = st.lists(st.one_of(st.sampled_from(NAMES), st.text(max_size=10)), max_size=4, unique=True).map(tuple)
places = st.lists(st.sampled_from(PLACES), max_size=4, unique=True).map(tuple)


@st.composite
def clean_articles(draw: st.DrawFn) -> CleanArticle:
    """A cleaned article: one or more sections, with or without headings, names and places it may or may not
    mention."""
    language = draw(languages)
    sections = draw(st.lists(
        st.builds(Section, st.one_of(st.none(), texts(language, 6)), paragraphs(language)), min_size=1, max_size=4,
    ).map(tuple))  # fmt: skip
    return CleanArticle(
        url=f"https://example.org/{draw(st.integers(0, 10**6))}",
        source=draw(st.sampled_from(OUTLETS)),
        title=draw(texts(language, 10)),
        published_at=draw(moments),
        language=language,
        sections=sections,
        places=draw(places),
        names=draw(names),
        removed=(),
    )


CONTENT_WORDS = 16  # the first words of each language's list say the same things, in the same order


Event = tuple[tuple[int, ...], tuple[str, ...], datetime]


@st.composite
def events(draw: st.DrawFn) -> Event:
    """A news event: what reports of it say (a few words, by their place in each language's list, and names,
    places, numbers), and when."""
    words = draw(st.lists(st.integers(0, CONTENT_WORDS - 1), min_size=3, max_size=7, unique=True))
    facts = draw(st.lists(st.sampled_from((*NAMES[:12], *PLACE_NAMES, *NUMBERS[:6])), min_size=1, max_size=4,
                          unique=True))  # fmt: skip
    return tuple(words), tuple(facts), draw(near)


@st.composite
def event_articles(draw: st.DrawFn, happened: list[Event]) -> CleanArticle:
    """An article that tells one event, or two at once (which can merge their stories), in any of the six
    languages: words, names, places and numbers drawn from theirs, within hours of the event, in any order."""
    told = draw(st.lists(st.sampled_from(happened), min_size=1, max_size=2, unique=True))
    language = draw(st.sampled_from(LANGUAGES))
    vocabulary = WORDS[language].split()
    material = sorted({vocabulary[i] for words, _, _ in told for i in words} | {f for _, fs, _ in told for f in fs})
    title = draw(st.lists(st.sampled_from(material), min_size=1, max_size=12).map(" ".join))
    body = draw(st.lists(st.lists(st.sampled_from(material), min_size=1, max_size=60).map(" ".join), max_size=3))
    text = " ".join((title, *body))
    # mostly within hours; sometimes days apart, so that a report can come between two stories of one event
    hours = draw(st.one_of(st.floats(min_value=-12.0, max_value=12.0), st.floats(min_value=-80.0, max_value=80.0)))
    return CleanArticle(
        url="https://example.org/event",
        source=draw(st.sampled_from(OUTLETS)),
        title=title,
        published_at=told[0][2] + timedelta(hours=hours),
        language=language,
        sections=(Section(None, tuple(body)),),
        places=tuple(p for p in PLACES if p.name in text),
        names=tuple(n for n in NAMES if n and n in text),
        removed=(),
    )


@st.composite
def article_streams(draw: st.DrawFn, max_size: int = 16) -> list[Article]:
    """Articles in the order they are stored: most tell one of a few events (or two at once), the others anything;
    now and then an exact repeat of an earlier one, or a changed version of one (the same id, new text), at random
    times in any order."""
    happened = draw(st.lists(events(), min_size=1, max_size=3))
    stream: list[Article] = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_size))):
        what = draw(st.integers(0, 9))
        if stream and what == 0:
            stream.append(draw(st.sampled_from(stream)))  # the same article again
            continue
        earlier = draw(st.sampled_from(stream)) if stream and what == 1 else None
        clean = draw(clean_articles() if what < 4 else event_articles(happened))
        if earlier is not None:  # its outlet changed it
            stream.append(Article(earlier.id, clean, "changed", version=earlier.version + 1))
        else:
            stream.append(Article(len(stream) + 1, clean, "hash"))
    return stream


def _settings(join: float, merge: float, window: float, busy: float, story_terms: int, passage_terms: int,
              grams: int, postings: int) -> ClusterSettings:  # fmt: skip
    return ClusterSettings(join=join, full_join=join * 1.5, merge=merge, section_join=join / 2, window_hours=window,
                           busy_passages=busy, story_terms=story_terms, passage_terms=passage_terms, gram_size=grams,
                           max_postings=postings)  # fmt: skip


cluster_settings = st.one_of(st.just(ClusterSettings()), st.builds(
    _settings,
    join=st.floats(min_value=0.005, max_value=0.3),
    merge=st.floats(min_value=0.0, max_value=0.4),
    window=st.floats(min_value=1.0, max_value=200.0),
    busy=st.floats(min_value=0.5, max_value=20.0),
    story_terms=st.integers(min_value=1, max_value=300),
    passage_terms=st.integers(min_value=1, max_value=60),
    grams=st.sampled_from((0, 3, 4)),
    postings=st.integers(min_value=1, max_value=200),
))
"""The default settings, or others that join, merge, expire and prune far more often (any settings must keep the
invariants)."""
