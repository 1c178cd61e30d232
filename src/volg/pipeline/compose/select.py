"""Which developments go into one subscription's digest at one scheduled time, and which may break in at once.

Rules (pure and deterministic: the same inputs give the same items in the same order):

- candidates are the developments first seen in the window (since, until], whose opening passage the reader has not
  received (a story merged into another gives its developments new keys), and those first seen up to `REGROWN`
  before it that grew in it (another outlet reported them): a development that was small when it came in just before
  the previous digest, and not sent, is not lost;
- of a story the reader already had, only a development that adds information (`is_update_worth_sending`), and
  it is marked as an update; a new fact that the reader's topic itself names (`about`: "Thierry Baudet" for a
  reader of Baudet, "Maas" for one of the Maas) tells that reader nothing and is not listed (the update still goes
  out: what the facts miss, "GroenLinks neemt formatie over", may be its news); nor is one that the item's headline
  and summary do not state: the names a colour piece mentions in passing ("Femke Halsema · Pim Fortuyn") decide
  whether it is news, but listed under a headline that is not about them they read as noise;
- every development is at most one item, and no event twice (`repeats.py`): an item about the event of one higher
  up in this digest is left out, and so is a further news step of a story reported higher up that states no new
  fact (one that does goes out as an update; an opinion piece a reader asked for is no step); one about what the
  reader got from another story in an earlier digest goes out only as an update that states something new, and is
  left out otherwise;
- the `max_items` most important are chosen, so a digest never leaves out a development that beats one it sends;
  they are ordered by importance, then first seen, then key; one under `LEAD_SHARE` of the first item's importance
  is left out: a digest tells the few most important developments, and beside one that big it is noise (a deal
  post, a markets roundup or a colour piece of one outlet beside an event a dozen outlets reported);
- nothing qualifies → an empty tuple, and the caller sends no digest.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from volg.models import NEWS_GENRES, Development, DigestItem, Subscription, opening
from volg.pipeline.clean.dedupe import normalised_words
from volg.pipeline.compose.repeats import Sent, in_digest, retold, sent_of
from volg.pipeline.compose.schedule import is_quiet
from volg.pipeline.develop import is_update_worth_sending, new_reason

FIRST_WINDOW = timedelta(hours=24)
"""How far back a subscription's first digest looks."""

REGROWN = timedelta(hours=48)
"""How long before a digest's window a development may have come in and still join it, when it grew in the window."""

MAX_NEW = 3
"""How many new things an update about an event another story told lists."""

LEAD_SHARE = 1 / 3
"""The least share of a digest's first item's importance another item must have."""

BREAKING_WINDOW = timedelta(hours=1)
"""How recent a development must be to break in outside the schedule."""

About = Callable[[str, str], bool]
"""Whether a fact as written, in a language, is one of the things the reader's topic is about (`Query.names`)."""


def _nothing(fact: str, language: str) -> bool:
    return False


def digest_since(previous: datetime | None, until: datetime) -> datetime:
    """The start of a digest's window: the previous digest's scheduled time, or 24 hours before `until`."""
    return until - FIRST_WINDOW if previous is None else previous


def select(
    sub: Subscription,
    developments: Sequence[Development],
    *,
    since: datetime,
    until: datetime,
    delivered: Collection[str],
    delivered_stories: Collection[int],
    sent: Sequence[Sent] = (),
    about: About = _nothing,
) -> tuple[DigestItem, ...]:
    """The digest items for `sub` at `until`: new to the reader, most important first; `sent` are the items the
    reader got lately; `about` tells the facts the reader's topic names."""
    window = [dev for dev in developments if since < dev.first_seen <= until or _grew(dev, since, until)]
    ranked = [_told(item, sub.language) for item in _ranked(_candidates(window, delivered, delivered_stories))]
    return tuple(_news(ranked, sent, sub.max_items, about))


def _news(ranked: Sequence[DigestItem], sent: Sequence[Sent], limit: int, about: About) -> list[DigestItem]:
    """Up to `limit` of the items, in order (most important first): none about the event of one chosen before it;
    one about an event sent before only as an update with what it adds, and not at all when it adds nothing (the
    topic's own words add nothing: `about`); none under `LEAD_SHARE` of the first one's importance. The new facts an
    item lists leave out the topic's own words and what its headline and summary do not state; whether a story's
    step is news beside another step is decided on all of them (a section headed by one leader's call to the other
    country's army names both leaders first, for a reader of both)."""
    chosen: list[DigestItem] = []
    here: list[Sent] = []
    reports: list[Sent] = []  # of `here`, the news
    floor = 0.0
    for item in ranked:
        if len(chosen) == limit or item.development.importance < floor:
            break
        mine = sent_of(item.development)
        if in_digest(mine, here):
            continue
        if item.development.genre in NEWS_GENRES and any(mine.story_id == other.story_id for other in reports):
            if not item.development.new:  # a story's step that states nothing new beside one higher up
                continue
            item = replace(item, is_update=True)
        added = retold(mine, sent, about)
        if added is None:
            item = replace(item, development=_beyond_topic(item.development, about))
        elif not added:
            continue
        else:
            dev = item.development
            item = DigestItem(replace(dev, new=added[:MAX_NEW], reasons=_with_new(dev.reasons, added[:MAX_NEW])),
                              is_update=True)
        chosen.append(_stated(item))
        floor = floor or LEAD_SHARE * item.development.importance
        here.append(mine)
        if item.development.genre in NEWS_GENRES:
            reports.append(mine)
    return chosen


def _grew(dev: Development, since: datetime, until: datetime) -> bool:
    """Whether a development that came in (at most `REGROWN`) before the window had a new source in it."""
    return since - REGROWN < dev.first_seen <= since and any(since < s.published_at <= until for s in dev.sources)


def breaking(
    sub: Subscription,
    developments: Sequence[Development],
    *,
    now: datetime,
    delivered: Collection[str],
    sent_breaking_today: int,
    max_per_day: int = 3,
    delivered_stories: Collection[int] = frozenset(),
    sent: Sequence[Sent] = (),
    about: About = _nothing,
) -> tuple[DigestItem, ...]:
    """Developments to send at once: above `sub.breaking`, first seen in the last hour, not yet delivered, one per
    story.

    Nothing when the subscription has no breaking threshold, during its quiet hours, or once `sent_breaking_today`
    (counted by the caller over the reader's local day) reaches `max_per_day`.
    """
    room = max_per_day - sent_breaking_today
    if sub.breaking is None or room <= 0 or is_quiet(sub, now):
        return ()
    threshold = sub.breaking
    recent = [
        dev for dev in developments
        if now - BREAKING_WINDOW < dev.first_seen <= now and dev.importance > threshold
    ]
    per_story: dict[int, DigestItem] = {}
    for item in _ranked(_candidates(recent, delivered, delivered_stories)):  # one push per story: its most important
        per_story.setdefault(item.development.story_id, item)
    ranked = [_told(item, sub.language) for item in _ranked(per_story.values())]
    return tuple(_news(ranked, sent, min(room, sub.max_items), about))


def _candidates(
    developments: Iterable[Development], delivered: Collection[str], delivered_stories: Collection[int]
) -> list[DigestItem]:
    """Every development once: never one the reader got (by its opening passage: its story may have been merged into
    another since, which changed its key); of a story the reader had, only updates that add something."""
    got = {opening(key) for key in delivered}
    items: dict[str, DigestItem] = {}
    for dev in developments:
        had_story = dev.story_id in delivered_stories
        if opening(dev.key) in got or (had_story and not is_update_worth_sending(dev)):
            continue
        items.setdefault(dev.key, DigestItem(dev, is_update=had_story))
    return list(items.values())


def _told(item: DigestItem, language: str) -> DigestItem:
    """The item headed and summarised from a source in the reader's language, when it has one, and its new facts
    as that source writes them."""
    told = item.development.told_in(language)
    if told.new != item.development.new:
        told = replace(told, reasons=_with_new(told.reasons, told.new))
    return replace(item, development=told)


def _beyond_topic(dev: Development, about: About) -> Development:
    """The development without the new facts the reader's topic names."""
    new = tuple(fact for fact in dev.new if not about(fact, dev.language))
    return dev if new == dev.new else replace(dev, new=new, reasons=_with_new(dev.reasons, new))


def _stated(item: DigestItem) -> DigestItem:
    """The item listing only the new facts its headline or summary states (as a run of words, case and accents
    aside): what the reader can see it say."""
    dev = item.development
    shown = f" {' '.join(normalised_words(' '.join((dev.headline, *dev.summary))))} "
    new = tuple(fact for fact in dev.new if f" {' '.join(normalised_words(fact))} " in shown)
    if new == dev.new:
        return item
    return replace(item, development=replace(dev, new=new, reasons=_with_new(dev.reasons, new)))


def _with_new(reasons: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """The reasons with the one that names what is new saying `new`, in its place (added last when there was none;
    left out when `new` is empty)."""
    said = (new_reason(new),) if new else ()
    at = next((i for i, r in enumerate(reasons) if r.startswith("new: ")), None)
    return (*reasons, *said) if at is None else (*reasons[:at], *said, *reasons[at + 1 :])


def _ranked(items: Iterable[DigestItem]) -> list[DigestItem]:
    return sorted(items, key=lambda i: (-i.development.importance, i.development.first_seen, i.development.key))
