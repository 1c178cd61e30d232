"""Accent and case folding at C speed, for every module that compares words without their accents."""

from __future__ import annotations

import unicodedata


class _Marks(dict[int, int | None]):
    """A `str.translate` table that drops combining marks, filled as characters are met (C-speed once seen)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def unaccented(text: str) -> str:
    """`text` decomposed (NFKD) without combining marks: ï → i, é → e, ã → a."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_MARKS)


def fold(text: str) -> str:
    """Case-folded, accents removed: Oekraïne → oekraine."""
    return unaccented(text.casefold())
