"""Reading RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 feeds into raw articles, through feedparser.

feedparser is tolerant, which is what real feeds need; what it cannot recognise as a feed, or a broken document
that yields no entries, is refused with one line.
"""

from __future__ import annotations

import html
import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from volg.errors import InputError
from volg.models import MAX_TITLE_CHARS, MIN_YEAR, RawArticle
from volg.pipeline.ingest.guard import one_line

COMPLETE_MIN_CHARS = 400
"""Entry content with less text than this is taken for a teaser: the caller fetches the article page."""

_SNIFF_BYTES = 4096
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(r"\s*<(?:[\w.-]+:)?([\w.-]+)[\s/>]")
_FEED_ROOTS = frozenset({"rss", "RDF", "feed"})
_TAG = re.compile(r"<[^>]*>")
_LANGUAGE = re.compile(r"([A-Za-z]{2})(?:[-_].*)?")
_MAX_CATEGORIES = 10
MAX_TAGS = 50_000
"""A feed with more tags than this ('<' and '&lt;') is refused before parsing: feedparser spends up to 35 µs on one
(a tag inside an entry's HTML content is parsed twice), and a real feed of 1,000 full articles has some 25,000."""
MAX_URL_BYTES = 2048
"""A longer URL is refused (or, in a feed, taken for none): browsers stop near 2,000 characters, and PostgreSQL
cannot index a key of more than 2,704 bytes (an article's URL is unique)."""
MAX_SOURCE_CHARS = 200
"""A feed's title longer than this is cut to it where it names the outlet: outlets are indexed by name."""
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_PARSER_ERRORS = (ValueError, LookupError, OverflowError, RecursionError)
"""What feedparser raises on what it cannot read (a charset it cannot use, a reference `_no_characters` missed)
instead of reporting it as bozo."""


@dataclass(frozen=True)
class FeedEntry:
    """One feed item; `complete` is False when it carries only a summary or a short teaser."""

    raw: RawArticle
    complete: bool


@dataclass(frozen=True)
class Feed:
    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]


def looks_like_feed(content: bytes) -> bool:
    """Whether the document's root element is rss, rdf:RDF or feed (a cheap sniff; no parsing)."""
    return root_element(content) in _FEED_ROOTS


def root_element(content: bytes) -> str | None:
    """The local name of an XML document's root element, from its first bytes (a cheap sniff; no parsing)."""
    head = content[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("latin-1")
    text = text.lstrip("\ufeff\xef\xbb\xbf")
    position = 0
    while match := _PROLOG.match(text, position):
        position = match.end()
    return match.group(1) if (match := _ROOT.match(text, position)) else None


def parse_feed(content: bytes, origin: str) -> Feed:
    """The feed in `content`; `origin` names it in messages and, when it is a URL, resolves relative links."""
    import feedparser  # here: ~0.05 s to import, paid only by commands that read feeds

    # A stream, never bytes: feedparser would take short bytes for a file name and open it.
    tags = content.count(b"<") + content.count(b"&lt;")
    if tags > MAX_TAGS:
        raise InputError(f"{origin}: feed too complex ({tags:,} tags, at most {MAX_TAGS:,})")
    try:
        parsed = feedparser.parse(io.BytesIO(_no_characters(content)),
                                  response_headers={"content-type": "application/xml"})
    except _PARSER_ERRORS as exc:
        raise InputError(f"{origin}: not a feed ({type(exc).__name__}: {one_line(exc)})") from None
    reason = one_line(parsed["bozo_exception"]).removeprefix("<unknown>:") if parsed.get("bozo") else None
    if not parsed.get("version"):
        raise InputError(f"{origin}: not a feed ({reason or 'no rss, rdf:RDF or feed root element'})")
    if reason and not parsed.entries:
        raise InputError(f"{origin}: not a feed ({reason})")
    meta = parsed.feed
    base = _link(origin, None) or _link(meta.get("link"), None)
    title = _text(meta.get("title"))
    title = title[:MAX_SOURCE_CHARS].rstrip() if title else None
    language = _language(meta.get("language"))
    entries = tuple(_entry(entry, n, origin, base, title, language) for n, entry in enumerate(parsed.entries, 1))
    return Feed(title=title, link=_link(meta.get("link"), _link(origin, None)), entries=entries)


def _no_characters(content: bytes) -> bytes:
    """`content` with each character reference to no character (&#xD800;, half of an emoji some sites write as two
    references; &#x110000;; a 20-digit one; &#0;, which no PostgreSQL text holds) made U+FFFD: feedparser raises on
    most of them, losing the whole feed."""
    if b"&#" not in content:
        return content

    def fix(match: re.Match[bytes]) -> bytes:
        hexadecimal, decimal = match.groups()
        digits = (hexadecimal or decimal).lstrip(b"0") or b"0"
        code = int(digits, 16 if hexadecimal else 10) if len(digits) <= 8 else 0
        return match.group() if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xFFFD;"

    return _CHAR_REF.sub(fix, content)


def _entry(entry: Any, n: int, origin: str, base: str | None, source: str | None,
           feed_language: str | None) -> FeedEntry:
    url = _link(entry.get("link"), base)
    contents = [c for c in entry.get("content", []) if _text(c.get("value"))]
    body: str | None
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        value = _text(best["value"]) or ""
        body = value if "html" in best.get("type", "") else html.escape(value)
        complete = len(_plain(body)) >= COMPLETE_MIN_CHARS
    else:
        body = _text(entry.get("summary"))
        complete = False
    details = [*contents, entry.get("title_detail") or {}, entry.get("summary_detail") or {}]
    language = next(filter(None, (_language(d.get("language")) for d in details)), feed_language)
    raw = RawArticle(
        origin=url or f"{origin}#{n}", url=url, title=_text((entry.get("title") or "")[:MAX_TITLE_CHARS]), html=body,
        published_at=_utc(_parsed_time(entry)), source=source,
        language=language, external_id=_text(entry.get("id")), hints=_categories(entry))
    return FeedEntry(raw=raw, complete=complete)


def _parsed_time(entry: Any) -> time.struct_time | None:
    """When the entry was published, else updated. Read past feedparser's own get: asked for an updated time an
    entry lacks, it answers the published one with a DeprecationWarning (an error where warnings are)."""
    return dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")


def _categories(entry: Any) -> tuple[str, ...]:
    """The entry's <category> (RSS) or category term (Atom) values as genre hints: ("category:Opinie", ...)."""
    terms = (_text(tag.get("term")) or _text(tag.get("label")) for tag in entry.get("tags") or [])
    hints = (f"category:{' '.join(term.split())[:100]}" for term in terms if term)
    return tuple(dict.fromkeys(hints))[:_MAX_CATEGORIES]


def _text(value: Any) -> str | None:
    """A string value, stripped, with any NUL (a raw one in a broken feed) made U+FFFD: PostgreSQL refuses it."""
    return value.replace("\x00", "\ufffd").strip() or None if isinstance(value, str) else None


def _link(value: Any, base: str | None) -> str | None:
    """An absolute http(s) URL, resolved against `base`; None for anything else (feedparser offers tag: ids)."""
    link = _text(value)
    try:
        if link and base:
            link = urljoin(base, link)
    except ValueError:  # a base of http://[::1/x
        return None
    if not link or url_problem(link):
        return None
    return link if link.lower().startswith(("http://", "https://")) else None


def url_problem(url: str) -> str | None:
    """Why `url` can be no article's URL, or None: longer than MAX_URL_BYTES, or urllib cannot read it (an IPv6 host
    without its "]", a port out of range, a host with a character NFKC makes "/"), so that it would fail later (the
    source's name, dedupe, fetching, PostgreSQL's index)."""
    if (size := len(url.encode("utf-8", "replace"))) > MAX_URL_BYTES:
        return f"{size:,} bytes long, at most {MAX_URL_BYTES:,}"
    try:
        _ = urlsplit(url).port
    except ValueError as exc:
        return one_line(exc)
    return None


def _language(value: Any) -> str | None:
    match = _LANGUAGE.fullmatch(value.strip()) if isinstance(value, str) else None
    return match.group(1).lower() if match else None


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _utc(parsed: time.struct_time | None) -> datetime | None:
    """feedparser gives dates as UTC struct_time; impossible ones (year 0) and those before MIN_YEAR are dropped, not
    raised."""
    if parsed is None or parsed[0] < MIN_YEAR:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except ValueError:
        return None
