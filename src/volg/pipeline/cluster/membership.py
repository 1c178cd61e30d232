"""Which stories a defined topic holds: those the topic is central to, not those that mention it once.

A story's news passages (each article's opening, each sub-headed section of a roundup) are read as a reader skims
them: a passage's headline (its article's title, or its section's heading) and its lead (headline and lede). A
story is in the topic when the query matches

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
from collections.abc import Sequence
from dataclasses import dataclass

from volg.models import Development, Story
from volg.pipeline.cluster.query import Query, TopicDocument, text_document

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
