"""The bundled demo stream: fictional articles from fictional outlets, written for volg (see README.md here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files

from volg.models import IngestResult, Status, Story, Topic
from volg.pipeline.cluster.topics import DiscoveredTopic
from volg.service import Service

TOPICS = (
    ("Oorlog in Oekraïne", "Oekraïne OR Ukraine OR Kiev OR Charkov OR Zelensky"),
    ("Hoogwater", "hoogwater OR Maas OR Meuse OR flood OR overstroming"),
)
"""Topics the demo defines, as a reader would."""


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


def run(service: Service, progress: Callable[[IngestResult], None] = lambda result: None) -> DemoReport:
    """Ingest the demo stream into `service`, define the demo topics, and report."""
    report = DemoReport()
    for result in service.ingest_bytes(stream_bytes(), "demo/stream.jsonl"):
        report.statuses[result.status] += 1
        if result.error:
            report.rejects.append(result.error)
        if result.article is not None and result.status is Status.NEW:
            report.languages[result.article.clean.language] += 1
            report.outlets.add(result.article.clean.source)
            report.copies += result.article.copy_of is not None
        progress(result)
    for name, query in TOPICS:
        topic = service.add_topic(name, query)
        report.topics.append((topic, len(service.stories(topic=topic.slug))))
    report.stories = service.stories()
    report.discovered = service.discovered_topics()
    return report
