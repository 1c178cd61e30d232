"""`classify_genre`: every sign of a genre, from the markup, the address, the title and the text, weighed. The
strongest sign decides; weak signs decide only together, or one alone in a long text that cites no one; in doubt,
an article is news."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from volg.models import Section
from volg.pipeline.clean.genre.comment import from_comment, from_questions
from volg.pipeline.clean.genre.edges import from_edges, from_framing
from volg.pipeline.clean.genre.features import from_habit, from_portrait, from_private_portrait
from volg.pipeline.clean.genre.formats import from_format
from volg.pipeline.clean.genre.letters import from_signatures
from volg.pipeline.clean.genre.markup import from_hints, from_url
from volg.pipeline.clean.genre.press import from_press_review
from volg.pipeline.clean.genre.previews import from_ahead
from volg.pipeline.clean.genre.reading import unquoted
from volg.pipeline.clean.genre.reports import cites_no_one, reports_a_day
from volg.pipeline.clean.genre.signals import FORMAT, WEAK, Genre, Signal
from volg.pipeline.clean.genre.title import from_title, writer_in_title
from volg.pipeline.clean.genre.voice import from_voice, transcript

MIN_WORDS = 12
"""A body shorter than this is a caption, a quote or a cartoon's title: not news."""
_HEAD_CHARS, _END_CHARS = 6000, 1000  # what of a long text is read: its start and its end


MOSTLY_COMMENTS = 0.5
"""The share of a page's words in readers' comments from which it is a page of their reactions (letters)."""


def classify_genre(
    title: str, sections: Sequence[Section], language: str, url: str, hints: Sequence[str] = (), *,
    comments: float = 0.0,
) -> Genre:
    """The genre of one article; pure and fast (no model), so it can run on every article cleaned. `comments`: the
    share of the page's words that readers' comments held before they were removed with the boilerplate."""
    body = "\n".join(p for s in sections for p in ((s.heading,) if s.heading else ()) + s.paragraphs)
    if len(body) > _HEAD_CHARS + _END_CHARS:  # the genre shows in the first thousand words and the last lines
        body = f"{body[:_HEAD_CHARS].rsplit(' ', 1)[0]}\n{body[-_END_CHARS:].split(' ', 1)[-1]}"
    signals = [*from_hints(hints), *from_url(url), *from_title(title, language), *writer_in_title(title, body)]
    if comments >= MOSTLY_COMMENTS:
        signals.append(Signal("letters", FORMAT, f"mostly readers' comments ({comments:.0%} of its words)"))
    if len(body.split(maxsplit=MIN_WORDS)) < MIN_WORDS:
        signals.append(Signal("other", FORMAT, "hardly any text"))
    else:
        signals.extend(_from_text(body.split("\n"), body, language))
        signals.extend(from_private_portrait(title, body, language))
    if reports_a_day(body, language):
        # a lead that says on which day it happened reports; its questions and length are a feature's, not analysis,
        # and it need not cite anyone (a council's decision, a match's result)
        signals = [s for s in signals if not (s.label == "analysis" and s.strength == WEAK)]
        return _decide(signals)
    return _decide(signals, cites_no_one(body, language))


def _from_text(paragraphs: Sequence[str], body: str, language: str) -> Iterator[Signal]:
    yield from from_edges(paragraphs)
    yield from from_signatures(paragraphs)
    yield from from_format(paragraphs, body)
    yield from from_press_review(body, language)
    yield from from_framing(paragraphs, body, language)
    outside = unquoted(body)
    spoken = transcript(body)  # then the words outside quotes are its speakers', not a writer's
    if not spoken:
        yield from from_voice(outside, language)
    yield from from_questions(body, outside, language)
    if not spoken:
        yield from from_comment(outside, language)
    yield from from_habit(body, outside, language)
    yield from from_ahead(body, language)
    yield from from_portrait(body, language)


def _decide(signals: list[Signal], unsourced: str | None = None) -> Genre:
    """The strongest sign decides; weak signs decide only together, or one alone in a text that cites no one."""
    news = [s.evidence for s in signals if s.label == "news"]
    others = sorted((s for s in signals if s.label != "news"), key=lambda s: s.strength)
    best = others[0] if others else None
    if best and best.strength == WEAK:
        best = None if news else _weak_verdict(others, alone=unsourced is not None)
    if best is None:
        return Genre("news", tuple(news[:2]) or ("no sign of another genre",))
    label = best.label
    if label == "opinion" and any(
        s.label == "letters" and (s.strength < WEAK or best.strength == WEAK) for s in others
    ):
        label = "letters"  # a reader's letter is opinion too, and its signature says whose
    evidence = [best.evidence] + [s.evidence for s in others if s.label in (label, best.label)]
    if unsourced and best.strength == WEAK:
        evidence.insert(1, unsourced)
    return Genre(label, tuple(dict.fromkeys(evidence))[:3])


def _weak_verdict(signals: list[Signal], *, alone: bool = False) -> Signal | None:
    """Weak signs decide only together (two of one genre), or alone when decisive (a strong first-person voice) or
    when `alone` (the text cites no one)."""
    for signal in signals:
        if signal.decisive:
            return signal
    labels = [s.label for s in signals]
    qualified = [s for s in signals if alone or labels.count(s.label) >= 2]
    # a columnist asks questions too: two signs of the writer's voice outweigh two of analysis
    return min(qualified, key=lambda s: s.label == "analysis", default=None)
