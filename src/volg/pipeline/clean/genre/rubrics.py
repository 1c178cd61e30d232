"""Rubric words by genre ("Column", "Brief van de dag", "Interview", "Analyse", ...) in six languages, and the
sections that say news: what a hint, a URL's path, a title or the text's edges name when they name a genre."""

from __future__ import annotations

import re
from collections.abc import Sequence

from volg.pipeline.clean.genre.reading import NAME_PARTICLES, UP
from volg.pipeline.clean.patterns import led
from volg.pipeline.clean.places import stop_words

# Rubric words and phrases (case-folded) by genre, in nl, en, de, fr, es and it. A press review ("Persschouw",
# "Presseschau") quotes the papers' commentaries: opinion.
_RUBRICS: dict[str, tuple[str, ...]] = {
    "opinion": (
        "opinie", "opinies", "column", "columns", "commentaar", "hoofdcommentaar", "redactioneel",
        "hoofdredactioneel", "ander commentaar", "gastcolumn", "gastbijdrage", "opiniestuk", "essay", "persschouw",
        "opinion", "comment", "commentary", "editorial", "op-ed", "viewpoint", "our view", "guest column",
        "press review", "what the papers say", "breakingviews",
        "meinung", "kommentar", "leitartikel", "kolumne", "gastbeitrag", "gastkommentar", "glosse", "standpunkt",
        "presseschau", "pressestimmen",
        "éditorial", "édito", "edito", "tribune", "chronique", "point de vue", "billet", "revue de presse",
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
        "uitgelegd", "tijdlijn", "analysis", "news analysis", "explainer", "explained", "background", "profile",
        "feature", "insight", "factbox", "timeline", "einordnung",
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
RUBRIC = {phrase: genre for genre, phrases in _RUBRICS.items() for phrase in phrases}
NAMED = frozenset({"opinion", "letters", "review", "analysis", "interview", "preview"})
"""Genres whose rubric may stand beside a name (Column Sanne Bakker, Interview Piet de Boer). Live, service and other
words are too often ordinary words at a title's start (Live Nation, Weer een ongeluk)."""
NEWS_SECTIONS = frozenset(
    "nieuws binnenland buitenland politiek economie financieel sport regio regionaal wetenschap reportage "
    "personalia kort-nieuws news world politics business uk-news us-news local breaking-news nachrichten politik "
    "wirtschaft inland ausland actualité actualités monde politique économie noticias nacional internacional "
    "política economía notizie cronaca politica esteri economia".split()
)
"""Sections (hint values, URL segments) that say news, as far as a section can."""
_HEADINGS = "|".join(re.escape(p.upper()) for p in sorted(RUBRIC, key=len, reverse=True) if RUBRIC[p] in NAMED)
RUBRIC_HEADING = led(  # a rubric in capitals heading part of a page: "... vooruitzicht.' ANDER COMMENTAAR INF"
    rf"(?<=[.!?'’\"”]\s)(?:{_HEADINGS})(?=\s[{UP}])"
)


def rubric_of(part: str, *, named: bool) -> tuple[str | None, str]:
    """(genre, rubric as written) when `part` is a rubric, or a rubric beside a name (Column Sanne Bakker)."""
    cleaned = part.strip(" '\"‘’“”()[]*.,")
    folded = " ".join(cleaned.casefold().split())
    if folded in RUBRIC:
        return RUBRIC[folded], cleaned
    if not named:
        return None, ""
    words = cleaned.split()
    for size in (3, 2, 1):
        if len(words) <= size:
            continue
        for phrase, rest, byline in ((words[:size], words[size:], False), (words[-size:], words[:-size], True)):
            rubric = " ".join(phrase).casefold()
            label = RUBRIC.get(rubric)
            if label in NAMED and (_name_like(rest) or rubric in _UNMISTAKABLE and _lower_label(rest, byline=byline)):
                return label, " ".join(phrase)
    return None, ""


_UNMISTAKABLE = frozenset(
    "column columns gastcolumn commentaar hoofdcommentaar analyse nieuwsanalyse interview vraaggesprek recensie "
    "voorbeschouwing op-ed editorial kolumne kommentar leitartikel rezension éditorial columna editoriale".split()
)
"""Rubrics no headline uses as an ordinary word among words in lower case. Some feeds print the kicker and the
byline glued to a title in lower case ("... sanne bakker Column", "... analyse stikstof boeren"): beside one of
these, such a label is still a name or a topic."""


_LABEL_WORD = re.compile(r"\D+|(?=.*[^\W\d_])[\w'’-]+")
"""A word of a name or label: no digit, or letters beside the digits ("CO2-heffing", "G20"), never a number."""


def _name_like(words: Sequence[str]) -> bool:
    """A person's name or a short label beside a rubric: a few words, most capitalised or name particles."""
    if not 1 <= len(words) <= 7 or any(not _LABEL_WORD.fullmatch(w) for w in words):
        return False
    capitalised = sum(w[0].isupper() for w in words)
    particles = sum(w.casefold() in NAME_PARTICLES for w in words)
    return capitalised >= 1 and 2 * (capitalised + particles) >= len(words)


def _lower_label(words: Sequence[str], *, byline: bool) -> bool:
    """A byline or a kicker in lower case beside an unmistakable rubric: a writer's name of two to four words before
    it ("sheila de vries column"; one word there is a sentence's: "geen commentaar"), or a topic of one to three
    words after it ("analyse brexit"); letters only, and no word but a name particle that a sentence is made of
    ("interview met ...", "analyse is ...")."""
    low, high = (2, 4) if byline else (1, 3)
    if not low <= len(words) <= high:
        return False
    stop = stop_words("*") - NAME_PARTICLES
    return all(w.islower() and _LETTERS.fullmatch(w) and w not in stop for w in words)


_LETTERS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
