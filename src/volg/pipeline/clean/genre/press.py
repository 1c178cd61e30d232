"""A press review: what the papers' commentaries say of a matter ("De commentaren in de Nederlandse kranten loven
...", "Commentators react to ..."), told mostly in their own quoted words, naming paper after paper. It reports no
event of its own: the papers' opinions are its matter, so it counts as opinion, as a review of quoted commentaries
does in the hand-labelled set. A report may name the papers in its lead too ("Norwegian newspapers said on Saturday
..."), but for what they report, not for how they judge; and one that opens on the papers' judgement ("De kranten
zijn kritisch, maar de gemeenteraad ...") goes on to quote others than the papers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from volg.pipeline.clean.genre.reading import LEAD_CHARS, SENTENCE_END, lead_of, unquoted
from volg.pipeline.clean.genre.signals import FORMAT, Signal
from volg.pipeline.clean.patterns import led

_PRESS_WORDS = {  # (the papers, commentaries and their writers, verbs of judgement or discussion, verbs of saying)
    "nl": (
        r"kranten|dagbladen|pers|media",
        r"krantencommentaren|commentaren|commentatoren|columnisten|opiniemakers|hoofdredacties|commentaarschrijvers",
        r"prijzen|prijst|loven|looft|zet(?:ten)? (?:\w+ ){0,2}?vraagtekens|hekelen|hekelt|kraken|kraakt|bekritiseren"
        r"|bekritiseert|juichen|juicht|twijfelen|twijfelt|vragen zich af|vraagt zich af|buigen zich over"
        r"|buigt zich over|reageren|reageert|oordelen|oordeelt|(?:zijn|is) (?:\w+ )?(?:kritisch|lovend|verdeeld"
        r"|somber|eensgezind|sceptisch|positief|negatief|mild|hard|vol lof|unaniem|scherp)",
        r"schrijven|schrijft|stellen|stelt|menen|meent|vinden|vindt|noemen|noemt|zeggen|zegt|betogen|betoogt"
        r"|waarschuwen|waarschuwt|concluderen|concludeert",
    ),
    "en": (
        r"(?:news)?papers|press|media|dailies",
        r"commentators|columnists|pundits|leader writers|editorial writers|editorials|commentaries",
        r"welcome[sd]?|react(?:s|ed)?|discuss(?:es|ed)?|reflect(?:s|ed)?|praise[sd]?|hail(?:s|ed)?|criticise[sd]?"
        r"|criticize[sd]?|condemn(?:s|ed)?|question(?:s|ed)?|debate[sd]?|ponder(?:s|ed)?|weigh(?:s|ed)? in"
        r"|(?:is|are|was|were) (?:\w+ )?(?:divided|split|sceptical|skeptical|critical|supportive|united|scathing"
        r"|unanimous)",
        r"say|says|said|write|writes|wrote|argue[sd]?|warn(?:s|ed)?|urge[sd]?|note[sd]?|suggest(?:s|ed)?"
        r"|insist(?:s|ed)?|conclude[sd]?",
    ),
}
_PRESS = {  # the papers or commentators judging a matter ("De kranten zijn kritisch"); commentators or commentaries
    # saying something too ("Commentators say ...", "Editorials in the Chinese press said ..."): papers that say or
    # write something report it as often ("Norwegian newspapers said on Saturday ..."), commentaries never
    language: led(
        rf"\b(?:de |het )?(?:\w+e )?(?:{papers}|{commentary}) (?:[\w'’-]+ ){{0,3}}?(?:{judge})\b"
        rf"|\b(?:{commentary}) (?:[\w'’,-]+ ){{0,5}}?(?:{say})\b",
        re.IGNORECASE,
    )
    for language, (papers, commentary, judge, say) in _PRESS_WORDS.items()
}
_PAPERS = {  # the papers and their commentaries, named as a press review names each one it quotes
    "nl": led(
        r"\b(?:\w+-)?(?:commentaar|commentaren|krant|kranten|dagblad|dagbladen|columnist|columniste|columnisten"
        r"|opiniepagina|opiniepagina's|hoofdredactioneel|hoofdredactionele|redactioneel|redactionele)\b",
        re.IGNORECASE,
    ),
    "en": led(
        r"\b(?:editorials?|commentary|commentaries|columns?|columnists?|newspapers?|papers?|daily|dailies|op-eds?)\b",
        re.IGNORECASE,
    ),
}
_QUOTED_SHARE = 0.25  # a press review is made of the papers' words: a quarter of the text at least
_PAPERS_MIN = 2  # how often the text names papers or commentaries after its lead


def from_press_review(body: str, language: str) -> Iterator[Signal]:
    """Opinion when the lead tells how the papers or commentators judge or discuss a matter, a quarter of the text
    or more is quoted (their own words), and the text names papers or their commentaries again after its lead."""
    if (press := _PRESS.get(language)) is None or (said := press.search(lead_of(body))) is None:
        return
    quoted = 1 - len(unquoted(body).split()) / max(len(body.split()), 1)
    if quoted < _QUOTED_SHARE:
        return
    ends = [m.end() for m in SENTENCE_END.finditer(body, 0, LEAD_CHARS)]
    after_lead = body[ends[1] if len(ends) > 1 else LEAD_CHARS :]
    named = len(_PAPERS[language].findall(after_lead))
    if named >= _PAPERS_MIN:
        yield Signal("opinion", FORMAT, f"a press review: '{said.group(0)}' in its lead, {quoted:.0%} of it quoted, "
                                        f"papers or commentaries named {named} times")
