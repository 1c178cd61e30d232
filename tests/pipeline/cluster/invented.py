"""Passages built from invented news texts (written for these tests), with places and names found by volg's own
clean-stage helpers, as the service would find them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from volg.models import Passage, Section
from volg.pipeline.clean.names import find_names
from volg.pipeline.clean.places import find_places

T0 = datetime(2031, 3, 3, 8, 0, tzinfo=UTC)


def passage(article_id: int, title: str, text: str, *, hours: float = 0.0, language: str = "en",
            source: str = "Example Daily", section: int = 0) -> Passage:  # fmt: skip
    paragraphs = tuple(p.strip() for p in text.strip().split("\n") if p.strip())
    places = find_places("\n".join((title, *paragraphs)), language)
    names = find_names((Section(None, (title,)), Section(None, paragraphs)), language, places)
    return Passage(article_id, section, source, language, T0 + timedelta(hours=hours), title, paragraphs, names,
                   places)  # fmt: skip


DAM_EN = passage(
    1,
    "Dam gives way near Tilburg, 2,300 residents evacuated",
    """A dam on the Wilhelmina canal gave way near Tilburg early on Tuesday, flooding 300 homes, the Brabant
    safety region said. Some 2,300 residents were evacuated to a sports hall in Goirle.
    Mayor Henrike Vosselman said nobody was hurt. Water board chief Alwin Brouwerij blamed weeks of rain.""",
    source="Continental Wire",
)
DAM_EN_COPY = passage(
    2,
    "2,300 flee as canal dam bursts near Tilburg",
    """Some 2,300 residents fled their homes after a dam on the Wilhelmina canal gave way near Tilburg on Tuesday,
    flooding 300 homes. They were taken to a sports hall in Goirle.
    Mayor Henrike Vosselman said nobody was hurt. Water board chief Alwin Brouwerij blamed weeks of rain.""",
    hours=0.6,
    source="The Lowlands Post",
)
DAM_EN_OTHER = passage(
    3,
    "Tilburg mayor: canal breach could have been far worse",
    """Mayor Henrike Vosselman praised rescue teams after the Wilhelmina canal breach near Tilburg, which forced
    2,300 people from their homes. Engineers closed the gap in the dam by the evening.""",
    hours=5,
    source="The Northern Courier",
)
DAM_NL = passage(
    4,
    "Dijk Wilhelminakanaal bij Tilburg bezweken: 2.300 bewoners geëvacueerd",
    """Bij Tilburg is dinsdagochtend een dijk van het Wilhelminakanaal doorgebroken. Driehonderd woningen
    liepen onder water en 2.300 bewoners zijn naar een sporthal in Goirle gebracht.
    Burgemeester Henrike Vosselman zegt dat er geen gewonden zijn. Watersschapsbestuurder Alwin Brouwerij wijst
    op wekenlange regen.""",
    hours=1.5,
    language="nl",
    source="De Havenbode",
)
TRAM_EN = passage(
    5,
    "Tram strike halts Amsterdam transport as union demands 5% pay rise",
    """Tram and metro drivers in Amsterdam walked out on Tuesday, halting public transport in the capital. The union
    Railbond demands a pay rise of 5%, while transport company GVB offers 2.5%.
    Union leader Sanne Klaverweide said the strike would last 48 hours.""",
    hours=2,
)
