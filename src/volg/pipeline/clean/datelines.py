"""A wire report's dateline, a page's time stamp, a live blog's time, a photo credit and a kicker before a sentence;
a page's header flattened before its report (`preamble_end`).

Agencies open a report with where and when it was filed and by whom ("LIEGE, Belgium, Nov 17 (Continental Wire) -
A man ..."); archives and extracted pages write it as many ways ("OSLO | Tue May 4 , 2010 9:12 am EDT OSLO
( Wire ) - ...", "OSLO , May 4 -LRB- Wire -RRB- - ...", "Tuesday 4 May 2010 09.12 BST The harbour ..."; without
the agency, as American papers write it: "NEW ORLEANS -- ...", "GRAND ISLE, La. -- ..."), and a caption's credit
flattened into the text lands there too ("Photograph : AP\\/Jane Doe The harbour master ..."). Some papers open a
text on a kicker, a word or two and a dash ("klimaat - Het kabinet ...", "OPENBAAR - Het rapport ...", "Stikstof -
reportage - Boeren ..."). None of it is news: a headline made of the first sentence, or a summary, starts after
it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from volg.pipeline.clean.places import stop_words

_BEFORE_AGENCY = 160
"""The most characters a dateline runs before the agency's name."""
_AGENCY = re.compile(r"(?:\(\s?|-LRB-\s)[A-Z][\w .&'/-]{1,38}?(?:\s?\)|\s-RRB-)\s[-–—]{1,2}\s")
"""The agency in brackets and the dash after it: "(Continental Wire) - ", "( Reuters ) - ", "-LRB- AP -RRB- -- "."""
_BARE_DATELINE = re.compile(r"(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)+|[A-Z][A-Z.'-]{3,})"
                            r"(?:\s?,\s[A-Z][\w.]*(?: [A-Z][\w.]*)?)?\s(?:--|—)\s(?=\S)")
"""A dateline without an agency: a place in capitals, its state or country after a comma, and two hyphens or a
dash ("NEW ORLEANS -- ", "GRAND ISLE, La. -- ", "OSLO — "). A place of one word has four letters or more: a club
or party in capitals before a dash is no place ("PSV — Ajax 2-1")."""
_PREAMBLE = 800
"""The most characters a wire page's preamble runs before its dateline's agency."""
_PREAMBLE_OPENING = re.compile(r"\s*(?:\\?[*•]\s|By\s(?:the\s)?[A-Z]|NEW\s?:\s)")
"""What opens a wire page's preamble: its highlights as bullets ("* Troops enter the town"), its byline ("By the
... Wire Staff", "By Anna Berg"), a highlight marked new ("NEW : ")."""
_LOWER_WORD = re.compile(r"(?<![\w'])[a-z]+(?![\w'])")
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
_ZONE = r"\s(?:GMT|BST|UTC|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET)"
_DAY_DATE = rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s)?\d{{1,2}}\s{_MONTHS}\s\d{{4}}\s"
_STAMP = re.compile(
    rf"^(?:{_DAY_DATE}"
    rf"(?:\d{{1,2}}[.:]\d{{2}}{_ZONE}|Last updated at \d{{1,2}}[.:]\d{{2}}(?:{_ZONE})?(?:\sHelp)?)"
    rf"|Last updated at \d{{1,2}}[.:]\d{{2}}(?:{_ZONE})?(?:\sHelp)?)\s+(?=[A-Z])"
)
"""A page's time stamp opening the text: "Tuesday 4 May 2010 09.12 BST ", "4 May 2010 Last updated at 09:12 GMT "
(with or without its date; its "Help" link flattened after it, as one broadcaster's pages have it)."""
_HEADER = 320
"""The most characters a page's title and standfirst run before its time stamp."""
_STAMP_AFTER_HEADER = re.compile(rf"\s{_DAY_DATE}\d{{1,2}}[.:]\d{{2}}{_ZONE}\s+(?=[A-Z`'\"‘“])")
"""A page's time stamp after its title and standfirst: " Tuesday 4 May 2010 09.12 BST "."""
_TIME = rf"(?:[01]?\d|2[0-3])[.:h][0-5]\d(?:\s?(?:uur|u|h|hrs|[aApP]\.?[mM]\.?))?(?:{_ZONE})?"
LIVE_TIME = re.compile(
    rf"^\s*(?:[A-ZÀ-Ý][A-ZÀ-Ý .'-]*[A-ZÀ-Ý]\s?,\s)?{_TIME}(?:\s?,\s{_TIME}\slocal)?"
    r"\s*(?:[-–—:|·]\s+|\s+(?=[A-ZÀ-Ý\"'“‘]))"
)
"""A live blog's time in front of an entry: "15.05 Treinen rijden ...", "14:32 - Police say ...", "11.30 pm CDT : The
cables ...", "NORWAY, 4:17 p.m. ET, 10:17 p.m. local: ..." (a place in capitals before it, the local time after it).
Without a separator only before a capital: "1.25 million people" opens on a number, not a time."""
_NAME = r"[A-ZÀ-Ý][\w'-]+"
_SLASH = r"\\?/"  # "AP/Jane Doe", escaped in some archives: "AP\\/Jane Doe"
_AGENCIES = r"(?:[A-Z]{2,}|Reuters|Getty Images|Getty|Rex Features)"
PHOTO_CREDIT = re.compile(
    r"^(?:Photograph|Photo|Picture|Image|Credit|Foto|Bild)\s?:\s?"
    rf"(?:{_AGENCIES}{_SLASH}{_NAME}(?:\s{_NAME})?"  # "AP/Jane Doe", "Reuters/John Roe"
    rf"|(?:{_NAME}\s(?:(?:for|of|de|van|der)\s)?){{0,3}}{_NAME}(?:{_SLASH}{_NAME})+(?:\s[Ii]mages|\sFeatures|\sPress)?"
    # "Anna Berg/AP", "Jan de Vries/ANP", "Harbour Board of Oslo/Reuters", "Li Wei/AFP/Getty Images"
    rf"|{_AGENCIES})"  # "PA", "ANP"
    r"\s+(?=[A-ZÀ-Ý`'\"])"
)
"""A photo credit opening a text (or a caption glued to it: clean/boilerplate.py cuts it there): "Photograph : PA ",
"Foto: ANP ", "Photo: Jane Doe/AP ". After an agency, a
photographer's two names are the credit's ("AP/Jane Doe The harbour master"); after a photographer, only one
word is the agency's ("Jane Doe/Reuters Anna Berg signed"), unless it says Images or Features."""


def without_dateline(sentence: str) -> str:
    """A report's first sentence without its photo credit, dateline, time stamp or live blog's time: "ZWOLLE (NPB) -
    Hackers ..." → "Hackers ...", "GENEVA/KYIV, Nov 16 (Continental Wire) - ..." → "...". Before the agency stand
    only a place, a date and an hour (capitals, numbers and a lower-case word here and there: "pm", "via"), never two
    lower-case words in a row, as a sentence that names a party in brackets would have ("De minister (CDA) -
    ...")."""
    sentence = LIVE_TIME.sub("", _STAMP.sub("", PHOTO_CREDIT.sub("", sentence, count=1), count=1), count=1)
    if bare := _BARE_DATELINE.match(sentence):
        return sentence[bare.end():]
    agency = _AGENCY.search(sentence, 0, _BEFORE_AGENCY + 45)
    if agency is None or agency.start() > _BEFORE_AGENCY:
        return sentence
    before = sentence[: agency.start()]
    if re.search(r"[.!?](?:\s|$)", before) or _two_lower_in_a_row(before):
        return sentence
    return sentence[agency.end():]


def preamble_end(paragraph: str) -> int:
    """Where the report starts in a text's first paragraph that opens on a page's header, flattened into it; 0 when
    it opens on none. A wire page's preamble (`_PREAMBLE_OPENING`: highlights, a byline, an update note, a prompt
    to send pictures) ends after its dateline's agency, within `_PREAMBLE` characters ("By the Wire Staff Troops
    enter the town NEW : Curfew from 6 pm Are you there? Send us your pictures. Benghazi, Libya (Wire) -- The army
    ..." → at "The army ..."); a page's title and standfirst end after its time stamp, within `_HEADER` characters
    ("Dikes hold as the Meuse peaks Engineers say the worst is over Tuesday 4 May 2010 09.12 BST The water ..." → at
    "The water ...")."""
    if _PREAMBLE_OPENING.match(paragraph):
        agency = _AGENCY.search(paragraph, 0, _PREAMBLE + 45)
        if agency is not None and agency.start() <= _PREAMBLE:
            return agency.end()
    stamp = _STAMP_AFTER_HEADER.search(paragraph, 0, _HEADER + 40)
    return 0 if stamp is None or stamp.start() > _HEADER or len(paragraph[:stamp.start()].split()) < 3 \
        else stamp.end()


def _two_lower_in_a_row(text: str) -> bool:
    lower = (bool(_LOWER_WORD.fullmatch(word)) for word in text.split())
    return any(a and b for a, b in pairwise(lower))


_KICKER = re.compile(r"([^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){0,2}) [-–—] (?=\S)")
"""One to three words and a dash."""
_MAX_KICKERS = 3
_LEAST_CAPITALS = 5
_OPENS = re.compile(r"[\"'‘“„]?[A-ZÀ-Ý]")


def without_kicker(sentence: str, language: str) -> str:
    """A text's first sentence without the kickers before it ("klimaat - Het kabinet ..." → "Het kabinet ...",
    "Stikstof - reportage - Boeren ..." → "Boeren ..."): a label in lower case or in capitals, two labels or more,
    or any label when the sentence after it opens on a function word ("Machtsstrijd - Met zijn terugkeer ...").
    Not a name before a dash and a name ("Ajax - PSV eindigde in 3-1"), nor a clause ("Dat de polder - het
    bouwwerk - ...")."""
    labels: list[str] = []
    rest = sentence
    while len(labels) < _MAX_KICKERS and (match := _KICKER.match(rest)):
        labels.append(match.group(1))
        rest = rest[match.end():]
    if not labels or not _OPENS.match(rest) or labels[0].split()[0].casefold() in stop_words(language):
        return sentence
    opener = rest.lstrip("\"'‘“„").split(" ", 1)[0].casefold()
    if any(_rubric_like(label) for label in labels) or (len(labels) == 1 and opener in stop_words(language)):
        return rest
    return sentence


def _rubric_like(label: str) -> bool:
    """A kicker's label in lower case ("klimaat", "e-auto's") or in capitals (OPENBAAR; not a club's PSV)."""
    return label[0].islower() or (label.isupper() and len(label) >= _LEAST_CAPITALS)
