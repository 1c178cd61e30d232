"""Stories, topics and developments: volg stories, volg topics, volg developments."""

from __future__ import annotations

import json
import textwrap
from datetime import UTC, datetime

import click
from rich.markup import escape

from volg.cli.base import WIDTH, Row, database_option, fit, main, out, service, table
from volg.counts import counted
from volg.models import Story, Topic
from volg.newsroom import CURRENT, RECENT
from volg.pipeline.cluster.topics import query_for
from volg.serialize import (
    development_json,
    discovered_json,
    story_json,
    topic_json,
)

# stories and topics


@main.command("stories")
@click.argument("story_id", type=int, required=False)
@click.option("--topic", metavar="NAME", help="Only the stories of this topic (defined or discovered).")
@click.option("--since", type=click.DateTime(), help="Only stories seen since then (UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per story.")
@database_option
def stories_command(story_id: int | None, topic: str | None, since: datetime | None, as_json: bool) -> None:
    """List stories (the same event across outlets and languages), or show one (STORY_ID) with its articles."""
    with service() as svc:
        found = [svc.story(story_id)] if story_id is not None else svc.stories(
            since=since and since.replace(tzinfo=UTC), topic=topic)
    _print_stories(found, as_json, articles=story_id is not None)


def _print_stories(found: list[Story], as_json: bool, *, articles: bool = False,
                   evidence: dict[int, str] | None = None) -> None:
    """The stories; with `evidence`, why each is in the topic shown ("in 2 headlines; 3 of 4 leads")."""
    why = evidence or {}
    for story in found:
        if as_json:
            print(json.dumps(story_json(story) | ({"evidence": why[story.id]} if story.id in why else {}),
                             ensure_ascii=False))
            continue
        span = f"{story.first_seen:%Y-%m-%d %H:%M} → {story.last_seen:%m-%d %H:%M}"
        counts = (f"{counted(len(story.articles), 'article')} · {counted(len(story.outlets), 'outlet')} · "
                  f"{' '.join(story.languages)}")
        out.print(f"#{story.id:<5} {span}  {counts}", markup=False)
        if story.id in why:
            out.print(fit(f"       ({why[story.id]})"), markup=False)
        out.print(fit(f"       {story.title}"), markup=False)
        if articles:
            rows = [Row((f"#{a.id}", f"{a.published_at:%m-%d %H:%M}", a.source, a.language), a.title)
                    for a in story.articles]
            for line in table(rows, (7, 11, 16, 2), indent="  "):
                out.print(line, markup=False)


@main.command("developments")
@click.option("--topic", metavar="NAME", help="Only this topic's developments (defined or discovered).")
@click.option("--since", type=click.DateTime(), help="Only developments first seen since then (UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per development.")
@database_option
def developments_command(topic: str | None, since: datetime | None, as_json: bool) -> None:
    """What happened, step by step: each story's first report and the later reports that added information."""
    with service() as svc:
        found = svc.developments(topic=topic, since=since and since.replace(tzinfo=UTC))
    for dev in found:
        if as_json:
            print(json.dumps(development_json(dev), ensure_ascii=False))
            continue
        marker = "update" if dev.update_of else "new"
        outlets = ", ".join(dict.fromkeys(c.outlet for c in dev.sources))
        lines = [textwrap.fill(f"{dev.first_seen:%Y-%m-%d %H:%M}  {dev.importance:4.1f}  {marker:<6}  {dev.headline}",
                               WIDTH, subsequent_indent=_UNDER)]
        lines += [textwrap.fill(text, WIDTH, initial_indent=_UNDER, subsequent_indent=_UNDER)
                  for text in (*dev.summary, f"{'; '.join(dev.reasons)} · {outlets}")]
        out.print("\n".join(lines) + "\n", markup=False)  # a blank line between developments


_UNDER = " " * 32
"""The column of a development's headline, where its summary and reasons are written under it."""


@main.group()
def topics() -> None:
    """What readers follow: defined by a query, or discovered in the stories."""


@topics.command("add")
@click.argument("name", required=False, default="")
@click.option("--query", help='Words, "phrases", names and places with OR, AND, NOT and ( ).')
@click.option("--discovered", metavar="SLUG", help="Adopt a discovered topic (see volg topics list).")
@database_option
def topics_add(name: str, query: str | None, discovered: str | None) -> None:
    """Define a topic, e.g. volg topics add "Oorlog in Oekraïne" --query "Oekraïne OR Kiev OR Zelensky"."""
    with service() as svc:
        topic = svc.add_topic(name, query, discovered=discovered)
        count = len(svc.recent_stories(topic.slug))
    out.print(f"topic {topic.slug}: {topic.name}  [{topic.query}]  {counted(count, 'story')} in the last "
              f"{RECENT.days} days of news", markup=False)


@topics.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per topic.")
@database_option
def topics_list(as_json: bool) -> None:
    """The defined topics, then the topics discovered in current news, with how many stories of current news (the
    last 4 weeks up to the newest story) each has."""
    with service() as svc:
        stories = svc.current_stories()
        defined = [(t, len(svc.in_topic(t.slug, stories))) for t in svc.topics()]
        discovered = svc.discovered_topics(stories=stories)
    if as_json:
        for topic, count in defined:
            print(json.dumps(topic_json(topic, count), ensure_ascii=False))
        for found in discovered:
            print(json.dumps(discovered_json(found), ensure_ascii=False))
        return
    out.print(f"{counted(len(stories), 'story')} in the last {CURRENT.days // 7} weeks of news; topics: "
              f"{len(defined)} defined, {len(discovered)} discovered", markup=False)
    # a row per topic: its slug (what --topic takes), how many stories it has, its name and query (or dates)
    rows = [Row((topic.slug, counted(count, "story")), f"{topic.name}  [{topic.query}]") for topic, count in defined]
    rows += [Row((found.slug, counted(len(found.story_ids), "story")),
                 f"{found.name}  (discovered, {found.first_seen:%m-%d} → {found.last_seen:%m-%d})")
             for found in discovered]
    for line in table(rows, (28, 11), right={1}, indent="  "):
        out.print(line, markup=False)


@topics.command("show")
@click.argument("name")
@click.option("--since", type=click.DateTime(),
              help=f"Stories seen since then (UTC); default: the last {CURRENT.days // 7} weeks of news.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per story.")
@database_option
def topics_show(name: str, since: datetime | None, as_json: bool) -> None:
    """A topic and its stories, with why each is in it."""
    with service() as svc:
        topic = svc.topic(name)
        found = (svc.current_stories(topic=name) if since is None
                 else svc.stories(since=since.replace(tzinfo=UTC), topic=name))
        evidence = ({i: m.evidence for i, m in svc.memberships(topic, found).items()} if isinstance(topic, Topic)
                    else {})
    if not as_json:
        query = topic.query if isinstance(topic, Topic) else query_for(topic)
        window = f"since {since:%Y-%m-%d %H:%M}" if since is not None else f"in the last {CURRENT.days // 7} weeks"
        out.print(f"[bold]{escape(topic.name)}[/bold]  {escape(f'[{query}]')}  "
                  f"{counted(len(found), 'story')} {window}")
    _print_stories(found, as_json, evidence=evidence)
