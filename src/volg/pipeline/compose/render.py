"""A digest rendered as plain text, email-safe HTML, JSON and an Atom entry, with Dutch or English labels.

Times are shown in the subscriber's time zone (`tz`, UTC when not given). Every text from the articles is
escaped in HTML and XML and stripped of control characters; a link is kept only when it is http(s).
"""

from __future__ import annotations

import re
import textwrap
import uuid
from datetime import UTC, datetime
from html import escape
from typing import Any
from urllib.parse import urlsplit

from volg.models import Citation, Development, Digest
from volg.pipeline.compose.schedule import zone
from volg.serialize import development_json
from volg.storage.records import time_out

WIDTH = 78
"""Where the text rendering wraps."""

MAX_SOURCES = 5
"""How many sources an item lists before "and N more"."""

LABELS: dict[str, dict[str, str]] = {
    "nl": {"update": "Update", "sources": "Bronnen", "why": "Waarom", "importance": "belang", "more": "en nog {n}",
           "count": "{n} ontwikkeling", "counts": "{n} ontwikkelingen", "since": "sinds", "manage": "Abonnement "
           "beheren of opzeggen"},
    "en": {"update": "Update", "sources": "Sources", "why": "Why", "importance": "importance", "more": "and {n} more",
           "count": "{n} development", "counts": "{n} developments", "since": "since",
           "manage": "Manage or unsubscribe"},
}
_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_SHORT_MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
"""As newspapers abbreviate months: maart is "mrt", not "maa"."""
_IN_LANGUAGE = {
    "nl": {"en": "Engelstalig", "de": "Duitstalig", "fr": "Franstalig", "es": "Spaanstalig", "it": "Italiaanstalig"},
    "en": {"nl": "in Dutch", "de": "in German", "fr": "in French", "es": "in Spanish", "it": "in Italian"},
}
"""How an item says that it is told in another language than the digest's."""
_DAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
# the reasons importance.py writes (in English), and their Dutch wording
_DUTCH_REASONS = (
    (re.compile(r"1 outlet"), "1 medium"),
    (re.compile(r"(\d+) outlets in (\d+) hours?"), r"\1 media in \2 uur"),
    (re.compile(r"(\d+) outlets in (\d+) days"), r"\1 media in \2 dagen"),
    (re.compile(r"in 1 headline"), "in 1 kop"),
    (re.compile(r"in (\d+) headlines"), r"in \1 koppen"),
    (re.compile(r"only in a section, not a headline"), "alleen in een onderdeel, niet in een kop"),
    (re.compile(r"new: (.*)"), r"nieuw: \1"),
    (re.compile(r"1 wire copy"), "1 persbureaukopie"),
    (re.compile(r"(\d+) wire copies"), r"\1 persbureaukopieën"),
    (re.compile(r"(\d+) languages"), r"\1 talen"),
    (re.compile(r"topic: (.*)"), lambda m: "onderwerp: " + _dutch_evidence(m[1])),
    (re.compile(r"1 follow-up"), "1 vervolgbericht"),
    (re.compile(r"(\d+) follow-ups"), r"\1 vervolgberichten"),
)
_EVIDENCE_WORDS = ((re.compile(r"\bheadlines\b"), "koppen"), (re.compile(r"\bheadline\b"), "kop"),
                   (re.compile(r"\b(\d+) of (\d+) leads?\b"), r"\1 van \2 intro's"))


def _dutch_evidence(evidence: str) -> str:
    """A topic membership's evidence ("in 2 headlines; 3 of 4 leads") in Dutch."""
    for pattern, dutch in _EVIDENCE_WORDS:
        evidence = pattern.sub(dutch, evidence)
    return evidence


_DUTCH_CONSEQUENCES = {"deaths": "doden", "injuries": "gewonden", "money": "geld", "votes": "stemmen of zetels",
                       "justice": "rechtszaak of arrestatie", "evacuations": "evacuaties", "resignations": "ontslag",
                       "decisions": "besluit"}
"""The consequences importance.py names (in English), in Dutch."""
_WHEN_REASON = re.compile(r"(first report|update) \d{1,2} \w{3} \d{2}:\d{2} UTC")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_ATOM = "http://www.w3.org/2005/Atom"


def render_text(digest: Digest, *, topic_name: str, manage_url: str | None = None, tz: str | None = None) -> str:
    """The digest as plain text for a terminal or a text/plain email part, wrapped at about 78 columns."""
    lang, zone_name = _lang(digest), tz or "UTC"
    labels = LABELS[lang]
    lines = [clean_text(topic_name), _long_date(digest.scheduled_at, zone_name, lang),
             _count_line(digest, lang, zone_name)]
    for number, item in enumerate(digest.items, 1):
        dev = item.development
        lines.append("")
        prefix = f"{number}. "
        indent = " " * len(prefix)
        headline = (f"{labels['update']}: " if item.is_update else "") + _headline(dev, lang)
        lines.append(_wrap(headline, prefix, indent))
        for sentence in dev.summary:
            lines.append(_wrap(clean_text(sentence), indent, indent))
        lines.append(f"{indent}{labels['sources']}:")
        shown = _sources(dev, digest.scheduled_at)
        for source in shown[:MAX_SOURCES]:
            url = _safe_url(source.url)
            when = _short_time(source.published_at, digest.scheduled_at, zone_name, lang)
            entry = f"{clean_text(source.outlet)}, {when}"
            lines.append(_wrap(entry + (f": {url}" if url else ""), indent + "- ", indent + "  "))
        if len(shown) > MAX_SOURCES:
            lines.append(f"{indent}- {labels['more'].format(n=len(shown) - MAX_SOURCES)}")
        lines.append(_wrap(f"{labels['why']}: {why_text(dev, lang, zone_name)}", indent, indent + "  "))
    url = _safe_url(manage_url)
    if url:
        lines += ["", "--", f"{labels['manage']}: {url}"]
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
    labels = LABELS[lang]
    font = "font-family:Arial,Helvetica,sans-serif;"
    parts = [
        f'<div style="max-width:640px;margin:0 auto;padding:16px;background:#ffffff;color:#1a1a1a;{font}'
        'font-size:15px;line-height:1.45;">\n',
        f'<h1 style="margin:0 0 4px 0;font-size:22px;">{_e(topic_name)}</h1>\n',
        f'<p style="margin:0 0 16px 0;color:#555555;font-size:13px;">'
        f"{_e(_long_date(digest.scheduled_at, zone_name, lang))} · {_e(_count_line(digest, lang, zone_name))}</p>\n",
    ]
    for item in digest.items:
        dev = item.development
        badge = (
            f'<span style="display:inline-block;padding:1px 6px;margin-right:6px;background:#fff1c2;color:#6b4e00;'
            f'font-size:12px;border-radius:3px;">{_e(labels["update"])}</span>'
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
            sources.append(f"{name} ({_e(when)})")
        if len(shown) > MAX_SOURCES:
            sources.append(_e(labels["more"].format(n=len(shown) - MAX_SOURCES)))
        parts.append(f'<p style="margin:0 0 4px 0;font-size:13px;">{_e(labels["sources"])}: '
                     f"{' · '.join(sources)}</p>\n")
        parts.append(f'<p style="margin:0;font-size:12px;color:#666666;">{_e(labels["why"])}: '
                     f"{_e(why_text(dev, lang, zone_name))}</p>\n</div>\n")
    url = _safe_url(manage_url)
    if url:
        parts.append(f'<p style="margin:16px 0 0 0;font-size:12px;color:#666666;border-top:1px solid #dddddd;'
                     f'padding-top:8px;"><a href="{escape(url)}" style="color:#666666;">{_e(labels["manage"])}</a>'
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
    return digest.language if digest.language in LABELS else "nl"


GENRE_LABELS = {
    "nl": {"analysis": "Analyse", "interview": "Interview", "opinion": "Opinie", "letters": "Lezersbrieven",
           "review": "Recensie", "preview": "Vooruitblik", "service": "Service", "other": "Overig"},
    "en": {"analysis": "Analysis", "interview": "Interview", "opinion": "Opinion", "letters": "Letters",
           "review": "Review", "preview": "Preview", "service": "Service", "other": "Other"},
}
"""How an item of another genre than news is marked before its headline: "Opinie: ..."."""


def genre_prefix(dev: Development, lang: str) -> str:
    """"Opinie: " for an opinion piece (in the digest's language), "" for news."""
    label = GENRE_LABELS.get(lang, GENRE_LABELS["en"]).get(dev.genre)
    return f"{label}: " if label else ""


def language_note(dev: Development, lang: str) -> str:
    """" (Engelstalig)" when the development is told in another language than `lang`, else ""."""
    other = _IN_LANGUAGE.get(lang, _IN_LANGUAGE["en"]).get(dev.language, dev.language) if dev.language != lang else ""
    return f" ({other})" if other else ""


def _headline(dev: Development, lang: str) -> str:
    """The headline, marked with its genre when it is no news ("Opinie: ...") and when the development has no
    source in the digest's language: "... (Engelstalig)"."""
    return genre_prefix(dev, lang) + clean_text(dev.headline) + language_note(dev, lang)


def why_text(dev: Development, lang: str, zone_name: str) -> str:
    """The importance and its reasons, the time of the first report in the reader's zone, in the reader's labels."""
    reasons = why_reasons(dev, lang, zone_name)
    score = f"{dev.importance:.1f}"
    if lang == "nl":
        score = score.replace(".", ",")
    return f"{LABELS[lang]['importance']} {score}" + (" — " + "; ".join(reasons) if reasons else "")


def why_reasons(dev: Development, lang: str, zone_name: str) -> list[str]:
    """The reasons of the development's importance in `lang` (Dutch, or else English), the time of the first report
    in the reader's zone."""
    lang = lang if lang in LABELS else "en"
    reasons = []
    for reason in dev.reasons:
        when = _WHEN_REASON.fullmatch(reason)
        if when:
            kind = ("eerste melding" if when[1] == "first report" else "update") if lang == "nl" else when[1]
            reasons.append(f"{kind} {_short_time(dev.first_seen, None, zone_name, lang)}")
            continue
        if lang == "nl" and reason.startswith("names "):
            reason = "noemt " + ", ".join(_DUTCH_CONSEQUENCES.get(k, k) for k in reason[6:].split(", "))
        elif lang == "nl":
            reason = next((p.sub(dutch, reason) for p, dutch in _DUTCH_REASONS if p.fullmatch(reason)), reason)
        reasons.append(clean_text(reason))
    return reasons


def _count_line(digest: Digest, lang: str, zone_name: str) -> str:
    labels = LABELS[lang]
    count = (labels["count"] if len(digest.items) == 1 else labels["counts"]).format(n=len(digest.items))
    return f"{count} {labels['since']} {_short_time(digest.since, None, zone_name, lang)}"


def _long_date(instant: datetime, zone_name: str, lang: str) -> str:
    """ "dinsdag 17 november 2026, 08:00" / "Tuesday 17 November 2026, 08:00" in the zone."""
    local = instant.astimezone(zone(zone_name))
    day = f"{_DAYS[lang][local.weekday()]} {local.day} {_MONTHS[lang][local.month - 1]} {local.year}"
    return f"{day}, {local:%H:%M}" + (" UTC" if zone_name == "UTC" else "")


def _short_time(instant: datetime, reference: datetime | None, zone_name: str, lang: str) -> str:
    """ "07:30" when on the reference's local day, else "16 nov 07:30" / "16 Nov 07:30"."""
    tz = zone(zone_name)
    local = instant.astimezone(tz)
    if reference is not None and reference.astimezone(tz).date() == local.date():
        return f"{local:%H:%M}"
    return f"{local.day} {_SHORT_MONTHS[lang][local.month - 1]} {local:%H:%M}"


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
