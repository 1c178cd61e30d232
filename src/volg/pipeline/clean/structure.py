"""Plain text (one paragraph per line) → sections, recognising sub-headings by their shape.

A plain-text article carries no markup, but its sub-headings look different from its paragraphs: a heading is a
short line (a few words), does not end like a sentence, and is followed by a real paragraph. A first line of that
shape opens the first section; it is not taken for the article's title, which a text does not promise to carry.
"""

from __future__ import annotations

from volg.errors import InputError
from volg.models import Section

MAX_TEXT_CHARS = 300_000
"""A longer text is refused, not cleaned: a long read has some 50,000 characters, and cleaning costs up to 10 µs a
character (half a million one-letter lines took 6 s), so no text holds the writer for more than a few seconds."""
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
_SENTENCE_END = (".", "!", "?", ":", ";", ",", '"', "'", "”", "’", "»", "…", ")")


def clean_line(text: str) -> str:
    """Collapse every run of whitespace (including non-breaking and zero-width spaces) to one space. (str.split
    splits at the characters `\\s` matches, and is several times quicker than a substitution.)"""
    return " ".join(text.replace("\u200b", "").replace("\ufeff", "").split())


def looks_like_heading(line: str) -> bool:
    """Short, starts like a title (not lower case) and does not end like a sentence."""
    if len(line) > MAX_HEADING_CHARS or len(line.split()) > MAX_HEADING_WORDS:
        return False
    if line.endswith(_SENTENCE_END) or line[:1].islower():
        return False
    return any(ch.isalpha() for ch in line)


def _is_paragraph_after(line: str, heading: str) -> bool:
    """Whether `line` reads as body text under `heading`: longer, and a sentence or more."""
    return len(line) > len(heading) and not looks_like_heading(line)


def check_length(chars: int) -> None:
    """Raises InputError for an article's text of more than MAX_TEXT_CHARS characters."""
    if chars > MAX_TEXT_CHARS:
        raise InputError(f"text too long to be an article ({chars:,} characters, at most {MAX_TEXT_CHARS:,})")


def sections_from_text(text: str) -> tuple[Section, ...]:
    """Split plain text into sections; lines are paragraphs, blank lines are ignored. Raises InputError for a text
    longer than MAX_TEXT_CHARS."""
    check_length(len(text))
    lines = [line for line in map(clean_line, text.splitlines()) if line]
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[str] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if following is not None and looks_like_heading(line) and _is_paragraph_after(following, line):
            if heading is not None or paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = line, []
        else:
            paragraphs.append(line)
    if heading is not None or paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)
