"""Developments on invented stories: what opens a development, what joins one, summaries, importance, determinism."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from volg.models import Passage, Place, Story, StoryArticle
from volg.pipeline.develop import StoryPassage, developments, explain, is_update_worth_sending

DAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DINANT = Place("Dinant", "Dinant", 50.26, 4.91, "BE", "city")
CHAUDFONTAINE = Place("Chaudfontaine", "Chaudfontaine", 50.58, 5.63, "BE", "city")
BELGIE = Place("België", "Belgium", 50.85, 4.35, "BE", "country")
BELGIUM = Place("Belgium", "Belgium", 50.85, 4.35, "BE", "country")
BOILERPLATE = ("Volg dit onderwerp", "Lees ook", "Foto:", "Gebruik je de app", "Read more", "subscribe", "nieuwsbrief")


def item(
    article_id: int,
    outlet: str,
    minutes: int,
    title: str,
    paragraphs: tuple[str, ...],
    *,
    language: str = "nl",
    names: tuple[str, ...] = (),
    places: tuple[Place, ...] = (),
    copy_of: int | None = None,
) -> StoryPassage:
    at = DAY + timedelta(minutes=minutes)
    article = StoryArticle(
        article_id, f"x-{article_id}", f"https://{article_id}.example/a", title, outlet, at, language
    )
    passage = Passage(article_id, 0, outlet, language, at, title, paragraphs, names, places)
    return StoryPassage(passage, article, copy_of)


def story_of(items: list[StoryPassage], story_id: int = 7) -> Story:
    articles = tuple(sorted({i.article for i in items}, key=lambda a: (a.published_at, a.id)))
    return Story(
        story_id,
        items[0].article.title,
        articles[0].published_at,
        articles[-1].published_at,
        tuple(sorted({a.language for a in articles})),
        tuple(sorted({a.source for a in articles})),
        articles,
    )


FIRST = item(
    1,
    "Rivierbode",
    0,
    "Twaalf doden bij overstroming in Dinant",
    (
        "In het Belgische Dinant zijn zeker 12 mensen om het leven gekomen bij een overstroming van de Maas.",
        "Volg dit onderwerp Volgen Wil je een melding bij nieuws over het hoogwater in Dinant?",
        "Burgemeester Marc Dubois spreekt van een ramp: het water kwam in een uur tijd twee meter hoog te staan.",
        "Lees ook: twaalf doden in Dinant, dit weten we over de overstroming van de Maas.",
        "Foto: ANP / Jan Jansen",
    ),
    names=("Marc Dubois",),
    places=(DINANT, BELGIE),
)
RETOLD_EN = item(
    2,
    "Daily Herald",
    55,
    "Flood kills 12 in Belgian town of Dinant",
    (
        "At least 12 people died when the Meuse flooded the Belgian town of Dinant on Monday, mayor Marc Dubois said.",
        "The water rose by two metres within an hour, he said. Read more: how floods form",
    ),
    language="en",
    names=("Marc Dubois",),
    places=(DINANT, BELGIUM),
)
RETOLD_NL = item(
    3,
    "Dagblad Zuid",
    65,
    "Ramp in Dinant: twaalf doden door hoogwater",
    (
        "Bij een overstroming in Dinant zijn 12 doden gevallen, meldt burgemeester Marc Dubois.",
        "Gebruik je de app? Tik op de foto om te vergroten.",
    ),
    names=("Marc Dubois",),
    places=(DINANT,),
)
WIRE_COPY = item(
    4,
    "Morning Post",
    80,
    "Twelve dead as Meuse floods Dinant",
    RETOLD_EN.passage.paragraphs,
    language="en",
    names=("Marc Dubois",),
    places=(DINANT, BELGIUM),
    copy_of=2,
)
UPDATE = item(
    5,
    "Rivierbode",
    24 * 60,
    "Dodental stijgt naar 14, ook slachtoffers in Chaudfontaine",
    (
        "Het dodental door de overstroming van de Maas is gestegen tot 14 doden, nu ook in Chaudfontaine twee "
        "lichamen zijn gevonden.",
        "In Dinant zijn de 12 slachtoffers van maandag inmiddels geïdentificeerd, zegt burgemeester Marc Dubois.",
        "Schrijf je in voor onze nieuwsbrief over de overstroming met 14 doden in Chaudfontaine en Dinant.",
    ),
    names=("Marc Dubois",),
    places=(CHAUDFONTAINE, DINANT),
)
FLOOD = [FIRST, RETOLD_EN, RETOLD_NL, WIRE_COPY, UPDATE]


def test_retellings_and_wire_copies_join_the_first_report() -> None:
    devs = developments(story_of(FLOOD[:4]), FLOOD[:4])
    assert len(devs) == 1
    first = devs[0]
    assert first.key == "7:1.0"
    assert first.update_of is None and first.new == ()
    assert [c.article_id for c in first.sources] == [1, 2, 3, 4]
    assert [c.outlet for c in first.sources] == ["Rivierbode", "Daily Herald", "Dagblad Zuid", "Morning Post"]
    assert first.first_seen == DAY
    assert first.language == "nl"
    assert {p.canonical for p in first.places} == {"Dinant", "Belgium"}
    assert "1 wire copy" in first.reasons
    assert is_update_worth_sending(first)


def test_a_report_with_a_higher_toll_and_a_new_town_opens_an_update() -> None:
    devs = developments(story_of(FLOOD), FLOOD)
    assert [d.key for d in devs] == ["7:1.0", "7:5.0"]
    update = devs[1]
    assert update.update_of == "7:1.0"
    assert "14 doden" in update.new and "Chaudfontaine" in update.new
    assert "Marc Dubois" not in update.new and not any("12" in new for new in update.new)
    assert update.headline == "Dodental stijgt naar 14, ook slachtoffers in Chaudfontaine"
    assert [c.article_id for c in update.sources] == [5]
    assert any(reason.startswith("new: ") and "14 doden" in reason for reason in update.reasons)
    assert is_update_worth_sending(update)
    assert explain(update).startswith(f"{update.importance:.1f}: ")


def test_a_verbatim_wire_copy_of_the_update_adds_nothing() -> None:
    copy = item(6, "Daily Herald", 24 * 60 + 40, "Toll rises", UPDATE.passage.paragraphs, copy_of=5)
    devs = developments(story_of([*FLOOD, copy]), [*FLOOD, copy])
    assert len(devs) == 2
    assert [c.article_id for c in devs[1].sources] == [5, 6]


def test_summaries_are_complete_boilerplate_free_and_state_the_new_facts() -> None:
    first, update = developments(story_of(FLOOD), FLOOD)
    for dev in (first, update):
        assert 1 <= len(dev.summary) <= 2
        for sentence in dev.summary:
            assert sentence[-1] in ".!?\"'”", sentence
            assert 8 <= len(sentence.split()) <= 45
            assert not any(marker.casefold() in sentence.casefold() for marker in BOILERPLATE), sentence
            assert sentence != dev.headline
    assert "12" in first.summary[0]
    assert any("14 doden" in sentence for sentence in update.summary)
    assert any("Chaudfontaine" in sentence for sentence in update.summary)


def test_prompts_and_credits_never_make_the_summary_even_where_they_would_score_best() -> None:
    plain = "In Dinant zijn zeker 12 mensen omgekomen bij een overstroming, meldt burgemeester Marc Dubois."
    paragraphs = (
        "Lees ook: twaalf doden bij overstroming in Dinant, burgemeester Marc Dubois spreekt van een ramp.",
        "Foto: Rivierbode / Jan Jansen, twaalf doden bij de overstroming in Dinant, burgemeester Marc Dubois.",
        plain,
    )
    only = item(1, "Rivierbode", 0, "Twaalf doden in Dinant", paragraphs, names=("Marc Dubois",), places=(DINANT,))
    (dev,) = developments(story_of([only]), [only])
    assert dev.summary == (plain,)


def test_the_summary_skips_a_sentence_that_repeats_the_headline() -> None:
    lead = "De Maas is in Dinant buiten haar oevers getreden na dagen van zware regen in de Ardennen."
    only = item(
        1, "Rivierbode", 0, lead, (lead, "Zeker 12 mensen kwamen om het leven, meldt de burgemeester van de stad.")
    )
    (dev,) = developments(story_of([only]), [only])
    assert dev.summary == ("Zeker 12 mensen kwamen om het leven, meldt de burgemeester van de stad.",)
    # nor the headline short of a word, as a headline-only feed's text often is
    told = "electric ferry firm in Oslo asks a US court for protection from creditors to halt lawsuits"
    short = item(2, "Wire", 0, f"Failed {told}", (f"E{told[1:]}.",), language="en")
    (dev,) = developments(story_of([short]), [short])
    assert dev.summary == ()


def test_an_update_never_opens_on_a_sentence_the_story_already_told_word_for_word() -> None:
    lede = FIRST.passage.paragraphs[0]
    added = "In Chaudfontaine moesten 300 bewoners hun huis uit, meldt het Rode Kruis, dat 40 hulpverleners stuurde."
    # another paper's report opens on the wire's lede, which its headline retells, and adds the new town
    again = item(3, "Kanaalkrant", 360, "Zeker twaalf mensen om het leven bij overstroming Maas in Dinant",
                 (lede, added), places=(DINANT, CHAUDFONTAINE), names=("Rode Kruis",))
    first, update = developments(story_of([FIRST, again]), [FIRST, again])
    assert first.summary == (lede,) and update.update_of == first.key
    assert update.summary == (added,)


def test_a_roundup_section_with_a_short_heading_is_headed_by_its_first_sentence_and_ranks_below_headlines() -> None:
    at = DAY + timedelta(hours=1)
    article = StoryArticle(9, None, "https://r.example/", "Het nieuws van maandag in het kort", "Rivierbode", at, "nl")
    text = ("In Dinant zijn zeker 12 mensen omgekomen bij een overstroming van de Maas, meldt de burgemeester.",)
    section = StoryPassage(Passage(9, 3, "Rivierbode", "nl", at, "Doden in Dinant", text, (), (DINANT,)), article)
    (dev,) = developments(story_of([section]), [section])
    # "Doden in Dinant" does not say what happened without its article: the section's lede does
    assert dev.headline == text[0].rstrip(".")
    assert "only in a section, not a headline" in dev.reasons
    (headlined,) = developments(story_of([FIRST]), [FIRST])
    assert headlined.importance > dev.importance


def test_a_short_section_heading_gives_way_to_the_sentence_with_the_news_not_to_what_was_told_before() -> None:
    at = DAY + timedelta(hours=5)
    title = "Hulpdiensten zoeken verder in Dinant"
    article = StoryArticle(9, None, "https://r.example/", title, "Rivierbode", at, "nl")
    told, news = ("Het water uit Dinant stroomt via de Maas verder richting Namen en Luik.",
                  "In Namen moesten maandagavond 400 bewoners van de kades hun huis verlaten, meldt de provincie.")
    section = StoryPassage(Passage(9, 2, "Rivierbode", "nl", at, "Ook Namen", (f"{told} {news}",), (), (DINANT,)),
                           article)
    first, update = developments(story_of([FIRST, section]), [FIRST, section])
    assert update.update_of == first.key
    # the section opens on where the water goes, as the story told; its news, the evacuation, heads the item
    assert update.headline == news.rstrip(".")
    assert update.summary == (told,)


def fast_story() -> list[StoryPassage]:
    outlets = ["Wire One", "Courier", "Herald", "Gazette", "Post"]
    return [
        item(
            20 + n,
            outlet,
            20 * n,
            f"Bridge collapse in Namur: 6 injured ({outlet})",
            (
                f"Part of a bridge over the Meuse in Namur collapsed on Tuesday morning, injuring 6 people, {outlet} "
                "reported, citing the fire service.",
            ),  # fmt: skip
            language="en",
            places=(Place("Namur", "Namur", 50.46, 4.87, "BE", "city"),),
        )
        for n, outlet in enumerate(outlets)
    ]


def test_a_fast_story_of_five_outlets_outranks_a_one_outlet_story() -> None:
    fast = fast_story()
    (big,) = developments(story_of(fast, 1), fast)
    (small,) = developments(story_of([FIRST], 2), [FIRST])
    assert big.importance > small.importance
    assert big.reasons[0] == "5 outlets in 2 hours"
    assert small.reasons[0] == "1 outlet"
    assert "in 5 headlines" in big.reasons and "in 1 headline" in small.reasons
    assert "first report 02 Mar 09:00 UTC" in big.reasons
    assert 0.0 <= small.importance < big.importance <= 10.0


def test_an_update_without_new_facts_is_not_worth_sending() -> None:
    (first, update) = developments(story_of(FLOOD), FLOOD)
    assert is_update_worth_sending(first) and is_update_worth_sending(update)
    assert not is_update_worth_sending(type(update)(**{**asdict(update), "new": ()}))


def test_keys_do_not_change_as_passages_arrive() -> None:
    final = [d.key for d in developments(story_of(FLOOD), FLOOD)]
    for count in range(1, len(FLOOD) + 1):
        keys = [d.key for d in developments(story_of(FLOOD[:count]), FLOOD[:count])]
        assert keys == final[: len(keys)]


def test_arrival_order_does_not_matter() -> None:
    shuffled = FLOOD[:]
    random.Random(3).shuffle(shuffled)
    assert developments(story_of(FLOOD), shuffled) == developments(story_of(FLOOD), FLOOD)


def test_the_same_developments_in_any_process() -> None:
    """Set order depends on the hash seed; the developments must not."""
    script = (
        "import json, dataclasses, tests.pipeline.develop.test_developments as t\n"
        "devs = t.developments(t.story_of(t.FLOOD), t.FLOOD) + t.developments(t.story_of(t.fast_story()), "
        "t.fast_story())\n"
        "print(json.dumps([dataclasses.asdict(d) for d in devs], default=str, sort_keys=True))\n"
    )
    root = Path(__file__).resolve().parents[3]
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": f"{root / 'src'}{os.pathsep}{root}"}
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())[1]["key"] == "7:5.0"


def test_an_outlets_later_version_that_adds_a_death_is_a_development_and_a_touched_up_one_is_not() -> None:
    """The outlet rewrote its report: read at the time it came, against what its earlier version said."""
    missing = item(30, "Maasbode", 0, "Vrouw vermist na overstroming in Esneux",
                   ("In Esneux wordt sinds dinsdagavond een 54-jarige vrouw vermist. Brandweer en duikers zoeken "
                    "langs de Ourthe, meldt de gemeente.",))  # fmt: skip
    at = DAY + timedelta(minutes=200)
    found = StoryPassage(
        Passage(30, 0, "Maasbode", "nl", at, "Twee doden bij overstromingen: vermiste vrouw dood gevonden",
                ("De 54-jarige vrouw die sinds dinsdagavond werd vermist in Esneux, is woensdagmiddag dood gevonden. "
                 "Brandweer en duikers zochten langs de Ourthe, meldt de gemeente.",), (), ()),
        missing.article, version=2,
    )  # fmt: skip
    touched = replace(found, passage=replace(missing.passage, published_at=at,
                                             paragraphs=(missing.passage.paragraphs[0] + " Het water zakt.",)))
    devs = developments(story_of([missing]), [missing, found])
    assert [d.key for d in devs] == ["7:30.0", "7:30.0v2"]
    assert devs[1].update_of == "7:30.0" and devs[1].first_seen == at and devs[1].new == ("Twee doden",)
    assert is_update_worth_sending(devs[1])
    assert [d.key for d in developments(story_of([missing]), [missing, touched])] == ["7:30.0"]



LUIK = Place("Luik", "Liège", 50.63, 5.57, "BE", "city")
ANGLEUR = Place("Angleur", "Angleur", 50.61, 5.6, "BE", "city")


def test_an_update_is_summarised_by_the_sentence_that_tells_its_headline_even_with_known_places() -> None:
    first = item(50, "Maasbode", 0, "Hoogwater in Luik: 1.800 bewoners geëvacueerd",
                 ("In Luik zijn maandag 1.800 bewoners van de wijk Angleur geëvacueerd omdat de Ourthe buiten "
                  "haar oevers trad. De stad vangt hen op in sporthallen.",), places=(LUIK, ANGLEUR))  # fmt: skip
    found = item(51, "Rivierkrant", 26 * 60, "Man dood gevonden in ondergelopen kelder in Luik",
                 ("In Luik is dinsdag een man dood gevonden in de ondergelopen kelder van zijn huis in Angleur. "
                  "Het water in de Ourthe zakt langzaam. De schade wordt geschat op 120 miljoen euro, zegt minister "
                  "Sophie Delvaux.",), names=("Sophie Delvaux",), places=(LUIK, ANGLEUR))  # fmt: skip
    update = developments(story_of([first, found]), [first, found])[-1]
    assert update.update_of is not None
    assert update.summary[0].startswith("In Luik is dinsdag een man dood gevonden")


def test_a_later_report_joins_the_development_it_tells_not_a_first_report_that_named_everyone_in_passing() -> None:
    """A first report whose title states no fact runs through the background in its body (every party, every
    leader): a later report naming one of them is a retelling of the development it tells, not of that one."""
    debate = item(60, "Stadsblad", 0, "Laatste kans om de kiezer te overtuigen",
                  ("De lijsttrekkers gingen gisteravond nog een keer met elkaar in debat. Het werd een fel debat over "
                   "het klimaat. Liesbeth Verbeek van de Groene Partij viel premier Johan de Graaf aan. Ook Karel "
                   "Smit van de Volksunie en Petra Bos van de Boerenbond mengden zich in de strijd.",),
                  names=("Liesbeth Verbeek", "Groene Partij", "Johan de Graaf", "Karel Smit", "Volksunie",
                         "Petra Bos", "Boerenbond"))  # fmt: skip
    result = item(61, "Dagblad Noord", 16 * 60, "Coalitie verliest meerderheid in de Senaat",
                  ("De coalitie van premier Johan de Graaf verliest haar meerderheid in de Senaat. De "
                   "regeringspartijen zakken van 38 naar 31 zetels.",), names=("Johan de Graaf", "Senaat"))
    reaction = item(62, "Avondkrant", 16 * 60 + 40, "Boerenbond verliest fors",
                    ("De Boerenbond van Petra Bos verliest fors bij de verkiezingen. Petra Bos sprak van een zware "
                     "avond voor haar partij en de coalitie.",), names=("Boerenbond", "Petra Bos"))  # fmt: skip
    passages = [debate, result, reaction]
    devs = developments(story_of(passages), passages)
    assert [[c.article_id for c in d.sources] for d in devs] == [[60], [61, 62]]
    assert devs[1].headline == "Coalitie verliest meerderheid in de Senaat"


AMSTERDAM = Place("Amsterdam", "Amsterdam", 52.37, 4.89, "NL", "city")
LONDON = Place("London", "London", 51.51, -0.13, "GB", "city")


def test_an_update_opens_on_its_lede_not_on_a_detail_further_down_that_names_new_people() -> None:
    """New facts count for a summary sentence where the article leads with them: the speakers and the route further
    down are new to the story too, but what the update reports is in its lede."""
    first = item(70, "Stadsblad", 0, "Oproep tot geweld tegen politicus bij betoging",
                 ("Tijdens een betoging in Amsterdam heeft een demonstrant zaterdag opgeroepen tot geweld tegen een "
                  "politicus. De politie onderzoekt de zaak.",), places=(AMSTERDAM,))  # fmt: skip
    march = item(71, "Avondkrant", 26 * 60, "Grote opkomst bij optocht",
                 ("Duizenden mensen demonstreerden zaterdag in Amsterdam tegen racisme. De sfeer was grimmig maar "
                  "rustig. De stoet trok rond 14.00 uur van de Dam naar het Waterlooplein, waar Fatima El Amrani van "
                  "het Comité Gelijk Recht de menigte toesprak. Ook Pieter Jansen van de Vrije Studenten nam het "
                  "woord.",),
                 names=("Fatima El Amrani", "Comité Gelijk Recht", "Pieter Jansen", "Vrije Studenten"),
                 places=(AMSTERDAM,))  # fmt: skip
    update = developments(story_of([first, march]), [first, march])[-1]
    assert update.update_of is not None and "Fatima El Amrani" in update.new
    assert update.summary[0] == "Duizenden mensen demonstreerden zaterdag in Amsterdam tegen racisme."
    march_en = item(72, "Evening Post", 26 * 60, "Big turnout at the march",
                    ("Thousands of people marched through London against racism on Saturday. The mood was tense but "
                     "calm. Around two o'clock the crowd walked from the square to the river, where Fatima El Amrani "
                     "of the Equal Rights Committee and Peter Johnson of the Free Students spoke.",),
                    language="en", names=("Fatima El Amrani", "Equal Rights Committee", "Peter Johnson",
                                          "Free Students"), places=(LONDON,))  # fmt: skip
    first_en = item(73, "Morning Post", 0, "Call for violence against politician at protest",
                    ("At a protest in London a demonstrator called for violence against a politician on Saturday. "
                     "The police are investigating.",), language="en", places=(LONDON,))  # fmt: skip
    update_en = developments(story_of([first_en, march_en]), [first_en, march_en])[-1]
    assert update_en.update_of is not None
    assert update_en.summary[0] == "Thousands of people marched through London against racism on Saturday."


def test_a_town_named_like_a_person_makes_no_person_of_that_name_known() -> None:
    jackson = Place("Jackson", "Jackson", 32.3, -90.18, "US", "city")
    first = item(1, "Gazette", 0, "River floods Jackson", ("The river flooded Jackson on Monday; 40 homes were "
                                                           "evacuated.",), language="en", places=(jackson,))
    second = item(2, "Gazette", 12 * 60, "Governor Rosa Jackson orders 900 homes evacuated",
                  ("Governor Rosa Jackson ordered 900 homes evacuated along the river.",), language="en",
                  names=("Rosa Jackson",))
    found = developments(story_of([first, second]), [first, second])
    assert len(found) == 2 and "Rosa Jackson" in found[1].new


def test_a_country_is_no_new_place_once_a_town_in_it_was_reported() -> None:
    first = item(11, "Rivierbode", 0, "Twaalf doden bij overstroming in Dinant",
                 ("In Dinant zijn zeker 12 mensen om het leven gekomen bij een overstroming van de Maas.",),
                 places=(DINANT,))
    later = item(12, "Dagblad Zuid", 20 * 60, "Dodental stijgt naar 14 in België, ook doden in Chaudfontaine",
                 ("In België is het dodental gestegen tot 14 doden, nu ook in Chaudfontaine twee lichamen zijn "
                  "gevonden.",), places=(BELGIE, CHAUDFONTAINE))
    update = developments(story_of([first, later]), [first, later])[1]
    assert "Chaudfontaine" in update.new and "14 doden" in update.new and "België" not in update.new
