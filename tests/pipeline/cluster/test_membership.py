"""A topic holds the stories it is central to: enough headlines or leads, not one stray report."""

from __future__ import annotations

from datetime import UTC, datetime

from volg.models import Citation, Development, Story
from volg.pipeline.cluster.membership import PassageText, membership
from volg.pipeline.cluster.query import parse_query, text_document

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STORY = Story(1, "Kledingketen neemt concurrent over", AT, AT, ("nl",), ("Zakenkrant",), ())
QUERY = parse_query("Libië OR Tripoli")


def passage(headline: str, lede: str, *, news: bool = True, article: int = 0) -> PassageText:
    return PassageText(text_document(1, ("nl",), [headline], (), ()),
                       text_document(1, ("nl",), [f"{headline}\n{lede}"], (), ()), news, article)


def step(article: int, headline: str, summary: str) -> Development:
    cited = Citation(article, "De Krant", f"https://krant.example/{article}", headline, AT)
    return Development(f"1:{article}", 1, headline, (summary,), "nl", (cited,), (), AT, 5.0, ())


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


def test_of_a_story_in_the_topic_by_a_few_leads_only_the_steps_that_tell_of_it_go_out() -> None:
    query = parse_query("Utrecht AND aanslag")
    debate = [
        passage("Slotdebat ontspoort", "Na de aanslag in Utrecht wilden partijen ingetogen debatteren.", article=1),
        passage("Vechten tot de laatste snik", "De regeringspartijen dreigen een opdoffer te krijgen.", article=2),
    ]
    found = membership(query, STORY, debate)
    assert found is not None and not found.about
    assert found.holds(step(1, "Slotdebat ontspoort", "Het decorum hield niet lang stand."))  # its lead matches
    assert not found.holds(step(2, "Vechten tot de laatste snik", "Wilders opende de aanval op Rutte."))
    # its own summary can tell of the topic too
    assert found.holds(step(2, "Vechten tot de laatste snik", "Rutte prees de politie na de aanslag in Utrecht."))
    # a story most of whose leads match is about the topic: every step goes
    about = membership(query, STORY, [*debate, passage("Herdenking", "Utrecht herdenkt de aanslag.", article=3)])
    assert about is not None and about.about
    assert about.holds(step(2, "Vechten tot de laatste snik", "Wilders opende de aanval op Rutte."))


def test_a_query_word_inside_a_longer_name_does_not_make_a_story_the_topics() -> None:
    football = parse_query("Ajax OR Oranje")
    royal = [passage("Van Oranje opent kazerne", "De koning sprak er over de brand bij Fort Oranje."),
             passage("Koning in Breda", "Daarna ging hij naar de brandweer.")]
    assert membership(football, STORY, royal) is None
    match = [passage("Oranje wint van Duitsland", "Het elftal was na rust veel sterker."), *royal]
    found = membership(football, STORY, match)
    assert found is not None and found.evidence == "in 1 headline; 1 of 3 leads"
