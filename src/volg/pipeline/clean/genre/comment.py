"""The writer's comment in their own words: questions they ask, what they announce they will explain and an open
question they weigh (weak signs of analysis); words of stance on what they tell (a weak sign of opinion)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from volg.pipeline.clean.genre.reading import LEAD_CHARS, unquoted
from volg.pipeline.clean.genre.signals import WEAK, Signal
from volg.pipeline.clean.patterns import led


def from_questions(body: str, outside: str, language: str) -> Iterator[Signal]:
    """Questions the writer asks in `outside` (the body without its quotes), a question opening the text (and, beside
    it, a long piece), and the writer announcing what they will explain ("Dat zit zo."): weak signs of analysis."""
    if len(_QUESTION.findall(outside)) >= 2:
        yield Signal("analysis", WEAK, "asks questions in its own voice")
    if _QUESTION.search(unquoted(body[:LEAD_CHARS])):
        yield Signal("analysis", WEAK, "opens on a question in its own voice")
        if len(body.split(maxsplit=_LONG_WORDS)) > _LONG_WORDS:  # a long piece alone says little: news runs long too
            yield Signal("analysis", WEAK, f"a long piece (over {_LONG_WORDS} words)")
    if (explains := _EXPLAINS.get(language)) and (formula := explains.search(outside)):
        yield Signal("analysis", WEAK, f"explains in its own voice ('{formula.group(0)}')")


_LONG_WORDS = 600  # a report rarely runs longer; background and features often do (weak, beside a question)
_QUESTION = re.compile(r"\?(?!\s*(?:,,|``|[\"“„«']))")  # a question mark not opening a quoted answer
_EXPLAINS = {  # the writer announcing what they will explain: "Dat zit zo.", "Wie is deze krijgsheer?", "Wie is hij?"
    language: led(rf"\b(?:{words})", re.IGNORECASE)
    for language, words in (
        ("nl", r"(?:dat|het) zit zo\b|hoe zit (?:dat|het)\b[^.?!]{0,60}\?|wie (?:is|was) (?:hij|zij|ze)\s?\?"
               r"|wie (?:zijn|waren) (?:zij|ze)\s?\?|wie (?:is|zijn|was|waren) (?:deze|die|dit)\b"
               r"[^.?!]{0,60}\?|wat betekent (?:dat|dit)\b[^.?!]{0,60}\?|hoe werkt (?:dat|het)\b[^.?!]{0,60}\?"),
        ("en", r"here(?:'s| is) (?:why|how|what)\b|who (?:is|was) (?:he|she)\s?\?|who (?:are|were) they\s?\?"
               r"|who (?:is|are|was|were) (?:this|these|that)\b[^.?!]{0,60}\?"
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


def from_comment(outside: str, language: str) -> Iterator[Signal]:
    """The writer's comment in `outside` (the body without its quotes): an open question they weigh ("De vraag is
    ..."; analysis), and words of stance on what they tell, again and again ("helaas", "uiteraard", "of course";
    opinion): at least _STANCE_MIN of them and _STANCE_PER_1000 per 1,000 words, as a report may say one."""
    if (weighs := _OPEN_QUESTION.get(language)) and (question := weighs.search(outside)):
        yield Signal("analysis", WEAK, f"weighs an open question in its own voice ('{question.group(0)}')")
    if language not in _STANCE:
        return
    found = _STANCE[language].findall(outside)
    if len(found) < _STANCE_MIN or 1000 * len(found) / max(len(outside.split()), 1) < _STANCE_PER_1000:
        return
    examples = ", ".join(dict.fromkeys(f"'{w.casefold()}'" for w in found))
    yield Signal("opinion", WEAK, f"comments in its own voice: {len(found)} words of stance ({examples})")


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
