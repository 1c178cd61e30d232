"""The bundled demo stream: fictional articles from fictional outlets, written for volg (see README.md here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from importlib.resources import files

from volg.models import Digest, IngestResult, Status, Story, Subscription, Topic
from volg.pipeline.cluster.topics import DiscoveredTopic
from volg.replay import read_stream, replay
from volg.service import Service

TOPICS = (
    ("Hoogwater", "hoogwater OR Maas OR Meuse OR flood OR overstroming"),
    ("Oorlog in Oekraïne", "Oekraïne OR Ukraine OR Kiev OR Charkov OR Zelensky"),
)
"""Topics the demo defines, as a reader would."""

READER = {"topic": "hoogwater", "times": ("08:00", "13:00", "19:00"), "tz": "Europe/Amsterdam", "max_items": 3}
"""The demo subscriber: follows the first topic, three digests a day."""

READER_EMAIL = "lezer@demo.volg.example"
"""The demo subscriber's address, used when an SMTP server is configured."""


def stream_bytes() -> bytes:
    """The demo stream as JSON Lines."""
    return files(__name__).joinpath("stream.jsonl").read_bytes()


def stream_size() -> int:
    return sum(1 for line in stream_bytes().splitlines() if line.strip())


@dataclass
class DemoReport:
    """What the demo stored and found."""

    statuses: Counter[Status] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    outlets: set[str] = field(default_factory=set)
    copies: int = 0
    rejects: list[str] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    topics: list[tuple[Topic, int]] = field(default_factory=list)
    discovered: list[DiscoveredTopic] = field(default_factory=list)
    subscription: Subscription | None = None
    digests: list[Digest] = field(default_factory=list)


def run(service: Service, progress: Callable[[IngestResult], None] = lambda result: None, *,
        email: str | None = None) -> DemoReport:
    """Replay the demo stream into `service` on a simulated clock: the demo topics and reader exist from the start,
    articles arrive at their publication times, and the reader's digests are composed at their hours from what had
    arrived by then (and put in the outbox for `email`, when given)."""
    report = DemoReport()
    topics = [service.add_topic(name, query) for name, query in TOPICS]
    report.subscription = service.subscribe(**READER, email=email)  # type: ignore[arg-type]

    def arrived(result: IngestResult) -> None:
        _count(report, result)
        progress(result)

    stream = read_stream(stream_bytes(), "demo/stream.jsonl")
    report.digests = list(replay(service, stream, arrived, tail=timedelta(hours=12)))
    report.stories = service.current_stories()
    report.topics = [(topic, len(service.in_topic(topic.slug, report.stories))) for topic in topics]
    report.discovered = service.discovered_topics(stories=report.stories)
    return report


def _count(report: DemoReport, result: IngestResult) -> None:
    report.statuses[result.status] += 1
    if result.error:
        report.rejects.append(result.error)
    if result.article is not None and result.status is Status.NEW:
        report.languages[result.article.clean.language] += 1
        report.outlets.add(result.article.clean.source)
        report.copies += result.article.copy_of is not None
