import dataclasses
import json
import os
import subprocess
import sys
from datetime import timedelta

from tests.pipeline.cluster.invented import DAM_EN, DAM_EN_COPY, DAM_EN_OTHER, DAM_NL, TRAM_EN, passage

from volg.models import RawArticle
from volg.pipeline.clean import clean_article
from volg.pipeline.cluster.assign import Assignment, Clusterer, ClusterSettings


def add_all(clusterer: Clusterer, passages: list) -> list[Assignment]:
    return [clusterer.add(p) for p in passages]


def test_wire_copies_and_other_outlets_join_one_story() -> None:
    clusterer = Clusterer()
    first, copy, other, tram = add_all(clusterer, [DAM_EN, DAM_EN_COPY, DAM_EN_OTHER, TRAM_EN])
    assert first.created and not copy.created and not other.created
    assert copy.story_id == other.story_id == first.story_id
    assert copy.score > other.score > 0
    assert tram.created and tram.story_id != first.story_id
    assert clusterer.active_ids() == sorted({first.story_id, tram.story_id})


def test_dutch_and_english_reports_of_one_event_join() -> None:
    clusterer = Clusterer()
    english, tram, dutch = add_all(clusterer, [DAM_EN, TRAM_EN, DAM_NL])
    assert dutch.story_id == english.story_id and not dutch.created
    assert tram.story_id != english.story_id


SHOOTING = """A gunman opened fire at a {place} {where} on {day} evening, killing {dead} people and wounding {hurt},
police said. Officers arrested a {age}-year-old man at the scene.
Police spokeswoman {spokes} said the motive was unclear. Witnesses described panic as shots rang out."""


def shooting(article_id: int, city: str, hours: float, **words: str) -> object:
    return passage(article_id, f"Gunman kills {words['dead']} at {words['place']} in {city}",
                   SHOOTING.format(**words), hours=hours, source=f"Outlet {article_id}")  # fmt: skip


def test_two_shootings_a_week_apart_are_two_stories() -> None:
    first = dict(place="supermarket", where="in Utrecht", day="Monday", dead="three", hurt="five", age="31",
                 spokes="Ellen Markusse")  # fmt: skip
    second = dict(place="cafe", where="in Groningen", day="Monday", dead="two", hurt="four", age="27",
                  spokes="Joost Tiemersma")  # fmt: skip
    clusterer = Clusterer()
    a1, a2, b1, b2 = add_all(clusterer, [
        shooting(1, "Utrecht", 0, **first), shooting(2, "Utrecht", 3, **first),
        shooting(3, "Groningen", 24 * 7, **second), shooting(4, "Groningen", 24 * 7 + 2, **second),
    ])  # fmt: skip
    assert a2.story_id == a1.story_id
    assert b1.created and b2.story_id == b1.story_id != a1.story_id


def test_similar_article_eight_days_later_starts_a_new_story() -> None:
    clusterer = Clusterer()
    first = clusterer.add(DAM_EN)
    later = clusterer.add(dataclasses.replace(DAM_EN_COPY, published_at=DAM_EN.published_at + timedelta(days=8)))
    assert later.created and later.story_id != first.story_id
    assert clusterer.active_ids() == [later.story_id]  # the old story left the window


def test_the_same_passage_twice_is_one_membership() -> None:
    clusterer = Clusterer()
    first = clusterer.add(DAM_EN)
    joined = clusterer.add(DAM_EN_COPY)
    before = clusterer.to_state()
    assert clusterer.add(DAM_EN_COPY) == joined and clusterer.add(DAM_EN) == first
    assert clusterer.to_state() == before


ROUNDUP_TEXT = """The day in brief
Canal dam bursts near Tilburg
A dam on the Wilhelmina canal gave way near Tilburg, and 2,300 residents of the area were taken to Goirle. Mayor
Henrike Vosselman said nobody was hurt.
Amsterdam trams stand still
Tram drivers of GVB in Amsterdam walked out for 48 hours; their union Railbond wants 5% more pay."""


def test_roundup_sections_join_their_own_stories() -> None:
    clusterer = Clusterer()
    dam, _, tram = add_all(clusterer, [DAM_EN, DAM_EN_COPY, TRAM_EN])
    lines = ROUNDUP_TEXT.split("\n")
    sections = [
        passage(9, "News of the day: a dam bursts, trams stop", "Here is what happened today.", hours=8),
        passage(9, lines[1], " ".join(lines[2:4]), hours=8, section=1),
        passage(9, lines[4], lines[5], hours=8, section=2),
    ]
    opening, on_dam, on_tram = add_all(clusterer, sections)
    assert on_dam.story_id == dam.story_id and not on_dam.created
    assert on_tram.story_id == tram.story_id and not on_tram.created


def test_a_section_that_matches_nothing_stays_with_its_opening() -> None:
    clusterer = Clusterer()
    clusterer.add(TRAM_EN)
    opening = clusterer.add(DAM_EN)
    section = passage(1, "Pumps at work", "Pumps of the Brabant water board worked through the night to drain the "
                      "flooded streets near the Wilhelmina canal.", section=1)  # fmt: skip
    assigned = clusterer.add(section)
    assert assigned.story_id == opening.story_id and not assigned.created


def test_two_stories_that_turn_out_to_be_one_merge() -> None:
    # A strict join makes the first two reports separate stories; a third that tells both merges them.
    settings = ClusterSettings(join=0.5, merge=0.3)
    clusterer = Clusterer(settings)
    first, second = add_all(clusterer, [DAM_EN, DAM_EN_OTHER])
    assert second.created
    both = passage(7, "Dam bursts near Tilburg: mayor says it could have been worse",
                   "\n".join([*DAM_EN.paragraphs, *DAM_EN_OTHER.paragraphs]), hours=6)  # fmt: skip
    third = clusterer.add(both)
    assert not third.created and len(third.merged) == 1
    assert {third.story_id, *third.merged} == {first.story_id, second.story_id}
    assert clusterer.active_ids() == [third.story_id]
    assert clusterer.add(DAM_EN_OTHER).story_id == third.story_id  # the merged story's passages moved with it


def test_story_terms_are_readable_words() -> None:
    clusterer = Clusterer()
    story = add_all(clusterer, [DAM_EN, DAM_EN_COPY, DAM_NL])[0].story_id
    terms = clusterer.story_terms(story, 8)
    assert len(terms) == 8
    assert "Tilburg" in terms and "Henrike Vosselman" in terms
    assert "residents" in terms or "dam" in terms
    assert "resid" not in terms  # a stem is never shown


STREAM = [DAM_EN, TRAM_EN, DAM_EN_COPY, DAM_NL, DAM_EN_OTHER]


def test_state_round_trip_after_every_passage_gives_the_same_assignments() -> None:
    straight = add_all(Clusterer(), STREAM)
    restored: list[Assignment] = []
    clusterer = Clusterer()
    for p in STREAM:
        restored.append(clusterer.add(p))
        clusterer = Clusterer.from_state(json.loads(json.dumps(clusterer.to_state())))
    assert restored == straight
    assert Clusterer.from_state(clusterer.to_state()).to_state() == clusterer.to_state()


def test_results_do_not_depend_on_the_hash_seed() -> None:
    script = (
        "import json; from tests.pipeline.cluster.invented import *; from volg.pipeline.cluster.assign import *;"
        "c = Clusterer(); out = [c.add(p).score for p in [DAM_EN, TRAM_EN, DAM_EN_COPY, DAM_NL, DAM_EN_OTHER]];"
        "print(json.dumps([out, c.story_terms(1), c.to_state()['stories'][0]['norms']], sort_keys=True))"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.add(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                                   check=True).stdout)  # fmt: skip
    assert len(outputs) == 1


def test_seed_sections_land_in_their_own_stories(seed_text: str) -> None:
    seed = clean_article(RawArticle(origin="seed", url="file:///seed", text=seed_text, language="nl"))
    related = [
        passage(11, "Russian advance on Kyiv stalls as Chernihiv holds out",
                "Most Russian troops are still some 50 kilometres from the centre of Kyiv, British defence officials "
                "said. The attempt to take Chernihiv and push on to the capital has failed.", hours=-3),
        passage(12, "Poetin roept Oekraïense militairen op de macht te grijpen",
                "Vladimir Poetin riep het Oekraïense leger op bevelen van de regering te negeren en zelf de macht te "
                "grijpen, zei hij vrijdag in de Russische veiligheidsraad.", hours=-2, language="nl"),
        passage(13, "Gesprek met Zelensky strandt op de plaats: Warschau of Minsk",
                "Volgens het Kremlin wilde Zelensky in Warschau praten, terwijl het Kremlin in Minsk wil ontvangen, de "
                "hoofdstad van bondgenoot Belarus. Het contact is verbroken.", hours=-1, language="nl"),
    ]  # fmt: skip
    clusterer = Clusterer()
    stories = [clusterer.add(p).story_id for p in related]
    assert len(set(stories)) == 3
    seed_passages = [
        passage(20, section.heading or seed.title, "\n".join(section.paragraphs), language="nl", section=i)
        for i, section in enumerate(seed.sections)
    ]
    got = [clusterer.add(p).story_id for p in seed_passages]
    assert got == stories


THREAT = passage(
    40,
    "Man bedreigt wethouder Marit Hoekstra tijdens betoging in Zwolle",
    """Tijdens een betoging op de Grote Markt in Zwolle heeft een man zaterdagmiddag wethouder Marit Hoekstra met de
    dood bedreigd. Hij riep door een megafoon dat de wethouder 'moest verdwijnen' en maakte daarbij een
    schietgebaar. Ongeveer vierhonderd mensen demonstreerden tegen de sluiting van het zwembad De Vrolijkheid.
    De politie van Oost-Nederland heeft aangifte opgenomen en zegt beelden van de betoging te bekijken. Burgemeester
    Pieter Dijkgraaf noemt de bedreiging 'volstrekt onacceptabel'. Hoekstra zelf wil voorlopig niet reageren.
    De organisatie van de betoging neemt afstand van de man. Volgens een woordvoerder kende niemand hem. De
    gemeenteraad debatteert dinsdag opnieuw over de sluiting van het zwembad, die de gemeente 1,2 miljoen euro per
    jaar zou besparen. Tegenstanders verzamelden de afgelopen weken ruim 6.000 handtekeningen.""",
    language="nl",
    source="Dagblad Oost",
)
ARREST = passage(
    41,
    "Verdachte van bedreiging Zwolse wethouder aangehouden",
    """De politie heeft maandag een 34-jarige man uit Kampen aangehouden die wordt verdacht van het bedreigen van
    wethouder Marit Hoekstra. De man riep zaterdag tijdens een betoging op de Grote Markt in Zwolle door een
    megafoon dat de wethouder moest verdwijnen en maakte een schietgebaar.
    Op beelden van de betoging tegen de sluiting van zwembad De Vrolijkheid was de man volgens de politie goed te
    herkennen. Hij zit vast voor verhoor. Burgemeester Pieter Dijkgraaf is blij met de snelle aanhouding, zegt hij.
    Hoekstra laat weten dat ze dinsdag gewoon aanwezig is bij het debat in de gemeenteraad over het zwembad. Het
    Openbaar Ministerie beslist later deze week of de verdachte langer vast blijft.""",
    hours=52,
    language="nl",
    source="Stadskrant",
)


def test_a_full_text_report_days_later_stays_with_its_story_a_headline_does_not() -> None:
    """Full text carries the event's names and places over days; a headline's few words are kept close in time."""
    threat, arrest = add_all(Clusterer(), [THREAT, ARREST])
    assert not arrest.created and arrest.story_id == threat.story_id
    headline, later_headline = (dataclasses.replace(p, paragraphs=(), names=(), places=()) for p in (THREAT, ARREST))
    first, later = add_all(Clusterer(), [headline, later_headline])
    assert later.created
    same_day = add_all(Clusterer(), [headline, dataclasses.replace(later_headline, published_at=headline.published_at)])
    assert not same_day[1].created  # the headlines alone match, when close in time


DEMONSTRATION = passage(
    42,
    "Vierhonderd Zwollenaren op de been voor zwembad De Vrolijkheid",
    """Met spandoeken, fluitjes en zwembanden trokken zaterdag zo'n vierhonderd mensen van het station naar de
    Grote Markt in Zwolle. Ze protesteren tegen het plan van het college om zwembad De Vrolijkheid in Diezerpoort
    te sluiten. Zwemclub De Spetters, de ouderenbond en de buurtvereniging hadden tot de betoging opgeroepen.
    'Hier hebben drie generaties leren zwemmen', zei Anja Brinkman van de buurtvereniging op het podium. Kinderen
    deden op de markt een zwemdiploma na op een rij matjes. De stemming was grotendeels vrolijk, tot een man door
    een megafoon dreigende taal uitsloeg richting de wethouder; de organisatie nam direct afstand van hem.
    Volgens de gemeente is het bad verouderd en kost het onderhoud te veel. Een nieuw bad aan de rand van de stad
    is pas over zes jaar klaar. De actievoerders bieden dinsdag hun handtekeningen aan de gemeenteraad aan.""",
    hours=4,
    language="nl",
    source="Zwolse Courant",
)
OTHER_THREAT = passage(
    43,
    "Deventer wethouder Ilse Bosman via Instagram met de dood bedreigd",
    """De Deventer wethouder Ilse Bosman is via Instagram met de dood bedreigd. Dat heeft de gemeente Deventer
    maandag bekendgemaakt. Bosman, verantwoordelijk voor de verkeersplannen in de binnenstad, kreeg sinds vorige
    week tientallen berichten, waarvan enkele met een foto van haar huis.
    De wethouder heeft aangifte gedaan bij de politie in Deventer. Burgemeester Ron König spreekt van 'een grens
    die ver is overschreden' en laat de woning van de wethouder bewaken. Het plan om auto's uit het centrum te
    weren leidde eerder tot boze reacties van winkeliers aan de Brink. Bosman zegt haar werk gewoon voort te zetten.
    Volgens de Vereniging van Nederlandse Gemeenten neemt het aantal bedreigingen van lokale bestuurders al jaren
    toe: vorig jaar meldde een op de vier wethouders intimidatie.""",
    hours=50,
    language="nl",
    source="Dagblad Oost",
)


def test_dutch_steps_of_one_event_join_and_another_event_of_its_topic_does_not() -> None:
    """The report of the demonstration at which the threat was made (hours later) and the arrest (two days later)
    are the threat's story; a threat against another alderman in another town, the same day as the arrest, is
    another event of the topic (alderman, threat, police, report): a story of its own."""
    clusterer = Clusterer()
    threat, demonstration, other, arrest = add_all(clusterer, [THREAT, DEMONSTRATION, OTHER_THREAT, ARREST])
    assert demonstration.story_id == arrest.story_id == threat.story_id
    assert not demonstration.created and not arrest.created
    assert other.created and other.story_id != threat.story_id


DAM_TWO_DAYS_LATER = passage(
    60,
    "Residents return to flooded Goirle streets as Tilburg canal dam is repaired",
    """Two days after the Wilhelmina canal dam gave way near Tilburg, the first of the 2,300 evacuated residents
    were allowed back to their homes in Goirle on Thursday. Pumps of the Brabant safety region are still draining
    the last flooded streets.
    Mayor Henrike Vosselman told reporters at the sports hall that families from about 180 of the 300 flooded homes
    can return before the weekend. Insurers have sent assessors to the area.
    Water board chief Alwin Brouwerij said the breach in the dam has been closed with sheet piling and sandbags, and
    that engineers will inspect the rest of the canal bank before shipping resumes. The water board has ordered an
    independent inquiry into the cause. Residents who cannot go home yet will stay in hotels paid for by the town.""",
    hours=50,
    source="The Lowlands Post",
)
DIKES_ELSEWHERE = passage(
    61,
    "Water board finds weak spots in Maas dikes near Den Bosch",
    """Inspectors of the Aa en Maas water board have found seepage and cracks in three stretches of the Maas dikes
    near Den Bosch, the water board said on Thursday. Farmers in Empel and Rosmalen were told to keep an eye on
    their land, but no homes need to be evacuated.
    The dikes will be reinforced with clay and stone before the autumn, at a cost of 4.5 million euros. Dike warden
    Lucienne Peeters said the weeks of rain had soaked the dikes but that they were not in danger of giving way.
    The province of North Brabant will pay a third of the work. Inspections of other rivers in the province follow
    next month, the water board said, and residents can report wet patches along the dikes by phone.""",
    hours=50,
    source="Brabant Courant",
)


def test_an_english_report_two_days_later_joins_and_another_event_of_its_topic_does_not() -> None:
    """Residents going home two days after the dam breach continue its story; weak dikes found elsewhere in the
    province the same day (rain, a water board, evacuation, Brabant) are another event."""
    clusterer = Clusterer()
    dam, tram, later, elsewhere = add_all(clusterer, [DAM_EN, TRAM_EN, DAM_TWO_DAYS_LATER, DIKES_ELSEWHERE])
    assert not later.created and later.story_id == dam.story_id
    assert elsewhere.created and elsewhere.story_id not in {dam.story_id, tram.story_id}


PROPOSAL = passage(
    44,
    "Monument op het Wilhelminaplein?",
    """Veel bewoners steunen het idee voor een blijvend monument op het Wilhelminaplein ter nagedachtenis aan de
    slachtoffers van de brand in de Marktstraat. De gemeente Zwolle liet vrijdag weten over een gedenkplek te
    willen nadenken.""",
    language="nl",
    source="Stadskrant",
)
COMMEMORATION = passage(  # 94 words of text
    45,
    "Zwolle herdenkt brand Marktstraat",
    """Ruim tweehonderd mensen hebben gisteren op het Wilhelminaplein in Zwolle de slachtoffers van de brand in de
    Marktstraat herdacht. Om 14.30 uur, het tijdstip waarop de brand uitbrak, was het twee minuten stil. Daarna
    legden de aanwezigen bloemen. Organisator Femke Jansen wil elk jaar een herdenking houden. Ook een blijvend
    monument op het plein krijgt veel steun. Leerlingen van het Thomas a Kempis College, waar een van de
    slachtoffers op school zat, hielden in de aula een minuut stilte. De burgemeester sprak de aanwezigen kort toe
    en bedankte de hulpverleners van die avond voor hun inzet.""",
    hours=30,
    language="nl",
    source="Dagblad Oost",
)
OTHER_FIRE = passage(
    46,
    "Deventer staat stil bij brand in woonzorgcentrum",
    """In Deventer hebben zo'n honderd mensen zondag stilgestaan bij de brand in woonzorgcentrum De Brink, waarbij
    vorige maand drie bewoners omkwamen. Bij de ingang van het gebouw legden familieleden bloemen en brandden
    kaarsen. Wethouder Karin Smit sprak van een zwarte dag voor de stad. De oorzaak van de brand is nog altijd niet
    bekend; de brandweer onderzoekt of een kortsluiting in de keuken de brand veroorzaakte. Het woonzorgcentrum
    blijft voorlopig dicht. De bewoners wonen tijdelijk in een hotel aan de rand van de stad en hopen voor de zomer
    terug te kunnen keren.""",
    hours=31,
    language="nl",
    source="Dagblad Oost",
)


def test_a_short_report_the_next_day_joins_the_brief_it_follows_and_another_event_of_its_topic_does_not() -> None:
    """A report of a hundred words or slightly fewer (the commemoration a day after the brief about a monument, its
    square, street and town) carries its event as a full text does, over the hours a headline's reach would not; a
    commemoration of another fire in another town is another event."""
    clusterer = Clusterer()
    proposal, commemoration, other = add_all(clusterer, [PROPOSAL, COMMEMORATION, OTHER_FIRE])
    assert not commemoration.created and commemoration.story_id == proposal.story_id
    assert other.created
    assert add_all(Clusterer(ClusterSettings(full_text_words=100)), [PROPOSAL, COMMEMORATION])[1].created


def test_a_column_joins_the_story_it_is_about_without_moving_it() -> None:
    column = dataclasses.replace(passage(
        7, "Opinion: we built Tilburg's canals for a climate that is gone",
        """The Wilhelmina canal dam that gave way near Tilburg on Tuesday is a warning about our water boards and
        their budgets. Mayor Henrike Vosselman was lucky nobody was hurt, and she knows it.
        Pension funds, insurers and farmers will argue about the bill for years. I would rather argue about the
        climate we keep designing for. Every engineer I spoke to this winter told me the same thing: the rules
        for dikes and canals still assume the rain of the last century, and nobody in The Hague wants to pay for
        new ones before the next breach. That is not a technical failure but a political one.
        We should stop pretending that luck is a policy. It is cheaper to rebuild a dam before it breaks than to
        rehouse a town after it has, and voters will remember who chose to wait.""",
        hours=3, source="The Northern Courier"), background=True)  # fmt: skip
    clusterer = Clusterer()
    story = clusterer.add(DAM_EN).story_id
    terms_before = clusterer.story_terms(story, 300)
    joined = clusterer.add(column)
    assert joined.story_id == story and not joined.created
    assert clusterer.story_terms(story, 300) == terms_before  # its pensions and farmers stay out of the story


def test_a_headline_of_background_moves_its_story_like_any_headline() -> None:
    """A headline's genre is a guess, and it has no themes of its own: it joins as news would."""
    question = dataclasses.replace(passage(
        7, "Could the Tilburg dam breach near Goirle have been prevented?", "", hours=3), background=True)
    clusterer = Clusterer()
    story = clusterer.add(DAM_EN).story_id
    terms_before = clusterer.story_terms(story, 300)
    assert clusterer.add(question).story_id == story
    assert "prevented" in set(clusterer.story_terms(story, 300)) - set(terms_before)


def test_a_column_about_nothing_in_the_window_starts_a_story_of_its_own() -> None:
    column = dataclasses.replace(TRAM_EN, article_id=8, background=True)
    clusterer = Clusterer()
    clusterer.add(DAM_EN)
    assert clusterer.add(column).created


GALA_COLUMN = dataclasses.replace(passage(
    61, "Zwijgen. Column",
    """Ik zat vrijdag in de zaal in Zwolle toen Anouk Veldhuis het woord nam. Ik voelde me ongemakkelijk, en ik
    denk dat ik niet de enige was. Wie een feest organiseert, hoopt op een avond zonder ruzie; wie een podium krijgt,
    hoopt op een luisterend publiek. Maar soms is er iets belangrijkers dan gezelligheid. Veldhuis vond dat de zaal
    niet mocht zwijgen over de woorden van Jorien Bakels. Ik weet niet of ze gelijk had. Ik weet wel dat ik thuis
    nog lang heb nagedacht over mijn eigen stilte. Misschien is dat het enige wat een column kan doen: toegeven dat
    je twijfelt. Mijn moeder zei altijd dat je pas spreekt als je weet wat je wilt zeggen. Die avond wist ik het
    niet, en ik weet het nog steeds niet. Maar ik hoop dat we er volgend jaar op terugkijken als een avond waarop
    iemand durfde, en niet als een avond waarop iedereen boos naar huis ging.""",
    language="nl", source="Dagblad Oost"), background=True)
GALA_REPORT = passage(
    62, "Veldhuis legt uit waarom zij Bakels onderbrak",
    """Presentatrice Anouk Veldhuis heeft zaterdag uitgelegd waarom zij op het Muziekgala in Zwolle de toespraak
    van minister Jorien Bakels onderbrak. Volgens Veldhuis moest iemand reageren op de uitspraken van de minister
    over subsidies voor popzalen. De organisatie van het gala, de Stichting Muziekgala, betreurt het incident en
    heeft excuses aangeboden aan de minister. Bakels liet via een woordvoerder weten dat zij de onderbreking
    onbeleefd vond, maar dat zij graag met Veldhuis in gesprek gaat. Het gala trok ruim 1.200 gasten uit de
    muziekwereld. Een deel van hen vertrok na het incident. Veldhuis presenteert het gala sinds 2015 en
    is ook in 2032 beschikbaar, als de stichting dat wil.""",
    hours=20, language="nl", source="Het Noorden")


def test_a_report_joins_the_column_that_opened_its_story_on_its_score() -> None:
    """A column that opened a story holds its writer's words, not the event's: a report of the event the next day
    shares its names but few of its words, and joins it all the same (were the column news, the words would have
    to agree, and the report would start a story of its own). A restored clusterer remembers which story that is."""
    column, report = add_all(Clusterer(), [GALA_COLUMN, GALA_REPORT])
    assert not report.created and report.story_id == column.story_id
    assert add_all(Clusterer(), [dataclasses.replace(GALA_COLUMN, background=False), GALA_REPORT])[1].created
    clusterer = Clusterer()
    clusterer.add(GALA_COLUMN)
    assert not Clusterer.from_state(json.loads(json.dumps(clusterer.to_state()))).add(GALA_REPORT).created
    saved = clusterer.state_changes(whole=True)
    rows = json.loads(json.dumps([row for _, row in saved.stories]))
    assert not Clusterer.from_changes(saved.header, rows, saved.days).add(GALA_REPORT).created


PARLIAMENT_STRAWS = passage(
    51,
    "Europees Parlement stemt voor verbod op plastic rietjes",
    """Het Europees Parlement in Straatsburg heeft dinsdag met grote meerderheid ingestemd met een verbod op
    plastic rietjes, wegwerpbestek en wattenstaafjes. De Europese Commissie had het verbod vorig jaar voorgesteld.
    Vanaf 2021 mogen winkels en horeca de producten niet meer verkopen. Milieuorganisaties noemen het besluit een
    doorbraak in de strijd tegen zwerfafval op stranden en in zee, maar de verpakkingsindustrie vreest hogere
    kosten. Fabrikanten van drankflessen moeten bovendien de doppen aan de fles vastmaken, zodat ze niet los in
    de natuur belanden. De lidstaten moeten het verbod nog formeel bekrachtigen. Nederlandse europarlementariërs
    van bijna alle partijen stemden voor; alleen enkele leden twijfelden over de haalbaarheid voor kleine
    ondernemers.""",
    hours=2,
    language="nl",
    source="Dagblad Oost",
)
PARLIAMENT_CLOCKS = passage(
    52,
    "Europees Parlement wil stoppen met de zomertijd",
    """Het Europees Parlement in Straatsburg wil dat Europeanen hun horloges niet langer twee keer per jaar een uur
    vooruit of achteruit zetten. Het plan komt van de Europese Commissie. Slaaponderzoekers juichen het toe: de
    omschakeling naar zomertijd in het voorjaar verstoort volgens hen wekenlang het bioritme van jonge kinderen en
    ouderen. Spoorbedrijven en luchtvaartmaatschappijen vrezen juist een lappendeken van tijdzones, als Duitsland
    en België straks een andere keuze maken dan Nederland. Boeren wijzen erop dat koeien zich niets van de klok
    aantrekken. In een peiling onder burgers wilde vier op de vijf deelnemers van de halfjaarlijkse wisseling af.
    Welke tijd Nederland wordt, zomertijd of wintertijd, moet het kabinet nog besluiten.""",
    hours=3,
    language="nl",
    source="Dagblad Oost",
)


def test_two_full_text_reports_of_different_votes_of_one_parliament_are_two_stories() -> None:
    """Both name the Parliament, Straatsburg and the Commission in title and lead, but their words tell different
    events: names alone do not make one story of them (`full_words`)."""
    straws, clocks = add_all(Clusterer(), [PARLIAMENT_STRAWS, PARLIAMENT_CLOCKS])
    assert clocks.created and clocks.story_id != straws.story_id
    assert not add_all(Clusterer(ClusterSettings(full_words=0.0)), [PARLIAMENT_STRAWS, PARLIAMENT_CLOCKS])[1].created
