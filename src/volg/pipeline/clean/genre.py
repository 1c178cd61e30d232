"""An article's genre: does it report (news, live) or do something else (opinion, letters, review, ...)?

Only news and live open developments in a digest, so the costly mistakes are a column or a letters page called
news, and real news called something else. Signals, strongest first:

1. **Hints** that the markup or the feed gives, as "prefix:value" strings (`RawArticle.hints`,
   `ExtractedPage.hints`):

   - `schema:` a schema.org @type of the page's article: "schema:OpinionNewsArticle", "schema:LiveBlogPosting"
   - `og:` the page's og:type: "og:article"
   - `section:` the article:section meta, JSON-LD articleSection or a JSON line's "section": "section:Opinie"
   - `category:` a feed entry's <category> or tag, a JSON line's "category"/"categories": "category:Column"
   - `genre:` meta name="genre", JSON-LD genre or a JSON line's "genre": "genre:Liveblog"

2. **The URL's path**: a segment such as /opinie/, /columns/, /live/, /reviews/, /meinung/.
3. **The title**: a rubric (Column, Commentaar, Brief van de dag, Interview, Analyse, Duiding; Sanne Bakker |
   Column), an explainer's words ("zo zit het", "... uitgelegd", "what you need to know") or a look ahead ("Wat
   mogen we verwachten van ...", "what to expect").
4. **The text's format**: readers' signatures (name, town), a star rating, a Q&A layout, live-blog timestamps,
   expected line-ups, a recipe's ingredients, a markets column's price changes ("+2,3% TomTom"), a short call for
   readers' texts, photos or stories ("Mail uw tekst en foto naar ...", "Share your photos": births, appeals).
5. **The text's edges**: a rubric opening or closing it, an op-ed's standfirst ("..., vindt Anna de Wit."; "...,
   vinden A en B."; "..., aldus Anna de Wit." when the text never names her again, as a report would) or
   closing line about its author ("Anna de Wit is hoogleraar bestuurskunde."), a reply to an earlier piece
   ("(Opinie, 3 mei)"), a rubric in capitals heading a part of the page ("... de krant.' ANDER COMMENTAAR").
6. **Weak signs**, which decide only two of a genre together: the writer's voice (first-person words outside quotes:
   news quotes people in the first person, so quoted speech is stripped before counting), a sign-off or an invitation to
   reply, a how/why title, a question for a title (a kicker may follow it), questions asked outside quotes, a
   writer's name glued to the end of the title that the text never uses (a place there is a dateline), a title that
   calls for action ("Doe iets aan ...") or speaks for "we", a
   question opening the text (and, beside it, a length of over 600 words), a first sentence in the writer's "ik" or "we"
   ("kunnen we toch stellen"; not a speaker's after a colon), the writer's comment on what they tell again and again
   ("helaas", "uiteraard", "immers", "of course"), an open question the writer weighs ("Het is de vraag of ..."), a lead
   that cites a piece this paper ran ("in de krant van vrijdag", as a reply does). A transcript's words are its
   speakers', so none of these counts there. A strong first-person voice is an essay on its own. A lead that names the
   day something happened ("dinsdag", "gisteren") reports: its questions and length are then no sign of analysis; a
   today in a sentence that tells nothing past ("ontmoeten elkaar vandaag") is still ahead and dates no report.
   Background tells how things go rather than what happened: words of habit and trend ("steeds", "al jaren",
   "telkens") after a lead that cites no one, and, beside them, a length of over 500 words; or it says what it will
   explain ("Dat zit zo.", "Wie is deze generaal?"). A preview's lead looks ahead ("moet vanavond ... winnen",
   "tomorrow"; not "vandaag": a visit today is news), or it announces an event by day, date and hour ("op woensdag 27
   maart (vanaf 20.00)") or by day and date beside a verb of what will come ("gaat op donderdag 6 juni langs
   boekwinkels"), and reports nothing that already happened, nor who said so; or the time to come is a
   match's ("de alles-of-niets-wedstrijd morgen tegen PSV", which a report of yesterday's training may follow). An
   interview told as a portrait is mostly long answers in quotes (40 words or more each: a report quotes a sentence or
   two) and, beside them, opens by calling itself a conversation ("Een gesprek over ..."). A text of over 300 words
   that quotes no one and says of nothing who says so is no report (a report that long always cites someone), unless
   its lead names the day: one weak sign decides it.

A hint or URL segment naming a news section (Binnenland, /nieuws/) outweighs weak signs but not a rubric or a
format of the text: a column in the sport section is still a column. In doubt, an article is news. A body of
hardly any words is other (a cartoon, a quote of the day); a long one is read at its start and its end.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from volg.models import GENRES as GENRES  # the labels this module gives; in models, for what only reads them
from volg.models import Section
from volg.pipeline.clean.gazetteer import gazetteer
from volg.pipeline.clean.patterns import led

MIN_WORDS = 12
"""A body shorter than this is a caption, a quote or a cartoon's title: not news."""

_HINT, _URL, _TITLE, _FORMAT, _EDGE, _WEAK = range(6)  # how strong a signal is, strongest first
_HEAD_CHARS, _END_CHARS = 6000, 1000  # what of a long text is read: its start and its end
_LEAD_CHARS = 500  # the opening: a report states its news there, background often asks what it will explain
_LONG_WORDS = 600  # a report rarely runs longer; background and features often do (weak, beside a question)

# Rubric words and phrases (case-folded) by genre, in nl, en, de, fr, es and it.
_RUBRICS: dict[str, tuple[str, ...]] = {
    "opinion": (
        "opinie", "opinies", "column", "columns", "commentaar", "hoofdcommentaar", "redactioneel",
        "hoofdredactioneel", "ander commentaar", "gastcolumn", "gastbijdrage", "opiniestuk", "essay",
        "opinion", "comment", "commentary", "editorial", "op-ed", "viewpoint", "our view", "guest column",
        "meinung", "kommentar", "leitartikel", "kolumne", "gastbeitrag", "gastkommentar", "glosse", "standpunkt",
        "éditorial", "édito", "edito", "tribune", "chronique", "point de vue", "billet",
        "opinión", "columna", "tribuna", "punto de vista",
        "editoriale", "commento", "opinione", "l'opinione", "il commento", "corsivo",
    ),
    "letters": (
        "lezersbrieven", "brieven", "brief van de dag", "ingezonden", "ingezonden brief", "ingezonden brieven",
        "geachte redactie", "lezerspost",
        "letters", "letter", "letters to the editor", "letter to the editor", "your letters", "readers' letters",
        "letter of the day", "mailbag",
        "leserbriefe", "leserbrief", "leserforum", "briefe an die redaktion",
        "courrier des lecteurs", "courrier", "lettre du jour",
        "cartas al director", "cartas", "carta al director", "cartas de los lectores",
        "lettere", "lettere al direttore", "lettera al direttore",
    ),
    "review": (
        "recensie", "recensies", "filmrecensie", "boekrecensie", "theaterrecensie", "concertrecensie",
        "albumrecensie", "cd-recensie", "review", "reviews", "film review", "book review", "album review",
        "theatre review", "theater review", "restaurant review", "tv review",
        "rezension", "rezensionen", "filmkritik", "buchkritik", "theaterkritik", "konzertkritik",
        "critique", "critiques", "crítica", "críticas", "reseña", "reseñas", "recensione", "recensioni",
    ),
    "analysis": (
        "analyse", "analyses", "nieuwsanalyse", "achtergrond", "achtergronden", "uitleg", "profiel", "duiding",
        "uitgelegd", "analysis", "news analysis", "explainer", "explained", "background", "profile", "einordnung",
        "hintergrund", "hintergründe", "décryptage", "éclairage", "análisis", "analisi", "approfondimento",
    ),
    "interview": (
        "interview", "interviews", "vraaggesprek", "dubbelinterview", "in gesprek met", "het interview",
        "the interview", "q&a", "q & a", "in conversation", "im gespräch", "das gespräch",
        "entretien", "l'entretien", "entrevue", "entrevista", "la entrevista", "intervista", "l'intervista",
    ),
    "live": (
        "liveblog", "live-blog", "live blog", "live", "live-updates", "live updates", "liveverslag",
        "live-verslag", "liveticker", "live-ticker", "newsblog", "as it happened", "as it happens",
        "en direct", "en directo", "en vivo", "in diretta", "diretta",
    ),
    "preview": (
        "voorbeschouwing", "vooruitblik", "preview", "match preview", "vorschau", "vorbericht", "avant-match",
        "previa", "la previa", "anteprima",
    ),
    "service": (
        "het weer", "weerbericht", "weerpraatje", "weersverwachting", "verkeersinformatie", "fileinformatie",
        "recept", "recepten", "uitagenda", "tv-gids", "tips",
        "weather forecast", "traffic and travel", "recipe", "recipes", "what's on", "tv guide",
        "wetterbericht", "verkehrsmeldungen", "rezept", "rezepte", "tipps", "ratgeber",
        "météo", "recette", "recettes", "el tiempo", "receta", "recetas", "meteo", "ricetta", "ricette",
    ),
    "other": (
        "quote van de dag", "citaat van de dag", "de stelling", "stelling", "cartoon", "strip", "puzzel", "quiz",
        "horoscoop", "advertorial", "gesponsord", "rectificatie", "correctie", "aanvullingen & verbeteringen",
        "verbeteringen",
        "quote of the day", "crossword", "horoscope", "sponsored", "partner content", "paid content",
        "corrections", "correction", "anzeige", "rätsel", "horoskop", "zitat des tages", "berichtigung",
        "publireportage", "contenu sponsorisé", "rectificatif", "horóscopo", "crucigrama",
        "contenido patrocinado", "fe de errores", "oroscopo", "cruciverba", "contenuto sponsorizzato", "rettifica",
    ),
}  # fmt: skip
_RUBRIC = {phrase: genre for genre, phrases in _RUBRICS.items() for phrase in phrases}
_NAMED = frozenset({"opinion", "letters", "review", "analysis", "interview", "preview"})
"""Genres whose rubric may stand beside a name (Column Sanne Bakker, Interview Piet de Boer). Live, service and other
words are too often ordinary words at a title's start (Live Nation, Weer een ongeluk)."""

_NEWS_SECTIONS = frozenset(
    "nieuws binnenland buitenland politiek economie financieel sport regio regionaal wetenschap reportage "
    "personalia kort-nieuws news world politics business uk-news us-news local breaking-news nachrichten politik "
    "wirtschaft inland ausland actualité actualités monde politique économie noticias nacional internacional "
    "política economía notizie cronaca politica esteri economia".split()
)
"""Sections (hint values, URL segments) that say news, as far as a section can."""

_SCHEMA = {
    "opinionnewsarticle": "opinion", "reviewnewsarticle": "review", "review": "review", "criticreview": "review",
    "analysisnewsarticle": "analysis", "backgroundnewsarticle": "analysis", "liveblogposting": "live",
    "recipe": "service", "howto": "service", "satiricalarticle": "other", "advertisercontentarticle": "other",
    "askpublicnewsarticle": "other", "reportagenewsarticle": "news",
}  # fmt: skip
_HINT_ORDER = ("schema", "genre", "section", "category", "og")  # which hint wins when hints disagree


def _plain(text: str) -> str:
    """Case-folded, accents dropped: URL segments are written without them."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_URL_SEGMENTS = {
    **{_plain(phrase).replace(" ", "-").replace("'", ""): genre for phrase, genre in _RUBRIC.items()},
    "commentisfree": "opinion", "opinions": "opinion", "columnists": "opinion", "columnisten": "opinion",
    "editorials": "opinion", "kommentare": "opinion", "editoriales": "opinion", "editoriali": "opinion",
    "opinioni": "opinion", "commenti": "opinion", "liveblogs": "live", "previews": "preview",
}  # fmt: skip
del _URL_SEGMENTS["preview"]  # /preview/ is a publishing system's draft view as often as a match preview

_UP = "A-ZÀ-ÖØ-Þ"
_PARTICLES = "van|de|der|den|ten|ter|te|von|zu|du|da|di|del|della|la|le|dos"
_NAME_PARTICLES = frozenset(_PARTICLES.split("|")) | {"en", "and", "und", "et", "y", "e"}
_NAME = rf"(?:[{_UP}]\.\s?){{0,3}}[{_UP}][\w'’-]*(?:\s(?:{_PARTICLES}|[{_UP}][\w'’.-]*)){{0,4}}"
_FULL_NAME = rf"[{_UP}][\w'’-]+(?:\s(?:{_PARTICLES}|[{_UP}][\w'’.-]*)){{1,4}}"  # two words or more
_TOWN = (  # Utrecht, Bergen op Zoom, 's-Hertogenbosch, Stratford-upon-Avon
    rf"(?:'s[- ])?[{_UP}][a-zà-ÿ'’-]+"
    rf"(?:[\s-](?:aan|op|in|bij|de|den|der|am|an|upon|on|sur|la|le|[{_UP}][\w'’-]*)){{0,3}}"
)
_AFTER_SENTENCE = r"(?:^|(?<=[.!?'’\"”)]\s))"
_TITLE_PARTS = re.compile(r"\s*[|•»]\s*|(?<=[^\s.!?])[.!?]+\s+(?=\S)|:\s+|\s+[-–—]\s+")
_EDGE_PARTS = re.compile(r"\s*[|:•]\s*|\s+[-–—]\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Quoted speech: "..", “..”, „..“, ,,..'', «..», ``..'', ‘..’, and '..' (not the apostrophe of auto's, 's avonds,
# the players' union). A quote closes at the first closing mark of any kind: writers mix them (,,..", "..'').
_DOUBLE_QUOTED = re.compile(r"(?:,,|``|[\"“„«‘])[^\n]{0,800}?(?:''|[\"”“»]|’(?![^\W\d_]))")
_SINGLE_QUOTED = re.compile(r"[`'](?<![\w'’][`'])(?![stn]\b)(?=\s?[^\W\d_])[^\n]{0,800}?(?<=[\w.,!?…)])\s?'(?!\w)")
_SPEAKER = re.compile(rf"(?:^|\s)[{_UP}][{_UP}'’.-]+(?:[ ,]+[{_UP}][{_UP}'’.-]+){{0,5}}\s?:\s")  # "JOHN KING, CNN:"
_SPEECH = led(  # a transcript or a speech's full text, whose first person is the speaker's
    r"\b(?:rush transcript|following (?:is|are) (?:the |an? )?(?:edited )?(?:full )?"
    r"(?:text|transcript|remarks|excerpts)|hieronder (?:de|het) (?:volledige )?(?:tekst|transcript))\b",
    re.IGNORECASE,
)


_FIRST_PERSON = {
    "nl": "ik mij me mijn m'n we wij ons onze",
    "en": "I me my mine myself we us our ours ourselves",
    "de": "ich mich mir mein meine meinen meinem meiner wir uns unser unsere unseren unserem",
    "fr": "je j moi me m mon ma mes nous notre nos",  # j'ai, m'a
    "es": "yo me mí mi mis nosotros nosotras nos nuestro nuestra nuestros nuestras",
    "it": "io me mi mio mia miei mie noi nostro nostra nostri nostre",
}
_SECOND_PERSON = {  # the informal "you" a columnist addresses the reader with
    "nl": "je jij jou jouw",
    "en": "you your yours yourself",
    "de": "du dich dir dein deine deinen",
    "fr": "tu toi te t ton ta tes",
    "es": "tú te ti tu tus",
    "it": "tu te ti tuo tua tuoi tue",
}


def _pronouns(language: str) -> tuple[re.Pattern[str], frozenset[str]]:
    """One pattern for the language's first- and second-person words, whole words with or without a capital first
    letter ("US" is no "us"; "I" has one), and the case-folded first-person words among them."""
    words = sorted({*_FIRST_PERSON[language].split(), *_SECOND_PERSON[language].split()}, key=len, reverse=True)
    forms = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in words)
    first = frozenset(w.casefold() for w in _FIRST_PERSON[language].split())
    return led(rf"(?<![\w'’])(?:{forms})(?!\w)"), first


_PRONOUNS = {language: _pronouns(language) for language in _FIRST_PERSON}
_OPENER = {
    language: re.compile(rf"(?<![\w'’]){word}\b")
    for language, word in (
        ("nl", "[Ii]k"),
        ("en", "I"),
        ("de", "[Ii]ch"),
        ("fr", "[Jj]e"),
        ("es", "[Yy]o"),
        ("it", "[Ii]o"),
    )
}
_WE_OPENER = {  # the writer's "we" opening the text: "Na de verkiezingen kunnen we toch stellen dat ..."
    language: re.compile(rf"(?<![\w'’])(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", "we|wij"), ("en", "we"), ("de", "wir"), ("fr", "nous"), ("es", "nosotros|nosotras"), ("it", "noi"),
    )
}
_VOICE_MIN_WORDS = 80  # fewer words outside quotes than this say nothing about the writer's voice
_VOICE_STRONG = 22.0  # first-person words per 1,000 outside quotes: an essay, whatever else it says
_VOICE_WEAK = 7.0  # first-person words (and half the informal "you") per 1,000: a weak sign of opinion

_SIGNED = (  # "Jan de Vries, Utrecht.", "P. Bakker, arts, Genemuiden", "Els Groen, Kampen (82)"
    rf"({_NAME}),\s(?:[\w'’.-]+(?:\s[\w'’.-]+){{0,3}},\s)?({_TOWN})"
    rf"(?:,\s[\w'’ -]{{1,40}})?(?:\s\([^)]{{1,120}}\))?\.?(?=$|\s[{_UP}'‘\"“])"
)
_SIGNATURE = re.compile(rf"[.!?'’\"”)]\s{_SIGNED}")  # after a sentence: the letter's last line
_SIGNATURE_FIRST = re.compile(_SIGNED)  # opening a paragraph
_BARE_SIGNATURE = re.compile(rf"(?<=[.!?'’\"”])\s({_FULL_NAME})\s({_TOWN})$")
_STAR_KEYS = tuple("★☆✩✭✮⭐")
_STARS = re.compile(rf"[{''.join(_STAR_KEYS)}]{{1,10}}")
_RATING = re.compile(
    r"\(\s*[0-5](?:[.,]5)?\s*/\s*5\s*\)|\b[1-5] (?:van de 5|uit 5|out of 5|von 5|sur 5|de 5|su 5) sterren\b"
    r"|\b[1-5] (?:sterren|stars|sterne|étoiles|estrellas|stelle)\b"
    r"|\b(?:score|rating|cijfer|oordeel|waardering|wertung|bewertung|note|nota|voto)\s*:\s*\d{1,2}(?:[.,]\d)?\s*/\s*(?:5|10)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d[.:h][0-5]\d")
_TIMESTAMP = re.compile(  # "15.05 De brandweer ...", "14:32 uur: ..."
    rf"{_AFTER_SENTENCE}((?:[01]?\d|2[0-3])[.:h][0-5]\d)(?:\s*(?:uur|u|h|Uhr))?\b[:\s-]*(?=[{_UP}])"
)
_QA_LABEL = re.compile(r"^(?:[VQFPD]\s?:|(?:vraag|question|frage|pregunta|domanda)\s?[:.-])\s", re.IGNORECASE)
_ANSWERED = re.compile(r"\?\s+(?:,,|``|[\"“„«])")  # a question outside quotes, answered in quotes
_LINEUPS = led(
    r"\b(?:(?:vermoedelijke|verwachte|mogelijke) opstelling(?:en)?|probable (?:line-?ups?|teams?)|predicted line-?ups?"
    r"|possible (?:line-?ups?|teams?)|voraussichtliche aufstellung(?:en)?|compositions? probables?"
    r"|(?:posibles|probables) alineaciones|probabili formazioni)\b",
    re.IGNORECASE,
)
_RATING_KEYS = ("/5", "/ 5", "/10", "/ 10", " sterren", " stars", " sterne", " étoiles", " estrellas", " stelle")
_LINEUP_KEYS = ("opstelling", "line-up", "lineup", "teams", "aufstellung", "composition", "alineaciones", "formazioni")
_RECIPE_KEYS = ("ingredi", "zutaten")
_INGREDIENTS = led(
    r"\b(?:ingrediënten|ingredients|zutaten|ingrédients|ingredientes|ingredienti)\b", re.IGNORECASE
)
_QUANTITY = re.compile(
    r"\b\d+(?:[.,/]\d+)?\s?(?:g|gr|gram|kg|ml|dl|cl|el|tl|eetlepels?|theelepels?|tbsp|tsp|cups?|oz|"
    r"cuillères?|cucharadas?|cucchiai[o]?|EL|TL)\b",
)
_MONTH = r"(?:jan|feb|m[aä]r|maa|mrt|apr|mei|may|mai|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zé]*"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_DATED = led(  # a day named as when something happened: "gisteren", "zaterdagnacht", "on Monday", "heute"
    r"\b(?:(?:eer)?gister(?:en|ochtend|morgen|middag|avond|nacht)|vandaag|van(?:ochtend|morgen|middag|avond|nacht)"
    r"|(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:ochtend|morgen|middag|avond|nacht)?"
    r"|yesterday|today|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|gestern|heute"
    r"|(?:mon|diens|mitt|donners|frei|sams|sonn)(?:tag|woch|abend)|hier soir|aujourd'hui|ayer|hoy|ieri|oggi)\b",
    re.IGNORECASE,
)
_TODAY = re.compile(r"vandaag|vanavond|today|tonight|heute|aujourd'hui|hoy|oggi", re.IGNORECASE)  # of _DATED
_WEEKDAY = r"(?:(?:maan|dins|woens|donder|vrij|zater|zon)dag|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_EVENT_LINE = re.compile(  # a listing closing the text: "Theater De Spiegel, Zwolle. 12 mei, 20 uur."
    rf"\b\d{{1,2}} {_MONTH},? (?:\d{{1,2}}[.:]\d{{2}}|\d{{1,2}}) (?:uur|Uhr)\.?$"
    rf"|\b{_MONTH} \d{{1,2}},? \d{{1,2}}(?:[.:]\d{{2}})?\s?[ap]\.?m\.?$",
    re.IGNORECASE,
)
_REPLY = re.compile(  # an earlier piece cited by rubric and date: "(Opinie, 3 mei)", "(Brieven 4-5)"
    rf"\((?:[{_UP}][\w&'’]*(?: [\w&'’]+){{0,3}}),? (?:\d{{1,2}}[-/](?:1[0-2]|0?[1-9])|\d{{1,2}} {_MONTH}|{_WEEKDAY})\)",
)
_OPINION_TAILS = led(
    r"\b(?:schreef|schrijft) (?:deze|dit) \w+ op persoonlijke titel\b|\bde mening van de krant\b"
    r"|\bis (?:vaste )?columnist(?:e)?\b|\bschrijft (?:wekelijks|elke week|iedere week) (?:een )?column\b"
    r"|\bdit is een (?:column|opiniestuk|ingezonden)|\bviews expressed\b"
    r"|\bis an? (?:regular |weekly |guest )?columnist\b|\bwrites a (?:weekly |regular )?column\b"
    r"|\bthis is an opinion\b|\bmeinung des autors\b|\bist (?:freie[r]? )?kolumnist(?:in)?\b"
    r"|\bn'engage que son auteur\b|\best (?:chroniqueur|chroniqueuse|éditorialiste)\b"
    r"|\bes columnista\b|\bè (?:editorialista|opinionista)\b",
    re.IGNORECASE,
)
_TAIL_CHARS = 300
_BIO = re.compile(  # an op-ed's closing line about its writer(s): "Anna de Wit is hoogleraar bestuurskunde."
    rf"{_AFTER_SENTENCE}{_FULL_NAME}(?:\s(?:en|and|und|et|y|e)\s{_FULL_NAME})?"
    r"\s(?:is|zijn|was|ist|sind|est|sont|es|son|è|sono)\s([^.!?]{3,160})[.!?]?$"
    rf"|(?<=[.!?'’\"”]\s)[{_UP}]{{2,}}(?:\s[{_UP}]{{2,}}){{1,3}}\s([^.!?]{{3,160}})$",
)
_ROLE = re.compile(
    r"hoogleraar|lector\b|docent|onderzoeker|promovend|voorzitter|directeur|bestuurder|\blid (?:van|bij)|\boud-|"
    r"emeritus|journalist|schrijver|schrijfster|auteur|publicist|columnist|econoom|jurist|advocaat|\barts\b|"
    r"psychiater|psycholoog|filosoof|historicus|politicoloog|socioloog|theoloog|predikant|woordvoerder|adviseur|"
    r"oprichter|ondernemer|cabaretier|kunstenaar|kamerlid|parlementariër|verbonden aan|werkzaam|professor|"
    r"lecturer|fellow|director|\bchair|president of|author|writer|editor|founder|researcher|analyst|former|"
    r"member of|economist|lawyer|vorsitzende|publizist|direktor|professeur|écrivain|profesor|catedrático|escritor|"
    r"professore|scrittore|direttore|ricercatore",
    re.IGNORECASE,
)
_STANDFIRST = re.compile(  # an op-ed's standfirst names its writer(s) bare: "..., vindt Anna de Wit.", "vinden A en B."
    r"(?:^|[.!?]\s)[^.!?]{10,250},\s(?:vindt|stelt|betoogt|meent|bepleit|argues|contends|meint|findet|argumentiert"
    rf"|estime|plaide|sostiene|opina)\s({_FULL_NAME})(?:,?\s(?:van|namens|of|von|de|du|di)\s[^.!?,]{{3,80}})?\.(?:\s|$)"
    r"|(?:^|[.!?]\s)[^.!?]{10,250},\s(?:vinden|stellen|betogen|menen|bepleiten|argue|contend|meinen|finden"
    rf"|estiment|plaident|sostengono|opinan)\s({_FULL_NAME}\s(?:en|and|und|et|e|y)\s{_FULL_NAME})\.(?:\s|$)",
)
_ATTRIBUTED = re.compile(  # "..., aldus Anna de Wit." opening the text; news names its source again, a writer not
    r"(?:^|[.!?]\s|\s[-–—]\s)[^.!?]{20,250},\s(?:aldus|according to|so|selon|según|secondo)"
    rf"\s({_FULL_NAME})\.(?:\s|$)",
)
_HEADINGS = "|".join(re.escape(p.upper()) for p in sorted(_RUBRIC, key=len, reverse=True) if _RUBRIC[p] in _NAMED)
_RUBRIC_HEADING = led(  # a rubric in capitals heading part of a page: "... vooruitzicht.' ANDER COMMENTAAR INF"
    rf"(?<=[.!?'’\"”]\s)(?:{_HEADINGS})(?=\s[{_UP}])"
)
_THIS_PAPER = {  # a lead that cites a piece this paper ran, as a reply to it does: "in de krant van vrijdag"
    "nl": led(
        rf"\b(?:in (?:de|deze) krant van (?:{_WEEKDAY}|gisteren|\d{{1,2}} {_MONTH})|in deze krant"
        r"|op deze (?:plek|plaats))\b",
        re.IGNORECASE,
    ),
    "en": led(r"\b(?:on these pages|in these pages|in this (?:news)?paper)\b", re.IGNORECASE),
}
_SIGN_OFF = re.compile(r"(?:^|\s)[a-z]{1,3}\.[a-z]{3,}\s*$")  # a writer's handle as sign-off: "j.devries"
_REPLY_PROMPT = led(r"\b(?:reageren|reageer|reacties?|respond|reply)\s*[?:]\s*\S{1,30}$", re.IGNORECASE)
_EXPLAINER = re.compile(  # "questions about" opens a title or its part: "Carney faces questions about ..." reports
    r"(?:(?:^|(?<=[.:|!?]\s))(?:\w+\s)?(?:vragen over|questions about)\b"
    r"|\b(?:vragen en antwoorden|vraag en antwoord|wat we weten|what we know|explained|uitgelegd(?=\W*$)"
    r"|zo zit (?:het|dat)|wat (?:je|u) moet weten|dit moet je weten|(?:what|everything) you need to know"
    r"|fragen und antworten|was wir wissen|das müssen sie wissen|ce que l'on sait|ce qu'il faut savoir"
    r"|lo que sabemos|lo que hay que saber|cosa sappiamo)\b)",
    re.IGNORECASE,
)
_LOOKS_AHEAD = re.compile(  # a title on what is still to come: "Wat mogen we verwachten van ...", "What to expect"
    r"\b(?:wat (?:kun|kunt|kunnen|mag|mogen) (?:je|u|we|wij) verwachten|what to (?:expect|watch)|things to watch"
    r"|was (?:uns )?erwartet|à quoi s'attendre|qué esperar|cosa aspettarsi)\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"\?(?!\s*(?:,,|``|[\"“„«']))")  # a question mark not opening a quoted answer
_HOW_WHY = re.compile(
    r"^(?:hoe|waarom|wat|how|why|what|wie|warum|was|comment|pourquoi|cómo|por qué|qué|come|perché)\b", re.IGNORECASE
)


_EXPLAINS = {  # the writer announcing what they will explain: "Dat zit zo.", "Wie is deze krijgsheer?", "Here's why"
    language: led(rf"\b(?:{words})", re.IGNORECASE)
    for language, words in (
        ("nl", r"(?:dat|het) zit zo\b|hoe zit (?:dat|het)\b[^.?!]{0,60}\?|wie (?:is|zijn|was|waren) (?:deze|die|dit)\b"
               r"[^.?!]{0,60}\?|wat betekent (?:dat|dit)\b[^.?!]{0,60}\?|hoe werkt (?:dat|het)\b[^.?!]{0,60}\?"),
        ("en", r"here(?:'s| is) (?:why|how|what)\b|who (?:is|are|was|were) (?:this|these|that)\b[^.?!]{0,60}\?"
               r"|what does (?:this|that|it) mean\b[^.?!]{0,60}\?|how does (?:this|that|it) work\b[^.?!]{0,60}\?"),
        ("de", r"wer (?:ist|sind|war) (?:dieser|diese|dieses)\b[^.?!]{0,60}\?"
               r"|was bedeutet (?:das|dies)\b[^.?!]{0,60}\?"),
        ("fr", r"qui (?:est|sont|était) (?:ce|cet|cette|ces)\b[^.?!]{0,60}\?"
               r"|qu'est-ce que (?:cela|ça) (?:signifie|change)\b[^.?!]{0,60}\?"),
        ("es", r"quién (?:es|son|era) (?:este|esta|estos|estas)\b[^.?!]{0,60}\?"
               r"|qué significa (?:esto|eso)\b[^.?!]{0,60}\?"),
        ("it", r"chi (?:è|sono|era) (?:questo|questa|questi|queste)\b[^.?!]{0,60}\?"
               r"|cosa significa\b[^.?!]{0,60}\?"),
    )
}
_OPEN_QUESTION = {  # the writer weighing a question nobody has answered yet: "Het is de vraag of ...", "De vraag is"
    "nl": led(r"\b(?:de vraag is|is (?:het )?(?:\w+ ){0,2}de vraag (?:of|hoe|wat|wie|waarom|wanneer))\b", re.I),
    "en": led(r"\b(?:the (?:big |real )?question is (?:whether|how|what|who|why|when|if))\b", re.I),
}
_STANCE = {  # the writer's comment on what they tell ("helaas", "uiteraard", "of course"): a report leaves it out
    language: led(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", "helaas|jammer genoeg|gek genoeg|uiteraard|natuurlijk|vanzelfsprekend|immers|wellicht|eigenlijk"
               "|kennelijk|blijkbaar|ongetwijfeld|zonder twijfel|nota bene|toegegeven|hopelijk|zogenaamde?|ronduit"
               "|allerminst|zeker niet|nu eenmaal"),
        ("en", "of course|obviously|unfortunately|fortunately|sadly|thankfully|hopefully|admittedly|arguably|frankly"
               "|needless to say|to be fair|regrettably|mercifully|ironically|undoubtedly|surely|rightly|wrongly"),
    )
}
_STANCE_MIN, _STANCE_PER_1000 = 3, 4.0  # words of stance outside quotes: how many, and how dense at least
_HABIT_MIN, _HABIT_PER_1000 = 3, 2.5  # words of habit or trend outside quotes: how many, and how dense at least
_BACKGROUND_WORDS = 500
_ONCE_MORE = frozenset({"opnieuw"})  # in a lead, one more event ("ING is opnieuw op de vingers getikt"): a report's
_UNSOURCED_WORDS = 300  # a brief may state a fact bare; a report longer than this quotes or cites someone
_HABITUAL = {  # words that tell how things go (a habit, a trend, a state of years), not one event
    language: led(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", "steeds|telkens|vaak|vaker|altijd|nooit|al jaren|jarenlang|decennia|decennialang|opnieuw"
               "|nog altijd|doorgaans|regelmatig"),
        ("en", "increasingly|more and more|for years|for decades|repeatedly|time and again|again and again|often"
               "|always|never|routinely|usually|typically"),
        ("de", "immer|immer mehr|seit jahren|jahrelang|jahrzehntelang|oft|häufig|nie|regelmäßig|zunehmend"),
        ("fr", "toujours|de plus en plus|depuis des années|souvent|jamais|régulièrement|sans cesse"),
        ("es", "cada vez más|siempre|desde hace años|a menudo|nunca|con frecuencia|repetidamente"),
        ("it", "sempre|sempre più|da anni|spesso|mai|regolarmente|ripetutamente"),
    )
}
_SOURCED = {  # a lead that says who says so: a report's attribution
    language: led(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", "zegt|zeggen|zei|zeiden|volgens|aldus|meldt|melden|meldde|meldden|laat weten|laten weten|liet weten"
               "|lieten weten|maakt bekend|maakte bekend|beweert|beweerde|verklaart|verklaarde|bevestigt|bevestigde"
               "|concludeert|concludeerde|waarschuwt|waarschuwen|waarschuwde|schrijft|schreef|blijkt uit|bleek uit"
               "|verwacht dat|verwachten dat"),
        ("en", "says|said|say|told|tells|according to|reported|reports|announced|confirmed|stated|warned|claimed"),
        ("de", "sagt|sagte|sagten|laut|teilte mit|teilt mit|berichtet|berichtete|erklärte|erklärt|warnte"),
        ("fr", "dit|a dit|déclare|a déclaré|selon|annonce|a annoncé|affirme|a affirmé|indique|a indiqué"),
        ("es", "dice|dijo|según|afirma|afirmó|anunció|declaró|aseguró|explicó"),
        ("it", "dice|ha detto|secondo|afferma|ha affermato|ha annunciato|ha dichiarato|spiega|ha spiegato"),
    )
}
_AHEAD = {  # a time still to come: "vanavond", "tomorrow"; not "today": what a leader does today is the day's news
    language: led(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", r"vanavond|morgen(?:ochtend|middag|avond)?|overmorgen|komend weekend|volgende week"
               r"|(?:komende|aanstaande) (?:maan|dins|woens|donder|vrij|zater|zon)dag|later vandaag"),
        ("en", r"tonight|tomorrow|next week|later today|this evening"),
    )
}
_MATCH = {  # what a match preview looks ahead to, in the same sentence as the time to come
    language: re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", r"\w*(?:wedstrijd|duel)|kraker|topper|finale|derby|(?:\w+-)?wedstrijd"),
        ("en", r"match|fixture|derby|showdown|clash"),
    )
}
_DAY_DATE = rf"\b{_WEEKDAY},? (?:\d{{1,2}} {_MONTH}\b|{_MONTH}\.? \d{{1,2}}(?!\d))(?!,? \d{{4}})"  # no year
_EVENT_DATE = led(  # an event announced by day, date and hour: "op woensdag 27 maart (vanaf 20.00)"
    rf"{_DAY_DATE}[^.!?\d]{{0,20}}(?:\d{{1,2}}[.:]\d{{2}}|\d{{1,2}} uur|\d{{1,2}}\s?[ap]\.?m\b)", re.IGNORECASE
)
_COMING_DATE = {  # a visit or event to come, by day and date: "gaat op donderdag 6 juni langs boekwinkels"
    language: led(rf"\b(?:{verbs})\b[^.!?]{{0,60}}?{_DAY_DATE}|{_DAY_DATE}[^.!?]{{0,60}}?\b(?:{verbs})\b", re.I)
    for language, verbs in (
        ("nl", "gaat|gaan|komt|komen|zal|zullen|treedt|treden|vindt|signeert|opent"),
        ("en", "will|is due to|are due to|is set to|are set to|visits|comes to|opens"),
    )
}
_PAST = {  # a lead reporting what already happened: a past tense, a perfect, a day gone by
    "nl": led(
        r"(?<![\w'’])(?:(?:eer)?gister\w*|vannacht|vorige|afgelopen|eerder|was|waren|had|hadden|werd|werden|zei"
        r"|zeiden|kwam|kwamen|ging|gingen|kreeg|kregen|won|wonnen|verloor|verloren|stond|stonden|liet|lieten|bleek"
        r"|bleken|viel|vielen|vond|vonden|nam|namen|gaf|gaven|besloot|besloten|overleed|overleden)(?!\w)"
        r"|(?<![\w'’])(?:heeft|hebben|is|zijn)\s(?:\S+\s){0,8}?"  # a perfect: "heeft ... (aan)gehouden"
        r"(?:aan|af|op|uit|in|mee|toe|terug|vast|weg|neer|door|over|om|bij|na|voor)?ge\w{2,}(?:d|t|en)(?!\w)",
        re.IGNORECASE,
    ),
    "en": led(
        r"(?<![\w'’])(?:yesterday|last (?:night|week|weekend|month|year)|earlier|was|were|had|did|said|told|went"
        r"|came|took|made|gave|won|lost|got|held|met|left|found|saw|became|began|fell|beat|drew|ran|struck)(?!\w)"
        r"|(?<![\w'’])(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )[a-z]{3,}ed(?!\w)",
        re.IGNORECASE,
    ),
}


@dataclass(frozen=True)
class Genre:
    """An article's genre (one of GENRES) and the short human-readable evidence that decided it."""

    label: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class _Signal:
    """One sign of a genre, as strong as where it was found."""

    label: str
    strength: int  # _HINT (strongest) .. _WEAK
    evidence: str
    decisive: bool = False  # a weak signal that decides alone (a strong first-person voice)


def classify_genre(
    title: str, sections: Sequence[Section], language: str, url: str, hints: Sequence[str] = ()
) -> Genre:
    """The genre of one article; pure and fast (no model), so it can run on every article cleaned."""
    body = "\n".join(p for s in sections for p in ((s.heading,) if s.heading else ()) + s.paragraphs)
    if len(body) > _HEAD_CHARS + _END_CHARS:  # the genre shows in the first thousand words and the last lines
        body = f"{body[:_HEAD_CHARS].rsplit(' ', 1)[0]}\n{body[-_END_CHARS:].split(' ', 1)[-1]}"
    signals = [*_from_hints(hints), *_from_url(url), *_from_title(title, language), *_writer_in_title(title, body)]
    if len(body.split(maxsplit=MIN_WORDS)) < MIN_WORDS:
        signals.append(_Signal("other", _FORMAT, "hardly any text"))
    else:
        signals.extend(_from_text(body.split("\n"), body, language))
    if _reports_a_day(body, language):
        # a lead that says on which day it happened reports; its questions and length are a feature's, not analysis,
        # and it need not cite anyone (a council's decision, a match's result)
        signals = [s for s in signals if not (s.label == "analysis" and s.strength == _WEAK)]
        return _decide(signals)
    return _decide(signals, _cites_no_one(body, language))


def _reports_a_day(body: str, language: str) -> bool:
    """Whether the lead names the day something happened ("gisteren", "dinsdag"). A today ("vandaag", "tonight")
    in a sentence that tells nothing past is still ahead ("Trump en Kim ontmoeten elkaar vandaag in Hanoi", as a
    morning paper's background to the day's summit opens): it dates no report."""
    for sentence in _SENTENCE_END.split(_lead(body)):
        for day in _DATED.finditer(sentence):
            if not _TODAY.fullmatch(day.group(0)) or language not in _PAST or _PAST[language].search(sentence):
                return True
    return False


def _cites_no_one(body: str, language: str) -> str | None:
    """Evidence when a long text quotes no one and says of nothing who says so: a report of that length always
    does, so the text is the writer's own account (an argument, an explainer), and one weak sign says which."""
    if language not in _SOURCED or len(words := body.split(maxsplit=_UNSOURCED_WORDS)) <= _UNSOURCED_WORDS:
        return None
    if _DOUBLE_QUOTED.search(body) or _SOURCED[language].search(body):
        return None
    return f"quotes and cites no one in over {_UNSOURCED_WORDS} words ({len(words) - 1}+)"


def _decide(signals: list[_Signal], unsourced: str | None = None) -> Genre:
    """The strongest sign decides; weak signs decide only together, or one alone in a text that cites no one."""
    news = [s.evidence for s in signals if s.label == "news"]
    others = sorted((s for s in signals if s.label != "news"), key=lambda s: s.strength)
    best = others[0] if others else None
    if best and best.strength == _WEAK:
        best = None if news else _weak_verdict(others, alone=unsourced is not None)
    if best is None:
        return Genre("news", tuple(news[:2]) or ("no sign of another genre",))
    label = best.label
    if label == "opinion" and any(
        s.label == "letters" and (s.strength < _WEAK or best.strength == _WEAK) for s in others
    ):
        label = "letters"  # a reader's letter is opinion too, and its signature says whose
    evidence = [best.evidence] + [s.evidence for s in others if s.label in (label, best.label)]
    if unsourced and best.strength == _WEAK:
        evidence.insert(1, unsourced)
    return Genre(label, tuple(dict.fromkeys(evidence))[:3])


def _weak_verdict(signals: list[_Signal], *, alone: bool = False) -> _Signal | None:
    """Weak signs decide only together (two of one genre), or alone when decisive (a strong first-person voice) or
    when `alone` (the text cites no one)."""
    for signal in signals:
        if signal.decisive:
            return signal
    labels = [s.label for s in signals]
    qualified = [s for s in signals if alone or labels.count(s.label) >= 2]
    # a columnist asks questions too: two signs of the writer's voice outweigh two of analysis
    return min(qualified, key=lambda s: s.label == "analysis", default=None)


def _from_hints(hints: Sequence[str]) -> Iterator[_Signal]:
    found: list[tuple[int, _Signal]] = []
    for hint in hints:
        prefix, _, value = hint.partition(":")
        prefix, value = prefix.strip().casefold(), " ".join(value.split())
        if prefix not in _HINT_ORDER or not value:
            continue
        if prefix == "schema":
            kind = value.rsplit("/", 1)[-1]
            label, evidence = _SCHEMA.get(kind.casefold()), f"schema.org {kind}"
        else:
            label, evidence = _label_of_value(value), f"{prefix} '{value}'"
        if label:
            found.append((_HINT_ORDER.index(prefix), _Signal(label, _HINT, evidence)))
    for _, signal in sorted(found, key=lambda pair: pair[0]):
        yield signal


def _label_of_value(value: str) -> str | None:
    """The genre a section, category or genre value names ("Opinie & Debat" → opinion), else None."""
    folded = value.casefold().strip()
    if folded in _RUBRIC:
        return _RUBRIC[folded]
    parts = [p.strip() for p in re.split(r"\s*(?:[&/|,;>+]|\s-\s|\ben\b|\band\b|\bund\b|\bet\b)\s*", folded)]
    for part in parts:
        if part in _RUBRIC:
            return _RUBRIC[part]
    if any(part.replace(" ", "-") in _NEWS_SECTIONS for part in parts):
        return "news"
    return None


def _from_url(url: str) -> Iterator[_Signal]:
    """A genre's segment anywhere in the path (/news/opinion/ is opinion), else a news section's."""
    segments = unquote(urlsplit(url).path).split("/")
    segments[-1] = segments[-1].rsplit(".", 1)[0]  # /opinion.html
    keys = [(segment, _plain(segment).replace("_", "-")) for segment in segments if segment]
    if found := next(((s, _URL_SEGMENTS[k]) for s, k in keys if k in _URL_SEGMENTS), None):
        yield _Signal(found[1], _URL, f"URL path /{found[0]}/")
    elif news := next((s for s, k in keys if k in _NEWS_SECTIONS), None):
        yield _Signal("news", _URL, f"URL path /{news}/")


def _from_title(title: str, language: str) -> Iterator[_Signal]:
    parts = [p for p in _TITLE_PARTS.split(title.strip()) if p.strip()]
    named = len(parts) > 1 and not (language == "en" and _title_case(title))
    for part in parts:
        label, rubric = _rubric_of(part, named=named)
        if label:
            yield _Signal(label, _TITLE, f"rubric '{rubric}' in the title")
            return
    if explainer := _EXPLAINER.search(title):
        yield _Signal("analysis", _TITLE, f"explainer title ('{explainer.group(0)}')")
    elif ahead := _LOOKS_AHEAD.search(title):
        yield _Signal("preview", _TITLE, f"title looks ahead ('{ahead.group(0)}')")
    elif parts and _HOW_WHY.match(parts[0]):
        yield _Signal("analysis", _WEAK, "title asks how, why or what")
    if _asks(title):
        yield _Signal("analysis", _WEAK, "title is a question")
    if parts and (call := _CALL.get(language)) and call.match(parts[0]):
        yield _Signal("opinion", _WEAK, "title calls for action")
    speaker_free = title.split(":")[0]  # "Iraniërs: wij vermoordden hem niet" quotes its speaker
    if (we := _WE.get(language)) and (said := we.search(_unquoted(speaker_free))):
        yield _Signal("opinion", _WEAK, f"title speaks for '{said.group(0)}'")


_FIRST_STOP = re.compile(r"(?<=[^\s.!?])[.!?]+(?=\s+\S)")  # where a title's first sentence ends, when more follows


def _asks(title: str) -> bool:
    """Whether the headline, in its own voice, is a question: the title ends on one, or its first sentence does and
    a kicker or rubric follows it ("Wacht ook gij, Brutus?. Stekel", "Wat doet de senaat?. Analyse")."""
    own = _unquoted(title).rstrip("'\"’” ").removesuffix(".")  # "Wat is zwaar?." glues a kicker's stop to it
    first = _FIRST_STOP.search(own)
    return own.endswith("?") or (first is not None and "?" in first.group(0))


_CALL = {  # a title opening on an imperative: "Doe iets aan ...", "Stop ...", "Let's ..."
    language: re.compile(rf"(?:{verbs})\s+[\w'’]", re.IGNORECASE)
    for language, verbs in (
        ("nl", "doe|stop|geef|laat|maak|houd|hou|kies|neem|schaf|luister|denk|wees|red|durf"
               "|haal|zet|trek|blijf|ga|kom|gun|vergeet|waak"),
        ("en", "let's|let us|don't|do not|stop|scrap|save|give|keep|make|bring|end|ban|listen|think|remember"),
        ("de", "lasst|lass|macht|gebt|hört|stoppt|rettet|schafft"),
        ("fr", "arrêtons|cessons|faisons|sauvons|donnons|laissons|osons|rendons"),
        ("es", "dejemos|hagamos|salvemos|paremos|basta"),
        ("it", "fermiamo|salviamo|facciamo|diamo|basta"),
    )
}
_WE = {  # the writer's "we" in a title outside quotes: "Stop kapotspuiten van onze weilanden"
    language: re.compile(rf"(?<![\w'’])(?:{words})(?!\w)", re.IGNORECASE)
    for language, words in (
        ("nl", "we|wij|ons|onze"), ("en", "we|our"), ("de", "wir|unser|unsere|unseren"),
        ("fr", "nous|notre|nos"), ("es", "nosotros|nuestro|nuestra|nuestros|nuestras"), ("it", "noi|nostro|nostra"),
    )
}
_WRITER = re.compile(rf"[.?!]\s+([{_UP}][\w'’-]+(?:\s(?:{_PARTICLES}|[{_UP}][\w'’-]+)){{0,3}})\s*$")


def _writer_in_title(title: str, body: str) -> Iterator[_Signal]:
    """A weak sign of opinion: the title ends with a person's name that the text never uses ("Roofkunst. Stevo
    Akkerman"): some feeds glue the columnist to the title. A kicker there ("Eerste Kamer", "Aanslag Utrecht", a
    dateline "Den Haag") is what the text is about, so the text names it; a columnist does not name themself."""
    match = _WRITER.search(title)
    if match is None or match.group(1)[1:2].isupper():  # "DEN HAAG", "OMSTREDEN BEWIJSVOERING": a kicker in capitals
        return
    if " " not in match.group(1) and gazetteer().lookup(match.group(1)):  # "... Lelystad": a dateline
        return
    folded = body.casefold()
    words = [w for w in match.group(1).split() if w.casefold() not in _NAME_PARTICLES and len(w) > 3]
    if words and not any(w.casefold() in folded for w in words):
        yield _Signal("opinion", _WEAK, f"title ends with a writer's name ('{match.group(1)}')")


def _surname(name: str) -> str:
    """The last word of a full name: how a report refers to a person after naming them."""
    return name.split()[-1]


def _title_case(title: str) -> bool:
    """An English Title Case headline capitalises every word, so a capitalised run in it is no name."""
    words = [w for w in _WORD.findall(title) if len(w) > 3 and not w.isupper()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _rubric_of(part: str, *, named: bool) -> tuple[str | None, str]:
    """(genre, rubric as written) when `part` is a rubric, or a rubric beside a name (Column Sanne Bakker)."""
    cleaned = part.strip(" '\"‘’“”()[]*.,")
    folded = " ".join(cleaned.casefold().split())
    if folded in _RUBRIC:
        return _RUBRIC[folded], cleaned
    if not named:
        return None, ""
    words = cleaned.split()
    for size in (3, 2, 1):
        if len(words) <= size:
            continue
        for phrase, rest in ((words[:size], words[size:]), (words[-size:], words[:-size])):
            label = _RUBRIC.get(" ".join(phrase).casefold())
            if label in _NAMED and _name_like(rest):
                return label, " ".join(phrase)
    return None, ""


def _name_like(words: Sequence[str]) -> bool:
    """A person's name or a short label beside a rubric: a few words, most capitalised or name particles."""
    if not 1 <= len(words) <= 7 or any(ch.isdigit() for w in words for ch in w):
        return False
    capitalised = sum(w[0].isupper() for w in words)
    particles = sum(w.casefold() in _NAME_PARTICLES for w in words)
    return capitalised >= 1 and 2 * (capitalised + particles) >= len(words)


def _from_edges(paragraphs: Sequence[str]) -> Iterator[_Signal]:
    """A rubric opening the text (a first line "Column", a kicker "interview - ...") or standing as its last line."""
    first = paragraphs[0]
    head = first[:80]
    candidates = [first] if len(first) < 40 else []
    if _EDGE_PARTS.search(head):
        candidates += [k for k in _EDGE_PARTS.split(head, maxsplit=3)[:-1] if len(k.split()) <= 4]
    for candidate in candidates:
        label, rubric = _rubric_of(candidate, named=False)
        if label:
            yield _Signal(label, _EDGE, f"rubric '{rubric}' opening the text")
            return
    if len(paragraphs) > 1:
        label, rubric = _rubric_of(paragraphs[-1], named=False)
        if label:
            yield _Signal(label, _EDGE, f"rubric '{rubric}' closing the text")


def _from_text(paragraphs: Sequence[str], body: str, language: str) -> Iterator[_Signal]:
    yield from _from_edges(paragraphs)
    yield from _letters(paragraphs)
    yield from _format(paragraphs, body)
    tail = body[-_TAIL_CHARS:]
    if closing := _OPINION_TAILS.search(tail):
        yield _Signal("opinion", _EDGE, f"'{closing.group(0)}' closing the text")
    bio = _BIO.search(paragraphs[-1][-_TAIL_CHARS:])
    if bio and _ROLE.search(bio.group(1) or bio.group(2)) and _unquoted(bio.group(0)) == bio.group(0):
        yield _Signal("opinion", _EDGE, f"closing line about the writer ('{bio.group(0).strip()[:60]}')")
    if standfirst := _STANDFIRST.search(body[:400]):
        writers = standfirst.group(1) or standfirst.group(2)
        yield _Signal("opinion", _EDGE, f"standfirst naming the writer ('{writers}')")
    elif (said := _ATTRIBUTED.search(body[:400])) and _surname(said.group(1)) not in body[said.end():]:
        yield _Signal("opinion", _EDGE, f"standfirst naming the writer ('{said.group(1)}')")
    if reply := _REPLY.search(body):
        yield _Signal("opinion", _EDGE, f"replies to an earlier piece '{reply.group(0)}'")
    if heading := _RUBRIC_HEADING.search(body):
        yield _Signal(_RUBRIC[heading.group(0).casefold()], _EDGE, f"rubric '{heading.group(0)}' heading a part")
    if (paper := _THIS_PAPER.get(language)) and (cited := paper.search(_lead(body))):
        yield _Signal("opinion", _WEAK, f"its lead cites a piece in this paper ('{cited.group(0)}')")
    if _SIGN_OFF.search(body[-40:]):
        yield _Signal("opinion", _WEAK, "writer's sign-off")
    if _REPLY_PROMPT.search(tail):
        yield _Signal("opinion", _WEAK, "invites replies to the writer")
    outside = _unquoted(body)
    spoken = _transcript(body)  # then the words outside quotes are its speakers', not a writer's
    if not spoken:
        yield from _voice(outside, language)
    if len(_QUESTION.findall(outside)) >= 2:
        yield _Signal("analysis", _WEAK, "asks questions in its own voice")
    if _QUESTION.search(_unquoted(body[:_LEAD_CHARS])):
        yield _Signal("analysis", _WEAK, "opens on a question in its own voice")
        if len(body.split(maxsplit=_LONG_WORDS)) > _LONG_WORDS:  # a long piece alone says little: news runs long too
            yield _Signal("analysis", _WEAK, f"a long piece (over {_LONG_WORDS} words)")
    if (explains := _EXPLAINS.get(language)) and (formula := explains.search(outside)):
        yield _Signal("analysis", _WEAK, f"explains in its own voice ('{formula.group(0)}')")
    if not spoken:
        yield from _comment(outside, language)
    yield from _habit(body, outside, language)
    yield from _ahead(body, language)
    yield from _portrait(body, language)


def _comment(outside: str, language: str) -> Iterator[_Signal]:
    """The writer's comment in `outside` (the body without its quotes): an open question they weigh ("De vraag is
    ..."; analysis), and words of stance on what they tell, again and again ("helaas", "uiteraard", "of course";
    opinion): at least _STANCE_MIN of them and _STANCE_PER_1000 per 1,000 words, as a report may say one."""
    if (weighs := _OPEN_QUESTION.get(language)) and (question := weighs.search(outside)):
        yield _Signal("analysis", _WEAK, f"weighs an open question in its own voice ('{question.group(0)}')")
    if language not in _STANCE:
        return
    found = _STANCE[language].findall(outside)
    if len(found) < _STANCE_MIN or 1000 * len(found) / max(len(outside.split()), 1) < _STANCE_PER_1000:
        return
    examples = ", ".join(dict.fromkeys(f"'{w.casefold()}'" for w in found))
    yield _Signal("opinion", _WEAK, f"comments in its own voice: {len(found)} words of stance ({examples})")


def _lead(body: str) -> str:
    """The lead outside quotes: the first two sentences, where a report says what happened, to whom, and who says."""
    return _unquoted(" ".join(_SENTENCE_END.split(body[:_LEAD_CHARS], 2)[:2]))


def _habit(body: str, outside: str, language: str) -> Iterator[_Signal]:
    """Background tells how things go, not what happened: words of habit and trend ("steeds", "al jaren", "telkens")
    in the writer's own words, after a lead that cites no one (a report says who says so in its lead); long, such a
    piece is background twice over, and one such word in its lead counts twice, as the lead says what the piece is
    about ("Een scenario dat vaker voorkomt.")."""
    lead = _lead(body)
    if language not in _HABITUAL or _SOURCED[language].search(lead) or _reports_a_day(body, language):
        return  # a dated lead drops weak signs of analysis anyway (classify_genre): no need to count
    found = _HABITUAL[language].findall(outside)
    long = len(body.split(maxsplit=_BACKGROUND_WORDS)) > _BACKGROUND_WORDS
    lead_words = _HABITUAL[language].finditer(lead) if long else iter(())
    framed = next((m for m in lead_words if m.group(0).casefold() not in _ONCE_MORE), None)
    if len(found) + bool(framed) < _HABIT_MIN or 1000 * len(found) / max(len(outside.split()), 1) < _HABIT_PER_1000:
        return
    examples = ", ".join(dict.fromkeys(f"'{w.casefold()}'" for w in found))
    in_lead = f", '{framed.group(0).casefold()}' in its lead" if framed else ""
    yield _Signal("analysis", _WEAK, f"tells how things go: {len(found)} words of habit or trend ({examples}){in_lead}")
    if long:
        yield _Signal("analysis", _WEAK, f"a long piece (over {_BACKGROUND_WORDS} words) whose lead cites no one")


def _ahead(body: str, language: str) -> Iterator[_Signal]:
    """A preview's lead is about what is still to come ("moet vanavond tegen Jong PSV winnen"), or its opening
    announces an event by day, date and hour (a date with a year is a dateline), or by day and date beside a verb
    of what will come ("gaat op donderdag 6 juni langs"), and the lead reports nothing that already happened, as a
    report does ("heeft ... gewonnen")."""
    if language not in _AHEAD:
        return
    sentences = _SENTENCE_END.split(_lead(body).strip())
    where, ahead = next(((s, m) for s in sentences if (m := _AHEAD[language].search(s))), (None, None))
    ahead = ahead or _EVENT_DATE.search(_unquoted(body[:_LEAD_CHARS]))
    ahead = ahead or next(filter(None, map(_COMING_DATE[language].search, sentences)), None)
    if ahead is None:
        return
    yield _Signal("preview", _WEAK, f"lead looks ahead ('{ahead.group(0)}')")
    if where is not None and (match := _MATCH[language].search(where)):
        yield _Signal("preview", _WEAK, f"to a match ('{match.group(0)}')")
    if not any(_PAST[language].search(s) or _SOURCED[language].search(s) for s in sentences):
        yield _Signal("preview", _WEAK, "lead reports nothing that already happened")


def _portrait(body: str, language: str) -> Iterator[_Signal]:
    """An interview written as a portrait: most of a long text is the speaker's long answers in quotes (a report
    quotes a sentence or two at a time), and its opening says it is a conversation ("Een gesprek over ...")."""
    words = body.split()
    if len(words) < _PORTRAIT_WORDS:
        return
    answers = sum(n for m in _DOUBLE_QUOTED.finditer(body) if (n := len(m.group(0).split())) >= _ANSWER_WORDS)
    if answers < _PORTRAIT_SHARE * len(words):
        return
    yield _Signal("interview", _WEAK, f"long answers in quotes make {100 * answers // len(words)}% of the text")
    if (talk := _CONVERSATION.get(language)) and (said := talk.search(_unquoted(body[:_LEAD_CHARS]))):
        yield _Signal("interview", _WEAK, f"opens by calling itself a conversation ('{said.group(0)}')")


_PORTRAIT_WORDS, _PORTRAIT_SHARE = 400, 0.5
_ANSWER_WORDS = 40  # a quote this long is an answer, not a report's soundbite
_CONVERSATION = {  # an opening that names the piece a conversation: "Een gesprek in vier thema's", "sat down with"
    language: led(rf"\b(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", "gesprek|interview|vraaggesprek"),
        ("en", "interview|conversation|sat down with"),
        ("de", "gespräch|interview"),
        ("fr", "entretien|interview"),
        ("es", "entrevista|conversación"),
        ("it", "intervista|conversazione"),
    )
}


def _format(paragraphs: Sequence[str], body: str) -> Iterator[_Signal]:
    folded = body.casefold()  # cheap word checks first: most articles have no rating, line-up or recipe at all
    if _mentions(body, _STAR_KEYS) and (stars := _STARS.search(body)):
        yield _Signal("review", _FORMAT, f"star rating {stars.group(0)}")
    elif _mentions(folded, _RATING_KEYS) and (rating := _RATING.search(body)):
        yield _Signal("review", _FORMAT, f"rating '{rating.group(0)}'")
    if len(_CLOCK.findall(body)) >= 4:
        stamps = [m.group(1) for p in paragraphs for m in _TIMESTAMP.finditer(p)]
        if len(set(stamps)) >= 4:  # a live blog opens entry after entry with a time: "15.05", "14:32 uur"
            yield _Signal("live", _FORMAT, f"live-blog timestamps ({len(stamps)}, e.g. {stamps[0]})")
    if _qa_layout(paragraphs):
        yield _Signal("interview", _FORMAT, "Q&A layout")
    if _mentions(folded, _LINEUP_KEYS) and (lineups := _LINEUPS.search(body)):
        yield _Signal("preview", _FORMAT, f"'{lineups.group(0)}'")
    if event := _EVENT_LINE.search(body[-100:]):
        yield _Signal("preview", _FORMAT, f"closes with the event's date and time ('{event.group(0)}')")
    if len(body.split(maxsplit=_ASK_WORDS)) <= _ASK_WORDS and (ask := _ASK_PUBLIC.search(body)):
        yield _Signal("other", _FORMAT, f"asks readers to send in theirs ('{ask.group(0)}')")
    if _mentions(folded, _RECIPE_KEYS) and _INGREDIENTS.search(body) and len(_QUANTITY.findall(body)) >= 3:
        yield _Signal("service", _FORMAT, "recipe: ingredients with quantities")
    if "%" in body and len(changes := _PRICE_CHANGES.findall(body)) >= _PRICE_LINES and \
            len(changes) * _WORDS_PER_PRICE >= len(body.split()):
        yield _Signal("service", _FORMAT, f"market figures ({len(changes)} price changes, e.g. {changes[0]})")


_ASK_WORDS = 300  # a call for readers' stories, photos or births is short; a report or feature closing on one is not
_ASK_PUBLIC = led(  # the paper asking readers for their texts, photos or stories (schema.org's AskPublicNewsArticle)
    rf"{_AFTER_SENTENCE}(?:(?:e-?)?mail|stuur|send|share)\s(?:(?:uw|je|jouw|your|us your)\s"
    r"(?:\w+\s(?:en|and)\s)?(?:tekst|teksten|foto'?s?|verhaal|verhalen|herinneringen|bericht|photos?|pictures?"
    r"|stor(?:y|ies)|memories)\b|[^.!?]{0,40}?\b(?:naar|met) (?:de )?redactie\b"
    r"|[^.!?]{0,40}?\bto (?:the|our) newsroom\b)",
    re.IGNORECASE,
)
_PRICE_CHANGES = re.compile(r"(?<![\w.,])[+\-−]\s?\d{1,3}(?:[.,]\d{1,2})?\s?%")  # "+2,3%", "-0.6 %"
_PRICE_LINES = 3
_WORDS_PER_PRICE = 40  # a markets column has a price change every few lines; a report on one share has one or two


def _mentions(folded: str, keys: Sequence[str]) -> bool:
    """Whether any key occurs: a substring test costs far less than a regular expression over the whole text."""
    return any(key in folded for key in keys)


def _letters(paragraphs: Sequence[str]) -> Iterator[_Signal]:
    """Readers' letters end with the writer's name and town: "Jan de Vries, Utrecht", inline or on two lines."""
    last = len(paragraphs) - 1
    signed = [  # (signature, whether it ends the text)
        (f"{m.group(1)}, {m.group(2)}", n == last and m.end() >= len(p.rstrip()))
        for n, p in enumerate(paragraphs)
        for m in (_SIGNATURE_FIRST.match(p), *_SIGNATURE.finditer(p))
        if m
    ]
    signed += [
        (f"{paragraphs[n]}, {paragraphs[n + 1]}", n + 1 == last)
        for n in range(last)
        if _signature_lines(paragraphs[n], paragraphs[n + 1])
    ]
    if len(signed) >= 2:
        yield _Signal("letters", _FORMAT, f"letters: {len(signed)} signatures (name, town)")
    elif signed and signed[0][1]:
        yield _Signal("letters", _FORMAT, f"signed like a letter ('{signed[0][0]}')")
    elif bare := _BARE_SIGNATURE.search(paragraphs[-1][-120:]):
        yield _Signal("letters", _WEAK, f"signed like a letter ('{bare.group(0).strip()}')")


def _signature_lines(name: str, town: str) -> bool:
    """A name on one line and a town on the next, as letters pages print them."""
    return bool(re.fullmatch(_FULL_NAME, name) and re.fullmatch(_TOWN, town))


def _qa_layout(paragraphs: Sequence[str]) -> bool:
    """Questions each followed by an answer: as short paragraphs (or labelled V:, Q:), or answered in quotes."""
    labelled = sum(bool(_QA_LABEL.match(p)) for p in paragraphs)
    asked = sum(
        1
        for question, answer in zip(paragraphs, paragraphs[1:], strict=False)
        if question.endswith("?") and len(question) < 300 and not answer.endswith("?")
    )
    answered = sum(len(_ANSWERED.findall(p)) for p in paragraphs)
    return labelled >= 3 or (asked >= 3 and asked >= 0.2 * len(paragraphs)) or answered >= 3


def _unquoted(text: str) -> str:
    """`text` with quoted speech blanked out: what the writer says in their own voice."""
    return _SINGLE_QUOTED.sub(" ", _DOUBLE_QUOTED.sub(" ", text))


_SAID = re.compile(r":\s")  # a colon opening what someone said ("VN: We zijn bang"), not a time's (10:25)


def _transcript(body: str) -> bool:
    """A transcript or a speech's full text ("RUSH TRANSCRIPT", "JOHN KING, CNN: ..."): whose every word is a
    speaker's, so its first person, questions and comments are no sign of a writer's voice."""
    return bool(_SPEECH.search(body[:600]) or (body.count(":") >= 3 and len(_SPEAKER.findall(body, 0, 5000)) >= 3))


def _voice(outside: str, language: str) -> Iterator[_Signal]:
    """The writer's own voice: first-person words in `outside` (the body without its quotes)."""
    if language not in _PRONOUNS:
        return
    words = len(outside.split())
    if words < _VOICE_MIN_WORDS:
        return
    pattern, first_person = _PRONOUNS[language]
    found = [word.casefold() in first_person for word in pattern.findall(outside)]
    first, second = 1000 * sum(found) / words, 1000 * (len(found) - sum(found)) / words
    if first >= _VOICE_STRONG:
        yield _Signal("opinion", _WEAK, f"first-person voice ({first:.0f} per 1,000 words)", decisive=True)
    elif first + second / 2 >= _VOICE_WEAK:
        yield _Signal("opinion", _WEAK, f"first- and second-person voice ({first + second / 2:.0f} per 1,000 words)")
    first_sentence = _SENTENCE_END.split(outside.lstrip(), 1)[0]  # "Pas na de uitslag ben ik ..."
    if _OPENER[language].search(first_sentence) or _writers_we(first_sentence, language):
        yield _Signal("opinion", _WEAK, "opens in the first person")
    if _OPENER[language].search(outside.rstrip()[-_TAIL_CHARS:]):  # "Ik hoop dat de EU er snel een eind aan maakt."
        yield _Signal("opinion", _WEAK, "closes in the first person")


def _writers_we(sentence: str, language: str) -> bool:
    """Whether `sentence` speaks for the writer's "we": not a speaker's after a colon ("VN: We zijn bang"), nor one
    the sentence names ("We had a plan, BP chief tells senators")."""
    sourced = _SOURCED.get(language)
    return bool(_WE_OPENER[language].search(_SAID.split(sentence, 1)[0])) and not (sourced and sourced.search(sentence))
