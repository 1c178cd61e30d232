"""What a report does in its lead: name the day something happened, tell what already happened, say who says
so; and what a long text that quotes and cites no one shows: that it is no report."""

from __future__ import annotations

import re

from volg.pipeline.clean.genre.reading import DOUBLE_QUOTED, SENTENCE_END, lead_of
from volg.pipeline.clean.patterns import led

DATED = led(  # a day named as when something happened: "gisteren", "zaterdagnacht", "on Monday", "heute"
    r"\b(?:(?:eer)?gister(?:en|ochtend|morgen|middag|avond|nacht)|vandaag|van(?:ochtend|morgen|middag|avond|nacht)"
    r"|(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:ochtend|morgen|middag|avond|nacht)?"
    r"|yesterday|today|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|gestern|heute"
    r"|(?:mon|diens|mitt|donners|frei|sams|sonn)(?:tag|woch|abend)|hier soir|aujourd'hui|ayer|hoy|ieri|oggi)\b",
    re.IGNORECASE,
)
_TODAY = re.compile(r"vandaag|vanavond|today|tonight|heute|aujourd'hui|hoy|oggi", re.IGNORECASE)  # of DATED
_UNSOURCED_WORDS = 300  # a brief may state a fact bare; a report longer than this quotes or cites someone
SOURCED = {  # a lead that says who says so: a report's attribution
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
PAST = {  # a lead reporting what already happened: a past tense, a perfect, a day gone by
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


def reports_a_day(body: str, language: str) -> bool:
    """Whether the lead names the day something happened ("gisteren", "dinsdag"). A today ("vandaag", "tonight")
    in a sentence that tells nothing past is still ahead ("Trump en Kim ontmoeten elkaar vandaag in Hanoi", as a
    morning paper's background to the day's summit opens): it dates no report."""
    for sentence in SENTENCE_END.split(lead_of(body)):
        for day in DATED.finditer(sentence):
            if not _TODAY.fullmatch(day.group(0)) or language not in PAST or PAST[language].search(sentence):
                return True
    return False


def cites_no_one(body: str, language: str) -> str | None:
    """Evidence when a long text quotes no one and says of nothing who says so: a report of that length always
    does, so the text is the writer's own account (an argument, an explainer), and one weak sign says which."""
    if language not in SOURCED or len(words := body.split(maxsplit=_UNSOURCED_WORDS)) <= _UNSOURCED_WORDS:
        return None
    if DOUBLE_QUOTED.search(body) or SOURCED[language].search(body):
        return None
    return f"quotes and cites no one in over {_UNSOURCED_WORDS} words ({len(words) - 1}+)"
