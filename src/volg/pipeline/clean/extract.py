"""HTML page → main article text as sections, with title, publication time and declared language.

trafilatura finds the main content (with its readability/jusText fallbacks, which it needs for recall on
unusual layouts); volg then walks trafilatura's XML body to keep sub-headings as section headings. Metadata is
read from the page's own markup (meta tags, JSON-LD, `<time>`), which is cheaper than trafilatura's metadata
pass and keeps the publication time of day.

Pathological pages are bounded before trafilatura sees them: the input size and the element count are capped,
and libxml2 stops nesting at 256 levels, so 100 000 nested divs cost milliseconds, not a RecursionError. The text
found is capped before cleaning, as a plain text's is (structure.MAX_TEXT_CHARS).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from copy import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from lxml import etree
from lxml.html import HtmlElement

from volg.errors import InputError
from volg.models import MIN_YEAR, Section
from volg.pipeline.clean.structure import check_length, clean_line

if TYPE_CHECKING:
    from trafilatura.settings import Extractor

MAX_HTML_CHARS = 10_000_000
MAX_ELEMENTS = 20_000
"""A page of more elements is refused in one line ("page too complex") before trafilatura reads it: its work (and
its jusText fallback's) grows with the square of the element count. The slowest of four page shapes (links, short
or long paragraphs, spans) took, in CPU seconds: 0.5 at 5,000 elements, 1.1 at 10,000, 1.6 at 15,000, 2.5 at
20,000, 2.9 at 25,000, 3.9 at 30,000, 6 at 40,000 (and 75 at 125,000). A news page has 1,000 to 5,000."""
_SHORT_CHARS = 500
_ARTICLE_SHARE = 0.2
"""A short text found holding at least this share of its page's text is taken for the article (trafilatura retries
in recall mode below the same share). On the fulltext benchmark's DpgMedia pages the briefs of ten words or more
hold 32 to 81% of their page's text; on the extraction benchmark's pages whose first pass found a short text, the
fallbacks then found the article (or not) from under 10%."""

_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+")
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "publication_date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
    "sailthru.date", "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime",
)  # fmt: skip
_NAMED = etree.XPath("//*[@id or @class]")
_CONSENT = re.compile("cookie|consent|gdpr", re.IGNORECASE)
_MAX_CONSENT_CHARS = 2000
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_MAX_HINTS = 20  # genre hints kept from one page, each cut to _MAX_HINT_CHARS: a page's markup is untrusted input
_MAX_HINT_CHARS = 100


@dataclass(frozen=True)
class ExtractedPage:
    """What a page yields: `removed` lists the lines volg dropped after extraction (e.g. a repeated title);
    `hints` what its markup says of its genre, as volg.pipeline.clean.genre reads them ("schema:OpinionNewsArticle",
    "og:article", "section:Opinie", "genre:Column")."""

    title: str | None
    sections: tuple[Section, ...]
    published_at: datetime | None
    language: str | None
    removed: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()


def parse_datetime(value: str) -> datetime | None:
    """An ISO 8601 time (or date) as UTC; a time without zone is taken to be UTC; None when it is no real time
    (a page's meta "2028-13-19T15:2:00Z" must not cost its article), one UTC cannot hold
    ("0001-01-01T00:00:00+01:00") or one before MIN_YEAR."""
    value = value.strip()
    match = re.match(r"\d{4}-\d{2}-\d{2}", value)
    parsed: datetime | None = None
    for candidate in (value, match.group(0) if match else None):
        try:
            parsed = datetime.fromisoformat(candidate) if candidate else None
        except ValueError:
            continue
        break
    if parsed is None:
        return None
    try:
        parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except OverflowError:
        return None
    return parsed if parsed.year >= MIN_YEAR else None


def _meta(tree: HtmlElement) -> dict[str, str]:
    """Page meta tags by lower-cased name/property/itemprop (the first one wins)."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().casefold()
            if key:
                found.setdefault(key, content.strip())
    return found


def _published_at(tree: HtmlElement, meta: dict[str, str]) -> datetime | None:
    candidates: list[str] = [meta[name] for name in _DATE_META if name in meta]
    for script in tree.iter("script"):
        if (script.get("type") or "").casefold() == "application/ld+json" and script.text:
            candidates.extend(_JSONLD_DATE.findall(script.text))
    candidates.extend(t.get("datetime", "") for t in tree.iter("time") if t.get("itemprop") == "datePublished")
    candidates.extend(t.get("datetime", "") for t in tree.iter("time"))
    for candidate in candidates:
        if candidate and (parsed := parse_datetime(candidate)):
            return parsed
    return None


def _title(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    """og:title or twitter:title, else the first h1, else <title> without its " | Site name" part."""
    for name in ("og:title", "twitter:title"):
        if title := clean_line(meta.get(name, "")):
            return title
    for heading in tree.iter("h1"):
        if title := clean_line(heading.text_content()):
            return title
    for element in tree.iter("title"):
        if title := clean_line(element.text_content()):
            return max(_TITLE_SEPARATORS.split(title), key=len)
    return None


def _json_ld(tree: HtmlElement) -> Iterator[dict]:
    """The objects of the page's JSON-LD scripts, those in lists, @graph and mainEntity included; broken scripts are
    skipped."""
    for script in tree.iter("script"):
        if (script.get("type") or "").casefold() != "application/ld+json" or not script.text:
            continue
        try:
            found = json.loads(script.text)
        except ValueError:
            continue
        pending = found if isinstance(found, list) else [found]
        while pending:
            item = pending.pop(0)
            if isinstance(item, dict):
                yield item
                for key in ("@graph", "mainEntity"):  # a site's graph; a WebPage's article
                    inner = item.get(key)
                    pending.extend(inner if isinstance(inner, list) else [inner] if isinstance(inner, dict) else [])
            elif isinstance(item, list):
                pending.extend(item)


def _strings(value: object) -> list[str]:
    """A JSON-LD or meta value that may be one string or a list of them."""
    values = value if isinstance(value, list) else [value]
    return [clean_line(v)[:_MAX_HINT_CHARS] for v in values if isinstance(v, str) and v.strip()]


def _hints(tree: HtmlElement, meta: dict[str, str]) -> tuple[str, ...]:
    """What the markup says of the page's genre: the article's schema.org @type, articleSection and genre, the
    og:type, article:section and meta genre. Only objects that are articles count (a headline, a body, or an
    article-like type), not the site's Organization or BreadcrumbList."""
    hints: list[str] = []
    for item in _json_ld(tree):
        types = _strings(item.get("@type"))
        article = any(t.endswith(("Article", "Posting", "Review", "Recipe")) for t in types)
        if not (article or "headline" in item or "articleBody" in item):
            continue
        hints += [f"schema:{t}" for t in types]
        hints += [f"section:{v}" for v in _strings(item.get("articleSection"))]
        hints += [f"genre:{v}" for v in _strings(item.get("genre"))]
    for key, prefix in (("og:type", "og"), ("article:section", "section"), ("genre", "genre")):
        hints += [f"{prefix}:{v}" for v in _strings(meta.get(key))]
    return tuple(dict.fromkeys(hints))[:_MAX_HINTS]


def _language(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    declared = tree.get("lang") or meta.get("content-language") or meta.get("og:locale") or ""
    code = re.split(r"[-_,\s]", declared.strip(), maxsplit=1)[0].casefold()
    return code if re.fullmatch(r"[a-z]{2}", code) else None


def _text(element: etree._Element) -> str:
    return clean_line(" ".join(element.itertext()))


def _blocks(body: etree._Element) -> Iterator[tuple[bool, str]]:
    """(is_heading, text) for each block of trafilatura's XML body, in order."""
    for child in body:
        if child.tag == "head":
            yield True, _text(child)
        elif child.tag == "list":
            for item in child.iterchildren("item"):
                yield False, _text(item)
        elif child.tag == "table":
            for row in child.iter("row"):
                yield False, _text(row)
        elif child.tag != "graphic":
            yield False, _text(child)


def _sections(body: etree._Element | None, title: str | None) -> tuple[tuple[Section, ...], tuple[str, ...]]:
    """Group blocks under their headings; a heading that repeats the title or heads nothing is dropped."""
    if body is None:
        return (), ()
    sections: list[Section] = []
    removed: list[str] = []
    heading: str | None = None
    paragraphs: list[str] = []
    folded_title = title.casefold() if title else None
    for is_heading, text in _blocks(body):
        if not text:
            continue
        if not is_heading:
            paragraphs.append(text)
            continue
        if paragraphs:
            sections.append(Section(heading, tuple(paragraphs)))
        elif heading is not None:
            removed.append(heading)
        paragraphs = []
        heading = None
        if text.casefold() == folded_title and not sections:
            removed.append(text)
        else:
            heading = text
    if paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    elif heading is not None:
        removed.append(heading)
    return tuple(sections), tuple(removed)


class _Hashed(tuple[str, ...]):
    """A tuple hashed once: jusText caches the set it makes of a stop-word list by the list, so a plain tuple of
    trafilatura's 154,000 stop words (all languages) was hashed again at every jusText fallback (8 ms a page)."""

    _hash: int

    def __new__(cls, words: Iterable[str]) -> _Hashed:
        hashed = super().__new__(cls, words)
        hashed._hash = tuple.__hash__(hashed)
        return hashed

    def __hash__(self) -> int:
        return self._hash


@cache
def _trafilatura() -> ModuleType:
    """trafilatura, imported here (~0.1 s, paid only by commands that read HTML), its stop words hashed once when
    its first jusText fallback reads them (0.15 s to gather, which many polls never need)."""
    import trafilatura
    from trafilatura import external

    gather = external.jt_stoplist_init

    def gathered_once() -> _Hashed:
        words = _Hashed(gather())
        vars(external)["JT_STOPLIST"] = words
        return words

    vars(external)["jt_stoplist_init"] = gathered_once
    return trafilatura


def _load(html: str) -> HtmlElement:
    if len(html) > MAX_HTML_CHARS:
        raise InputError(f"page too large ({len(html):,} characters, at most {MAX_HTML_CHARS:,})")
    if not html.strip():
        raise InputError("no article text found (empty page)")
    tree = _trafilatura().load_html(html)
    if tree is None:
        raise InputError("no article text found (not an HTML page)")
    count = 0
    for count, _ in enumerate(tree.iter(), start=1):
        if count > MAX_ELEMENTS:
            raise InputError(f"page too complex (more than {MAX_ELEMENTS:,} elements)")
    return tree


def _drop_consent(tree: HtmlElement) -> None:
    """Drop cookie and consent banners (OneTrust, Cookiebot, Didomi and home-made ones, named so in their id or
    class): on a page with little text trafilatura may take one for the article. An element with more text than a
    banner has (a body marked "cookie-consent-open") stays."""
    for element in _NAMED(tree):
        named = f"{element.get('id', '')} {element.get('class', '')}"
        if (_CONSENT.search(named) and element.tag not in ("html", "body")
                and len(element.text_content()) <= _MAX_CONSENT_CHARS):
            element.drop_tree()


def _body(tree: HtmlElement, url: str | None, *, favor_precision: bool, fast: bool = False) -> etree._Element | None:
    """trafilatura's XML body of the main content (`fast`: without its readability and jusText fallbacks)."""
    options = copy(_options(favor_precision, fast))
    options.url = options.source = url
    try:
        document = _trafilatura().bare_extraction(tree, options=options)
    except RecursionError as error:
        raise InputError("page too deeply nested to extract") from error
    return getattr(document, "body", None)


@cache
def _options(favor_precision: bool, fast: bool) -> Extractor:
    """trafilatura's options for one kind of pass, made once (reading its config cost 0.1 ms a call): comments are
    not the article, metadata is read elsewhere, and the body is all volg reads (as XML: the "python" format would
    also render it as text)."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="xml", fast=fast, precision=favor_precision, comments=False, tables=True)


def _extract(tree: HtmlElement, url: str | None, title: str | None) -> tuple[tuple[Section, ...], tuple[str, ...]]:
    """The article's sections and the lines dropped from them. trafilatura in precision mode (+0.01 F1 on the
    extraction benchmark: fewer link lists and teasers) first without its fallbacks, which cost a third of its
    work and help little on an article page; where that keeps only a teaser (`_teaser`), with them; and where that
    still keeps a teaser, a balanced pass may find the article."""
    sections, removed = _sections(_body(tree, url, favor_precision=True, fast=True), title)
    if not _teaser(sections, tree):
        return sections, removed
    sections, removed = _sections(_body(tree, url, favor_precision=True), title)
    if _chars(sections) >= _SHORT_CHARS:
        return sections, removed
    balanced = _sections(_body(tree, url, favor_precision=False), title)
    return balanced if _chars(balanced[0]) > 2 * _SHORT_CHARS else (sections, removed)


def _teaser(sections: tuple[Section, ...], tree: HtmlElement) -> bool:
    """Whether the text found is short and only a small part of its page's: then the article may be elsewhere on
    the page. A short text that is a good share of what the page says (its text without navigation, headers and
    footers) is a short article, and the fallbacks, two more passes, would find no more."""
    found = _chars(sections)
    return found < _SHORT_CHARS and found < _ARTICLE_SHARE * len(_trafilatura().html2txt(tree))


def _chars(sections: tuple[Section, ...]) -> int:
    return sum(len(p) for s in sections for p in s.paragraphs)


def extract_html(html: str, url: str | None = None) -> ExtractedPage:
    """Extract the article from an HTML page; raises InputError when there is none, when its text is longer than
    MAX_TEXT_CHARS (as a plain text's is: cleaning costs up to 10 µs a character) or the page is unusable."""
    tree = _load(html)
    meta = _meta(tree)
    title = _title(tree, meta)
    _drop_consent(tree)
    sections, removed = _extract(tree, url, title)
    if not sections:
        raise InputError("no article text found")
    check_length(sum(len(part) for s in sections for part in (s.heading or "", *s.paragraphs)))
    return ExtractedPage(
        title=title,
        sections=sections,
        published_at=_published_at(tree, meta),
        language=_language(tree, meta),
        removed=removed,
        hints=_hints(tree, meta),
    )
