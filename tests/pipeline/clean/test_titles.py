from datetime import UTC, datetime

import pytest

from volg.models import RawArticle
from volg.pipeline.clean import clean_article
from volg.pipeline.clean.titles import without_outlet


@pytest.mark.parametrize(
    ("title", "source", "url", "expected"),
    [
        ("Ferry strike halts crossings to Texel - harbourtimes.example Den Helder ...", "Harbour Times",
         "https://harbourtimes.example/a", "Ferry strike halts crossings to Texel"),
        ("Ferry strike halts crossings to Texel - KNRT Channel 4 - Den Helder ...", "KNRT",
         "https://knrt.example/a", "Ferry strike halts crossings to Texel"),
        ("Ferry strike halts crossings to Texel | The Northsider", "Northsider Media",
         "https://www.thenorthsider.example/a", "Ferry strike halts crossings to Texel"),
        ("Ferry strike halts crossings to Texel | The Northsider", "Coastal Tribune",  # syndicated from another site
         "https://tribune.example/a", "Ferry strike halts crossings to Texel"),
        ("Ferry strike halts crossings to Texel | The  ...", "Coastal Tribune",  # its name cut short
         "https://tribune.example/a", "Ferry strike halts crossings to Texel"),
        ("Ferry strike halts crossings to Texel | HarbourDaily", "Coastal Tribune",
         "https://tribune.example/a", "Ferry strike halts crossings to Texel"),
        ("Ferry strike halts crossings to Texel | Islandpost", "Coastal Tribune",
         "https://tribune.example/a", "Ferry strike halts crossings to Texel"),
        ("Storm boven Limburg - live updates - De Heuvelkrant", "De Heuvelkrant",
         "https://heuvelkrant.example/a", "Storm boven Limburg - live updates"),
    ],
)
def test_the_outlet_glued_to_a_headline_goes(title: str, source: str, url: str, expected: str) -> None:
    assert without_outlet(title, source, url) == expected


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("Grote havenstaking begint - Rotterdam ligt stil", "Rotterdam Post"),  # a clause, not the outlet's name
        ("Brexit - May wins the vote", "Continental Wire"),  # nothing of the outlet
        ("Trump opgelucht - Post", "Post"),  # too little would be left
        ("Singer announces more shows | Shares New Album Details", "Wire"),  # a second headline, in title case
        ("Ferry strike halts crossings | 'The Crossing'", "Wire"),  # a programme's name in quotes
        ("Ferry strike halts crossings | Texel", "Wire"),  # a place
        ("Ferry strike halts crossings - The Northsider", "Wire"),  # after a dash, only the own outlet goes
    ],
)
def test_a_headline_that_only_looks_like_it_stays(title: str, source: str) -> None:
    assert without_outlet(title, source, "https://news.example/a") == title


def test_cleaned_articles_carry_the_headline_without_the_outlet() -> None:
    raw = RawArticle(
        origin="test", url="https://knrt.example/2031/ferry", source="KNRT",
        title="Ferry strike halts crossings to Texel - KNRT Channel 4 - Den Helder ...",
        text="Ferry crossings between Den Helder and Texel stopped on Monday as crews walked out over pay, the "
             "operator said. About 3,000 passengers were affected.",
        published_at=datetime(2031, 3, 3, 8, tzinfo=UTC), language="en",
    )  # fmt: skip
    assert clean_article(raw).title == "Ferry strike halts crossings to Texel"
