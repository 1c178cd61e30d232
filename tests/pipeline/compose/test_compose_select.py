"""Selecting a digest's items: window, importance order, no repeats, updates, regrown developments, breaking."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests.pipeline.compose.invented import T0, dev

from volg.models import Digest, DigestItem, Subscription
from volg.pipeline.cluster.query import parse_query
from volg.pipeline.compose import breaking, digest_since, render_json, select
from volg.pipeline.compose.repeats import SAME_EVENT, SURELY_SAME, _dice, sent_items, sent_of

SUB = Subscription("hoogwater", max_items=5, id=1)
UNTIL = T0 + timedelta(hours=5)  # 13:00 Amsterdam
SINCE = T0


def pick(devs, *, sub=SUB, since=SINCE, until=UNTIL, delivered=(), stories=()):
    return select(sub, devs, since=since, until=until, delivered=set(delivered), delivered_stories=set(stories))


def keys(items):
    return [i.development.key for i in items]


def test_ordered_by_importance_then_first_seen_then_key():
    devs = [dev("1:1.0", 1, 4.5, 30), dev("2:2.0", 2, 8.2, 90), dev("3:3.0", 3, 4.5, 10), dev("4:4.0", 4, 4.5, 10)]
    assert keys(pick(devs)) == ["2:2.0", "3:3.0", "4:4.0", "1:1.0"]


def test_window_is_half_open_since_excluded_until_included():
    devs = [dev("1:1.0", 1, 5, 0), dev("2:2.0", 2, 5, 300), dev("3:3.0", 3, 5, 301), dev("4:4.0", 4, 5, -60)]
    assert keys(pick(devs)) == ["2:2.0"]


def test_empty_window_gives_empty_tuple():
    assert pick([dev("1:1.0", 1, 9, 400)]) == ()
    assert pick([]) == ()


def test_max_items():
    devs = [dev(f"{n}:{n}.0", n, float(n), 10) for n in range(1, 9)]
    assert keys(pick(devs, sub=Subscription("x", max_items=3))) == ["8:8.0", "7:7.0", "6:6.0"]


def test_no_repeats_across_consecutive_digests():
    first_slot, second_slot = UNTIL, UNTIL + timedelta(hours=6)
    devs = [
        dev("1:1.0", 1, 7, 60),
        dev("2:2.0", 2, 5, 120),
        # a development seen early but only listed later (a late-stored report) is still never repeated
        dev("1:1.0", 1, 7, 60),
        dev("3:3.0", 3, 6, 400),
        dev("1:9.0", 1, 6.5, 420, update_of="1:1.0", new=("1.800 bewoners",)),
        dev("2:8.0", 2, 6.0, 430, update_of="2:2.0"),  # retells, adds nothing
    ]
    delivered: set[str] = set()
    stories: set[int] = set()
    seen: list[str] = []
    previous = None
    for slot in (first_slot, second_slot):
        items = select(SUB, devs, since=digest_since(previous, slot), until=slot, delivered=delivered,
                       delivered_stories=stories)
        seen += keys(items)
        delivered |= {i.development.key for i in items}
        stories |= {i.development.story_id for i in items}
        previous = slot
    assert seen == ["1:1.0", "2:2.0", "1:9.0", "3:3.0"]
    assert len(seen) == len(set(seen))
    # the same window once more, after delivery: nothing left
    assert pick(devs, since=first_slot, until=second_slot, delivered=delivered, stories=stories) == ()


def test_delivered_key_never_again_even_if_window_overlaps():
    devs = [dev("1:1.0", 1, 7, 60)]
    assert pick(devs, delivered={"1:1.0"}) == ()
    assert pick(devs, delivered={"1:1.0": object()}.keys()) == ()


def test_a_development_the_reader_got_is_not_sent_again_after_its_story_was_merged_into_another():
    # story 4 was merged into story 9: the step the reader got as "4:8.0" is now "9:8.0", with a new fact besides
    merged = dev("9:8.0", 9, 6, 60, update_of="9:7.0", new=("Winkel van Sinkel",))
    assert pick([merged], delivered={"4:8.0"}, stories={4, 9}) == ()
    later = dev("9:12.0", 9, 5, 90, update_of="9:8.0", new=("Chaudfontaine",))
    (item,) = pick([merged, later], delivered={"4:8.0"}, stories={4, 9})
    assert item.development.key == "9:12.0" and item.is_update


def test_update_shown_only_when_it_adds_information_and_marked():
    empty = dev("1:5.0", 1, 9, 60, update_of="1:1.0")
    informative = dev("1:6.0", 1, 4, 90, update_of="1:5.0", new=("Chaudfontaine",))
    items = pick([empty, informative], stories={1})
    assert keys(items) == ["1:6.0"]
    assert items[0].is_update
    assert pick([empty], stories={1}) == ()


def test_an_update_lists_no_fact_the_readers_topic_names() -> None:
    query = parse_query('Maas OR hoogwater OR "Thierry Baudet"')
    topical = dev("1:5.0", 1, 9, 60, update_of="1:1.0", new=("Maas",),
                  summary=("Rijkswaterstaat verwacht dat de Maas bij Eijsden vannacht verder stijgt.",),
                  reasons=("1 outlet", "new: Maas"))
    more = dev("1:6.0", 1, 4, 90, update_of="1:5.0", new=("Maas", "Chaudfontaine", "Thierry Baudet"),
               summary=("Ook Chaudfontaine aan de Maas is ontruimd, zegt Thierry Baudet.",),
               reasons=("1 outlet", "new: Maas, Chaudfontaine, Thierry Baudet"))
    items = select(SUB, [topical, more], since=SINCE, until=UNTIL, delivered=set(), delivered_stories={1},
                   about=query.names)
    assert keys(items) == ["1:5.0", "1:6.0"] and all(item.is_update for item in items)
    # the update whose facts are all the topic's still goes out (its news may be what no fact caught), listing none
    assert items[0].development.new == () and items[0].development.reasons == ("1 outlet",)
    assert items[1].development.new == ("Chaudfontaine",)
    assert items[1].development.reasons == ("1 outlet", "new: Chaudfontaine")
    # without the topic's words every fact is listed
    assert [item.development.new for item in pick([topical, more], stories={1})] == [("Maas",), more.new]


def test_an_update_lists_only_the_new_facts_its_headline_or_summary_states() -> None:
    # the names a colour piece mentions in passing made it news, but the item is not about them
    colour = dev("1:5.0", 1, 6, 60, update_of="1:1.0", new=("150 man", "Femke Halsema", "Maasdriel"),
                 headline="Forum wint ook in Maasdriel", summary=("De partij wordt de grootste in de gemeente.",),
                 reasons=("1 outlet", "new: 150 man, Femke Halsema, Maasdriel"))
    (item,) = pick([colour], stories={1})
    assert item.is_update and item.development.new == ("Maasdriel",)
    assert item.development.reasons == ("1 outlet", "new: Maasdriel")
    # case, accents and punctuation aside; a fact must be stated whole, not only one of its words
    told = replace(colour, summary=("Volgens FEMKE HALSEMA kwamen er 150 man, niet 1500 man.",))
    assert pick([told], stories={1})[0].development.new == ("150 man", "Femke Halsema", "Maasdriel")
    half = replace(colour, headline="Forum wint", summary=("Halsema telt 150 mannen.",))
    (item,) = pick([half], stories={1})
    assert item.is_update and item.development.new == () and item.development.reasons == ("1 outlet",)


def test_a_step_of_a_story_higher_up_whose_new_facts_are_the_topics_words_still_counts_as_news() -> None:
    first = dev("1:1.0", 1, 9, 60)
    step = dev("1:1.1", 1, 8, 70, update_of="1:1.0", new=("Thierry Baudet",))
    about = parse_query("Baudet").names
    items = select(SUB, [first, step], since=SINCE, until=UNTIL, delivered=set(), delivered_stories=set(),
                   about=about)
    assert keys(items) == ["1:1.0", "1:1.1"] and items[1].is_update and items[1].development.new == ()


def test_update_of_story_reader_never_had_is_not_marked():
    items = pick([dev("1:5.0", 1, 9, 60, update_of="1:1.0")])
    assert keys(items) == ["1:5.0"] and not items[0].is_update


def test_a_digest_never_leaves_out_a_development_that_beats_one_it_sends():
    devs = [
        dev("4:1.0", 4, 7.9, 30),
        dev("1:2.0", 1, 8.0, 60, update_of="1:1.0", new=("14 doden",)),
        dev("1:3.0", 1, 3.5, 90, update_of="1:2.0", new=("Esneux",)),
        dev("2:4.0", 2, 6.0, 30),
        dev("3:5.0", 3, 3.0, 30),
    ]
    assert keys(pick(devs, sub=Subscription("x", max_items=2))) == ["1:2.0", "4:1.0"]
    assert keys(pick(devs, sub=Subscription("x", max_items=3))) == ["1:2.0", "4:1.0", "2:4.0"]
    assert keys(pick(devs)) == ["1:2.0", "4:1.0", "2:4.0", "1:3.0", "3:5.0"]


def test_an_item_under_a_third_of_the_leads_importance_is_left_out():
    # beside an event many outlets reported, one outlet's deal post is noise; in a quiet digest the same item goes
    big, middle, small = dev("1:1.0", 1, 12.0, 30), dev("2:2.0", 2, 4.5, 40), dev("3:3.0", 3, 3.9, 50)
    assert keys(pick([big, middle, small])) == ["1:1.0", "2:2.0"]
    assert keys(pick([middle, small])) == ["2:2.0", "3:3.0"]
    assert keys(pick([replace(big, importance=11.6), middle, small])) == ["1:1.0", "2:2.0", "3:3.0"]


def test_a_further_step_of_a_story_higher_up_in_the_digest_comes_only_with_a_new_fact_as_an_update():
    first = dev("1:1.0", 1, 7.0, 30)
    devs = [
        first,
        dev("1:2.0", 1, 6.0, 60, update_of="1:1.0"),  # its novelty was in words: it states no new fact
        dev("1:3.0", 1, 5.0, 90, update_of="1:2.0", new=("14 doden",)),
        dev("2:4.0", 2, 4.0, 30),
    ]
    items = pick(devs)
    assert [(i.development.key, i.is_update) for i in items] == [("1:1.0", False), ("1:3.0", True), ("2:4.0", False)]
    # the first report, when a later step ranks above it, states nothing the reader lacks
    assert keys(pick([first, replace(devs[2], importance=9.0)])) == ["1:3.0"]


def test_a_development_that_grew_after_the_previous_digest_still_comes():
    small = dev("1:1.0", 1, 6.5, -30)  # came in half an hour before the window, when it was one outlet's report
    grown = replace(small, sources=(*small.sources, replace(small.sources[0], outlet="NieuwsNu",
                                                            published_at=T0 + timedelta(minutes=40))))
    assert keys(pick([small, dev("2:2.0", 2, 4.0, 60)])) == ["2:2.0"]
    assert keys(pick([grown, dev("2:2.0", 2, 4.0, 60)])) == ["1:1.0", "2:2.0"]
    assert keys(pick([grown], delivered=["1:1.0"])) == []  # once sent, never again
    old = replace(grown, first_seen=T0 - timedelta(hours=49))
    assert keys(pick([old])) == []  # older than REGROWN: no longer news


def test_every_development_is_one_item():
    same = dev("1:1.0", 1, 5.0, 30)
    assert keys(pick([same, same, dev("1:2.0", 1, 5.0, 60, update_of="1:1.0", new=("Luik",))])) == ["1:1.0", "1:2.0"]


def test_deterministic_whatever_the_input_order():
    devs = [dev(f"{n % 4}:{n}.0", n % 4, float(n % 3), n * 7, new=(f"{n} doden",)) for n in range(1, 20)]
    once = pick(devs)
    assert once == pick(list(reversed(devs))) == pick(sorted(devs, key=lambda d: d.headline))
    assert len(once) == 5


def test_digest_since_first_digest_looks_back_a_day():
    assert digest_since(None, UNTIL) == UNTIL - timedelta(hours=24)
    assert digest_since(T0, UNTIL) == T0


def test_breaking_above_threshold_recent_and_capped():
    sub = Subscription("x", breaking=7.0)
    now = T0 + timedelta(hours=2)
    devs = [
        dev("1:1.0", 1, 9.0, 100),
        dev("2:2.0", 2, 8.0, 110),
        dev("3:3.0", 3, 7.0, 115),  # not above the threshold
        dev("4:4.0", 4, 9.5, 30),  # older than an hour
        dev("5:5.0", 5, 7.5, 119),
    ]
    assert keys(breaking(sub, devs, now=now, delivered=set(), sent_breaking_today=0)) == ["1:1.0", "2:2.0", "5:5.0"]
    assert keys(breaking(sub, devs, now=now, delivered={"1:1.0"}, sent_breaking_today=2)) == ["2:2.0"]
    assert breaking(sub, devs, now=now, delivered=set(), sent_breaking_today=3) == ()
    assert breaking(Subscription("x"), devs, now=now, delivered=set(), sent_breaking_today=0) == ()


def test_breaking_not_in_quiet_hours():
    sub = Subscription("x", breaking=7.0, quiet=("08:00", "10:00"), tz="Europe/Amsterdam")
    now = T0 + timedelta(hours=2)  # 10:00 Amsterdam: quiet hours end
    devs = [dev("1:1.0", 1, 9.0, 100)]
    assert keys(breaking(sub, devs, now=now, delivered=set(), sent_breaking_today=0)) == ["1:1.0"]
    assert breaking(sub, devs, now=now - timedelta(minutes=1), delivered=set(), sent_breaking_today=0) == ()


def test_the_same_event_from_another_story_is_neither_sent_again_nor_twice_in_one_digest():
    told = ("Luik evacueert 1.800 bewoners van Angleur en Chênée langs de Ourthe.",)
    first = dev("1:1.0", 1, 7.0, 30, headline="Luik evacueert 1.800 bewoners", summary=told)
    again = dev("2:2.0", 2, 5.0, 40, headline="Luik evacueert bewoners van Angleur en Chênée", summary=told)
    other = dev("3:3.0", 3, 4.0, 50)
    assert keys(pick([first, again, other])) == ["1:1.0", "3:3.0"]  # never twice in one digest
    sent = sent_items([render_json(Digest(1, "hoogwater", T0, T0, (DigestItem(first),), "nl"))])
    later = select(SUB, [again, other], since=SINCE, until=UNTIL, delivered=set(), delivered_stories=set(),
                   sent=sent)
    assert keys(later) == ["3:3.0"]  # never again for this reader
    update = dev("1:4.0", 1, 6.0, 60, headline="Luik evacueert ook Chênée", summary=told, update_of="1:1.0",
                 new=("Chênée",))
    same_story = select(SUB, [update], since=SINCE, until=UNTIL, delivered={"1:1.0"}, delivered_stories={1},
                        sent=sent)
    assert keys(same_story) == ["1:4.0"] and same_story[0].is_update  # a step of the same story: the update rule


FUND_NL = ("De EU-landen werden het eens over een klimaatfonds van 41 miljard euro, waarvan 6 miljard euro voor "
           "bescherming langs de Maas en de Rijn.",)  # fmt: skip
FUND_EN = ("The 6 billion euros for river defences will go to basins such as the Meuse and the Rhine.",)


def test_one_event_told_in_two_languages_is_one_item_and_sent_again_only_with_new_numbers():
    dutch = dev("1:1.0", 1, 7.0, 30, headline="Akkoord over klimaatfonds: 6 miljard voor rivieren", summary=FUND_NL)
    section = dev("1:2.0", 1, 5.0, 31, headline="6 billion euros for river basins", summary=FUND_EN, language="en")
    other_story = replace(section, key="2:1.0", story_id=2)
    unrelated = dev("3:3.0", 3, 4.0, 50)
    assert keys(pick([dutch, section, unrelated])) == ["1:1.0", "3:3.0"]
    assert keys(pick([dutch, other_story, unrelated])) == ["1:1.0", "3:3.0"]
    # two steps of one story in one language: one item when they tell the same, two when they do not
    step = replace(section, language="nl", headline="Fonds: 6 miljard voor de Maas en de Rijn", summary=FUND_NL)
    assert keys(pick([dutch, step])) == ["1:1.0"]
    other_step = replace(step, headline="Zuidelijke landen krijgen 15 miljard voor droogte en bosbranden",
                         summary=("Spanje, Italië en Griekenland drongen aan op geld tegen droogte.",),
                         new=("15 miljard",))  # fmt: skip
    assert keys(pick([dutch, other_step])) == ["1:1.0", "1:2.0"]

    sent = sent_items([render_json(Digest(1, "hoogwater", T0, T0, (DigestItem(dutch),), "nl"))])
    later = select(SUB, [other_story, unrelated], since=SINCE, until=UNTIL, delivered=set(), delivered_stories=set(),
                   sent=sent)  # fmt: skip
    assert keys(later) == ["3:3.0"]  # 6 billion = 6 miljard, Meuse = Maas: nothing new
    grown = replace(other_story, summary=(FUND_EN[0] + " Floods this week forced 6,000 people from their homes.",))
    (update, _) = select(SUB, [grown, unrelated], since=SINCE, until=UNTIL, delivered=set(), delivered_stories=set(),
                         sent=sent)  # fmt: skip
    assert update.is_update and update.development.new == ("6,000 people",)


def test_different_events_in_two_languages_with_one_shared_place_are_two_items():
    dutch = dev("1:1.0", 1, 7.0, 30, headline="Maas bij Venlo stijgt tot 3,4 meter",
                summary=("Rijkswaterstaat mat dinsdag 3,4 meter bij Venlo.",))  # fmt: skip
    english = dev("2:1.0", 2, 6.0, 40, headline="Venlo port strike enters third day", language="en",
                  summary=("Dockers in Venlo stopped work over 1,200 job cuts.",))  # fmt: skip
    assert keys(pick([dutch, english])) == ["1:1.0", "2:1.0"]


ELECTION = (  # a topic's items: every one names the party leader
    ("Jansen wint de verkiezingen", "Partijleider Pieter Jansen wint in Overijssel."),
    ("Jansen wil praten", "De partij van Pieter Jansen wil met iedereen praten."),
    ("Uitslag historisch volgens Jansen", "Pieter Jansen noemt de uitslag historisch."),
)


def test_an_update_about_an_event_sent_before_goes_out_only_with_a_substantive_fact():
    first = dev("1:1.0", 1, 7.0, 30, headline="Oproep tot geweld tegen Jansen bij betoging",
                summary=("Tijdens een klimaatdemonstratie in Zwolle riep een betoger zaterdag op tot geweld tegen "
                         "Pieter Jansen.",))  # fmt: skip
    sent = sent_items([render_json(Digest(1, "verkiezingen", T0, T0, (DigestItem(first),), "nl"))])
    topic = [dev(f"{9 + i}:1.0", 9 + i, 4.0, 20, headline=h, summary=(s,)) for i, (h, s) in enumerate(ELECTION)]

    def told(*summary, about=lambda fact, language: False):
        # another outlet's story of the same demonstration
        again = dev("2:1.0", 2, 6.0, 40, headline="Betoger roept in Zwolle op tot geweld tegen Jansen",
                    summary=("Een betoger riep zaterdag tijdens de klimaatdemonstratie in Zwolle op tot geweld tegen "
                             "Pieter Jansen.", *summary))  # fmt: skip
        items = select(SUB, [again, *topic], since=SINCE, until=UNTIL, delivered=set(), delivered_stories=set(),
                       sent=sent, about=about)  # fmt: skip
        return next((i for i in items if i.development.key == "2:1.0"), None)

    # a lone capitalised word, an adjective, list numbering, a bare number and a byline are no news
    assert told("Jansen keert zich tegen de Zwolse klimaatbeweging.", "Op lijst 2 Partij staat hij, met 4.300.",
                "Door Henk de Vries Commentaar") is None
    update = told("De politie telde 3.000 betogers en Anna de Boer van de politie sprak van een rustige dag.")
    assert update is not None and update.is_update
    assert update.development.new == ("3.000 betogers", "Anna de Boer")
    # a name the reader's topic is about is no news to that reader
    assert told("Anna de Boer van de politie sprak van een rustige dag.",
                about=parse_query('"Anna de Boer" OR verkiezingen').names) is None


def test_an_item_alike_only_in_the_topics_words_and_stating_nothing_new_goes_out_as_an_item_of_its_own():
    first = dev("1:1.0", 1, 7.0, 30, headline="Residents sue Aquaro over the sewage leak in Bay of Kelby",
                summary=("Residents filed a lawsuit against Aquaro over the sewage leak in Bay of Kelby.",),
                language="en")  # fmt: skip
    sent = sent_items([render_json(Digest(1, "afvalwater", T0, T0, (DigestItem(first),), "en"))])
    pipeline = dev("2:1.0", 2, 6.0, 40, headline="Aquaro closes its outfall as the sewage leak in Bay of Kelby grows",
                   summary=("Aquaro shut down its outfall while the sewage leak in Bay of Kelby kept spreading.",),
                   language="en")  # fmt: skip
    assert SAME_EVENT <= _dice(sent_of(pipeline).words, sent[0].words) < SURELY_SAME  # alike in the topic's words
    (item,) = select(SUB, [pipeline], since=SINCE, until=UNTIL, delivered=set(), delivered_stories=set(), sent=sent)
    assert not item.is_update
    again = replace(first, key="3:1.0", story_id=3)  # the same report in another story: surely the same, nothing new
    assert select(SUB, [again], since=SINCE, until=UNTIL, delivered=set(), delivered_stories=set(), sent=sent) == ()
    # a new fact that the reader's topic names is none: alike only in the topic's words, it is an item of its own
    rig = dev("4:1.0", 4, 6.0, 40, headline="Aquaro closes its outfall as the sewage leak in Bay of Kelby grows",
              summary=("Aquaro shut down its outfall while the Marlow Reach sewage leak in Bay of Kelby kept "
                       "spreading.",), language="en")  # fmt: skip
    assert SAME_EVENT <= _dice(sent_of(rig).words, sent[0].words) < SURELY_SAME
    about = parse_query('"sewage leak" OR "Marlow Reach"').names
    (item,) = select(SUB, [rig], since=SINCE, until=UNTIL, delivered=set(), delivered_stories=set(), sent=sent,
                     about=about)  # fmt: skip
    assert not item.is_update and item.development.new == ()
