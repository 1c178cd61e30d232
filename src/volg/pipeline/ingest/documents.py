"""One document's bytes → the articles in it: a plain-text article, an HTML page, a feed, or JSON Lines.

The kind is sniffed from the content first and the name or content type second, so a feed saved as `.txt` or a
page served as `application/octet-stream` still goes in, while a `.xml` file that is no feed is refused. Bad parts
become `Rejected` items naming the input (and line); the good parts of the same document still come through.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import PurePath
from urllib.parse import urljoin

from volg.errors import InputError
from volg.models import MAX_TITLE_CHARS, MIN_YEAR, RawArticle, Rejected
from volg.pipeline.ingest.decode import GZIP_MAGIC, decode_bytes, gunzip
from volg.pipeline.ingest.feeds import (
    MAX_SOURCE_CHARS,
    FeedEntry,
    looks_like_feed,
    parse_feed,
    root_element,
    url_problem,
)

Item = RawArticle | Rejected | FeedEntry


class Kind(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"


_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(r"</(?:p|div|span|a|h[1-6]|article|section|body)>", re.IGNORECASE)
_HINT_FIELDS = (("genre", "genre"), ("section", "section"), ("category", "category"), ("categories", "category"))
"""JSON Lines fields that say something of an article's genre, and the hint prefix each becomes."""
_MAX_HINTS = 20
_NO_CHARACTER = re.compile("[\x00\ud800-\udfff]")
"""What a JSON string can hold (as \\u0000 or \\ud800) but no database stores: NUL and lone surrogates."""
_CANONICAL = re.compile(
    r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)|<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)""",
    re.IGNORECASE,
)


def sniff(text: str, name: str = "", content_type: str | None = None) -> Kind:
    """Guess what kind of document `text` is."""
    suffixes = [s.lower() for s in PurePath(name.split("?")[0]).suffixes]
    ctype = (content_type or "").lower()
    head = text.lstrip()[:2048]
    if head.startswith("{") or "json" in ctype or {".jsonl", ".ndjson"} & set(suffixes):
        return Kind.JSONL
    if _HTML_START.match(text) or "html" in ctype or {".html", ".htm"} & set(suffixes):
        return Kind.HTML
    if len(_HTML_TAGS.findall(head)) >= 3:
        return Kind.HTML
    return Kind.TEXT


def parse_document(
    content: bytes,
    origin: str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    charset: str | None = None,
    source: str | None = None,
) -> Iterator[Item]:
    """Yield the articles (or rejects) in one document. `url` is where it lives (a file:// URL for files)."""
    if source and len(source) > MAX_SOURCE_CHARS:
        yield Rejected(origin, f"{origin}: the source name is too long ({len(source):,} characters, at most "
                               f"{MAX_SOURCE_CHARS})")
        return
    try:
        if content[:2] == GZIP_MAGIC:
            content = gunzip(content, origin)
        if (root_element(content) or "").lower() == "opml":
            yield Rejected(origin, f"{origin}: a list of feeds (OPML), not articles: add its feeds with volg sources "
                                   "import")
            return
        if looks_like_feed(content[:2048]):
            feed = parse_feed(content, origin)
            for entry in feed.entries:
                yield replace(entry, raw=replace(entry.raw, source=source)) if source else entry
            return
        if _claims_feed(origin, content_type):
            parse_feed(content, origin)  # raises InputError saying why it is not a feed
            yield Rejected(origin, f"{origin}: not a feed")
            return
        text = decode_bytes(content, origin, charset)
    except InputError as exc:
        yield Rejected(origin, str(exc))
        return
    kind = sniff(text, origin, content_type)
    if kind is Kind.JSONL:
        yield from parse_jsonl(text, origin, source=source)
    elif url is not None and (problem := url_problem(url)):
        yield Rejected(origin, f"{origin}: its URL is no article's URL ({problem})")
    elif kind is Kind.HTML:
        page_url = canonical_url_of(text, url) or url
        yield RawArticle(origin=origin, url=page_url, html=text, source=source)
    else:
        yield RawArticle(origin=origin, url=url, text=text, source=source)


def _claims_feed(name: str, content_type: str | None) -> bool:
    suffixes = {s.lower() for s in PurePath(name.split("?")[0]).suffixes}
    ctype = (content_type or "").lower()
    return bool({".xml", ".rss", ".atom", ".rdf"} & suffixes) or ("xml" in ctype and "html" not in ctype)


def canonical_url_of(html: str, base: str | None) -> str | None:
    """The page's own canonical http(s) URL (link rel=canonical or og:url), if it declares one."""
    match = _CANONICAL.search(html[:100_000])
    if not match:
        return None
    try:
        found = urljoin(base or "", (match.group(1) or match.group(2)).strip())
    except ValueError:  # href="http://[::1/x"
        return None
    return found if found.startswith(("http://", "https://")) and not url_problem(found) else None


def parse_jsonl(text: str, origin: str, *, source: str | None = None) -> Iterator[RawArticle | Rejected]:
    """Articles from JSON Lines: `url`, `title`, `text` or `html`, `published_at`, `source`, `language`, `id`;
    `genre`, `section`, `category` or `categories` (a string or a list of strings) become genre hints."""
    # JSON Lines end lines with \n (or \r\n) only: str.splitlines would also break at U+2028 and the other
    # Unicode separators, which JSON allows raw inside strings
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            yield _article_from_json(line, where, source)
        except InputError as exc:
            yield Rejected(where, str(exc))


def _article_from_json(line: str, where: str, source: str | None) -> RawArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: not valid JSON (nested too deeply)") from None
    except ValueError as exc:  # a number of more than 4,300 digits
        raise InputError(f"{where}: not valid JSON ({str(exc).split(';')[0]})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    record = {key: _characters(value) for key, value in record.items()}
    url = record.get("url")
    if not isinstance(url, str) or not url.strip():
        raise InputError(f"{where}: missing field 'url'")
    if problem := url_problem(url.strip()):
        raise InputError(f"{where}: field 'url' is no article's URL ({problem})")
    text, html = record.get("text"), record.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        raise InputError(f"{where}: missing field 'text' or 'html'")
    for key in ("title", "source", "language"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(f"{where}: field '{key}' must be a string")
    for key, most in (("source", MAX_SOURCE_CHARS), ("title", MAX_TITLE_CHARS)):
        if len(record.get(key) or "") > most:
            raise InputError(f"{where}: field '{key}' is too long ({len(record[key]):,} characters, at most {most:,})")
    external_id = record.get("id")
    return RawArticle(
        origin=where,
        url=url.strip(),
        title=record.get("title") or None,
        text=text if isinstance(text, str) and text.strip() else None,
        html=html if isinstance(html, str) and html.strip() else None,
        published_at=parse_time(record.get("published_at"), where),
        source=record.get("source") or source,
        language=record.get("language") or None,
        external_id=None if external_id is None else str(external_id),
        hints=_hints(record),
    )


def _characters(value: object) -> object:
    """A string (or the strings of a list) with NUL and lone surrogates made U+FFFD, as a decoder does with bytes
    that are no character."""
    if isinstance(value, str):
        return _NO_CHARACTER.sub("\ufffd", value)
    if isinstance(value, list):
        return [_NO_CHARACTER.sub("\ufffd", v) if isinstance(v, str) else v for v in value]
    return value


def _hints(record: dict) -> tuple[str, ...]:
    """Genre hints from a JSON line: {"section": "Opinie"} → ("section:Opinie",). Values that are neither a string
    nor a list of strings are ignored: they are optional, and no reason to refuse an article."""
    hints: list[str] = []
    for field, prefix in _HINT_FIELDS:
        value = record.get(field)
        values = value if isinstance(value, list) else [value]
        hints += [f"{prefix}:{' '.join(v.split())[:100]}" for v in values if isinstance(v, str) and v.strip()]
    return tuple(dict.fromkeys(hints))[:_MAX_HINTS]


def parse_time(value: object, where: str) -> datetime | None:
    """An ISO 8601 time as aware UTC; a time without zone is taken as UTC."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: field 'published_at' must be an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value.strip())
        parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except ValueError:
        raise InputError(f"{where}: field 'published_at' is not an ISO 8601 time: {value!r}") from None
    except OverflowError:  # "0001-01-01T00:00:00+01:00" is before the first instant a datetime holds in UTC
        raise InputError(f"{where}: field 'published_at' is out of range: {value!r}") from None
    if parsed.year < MIN_YEAR:
        raise InputError(f"{where}: field 'published_at' is out of range: {value!r} (years from {MIN_YEAR})")
    return parsed


