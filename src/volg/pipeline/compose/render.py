"""A digest rendered as plain text, email-safe HTML, JSON and an Atom entry, in the subscription's language: Dutch,
English, German, French, Spanish or Italian.

Its words come from volg's gettext catalogues (`volg.i18n`: `digest_*`, the reasons' `reason_*`, and the pages'
`sources`, `update`, `importance`, `genre_*` and `in_*`); month and day names, and the importance's decimal comma,
from CLDR through babel, in the patterns the catalogues give (`digest_date`, `digest_day_time`, `digest_time`). The
reasons a development keeps in English (`volg.pipeline.develop.reasons`) are said in the reader's language, the time
of the first report in their zone.

Times are shown in the subscriber's time zone (`tz`, UTC when not given). Every text from the articles is
escaped in HTML and XML and stripped of control characters; a link is kept only when it is http(s).
"""

from __future__ import annotations

import functools
import re
import textwrap
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from volg import i18n
from volg.models import Citation, Development, Digest
from volg.pipeline.compose.schedule import zone
from volg.pipeline.develop.reasons import parse as parse_reason
from volg.serialize import development_json
from volg.storage.records import time_out

if TYPE_CHECKING:
    from babel.dates import DateTimePattern

WIDTH = 78
"""Where the text rendering wraps."""

MAX_SOURCES = 5
"""How many sources an item lists before "and N more"."""

DEFAULT = "nl"
"""The language of a digest whose own volg does not write (a stored digest of a language since removed)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_ATOM = "http://www.w3.org/2005/Atom"


def words(lang: str) -> Mapping[str, str]:
    """The words a digest in `lang` is written in (English's for a language volg does not write)."""
    return i18n.words(lang if lang in i18n.LANGUAGES else i18n.SOURCE)


def label(lang: str, text: str) -> str:
    """`text` as a label before what it names: "Bronnen:", "Sources :" (French puts a no-break space before it)."""
    return i18n.fill(words(lang)["digest_colon"], label=text)


def render_text(digest: Digest, *, topic_name: str, manage_url: str | None = None, tz: str | None = None) -> str:
    """The digest as plain text for a terminal or a text/plain email part, wrapped at about 78 columns."""
    lang, zone_name = _lang(digest), tz or "UTC"
    labels = words(lang)
    lines = [clean_text(topic_name), _long_date(digest.scheduled_at, zone_name, lang),
             _count_line(digest, lang, zone_name)]
    for number, item in enumerate(digest.items, 1):
        dev = item.development
        lines.append("")
        prefix = f"{number}. "
        indent = " " * len(prefix)
        headline = (label(lang, labels["update"]) + " " if item.is_update else "") + _headline(dev, lang)
        lines.append(_wrap(headline, prefix, indent))
        for sentence in dev.summary:
            lines.append(_wrap(clean_text(sentence), indent, indent))
        lines.append(indent + label(lang, labels["sources"]))
        shown = _sources(dev, digest.scheduled_at)
        for source in shown[:MAX_SOURCES]:
            url = _safe_url(source.url)
            when = _short_time(source.published_at, digest.scheduled_at, zone_name, lang)
            entry = f"{clean_text(source.outlet)}, {when}"
            lines.append(_wrap(f"{label(lang, entry)} {url}" if url else entry, indent + "- ", indent + "  "))
        if len(shown) > MAX_SOURCES:
            lines.append(f"{indent}- {i18n.counted('digest_more', len(shown) - MAX_SOURCES, lang)}")
        lines.append(_wrap(f"{label(lang, labels['digest_why'])} {why_text(dev, lang, zone_name)}", indent,
                           indent + "  "))
    url = _safe_url(manage_url)
    if url:
        lines += ["", "--", f"{label(lang, labels['digest_manage'])} {url}"]
    return "\n".join(lines) + "\n"


def render_html(digest: Digest, *, topic_name: str, manage_url: str | None = None, tz: str | None = None) -> str:
    """A complete, small HTML document for email: inline styles only, no scripts or external assets."""
    lang = _lang(digest)
    title = f"{clean_text(topic_name)} — {_long_date(digest.scheduled_at, tz or 'UTC', lang)}"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
        '</head>\n<body style="margin:0;padding:0;background:#f4f4f4;">\n'
        f"{html_body(digest, topic_name=topic_name, manage_url=manage_url, tz=tz)}</body>\n</html>\n"
    )


def html_body(digest: Digest, *, topic_name: str, manage_url: str | None = None, tz: str | None = None) -> str:
    """The digest as an HTML fragment with inline styles: the body of the email and of the Atom entry."""
    lang, zone_name = _lang(digest), tz or "UTC"
    labels = words(lang)
    font = "font-family:Arial,Helvetica,sans-serif;"
    parts = [
        f'<div style="max-width:640px;margin:0 auto;padding:16px;background:#ffffff;color:#1a1a1a;{font}'
        'font-size:15px;line-height:1.45;">\n',
        f'<h1 style="margin:0 0 4px 0;font-size:22px;">{_e(topic_name)}</h1>\n',
        f'<p style="margin:0 0 16px 0;color:#555555;font-size:13px;">'
        f"{escape(_long_date(digest.scheduled_at, zone_name, lang))} · {escape(_count_line(digest, lang, zone_name))}"
        "</p>\n",
    ]
    for item in digest.items:
        dev = item.development
        badge = (
            f'<span style="display:inline-block;padding:1px 6px;margin-right:6px;background:#fff1c2;color:#6b4e00;'
            f'font-size:12px;border-radius:3px;">{escape(labels["update"])}</span>'
            if item.is_update else ""
        )
        link = next((url for url in (_safe_url(s.url) for s in dev.sources) if url), None)
        headline = escape(_headline(dev, lang))
        if link:
            headline = f'<a href="{escape(link)}" style="color:#1a1a1a;text-decoration:none;">{headline}</a>'
        parts.append('<div style="border-top:1px solid #dddddd;padding:12px 0;">\n')
        parts.append(f'<h2 style="margin:0 0 6px 0;font-size:17px;">{badge}{headline}</h2>\n')
        for sentence in dev.summary:
            parts.append(f'<p style="margin:0 0 6px 0;">{_e(sentence)}</p>\n')
        sources, shown = [], _sources(dev, digest.scheduled_at)
        for source in shown[:MAX_SOURCES]:
            name, url = _e(source.outlet), _safe_url(source.url)
            if url:
                name = f'<a href="{escape(url)}" style="color:#1a5fb4;">{name}</a>'
            when = _short_time(source.published_at, digest.scheduled_at, zone_name, lang)
            sources.append(f"{name} ({escape(when)})")
        if len(shown) > MAX_SOURCES:
            sources.append(escape(i18n.counted("digest_more", len(shown) - MAX_SOURCES, lang)))
        parts.append(f'<p style="margin:0 0 4px 0;font-size:13px;">{escape(label(lang, labels["sources"]))} '
                     f"{' · '.join(sources)}</p>\n")
        parts.append(f'<p style="margin:0;font-size:12px;color:#666666;">{escape(label(lang, labels["digest_why"]))} '
                     f"{escape(why_text(dev, lang, zone_name))}</p>\n</div>\n")
    url = _safe_url(manage_url)
    if url:
        parts.append(f'<p style="margin:16px 0 0 0;font-size:12px;color:#666666;border-top:1px solid #dddddd;'
                     f'padding-top:8px;"><a href="{escape(url)}" style="color:#666666;">'
                     f'{escape(labels["digest_manage"])}</a>'
                     "</p>\n")
    parts.append("</div>\n")
    return "".join(parts)


def render_json(digest: Digest) -> dict[str, Any]:
    """The digest as the JSON shape the CLI and API print; each item is a development with `is_update`."""
    return {
        "subscription_id": digest.subscription_id,
        "topic": digest.topic,
        "scheduled_at": time_out(digest.scheduled_at),
        "since": time_out(digest.since),
        "language": digest.language,
        "breaking": digest.breaking,
        "items": [development_json(item.development) | {"is_update": item.is_update} for item in digest.items],
    }


def render_atom_entry(
    digest: Digest, *, topic_name: str, feed_id: str, entry_url: str | None = None, tz: str | None = None
) -> str:
    """One Atom 1.0 <entry>: a urn:uuid id stable per (feed, subscription, scheduled time), the HTML as content."""
    lang = _lang(digest)
    key = f"{feed_id}#digest/{digest.subscription_id}/{_iso(digest.scheduled_at)}"
    entry_id = uuid.uuid5(uuid.NAMESPACE_URL, key).urn
    title = f"{clean_text(topic_name)} — {_long_date(digest.scheduled_at, tz or 'UTC', lang)}"
    link = _safe_url(entry_url)
    if link is None and digest.items and digest.items[0].development.sources:
        link = _safe_url(digest.items[0].development.sources[0].url)
    body = html_body(digest, topic_name=topic_name, tz=tz)
    lines = [
        f'<entry xmlns="{_ATOM}" xml:lang="{lang}">',
        f"  <id>{entry_id}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{_iso(digest.scheduled_at)}</updated>",
        "  <author><name>volg</name></author>",
        *([f'  <link rel="alternate" type="text/html" href="{escape(link)}"/>'] if link else []),
        f'  <content type="html">{escape(body)}</content>',
        "</entry>",
    ]
    return "\n".join(lines) + "\n"


def _lang(digest: Digest) -> str:
    return digest.language if digest.language in i18n.LANGUAGES else DEFAULT


def genre_prefix(dev: Development, lang: str) -> str:
    """"Opinie: " for an opinion piece (in the digest's language), "" for news."""
    name = words(lang).get(f"genre_{dev.genre}")
    return label(lang, name) + " " if name else ""


def language_note(dev: Development, lang: str) -> str:
    """" (Engelstalig)" when the development is told in another language than `lang`, else ""."""
    if dev.language == lang:
        return ""
    return f" ({words(lang).get(f'in_{dev.language}', dev.language)})"


def _headline(dev: Development, lang: str) -> str:
    """The headline, marked with its genre when it is no news ("Opinie: ...") and when the development has no
    source in the digest's language: "... (Engelstalig)"."""
    return genre_prefix(dev, lang) + clean_text(dev.headline) + language_note(dev, lang)


def why_text(dev: Development, lang: str, zone_name: str) -> str:
    """The importance and its reasons, the time of the first report in the reader's zone, in the reader's words:
    "belang 8,7 — 3 media in 3 uur; in 2 koppen; eerste melding 16 nov 09:00"."""
    from babel.numbers import format_decimal

    reasons = why_reasons(dev, lang, zone_name)
    score = format_decimal(round(dev.importance, 1), format="0.0", locale=i18n.locale_of(lang))
    return f"{words(lang)['importance']} {score}" + (" — " + "; ".join(reasons) if reasons else "")


def why_reasons(dev: Development, lang: str, zone_name: str) -> list[str]:
    """The reasons of the development's importance in `lang` (English for a language volg does not write), the
    time of the first report in the reader's zone; a reason volg cannot read is shown as it is."""
    lang = lang if lang in i18n.LANGUAGES else i18n.SOURCE
    when = _short_time(dev.first_seen, None, zone_name, lang)
    reasons = []
    for text in dev.reasons:
        reason = parse_reason(clean_text(text))
        if reason is None:
            reasons.append(clean_text(text))
        else:  # cleaned before it is said: clean_text would make a no-break space of the wording (French) a space
            reasons.append(reason.say(words(lang), lambda n: i18n.plural(n, lang), time=when))
    return reasons


def _count_line(digest: Digest, lang: str, zone_name: str) -> str:
    """ "2 ontwikkelingen sinds 16 nov 08:00"."""
    return i18n.counted("digest_count", len(digest.items), lang, time=_short_time(digest.since, None, zone_name, lang))


@functools.cache
def _pattern(lang: str, key: str) -> DateTimePattern:
    """The CLDR pattern the catalogue gives for a moment (`digest_date`, `digest_day_time`, `digest_time`)."""
    from babel.dates import parse_pattern

    return parse_pattern(words(lang)[key])


def _format(instant: datetime, lang: str, key: str) -> str:
    return str(_pattern(lang, key).apply(instant, i18n.locale_of(lang)))


def _long_date(instant: datetime, zone_name: str, lang: str) -> str:
    """ "dinsdag 17 november 2026, 08:00" / "Tuesday 17 November 2026, 08:00" in the zone (and " UTC" in UTC)."""
    local = instant.astimezone(zone(zone_name))
    return _format(local, lang, "digest_date") + (" UTC" if zone_name == "UTC" else "")


def _short_time(instant: datetime, reference: datetime | None, zone_name: str, lang: str) -> str:
    """ "07:30" when on the reference's local day, else "16 nov 07:30" / "16 Nov 07:30" / "16. Nov. 07:30"."""
    tz = zone(zone_name)
    local = instant.astimezone(tz)
    if reference is not None and reference.astimezone(tz).date() == local.date():
        return _format(local, lang, "digest_time")
    return _format(local, lang, "digest_day_time")


def _sources(dev: Development, until: datetime) -> tuple[Citation, ...]:
    """The sources published by the digest's time (a replay knows later ones too); all of them if none was."""
    return tuple(s for s in dev.sources if s.published_at <= until) or dev.sources


def _safe_url(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL without spaces or control characters; None otherwise."""
    if not url:
        return None
    url = url.strip()
    if _CONTROL.search(url) or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def clean_text(text: str) -> str:
    """Control characters (not allowed in XML, confusing in a terminal) removed, whitespace runs made one space."""
    return " ".join(_CONTROL.sub("", text).split())


def _e(text: str) -> str:
    return escape(clean_text(text))


def _wrap(text: str, first: str, rest: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=first, subsequent_indent=rest, break_long_words=False,
                         break_on_hyphens=False)


def _iso(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
