"""Signs at the text's edges: a rubric opening or closing it, and how an op-ed frames itself (a standfirst
naming its writer, a closing line about them, a reply to an earlier piece, a rubric heading a part of the page, a
sign-off)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from volg.pipeline.clean.genre.reading import (
    AFTER_SENTENCE,
    FULL_NAME,
    MONTH,
    TAIL_CHARS,
    UP,
    WEEKDAY,
    lead_of,
    unquoted,
)
from volg.pipeline.clean.genre.rubrics import RUBRIC, RUBRIC_HEADING, rubric_of
from volg.pipeline.clean.genre.signals import EDGE, WEAK, Signal
from volg.pipeline.clean.patterns import led

_EDGE_PARTS = re.compile(r"\s*[|:•]\s*|\s+[-–—]\s+")


def from_edges(paragraphs: Sequence[str]) -> Iterator[Signal]:
    """A rubric opening the text (a first line "Column", a kicker "interview - ...") or standing as its last line."""
    first = paragraphs[0]
    head = first[:80]
    candidates = [first] if len(first) < 40 else []
    if _EDGE_PARTS.search(head):
        candidates += [k for k in _EDGE_PARTS.split(head, maxsplit=3)[:-1] if len(k.split()) <= 4]
    for candidate in candidates:
        label, rubric = rubric_of(candidate, named=False)
        if label:
            yield Signal(label, EDGE, f"rubric '{rubric}' opening the text")
            return
    if len(paragraphs) > 1:
        label, rubric = rubric_of(paragraphs[-1], named=False)
        if label:
            yield Signal(label, EDGE, f"rubric '{rubric}' closing the text")


def from_framing(paragraphs: Sequence[str], body: str, language: str) -> Iterator[Signal]:
    """How an op-ed frames itself: a closing line that calls it one or its writer a columnist, a closing line about
    its writer, a standfirst naming them, a reply to an earlier piece, a rubric heading a part of the page (all
    strong); a lead citing this paper, a writer's sign-off, an invitation to reply (weak)."""
    tail = body[-TAIL_CHARS:]
    if closing := _OPINION_TAILS.search(tail):
        yield Signal("opinion", EDGE, f"'{closing.group(0)}' closing the text")
    bio = _BIO.search(paragraphs[-1][-TAIL_CHARS:])
    if bio and _ROLE.search(bio.group(1) or bio.group(2)) and unquoted(bio.group(0)) == bio.group(0):
        yield Signal("opinion", EDGE, f"closing line about the writer ('{bio.group(0).strip()[:60]}')")
    if standfirst := _STANDFIRST.search(body[:400]):
        writers = standfirst.group(1) or standfirst.group(2)
        yield Signal("opinion", EDGE, f"standfirst naming the writer ('{writers}')")
    elif (said := _ATTRIBUTED.search(body[:400])) and _surname(said.group(1)) not in body[said.end():]:
        yield Signal("opinion", EDGE, f"standfirst naming the writer ('{said.group(1)}')")
    if reply := _REPLY.search(body):
        yield Signal("opinion", EDGE, f"replies to an earlier piece '{reply.group(0)}'")
    if heading := RUBRIC_HEADING.search(body):
        yield Signal(RUBRIC[heading.group(0).casefold()], EDGE, f"rubric '{heading.group(0)}' heading a part")
    if (paper := _THIS_PAPER.get(language)) and (cited := paper.search(lead_of(body))):
        yield Signal("opinion", WEAK, f"its lead cites a piece in this paper ('{cited.group(0)}')")
    if _SIGN_OFF.search(body[-40:]):
        yield Signal("opinion", WEAK, "writer's sign-off")
    if _REPLY_PROMPT.search(tail):
        yield Signal("opinion", WEAK, "invites replies to the writer")


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
_BIO = re.compile(  # an op-ed's closing line about its writer(s): "Anna de Wit is hoogleraar bestuurskunde."
    rf"{AFTER_SENTENCE}{FULL_NAME}(?:\s(?:en|and|und|et|y|e)\s{FULL_NAME})?"
    r"\s(?:is|zijn|was|ist|sind|est|sont|es|son|è|sono)\s([^.!?]{3,160})[.!?]?$"
    rf"|(?<=[.!?'’\"”]\s)[{UP}]{{2,}}(?:\s[{UP}]{{2,}}){{1,3}}\s([^.!?]{{3,160}})$",
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
    rf"|estime|plaide|sostiene|opina)\s({FULL_NAME})(?:,?\s(?:van|namens|of|von|de|du|di)\s[^.!?,]{{3,80}})?\.(?:\s|$)"
    r"|(?:^|[.!?]\s)[^.!?]{10,250},\s(?:vinden|stellen|betogen|menen|bepleiten|argue|contend|meinen|finden"
    rf"|estiment|plaident|sostengono|opinan)\s({FULL_NAME}\s(?:en|and|und|et|e|y)\s{FULL_NAME})\.(?:\s|$)",
)
_ATTRIBUTED = re.compile(  # "..., aldus Anna de Wit." opening the text; news names its source again, a writer not
    r"(?:^|[.!?]\s|\s[-–—]\s)[^.!?]{20,250},\s(?:aldus|according to|so|selon|según|secondo)"
    rf"\s({FULL_NAME})\.(?:\s|$)",
)
_REPLY = re.compile(  # an earlier piece cited by rubric and date: "(Opinie, 3 mei)", "(Brieven 4-5)"
    rf"\((?:[{UP}][\w&'’]*(?: [\w&'’]+){{0,3}}),? (?:\d{{1,2}}[-/](?:1[0-2]|0?[1-9])|\d{{1,2}} {MONTH}|{WEEKDAY})\)",
)
_THIS_PAPER = {  # a lead that cites a piece this paper ran, as a reply to it does: "in de krant van vrijdag"
    "nl": led(
        rf"\b(?:in (?:de|deze) krant van (?:{WEEKDAY}|gisteren|\d{{1,2}} {MONTH})|in deze krant"
        r"|op deze (?:plek|plaats))\b",
        re.IGNORECASE,
    ),
    "en": led(r"\b(?:on these pages|in these pages|in this (?:news)?paper)\b", re.IGNORECASE),
}
_SIGN_OFF = re.compile(r"(?:^|\s)[a-z]{1,3}\.[a-z]{3,}\s*$")  # a writer's handle as sign-off: "j.devries"
_REPLY_PROMPT = led(r"\b(?:reageren|reageer|reacties?|respond|reply)\s*[?:]\s*\S{1,30}$", re.IGNORECASE)


def _surname(name: str) -> str:
    """The last word of a full name: how a report refers to a person after naming them."""
    return name.split()[-1]
