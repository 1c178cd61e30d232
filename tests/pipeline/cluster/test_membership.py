"""A topic holds the stories it is central to: enough headlines or leads, not one stray report."""

from __future__ import annotations

from datetime import UTC, datetime

from volg.models import Story
from volg.pipeline.cluster.membership import PassageText, membership
from volg.pipeline.cluster.query import parse_query, text_document

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STORY = Story(1, "Kledingketen neemt concurrent over", AT, AT, ("nl",), ("Zakenkrant",), ())
QUERY = parse_query("Libië OR Tripoli")


def passage(headline: str, lede: str, *, news: bool = True) -> PassageText:
    return PassageText(text_document(1, ("nl",), [headline], (), ()),
                       text_document(1, ("nl",), [f"{headline}\n{lede}"], (), ()), news)


OTHER = [passage(f"Kledingketen biedt {n} miljoen voor concurrent", "Het bod is hoger dan verwacht.") for n in range(9)]
STRAY = passage("Olie uit Libië duurder na onrust in Tripoli", "De olieprijs steeg dinsdag met 3 procent.")


def test_one_stray_headline_among_ten_does_not_make_a_story_the_topics() -> None:
    assert membership(QUERY, STORY, [*OTHER, STRAY]) is None


def test_headlines_or_leads_in_a_fair_share_of_the_passages_do() -> None:
    found = membership(QUERY, STORY, [*OTHER[:7], STRAY, STRAY])
    assert found is not None and found.evidence == "in 2 headlines; 2 of 9 leads"
    leads = [passage("Tanker mag niet uitvaren", "De regering in Tripoli verbiedt het schip te vertrekken.")] * 4
    found = membership(QUERY, STORY, [*OTHER[:8], *leads])
    assert found is not None and found.evidence == "4 of 12 leads"


def test_only_news_passages_count_unless_there_are_none() -> None:
    column = passage("Column: wat Libië ons leert", "Ik dacht altijd dat olie ver weg was.", news=False)
    assert membership(QUERY, STORY, [*OTHER[:2], column]) is None
    assert membership(QUERY, STORY, [column]) is not None
