"""A raw input article → a `CleanArticle` (sections, language, title, time, places, names): the clean stage's
steps in order.

Pure: no storage, no network, no clock unless `now` is left out. Every failure is an `InputError` whose message is
one line saying why the input cannot be an article.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from volg.errors import InputError
from volg.models import MAX_TITLE_CHARS, CleanArticle, RawArticle, Section, SourceProfile
from volg.pipeline.clean.boilerplate import comment_share, remove_boilerplate
from volg.pipeline.clean.datelines import without_dateline, without_kicker
from volg.pipeline.clean.extract import ExtractedPage, extract_html
from volg.pipeline.clean.genre import classify_genre
from volg.pipeline.clean.glued import after_glued_heading, roundup_sections
from volg.pipeline.clean.language import detect_language, normalize_language
from volg.pipeline.clean.names import find_names, name_lines
from volg.pipeline.clean.places import find_places, tokenize
from volg.pipeline.clean.sentences import split_sentences
from volg.pipeline.clean.structure import clean_line, sections_from_text
from volg.pipeline.clean.titles import without_outlet

MIN_WORDS = 10
"""Fewer words of body text than this is a headline or a teaser, not an article."""
MAX_SHORTENED_TITLE_CHARS = 110
"""A title made of the text's first sentence is cut to this, when the sentence is longer than `WHOLE_TITLE_WORDS`."""
WHOLE_TITLE_WORDS = 25
"""A first sentence of at most this many words is the title whole: cut, it would lose what it counts or where ("...
in het centrum van…" for "... in het centrum van 50 naar 30 km per uur")."""


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _source(raw: RawArticle, url: str) -> str:
    if raw.source and raw.source.strip():
        return raw.source.strip()
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return host or parts.scheme or raw.origin


def _shorten(sentence: str) -> str:
    """A sentence cut at a word boundary to fit a title, with an ellipsis when cut."""
    if len(sentence) <= MAX_SHORTENED_TITLE_CHARS or len(sentence.split()) <= WHOLE_TITLE_WORDS:
        return sentence
    cut = sentence[: MAX_SHORTENED_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return f"{cut}…"


def _title(raw: RawArticle, page: ExtractedPage | None, sections: tuple[Section, ...], language: str) -> str:
    for candidate in (raw.title, page.title if page else None):
        if candidate and (title := without_dateline(clean_line(candidate))[:MAX_TITLE_CHARS].rstrip()):
            url = raw.url or ""
            return without_outlet(title, _source(raw, url), url)
    if sections[0].heading:  # the text opens with a heading; later sub-headings name only their own section
        return sections[0].heading
    first = split_sentences(sections[0].paragraphs[0], language)
    opening = without_kicker(without_dateline(first[0] if first else sections[0].paragraphs[0]), language)
    return _shorten(after_glued_heading(opening, language))


def _read(raw: RawArticle) -> tuple[ExtractedPage | None, tuple[Section, ...]]:
    """Sections from the HTML when there is any (falling back to the text), else from the text."""
    if raw.html and raw.html.strip():
        try:
            page = extract_html(raw.html, raw.url)
        except InputError:
            if not (raw.text and raw.text.strip()):
                raise
        else:
            return page, page.sections
    if raw.text and raw.text.strip():
        return None, sections_from_text(raw.text)
    raise InputError("no article text (the input has neither text nor HTML)")


def clean_article(
    raw: RawArticle,
    profile: SourceProfile | None = None,
    *,
    now: datetime | None = None,
    min_words: int = MIN_WORDS,
) -> CleanArticle:
    """Clean one raw article; `profile` is what volg has learned about the source's boilerplate."""
    if not raw.url:
        raise InputError("article has no URL")
    page, sections = _read(raw)
    comments = comment_share(sections)  # readers' comments go with the boilerplate, but say what the page is
    sections, removed = remove_boilerplate(sections, profile)
    if page:
        removed = page.removed + removed
    if not sections:
        raise InputError("no article text found (only boilerplate)")
    body = "\n".join(p for s in sections for p in ((s.heading,) if s.heading else ()) + s.paragraphs)
    words = len(body.split())
    if words < min_words:
        raise InputError(f"text is too short to be an article ({words} words)")
    language = normalize_language(raw.language) or detect_language(
        f"{raw.title or ''}\n{body}", hint=page.language if page else None
    )
    sections = roundup_sections(sections, language)  # a flattened roundup's items, each a section of its own
    title = _title(raw, page, sections, language)
    published_at = raw.published_at or (page.published_at if page else None) or now or datetime.now(UTC)
    titled = (Section(None, (title,)), *sections)
    text = "\n".join(name_lines(titled))
    tokens = tokenize(text)  # once, for places and names
    places = find_places(text, language, tokens)
    names = find_names(titled, language, places, tokens)
    genre = classify_genre(title, sections, language, raw.url, (*raw.hints, *(page.hints if page else ())),
                           comments=comments)
    return CleanArticle(
        url=raw.url,
        source=_source(raw, raw.url),
        title=title,
        published_at=_as_utc(published_at),
        language=language,
        sections=sections,
        places=places,
        names=names,
        removed=removed,
        external_id=raw.external_id,
        genre=genre.label,
        genre_evidence=genre.evidence,
    )
