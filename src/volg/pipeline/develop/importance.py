"""How important a development is, on a scale of roughly 0 to 10, and the reasons a reader can be shown.

The score adds up evidence, never the wall clock (the digest applies its own time window):

- coverage: 2·log2(1 + outlets) points (1 outlet → 2, 2 → 3.2, 3 → 4, 5 → 5.2, 7 → 6); an outlet that only carried
  a wire copy counts ½;
- speed: ½ per further outlet within `FAST_HOURS` of the first report, at most 1½;
- prominence: ½ per article headline, ¼ per section heading, at most 1½ (an opening passage is its article's
  subject, a roundup's section a mention);
- specificity: 1 − exp(−n / 6) for the n numbers, full names and towns the opening report states (0.15 for one,
  0.8 for ten: it saturates without a cap, so two reports rarely tie);
- novelty: 1 for a story's first report; ¼ per point of new information for an update, at most 1;
- languages: ½ when reported in two or more languages;

and, because most readers follow a few outlets and one outlet's report must still say how much it matters:

- consequence: ½ per kind of hard consequence its headline and lede name — deaths, injuries, money, seats or
  votes, verdicts and arrests, evacuations, resignations, decisions (`CONSEQUENCES`; Dutch compounds of seats
  such as "zetelverlies" too), at most 1½;
- scope: ½ when its headline and lede name a country's parliament, government, head of government or highest
  court (`NATIONAL`: "Eerste Kamer", "senaat", "parliament", "Bundestag"), shown as "national: Eerste Kamer". On
  the results day of an election, one outlet's report that a party storms the senate otherwise scored below one
  outlet's result in one municipality and one's colour piece from a party's election night, which were longer;
- dated: ½ when its headline and lede name the day it happened ("gisteren", "on Tuesday"), as a report does: a
  feature, a portrait or background without a day is no development of the day, however long;
- length: how much the outlet wrote, tanh(log2(words / 250)): about −½ for a brief of 150 words, ½ for 400,
  up to 1 (a brief says less than a full report; smooth, so reports of different lengths do not tie);
- follow-ups: ¼ per later article of the story, at most 1½ (a story that goes on was worth following).

The total is rounded to two decimals, so equal evidence gives an equal score in any process. It is not capped:
most developments score 2–10, and one that dozens of outlets cover goes above 10 (coverage grows with the log of
the outlets), so that the biggest stories still rank by their reach.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from volg.models import Development
from volg.pipeline.develop.facts import Fact
from volg.pipeline.develop.reasons import Reason

if TYPE_CHECKING:
    from volg.pipeline.develop.detect import StoryPassage

FAST_HOURS = 3.0
"""Outlets that report within this many hours of the first report count towards speed."""

CONSEQUENCES: dict[str, tuple[str, ...]] = {
    "deaths": ("dood", "doden", "dode", "omgekomen", "overleden", "om het leven", "dodental", "killed", "dead",
               "died", "death", "deaths", "tote", "getötet", "morts", "mort", "tués", "muertos", "morti", "vittime"),
    "injuries": ("gewond", "gewonden", "injured", "wounded", "injuries", "verletzt", "blessés", "heridos", "feriti"),
    "money": ("miljoen", "miljoenen", "miljard", "miljarden", "mln", "mld", "million", "billion", "bln", "millionen",
              "milliarden", "millions",
              "milliards", "millones", "milioni", "miliardi"),
    "votes": ("zetels", "zetel", "zetelwinst", "zetelverlies", "zetelaantal", "zetelverdeling", "stemmen",
              "meerderheid", "uitslag", "gekozen", "seats", "votes", "majority",
              "elected", "sitze", "sièges", "escaños", "seggi"),
    "justice": ("veroordeeld", "celstraf", "vrijgesproken", "gearresteerd", "aangehouden", "opgepakt", "verdict",
                "sentenced", "convicted", "acquitted", "arrested", "charged", "verurteilt", "festgenommen",
                "condamné", "arrêté", "condenado", "detenido", "condannato", "arrestato"),
    "evacuations": ("geëvacueerd", "evacueert", "evacuatie", "huis uit", "huizen uit", "evacuated", "evacuation",
                    "evakuiert", "évacués",
                    "evacuados", "evacuati"),
    "resignations": ("stapt op", "treedt af", "ontslag", "ontslagen", "resigns", "resigned", "quits", "sacked",
                     "rücktritt", "démission", "dimite", "dimissioni"),
    "decisions": ("besluit", "besloten", "akkoord", "stemt in", "aangenomen", "verboden", "agreed", "approved",
                  "decided", "banned", "deal", "beschlossen", "accord", "acuerdo", "accordo"),
}
"""Words (matched as whole words in headline and lede, case-insensitively) that name a consequence of each kind."""
_CONSEQUENCE = {kind: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
                for kind, words in CONSEQUENCES.items()}

NATIONAL: tuple[str, ...] = (
    "parlement", "Tweede Kamer", "Eerste Kamer", "Staten-Generaal", "senaat", "kabinet", "regering", "Hoge Raad",
    "Lagerhuis", "Hogerhuis", "Bondsdag", "minister-president",
    "parliament", "senate", "congress", "House of Commons", "House of Lords", "government", "cabinet",
    "Supreme Court", "White House", "Downing Street", "prime minister",
    "Parlament", "Bundestag", "Bundesrat", "Bundesregierung", "Regierung", "Kabinett", "Bundeskanzler", "Kanzlerin",
    "Assemblée nationale", "Sénat", "gouvernement", "Premier ministre",
    "Congreso", "Senado", "Gobierno", "Parlamento", "Senato", "governo",
)
"""Words (whole words in headline and lede, case-insensitively) for a country's parliament, government, head of
government or highest court: a development about one of them reaches a whole country, not a town."""
_NATIONAL = re.compile(r"\b(?:" + "|".join(map(re.escape, NATIONAL)) + r")\b", re.IGNORECASE)
NATIONAL_POINTS = 0.5
"""What naming one scores: as much as one kind of consequence."""

DATED_POINTS = 0.5
"""What a lede that names the day it happened scores (`genre.reports.reports_a_day`). In the hand-labelled genre
sets, 45% of English news ledes and 27% of Dutch ones name their day, 3 of 26 English analysis and features and
none of 29 Dutch analysis pieces do."""

REPORT_WORDS = 250
"""A report of this many words scores 0 for length (see the module docstring)."""

MAX_NEW_IN_REASON = 3


@dataclass(frozen=True)
class Evidence:
    """What the score is computed from: the development's passages, and what it added to its story."""

    passages: Sequence[StoryPassage]
    first: bool  # the story's first report
    new: tuple[str, ...]  # labels of the new facts
    novelty: float  # their weight (see detect.NEW_DEVELOPMENT)
    specific: tuple[Fact, ...]  # the opener's numbers, full names and towns
    lede: str = ""  # the opener's headline and first paragraph
    words: int = REPORT_WORDS  # the opener's length in words
    follow_ups: int = 0  # later articles of the story


def score(evidence: Evidence) -> tuple[float, tuple[str, ...]]:
    """The importance and its reasons, most telling first."""
    passages = sorted(evidence.passages, key=lambda p: (p.article.published_at, p.article.id, p.passage.section))
    start = passages[0].passage.published_at
    outlets: dict[str, float] = {}
    arrived: dict[str, float] = {}
    for item in passages:
        weight = 0.5 if item.copy_of is not None else 1.0
        outlets[item.article.source] = max(outlets.get(item.article.source, 0.0), weight)
        hours = (item.article.published_at - start) / timedelta(hours=1)
        arrived[item.article.source] = min(arrived.get(item.article.source, hours), hours)
    reach = math.fsum(outlets.values())
    coverage = 2.0 * math.log2(1.0 + reach)
    fast = sum(1 for hours in arrived.values() if hours <= FAST_HOURS)
    speed = min(1.5, 0.5 * (fast - 1))
    headlines = len({p.article.id for p in passages if _is_opening(p)})
    headings = sum(1 for p in passages if not _is_opening(p))
    prominence = min(1.5, 0.5 * headlines + 0.25 * headings)
    specificity = 1.0 - math.exp(-len(evidence.specific) / 6.0)
    novelty = 1.0 if evidence.first else min(1.0, 0.25 * evidence.novelty)
    languages = sorted({p.passage.language for p in passages})
    spread = 0.5 if len(languages) > 1 else 0.0
    kinds = [kind for kind, pattern in _CONSEQUENCE.items() if pattern.search(evidence.lede)]
    consequence = min(1.5, 0.5 * len(kinds))
    institution = _NATIONAL.search(evidence.lede)
    national = NATIONAL_POINTS if institution else 0.0
    from volg.pipeline.clean.genre.reports import reports_a_day  # here: the genre's patterns are slow to load, and
    # a command that only reads stored developments imports this module

    dated = DATED_POINTS if reports_a_day(evidence.lede, passages[0].passage.language) else 0.0
    length = math.tanh(math.log2(max(1, evidence.words) / REPORT_WORDS))
    follow_ups = min(1.5, 0.25 * evidence.follow_ups)
    total = (coverage + speed + prominence + specificity + novelty + spread + consequence + national + dated
             + length + follow_ups)
    importance = round(max(0.0, total), 2)

    reasons = [_coverage_reason(outlets, arrived),
               Reason("headlines", headlines) if headlines else Reason("section"),
               Reason("first_report" if evidence.first else "update", text=f"{start:%d %b %H:%M} UTC")]
    if kinds:
        reasons.append(Reason("names", parts=tuple(Reason(kind) for kind in kinds)))
    if institution:
        reasons.append(Reason("national", text=institution[0]))
    if dated:
        reasons.append(Reason("dated"))
    if evidence.follow_ups:
        reasons.append(Reason("follow_ups", evidence.follow_ups))
    if evidence.new:
        reasons.append(Reason("new", text=new_facts(evidence.new)))
    copies = len({p.article.id for p in passages if p.copy_of is not None})
    if copies:
        reasons.append(Reason("wire_copies", copies))
    if spread:
        reasons.append(Reason("languages", len(languages)))
    return importance, tuple(reason.english for reason in reasons)


def new_reason(new: Sequence[str]) -> str:
    """The reason that names what an update adds: "new: 14 doden, Chaudfontaine, Esneux (+2)"."""
    return Reason("new", text=new_facts(new)).english


def new_facts(new: Sequence[str]) -> str:
    """What an update adds, as its reason quotes it: "14 doden, Chaudfontaine, Esneux (+2)"."""
    more = len(new) - MAX_NEW_IN_REASON
    return ", ".join(new[:MAX_NEW_IN_REASON]) + (f" (+{more})" if more > 0 else "")


def _is_opening(item: StoryPassage) -> bool:
    """Whether the passage is its article's subject (its title is the article's), not one section among several."""
    return item.passage.title == item.article.title


def _coverage_reason(outlets: dict[str, float], arrived: dict[str, float]) -> Reason:
    count = len(outlets)
    if count == 1:
        return Reason("one_outlet")
    hours = max(1, math.ceil(max(arrived.values())))
    span = Reason("hours", hours) if hours < 48 else Reason("days", math.ceil(hours / 24))
    return Reason("outlets", count, parts=(span,))


def is_update_worth_sending(development: Development) -> bool:
    """Whether a digest may show the development: a first report always, an update only if it adds information."""
    return development.update_of is None or bool(development.new)


def explain(development: Development) -> str:
    """One line: the importance and its reasons."""
    return f"{development.importance:.1f}: " + "; ".join(development.reasons)
