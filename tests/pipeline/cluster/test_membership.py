"""A topic holds the stories it is central to: enough headlines or leads, not one stray report."""

from __future__ import annotations

from datetime import UTC, datetime

from volg.models import Citation, Development, PassageReading, Story
from volg.pipeline.cluster.membership import PassageText, membership, passage_text, telling
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


def read(headline: str, lede: str, *, names: tuple[str, ...] = (), language: str = "nl",
         article: int = 0) -> PassageText:
    """A passage as the newsroom reads it from its stored reading (`passage_text`)."""
    return passage_text(1, article, PassageReading(headline, lede, names, (), names, (), language, True))


ELECTION = parse_query('Statenverkiezingen OR "Provinciale Staten" OR "Eerste Kamer" OR Baudet')


def test_a_description_of_someone_named_does_not_make_the_passage_about_the_topic() -> None:
    witness = read("Oud-minister moet getuigen in zaak over prijsafspraken",
                   "Petra de Wilde, senator voor de VVD in de Eerste Kamer, moet als getuige vertellen wat zij wist "
                   "van afspraken over een warmteleiding.", names=("Petra de Wilde", "VVD", "Eerste Kamer"))
    assert membership(ELECTION, STORY, [witness]) is None
    striker = read("Inbrekers vinden villa leeg", "Het huis stond al weken te koop. Het was van Jan Bakker, spits "
                   "van Ajax.", names=("Jan Bakker", "Ajax"))
    assert membership(parse_query("Ajax OR PSV"), STORY, [striker]) is None
    camp = read("Thirty soldiers quarantined after a case of swine flu",
                "The case at Camp Hollow Ridge, a base for troops bound for Iraq, was confirmed on Tuesday.",
                names=("Camp Hollow Ridge",), language="en")
    assert membership(parse_query("Iraq OR Baghdad"), STORY, [camp]) is None
    # where the description is not all the lead says of it, the topic stays
    senate = read("Klimaatwet wankelt", "De Eerste Kamer stemt dinsdag over de klimaatwet, zegt Petra de Wilde, "
                  "senator voor de VVD.", names=("Eerste Kamer", "Petra de Wilde", "VVD"))
    found = membership(ELECTION, STORY, [senate])
    assert found is not None and found.evidence == "1 of 1 lead"


def test_a_clause_set_off_by_a_comma_tells_a_circumstance_not_the_topic() -> None:
    fair = read("Geen kermis op het Stationsplein", "Een kermis op het plein, zoals de PvdA in Provinciale Staten "
                "had bepleit, vindt de gemeente te duur.", names=("PvdA", "Provinciale Staten"))
    assert membership(ELECTION, STORY, [fair]) is None
    lift = read("Lift in Tweede Kamer weer kapot", "De nieuwe lift in de Tweede Kamer is, nadat de aannemer van de "
                "Eerste Kamer failliet ging, opnieuw defect.", names=("Tweede Kamer", "Eerste Kamer"))
    assert membership(ELECTION, STORY, [lift]) is None
    grain = read("Ministers agree on farm budget", "Ministers, after protests in Egypt had pushed up the price of "
                 "grain, agreed a larger farm budget on Monday.", names=("Egypt",), language="en")
    assert membership(parse_query("Egypt AND protest"), STORY, [grain]) is None
    # at the end of the sentence such a clause often says why it is news
    dikes = read("Geld voor dijken in Limburg", "Het kabinet trekt geld uit voor dijken, nadat het hoogwater in de "
                 "Maas twee doden eiste.", names=("Maas",))
    assert membership(parse_query("hoogwater OR Maas"), STORY, [dikes]) is not None
    # a clause that opens the sentence sets its scene; a relative clause may say how a thing belongs to the topic
    attack = parse_query("Utrecht AND aanslag")
    assert membership(attack, STORY, [read("Slotdebat ontspoort", "Na de aanslag in Utrecht, die het land schokte, "
                                           "wilden partijen ingetogen debatteren.", names=("Utrecht",))]) is not None
    toys = read("Knuffels opgeruimd", "De gemeente Utrecht haalt de knuffels weg, die na de aanslag bij de halte "
                "waren neergelegd.", names=("Utrecht",))
    assert membership(attack, STORY, [toys]) is not None


def test_a_later_sentence_that_only_says_more_of_the_one_before_does_not_make_the_topic() -> None:
    road = read("Onderzoek naar lagere snelheid op ringweg",
                "Er komt een onderzoek naar een snelheid van 80 kilometer per uur op de ringweg. Dat gebeurt op "
                "verzoek van Provinciale Staten.", names=("Provinciale Staten",))
    assert membership(ELECTION, STORY, [road]) is None
    tool = read("A map that collects reports by text message", "Mapit is a free tool that plots reports sent by "
                "text message. It was first tried after the Haiti earthquake.", language="en")
    assert membership(parse_query("Haiti"), STORY, [tool]) is None
    # a second sentence that tells something of its own still counts, and one that says what the first told was
    victim = read("Tweede dode in Luik", "In Luik is een vrouw dood aangetroffen in haar kelder. Het is de tweede "
                  "dode door het hoogwater.", names=("Luik",))
    assert membership(parse_query("hoogwater OR Maas"), STORY, [victim]) is not None
    seats = read("GroenLinks verdubbelt", "GroenLinks is de grote winnaar in Utrecht. In de Eerste Kamer gaat de "
                 "partij van vier naar acht zetels.", names=("GroenLinks", "Utrecht", "Eerste Kamer"))
    found = membership(ELECTION, STORY, [seats])
    assert found is not None and found.evidence == "1 of 1 lead"


def test_the_evidence_counts_the_leads_that_tell_of_the_topic() -> None:
    speech = read("Baudet spreekt in Assen", "Baudet sprak zaterdag zijn aanhang toe.", names=("Baudet",), article=1)
    witness = read("Oud-minister moet getuigen", "Petra de Wilde, senator voor de VVD in de Eerste Kamer, moet "
                   "getuigen.", names=("Petra de Wilde", "Eerste Kamer"), article=2)
    found = membership(ELECTION, STORY, [speech, witness])
    assert found is not None and found.evidence == "in 1 headline; 1 of 2 leads" and found.telling == {1}


def test_telling_keeps_a_lede_in_a_language_it_does_not_read_whole() -> None:
    lede = "Anna Weber, Sprecherin der Grünen im Bundestag, kritisiert den Plan. Das gilt auch für die SPD."
    assert telling(lede, "de") == (lede,)
    # what is described stays, and a capital that only opens the sentence is no name
    assert telling("Forum voor Democratie, de winnaar, wil praten.", "nl") == ("Forum voor Democratie", "wil praten.")
    assert telling("Nee, de Eerste Kamer stemt pas in mei.", "nl") == ("Nee, de Eerste Kamer stemt pas in mei.",)


def test_what_only_looks_like_a_description_or_an_aside_still_tells_the_topic() -> None:
    spill = parse_query('"oil spill" OR Gulf')
    leads = [
        # the next item of a list, a participle, the sentence's own clause after a long opening, a clause of cause
        "Dead fish in Norway, sick seals in Denmark and a drifting tanker fed rumours about the oil spill.",
        "Lawmakers questioned the head of Tidewater Energy on Thursday, worried about drilling after the oil spill.",
        "For the crab fishers along the coast of Norway, the clean-up work that followed the oil spill was a lifeline.",
        "Shares in Tidewater Energy fell on Tuesday, as fears grew that the oil spill would reach the shore.",
    ]
    for lede in leads:
        found = membership(spill, STORY, [read("Markets and fishermen wait", lede, language="en")])
        assert found is not None, lede


def test_a_clause_that_ends_its_part_of_the_sentence_is_not_inside_it() -> None:
    # ", as ..., and ...": the clause closes the first half of the sentence, it does not interrupt it
    riots = read("Unrest spreads", "Crowds marched again on Sunday, as the army lost control of the port of "
                 "Benghazi, and shops stayed shut in the capital.", language="en")
    assert membership(parse_query("Libya OR Benghazi"), STORY, [riots]) is not None
    assert telling("Crowds marched, as the army lost Benghazi, in the capital.", "en") == (
        "Crowds marched", "in the capital.")
