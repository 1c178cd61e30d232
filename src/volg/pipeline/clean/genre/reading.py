"""How the genre's modules read a text: its lead and its tail, its sentences, what is quoted in it (the writer's
own words are the rest), and the shapes of names, months and weekdays that they look for."""

from __future__ import annotations

import re

LEAD_CHARS = 500  # the opening: a report states its news there, background often asks what it will explain
UP = "A-ZÀ-ÖØ-Þ"
PARTICLES = "van|de|der|den|ten|ter|te|von|zu|du|da|di|del|della|la|le|dos"
NAME_PARTICLES = frozenset(PARTICLES.split("|")) | {"en", "and", "und", "et", "y", "e"}
FULL_NAME = rf"[{UP}][\w'’-]+(?:\s(?:{PARTICLES}|[{UP}][\w'’.-]*)){{1,4}}"  # two words or more
AFTER_SENTENCE = r"(?:^|(?<=[.!?'’\"”)]\s))"
# Quoted speech: "..", “..”, „..“, ,,..'', «..», ``..'', ‘..’, and '..' (not the apostrophe of auto's, 's avonds,
# the players' union). A quote closes at the first closing mark of any kind: writers mix them (,,..", "..'').
DOUBLE_QUOTED = re.compile(r"(?:,,|``|[\"“„«‘])[^\n]{0,800}?(?:''|[\"”“»]|’(?![^\W\d_]))")
_SINGLE_QUOTED = re.compile(r"[`'](?<![\w'’][`'])(?![stn]\b)(?=\s?[^\W\d_])[^\n]{0,800}?(?<=[\w.,!?…)])\s?'(?!\w)")
MONTH = r"(?:jan|feb|m[aä]r|maa|mrt|apr|mei|may|mai|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zé]*"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WEEKDAY = r"(?:(?:maan|dins|woens|donder|vrij|zater|zon)dag|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
TAIL_CHARS = 300


def unquoted(text: str) -> str:
    """`text` with quoted speech blanked out: what the writer says in their own voice."""
    return _SINGLE_QUOTED.sub(" ", DOUBLE_QUOTED.sub(" ", text))


def lead_of(body: str) -> str:
    """The lead outside quotes: the first two sentences, where a report says what happened, to whom, and who says."""
    return unquoted(" ".join(SENTENCE_END.split(body[:LEAD_CHARS], 2)[:2]))
