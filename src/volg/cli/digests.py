"""Following a topic: volg subscribe, volg digest."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from volg.cli.base import database_option, err, fail, main, out, service
from volg.models import Subscription
from volg.pipeline.compose import render_html, render_json, render_text
from volg.pipeline.compose.schedule import EXTRA_GENRES
from volg.pipeline.deliver import shown_target
from volg.pipeline.ingest.guard import Unresolved
from volg.serialize import subscription_json

# subscriptions and digests


@main.command()
@click.option("--topic", required=True, metavar="NAME", help="The topic to follow (defined or discovered).")
@click.option("--at", "times", default="08:00,13:00,19:00", show_default=True, metavar="HH:MM,...",
              help="Local times of the digests.")
@click.option("--tz", default="Europe/Amsterdam", show_default=True, help="IANA time zone of those times.")
@click.option("--max", "max_items", default=5, show_default=True, type=int, help="Most items in one digest.")
@click.option("--email", help="Address to send the digests to (needs the smtp_url setting).")
@click.option("--push", multiple=True, metavar="APPRISE_URL",
              help="Push service to notify, as an Apprise URL (ntfy://topic, tgram://token/chat, ...); repeatable.")
@click.option("--webhook", "webhooks", multiple=True, metavar="URL",
              help="URL that gets each digest as signed JSON (POST); repeatable.")
@click.option("--quiet", metavar="HH:MM-HH:MM", help="Local hours in which nothing is sent, e.g. 22:00-07:00.")
@click.option("--breaking", type=float, metavar="IMPORTANCE",
              help="Send a development above this importance at once, outside the schedule (a few a day).")
@click.option("--lang", "language", metavar="nl|en|de|fr|es|it",
              help="Language of the digests: their words, dates, and which sources head each item "
                   "(default: the language setting, nl).")
@click.option("--genres", default="", metavar="GENRE,...",
              help=f"Besides news, also these genres: {', '.join(EXTRA_GENRES)} (default: news only).")
@database_option
def subscribe(topic: str, times: str, tz: str, max_items: int, email: str | None, push: tuple[str, ...],
              webhooks: tuple[str, ...], quiet: str | None, breaking: float | None, language: str | None,
              genres: str) -> None:
    """Follow a topic: a digest of its most important new developments at your hours.

    Digests go by email, push (Apprise) and webhooks, and to the subscription's private Atom feed. Prints the
    feed's URL and the link to manage the subscription; webhooks are signed with the secret printed once here."""
    quiet_hours = None
    if quiet:
        start, _, end = quiet.partition("-")
        quiet_hours = (start.strip(), end.strip())
    unresolved: list[Unresolved] = []
    with service() as svc:
        sub = svc.subscribe(topic, times=[t.strip() for t in times.split(",") if t.strip()], tz=tz,
                            max_items=max_items, email=email, push=push, webhooks=webhooks, quiet=quiet_hours,
                            breaking=breaking, language=language,
                            genres=[g.strip() for g in genres.split(",") if g.strip()], warn=unresolved.append)
        links, smtp_url = svc.links(sub), svc.settings.smtp_url
    also = f", news and {', '.join(sub.genres)}" if sub.genres else ""
    out.print(f"subscription #{sub.id}: {sub.topic} at {', '.join(sub.times)} {sub.tz}, at most {sub.max_items} "
              f"items in {sub.language}{also}" + (f", to {sub.email}" if sub.email else ""), markup=False)
    out.print(f"  feed:   {links.feed}\n  manage: {links.manage}", markup=False)
    if sub.email and not smtp_url:
        err.print("warning: no SMTP server is set, so the email digests wait: set VOLG_SMTP_URL "
                  "(e.g. smtp://mail.example.org:587)", markup=False)
    if sub.webhooks:
        out.print(f"  webhook secret (verify X-Volg-Signature with it): {sub.secret}", markup=False)
    for each in unresolved:
        err.print(f"warning: {each}", markup=False)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per subscription (secrets left out).")
@database_option
def subscriptions(as_json: bool) -> None:
    """List the subscriptions: topic, hours, channels, whether stopped or waiting for confirmation, and the links
    that manage them."""
    with service() as svc:
        found = [(sub, svc.links(sub)) for sub in svc.subscriptions()]
    for sub, links in found:
        if as_json:
            print(json.dumps(subscription_json(sub, shown_target) | {"feed": links.feed, "manage": links.manage},
                             ensure_ascii=False))
            continue
        channels = ([sub.email] if sub.email else []) + [shown_target("push", u) for u in sub.push] + [
            shown_target("webhook", u) for u in sub.webhooks]
        state = "" if sub.confirmed else "  (waiting for its reader to confirm)"
        state += "" if sub.active else "  (stopped)"
        out.print(f"#{sub.id:<4} {sub.topic:<24} {','.join(sub.times)} {sub.tz}, max {sub.max_items}{state}",
                  markup=False)
        out.print(f"      to: {', '.join(channels) or 'feed only'}\n      feed: {links.feed}\n"
                  f"      manage: {links.manage}", markup=False)
    if not found and not as_json:
        err.print("no subscriptions (volg subscribe --topic ... adds one)", markup=False)


@main.command()
@click.option("--topic", metavar="NAME", help="Preview for a new reader of this topic (default hours).")
@click.option("--subscription", "subscription_id", type=int, metavar="ID", help="Preview for this subscription.")
@click.option("--at", type=click.DateTime(), help="The moment of the digest (UTC; default: now).")
@click.option("--json", "style", flag_value="json", help="As JSON.")
@click.option("--html", "style", flag_value="html", help="As email HTML.")
@click.option("--text", "style", flag_value="text", default=True, help="As plain text (default).")
@database_option
def digest(topic: str | None, subscription_id: int | None, at: datetime | None, style: str) -> None:
    """Preview a digest: what a reader would get at that moment. Records nothing."""
    if (topic is None) == (subscription_id is None):
        fail("give one of --topic or --subscription")
    with service() as svc:
        if subscription_id is not None:
            sub = svc.subscription(subscription_id)
        else:
            assert topic is not None
            sub = Subscription(svc.topic(topic).slug, language=svc.settings.language)
        moment = at.replace(tzinfo=UTC) if at else svc.clock()
        found = svc.digest(sub, moment)
        name = svc.topic(sub.topic).name
    if found is None:
        err.print(f"nothing new for {name} at {moment:%Y-%m-%d %H:%M} UTC", markup=False)
        return
    if style == "json":
        print(json.dumps(render_json(found), ensure_ascii=False))
    elif style == "html":
        print(render_html(found, topic_name=name, tz=sub.tz))
    else:
        print(render_text(found, topic_name=name, tz=sub.tz))
