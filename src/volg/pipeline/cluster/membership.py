"""Which stories a defined topic holds: those the topic is central to, not those that mention it once.

A story's news passages (each article's opening, each sub-headed section of a roundup) are read as a reader skims
them: a passage's headline (its article's title, or its section's heading) and its lead (headline and lede, of which
only the parts that say what the passage is about: `telling`). A story is in the topic when the query matches

- the headlines of at least `HEADLINE_SHARE` of its passages (at least one), or
- the leads of at least `LEAD_SHARE` of its passages.

So a roundup section or a letters page that mentions the river once, further down, does not pull a port strike into
"Hoogwater"; a roundup contributes only the sections it was split into that match. A story that is in the topic by
a few leads only (an election debate that opens on the attack of the day before) is not about the topic as a whole:
of its developments only those told from a matching passage, or whose own headline or summary tells of the topic,
go to the topic's readers (`Membership.holds`). Passages that are not news
(opinion, letters, reviews, ...) neither count for nor against a story, unless it has no news passage at all. Each
membership carries its evidence ("in 2 headlines; 3 of 4 leads"), which `volg topics show` and the digest show.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from volg.models import Development, PassageReading, Story
from volg.pipeline.clean.places import stop_words
from volg.pipeline.cluster.query import Query, TopicDocument, text_document
from volg.pipeline.develop.verbs import may_be_verb

HEADLINE_SHARE = 0.2
"""Share of a story's passages whose headline must match the query: one headline in a story of thirty reports is a
stray report, not what the story is about."""
LEAD_SHARE = 1 / 3
"""Share of a story's passages whose lead must match the query when not enough headlines do (a third)."""


@dataclass(frozen=True)
class PassageText:
    """One passage of a story as topic matching reads it."""

    headline: TopicDocument
    lead: TopicDocument
    news: bool
    article_id: int = 0


@dataclass(frozen=True)
class Membership:
    """A story in a topic, and why."""

    story: Story
    headlines: int  # passages whose headline matches
    leads: int  # passages whose headline or lead matches
    passages: int  # the passages counted
    query: Query
    telling: frozenset[int] = frozenset()  # the articles whose counted passages match in headline or lead

    @property
    def about(self) -> bool:
        """Whether enough headlines, or most leads, match for every step of the story to belong to the topic."""
        return self.headlines >= _least(HEADLINE_SHARE, self.passages) or 2 * self.leads > self.passages

    def holds(self, development: Development) -> bool:
        """Whether the development goes to the topic's readers: any step of a story about the topic; of a story in
        it by a few leads, a step told from a matching passage or whose own headline or summary matches."""
        return (self.about or any(source.article_id in self.telling for source in development.sources)
                or tells(self.query, development))

    @property
    def evidence(self) -> str:
        parts = []
        if self.headlines:
            parts.append(f"in {self.headlines} headline{'s' if self.headlines > 1 else ''}")
        parts.append(f"{self.leads} of {self.passages} lead{'s' if self.passages > 1 else ''}")
        return "; ".join(parts)


def passage_text(story_id: int, article_id: int, reading: PassageReading) -> PassageText:
    """What a topic query is matched against of a passage: its headline, and its lead (the headline and the parts of
    its lede that tell what it is about, `telling`), each with the names and places of its article they hold."""
    languages, headline = (reading.language,), reading.headline
    lead = [headline, *telling(reading.lede, reading.language)]
    return PassageText(
        text_document(story_id, languages, [headline], [n for n in reading.lede_names if n in headline],
                      [p for p in reading.lede_places if p.name in headline]),
        text_document(story_id, languages, lead, [n for n in reading.lede_names if any(n in t for t in lead)],
                      [p for p in reading.lede_places if any(p.name in t for t in lead)]),
        news=reading.news, article_id=article_id)


def membership(query: Query, story: Story, passages: Sequence[PassageText]) -> Membership | None:
    """The story's membership of the topic `query` defines, or None when the topic is not central to it."""
    counted = [p for p in passages if p.news] or list(passages)
    if not counted:
        return None
    headlines = sum(1 for p in counted if query.matches(p.headline))
    telling = [p for p in counted if query.matches(p.lead)]
    if headlines >= _least(HEADLINE_SHARE, len(counted)) or len(telling) >= _least(LEAD_SHARE, len(counted)):
        return Membership(story, headlines, len(telling), len(counted), query,
                          frozenset(p.article_id for p in telling))
    return None


def _least(share: float, count: int) -> int:
    """The smallest number of passages that is `share` of `count`, and at least one."""
    return max(1, math.ceil(share * count - 1e-9))


def tells(query: Query, development: Development) -> bool:
    """Whether the development's own headline or summary, in any of its languages, matches the topic's query."""
    tellings = [(development.language, development.headline, development.summary)] + [
        (r.language, r.headline, r.summary) for r in development.renditions]
    return any(
        query.matches(text_document(development.story_id, (language,), [headline, *summary], (), development.places))
        for language, headline, summary in tellings
    )


@lru_cache(maxsize=16384)
def telling(lede: str, language: str) -> tuple[str, ...]:
    """The parts of a passage's lede that say what the passage is about, as topic matching reads them: its
    sentences without the passing parts a reader reads over, each part a text of its own (a phrase does not match
    across a gap). Passing are

    - a description set off by commas after a name ("Petra de Wilde, senator voor de VVD in de Eerste Kamer, ...",
      "Jan Bakker, spits van PSV.", "Camp Hollow Ridge, a base for troops bound for Iraq, ..."): it says who or
      what someone or something is, not what happened (`_describes`);
    - a comparison or a concession a comma sets off ("..., zoals de SP in de Staten had bepleit, ...", "...,
      although Iraq had asked for it."), and a clause of time or cause that commas set off inside its sentence
      ("Ministers, after protests in Egypt had raised prices, agreed ..."): the circumstances of what the sentence
      tells. Such a clause at the end of the sentence often says why it is news ("..., nadat het hoogwater twee
      doden eiste.", "..., as fears grew that the spill would reach the shore."), and one that opens it sets its
      scene ("Na de aanslag in Utrecht wilden partijen ..."): both stay; so does a relative clause;
    - a sentence after the first that opens on a pronoun standing for what the sentence before told ("Dat gebeurt
      op verzoek van de gemeenteraad.", "It was first tried after the Haiti earthquake."): a circumstance of that.

    Only Dutch and English are read so; a lede in another language is taken whole. Remembered: a story's passages
    are read again each time it changes."""
    from volg.pipeline.clean.sentences import split_sentences  # here: a process that reads no ledes splits none

    if language not in _ASIDES:
        return (lede,) if lede.strip() else ()
    parts: list[str] = []
    for index, sentence in enumerate(split_sentences(lede, language)):
        if index and _points_back(sentence, language):
            continue
        at = 0
        for start, end in _passing(sentence, language):
            parts.append(sentence[at:start])
            at = end
        parts.append(sentence[at:])
    return tuple(part for part in (p.strip(" ,") for p in parts) if _WORDS.search(part))


_SUBORDINATORS = {
    "nl": "nadat waardoor waarna terwijl omdat doordat voordat zodat tenzij",
    "en": "as after while because before unless",
}
"""Words that open a clause of time or cause: passing where commas set it off inside its sentence ("Partijen wilden,
nadat de Eerste Kamer had gestemd, verder"), not at its end, where it often says why the sentence is news ("...,
nadat het hoogwater twee doden eiste.")."""
_ASIDES = {
    "nl": "zoals hoewel alhoewel ofschoon",
    "en": "although though whereas",
}
"""Words that open a comparison or a concession: passing wherever a comma sets it off (`telling`). Not a relative
pronoun: a relative clause often says how a thing belongs to the topic ("de knuffels, die na de aanslag bij de
halte waren neergelegd")."""
_INSERTED = {language: frozenset(f"{words} {_ASIDES[language]}".split()) for language, words in _SUBORDINATORS.items()}
_ASIDE = {language: frozenset(words.split()) for language, words in _ASIDES.items()}
_ARTICLES = frozenset("de het een the a an".split())
"""Words that open a description of someone named just before ("De Wilde, de senator ...", "Hollow Ridge, a base
...")."""
_DETERMINERS = _ARTICLES | frozenset("zijn haar hun his her its their".split())
_MOST_PASSING = 15
"""A passing description or clause has at most this many words: a longer one is more likely the sentence's own
clause after a name or a heading glued to the lede ("For fishermen in the Gulf of Mexico, the offer of jobs ...")."""
_MOST_TRAILING = 6
"""A description that no comma closes, at the end of its sentence, has at most this many words ("..., spits van
PSV.")."""
_NOT_DESCRIBING = frozenset("zich zichzelf zei zegt said says told added".split())
_POINTING = {"nl": frozenset("het dat dit".split()), "en": frozenset("it this that".split())}
"""Pronouns that, opening a sentence on its verb, stand for what a sentence before told ("Dat gebeurt ...")."""
_EN_VERBS = frozenset("is was were are has had have will would could can may might means meant came comes".split())
_COPULAS = frozenset("is was zijn waren are were".split())
_COORDINATORS = frozenset("en maar of want and but or yet".split())
_COMMA = re.compile(r"\s*,\s+")
_WORDS = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def _passing(sentence: str, language: str) -> list[tuple[int, int]]:
    """Where the sentence's passing descriptions and clauses are (`telling`): from a comma to the next or to the end."""
    commas = list(_COMMA.finditer(sentence))
    found: list[tuple[int, int]] = []
    for k, comma in enumerate(commas):
        closed = k + 1 < len(commas)
        end = commas[k + 1].start() if closed else len(sentence.rstrip(".!?;: "))
        # inside its sentence when the clause it interrupts goes on after it, not when another clause follows
        following = _WORDS.search(sentence, end) if closed else None
        inserted = following is not None and following.group().casefold() not in _COORDINATORS
        words = _WORDS.findall(sentence[comma.end():end])
        if not words or len(words) > _MOST_PASSING:
            continue
        closes = bool(found) and found[-1][1] == comma.start()  # the comma that ends a description opens none
        before = _WORDS.findall(sentence[:comma.start()])
        if words[0] in (_INSERTED if inserted else _ASIDE)[language] or (
                not closes and len(before) > 1 and before[-1][:1].isupper()
                and sentence[comma.start() - 1:comma.start()].isalnum() and _describes(words[0], language)
                and (closed or len(words) <= _MOST_TRAILING)):
            found.append((comma.start(), end))
    return found


def _describes(word: str, language: str) -> bool:
    """Whether a word after a name and a comma opens a description of who that is: an article ("de fractievoorzitter
    van ...", "the head of ..."), or in Dutch a noun ("spits van PSV"), not a verb ("zei hij"), a pronoun or another
    name. An English word without an article is as often a participle or the next item of a list ("hit hard by the
    flood", "Dead pigs in China, evil farms in Mexico and ...")."""
    if word in _ARTICLES:
        return True
    if language != "nl" or not word.islower() or word in stop_words(language) or word in _NOT_DESCRIBING:
        return False
    return not may_be_verb(word)


def _points_back(sentence: str, language: str) -> bool:
    """Whether the sentence opens on a pronoun for what a sentence before told, followed by its verb ("Dat gebeurt",
    "Het overkwam", "It was used", "This means"): not an article or a demonstrative before a noun ("Het kabinet",
    "That vote"), nor a pronoun that a copula and a noun say what it was ("Het is de tweede dode ...")."""
    words = _WORDS.findall(sentence)[:3]
    if len(words) < 2 or words[0].casefold() not in _POINTING[language]:
        return False
    verb = words[1].casefold()
    if verb in _COPULAS and len(words) > 2 and words[2].casefold() in _DETERMINERS:
        return False  # "Het is de tweede dode door het hoogwater.": it says what that was
    if language == "nl":
        return may_be_verb(verb)
    return words[0].casefold() == "it" or verb in _EN_VERBS or verb.endswith("ed")
