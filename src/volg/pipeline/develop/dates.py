"""The calendar days a text refers to ("March 20, 2003", "20 maart", "on Tuesday", "yesterday"), resolved against
its publication day: how the timeline benchmark reads which day a sentence is about."""

from __future__ import annotations

import re
from datetime import date, timedelta

from volg.folding import fold

_MONTH_NUMBERS = {
    **dict(zip("january february march april may june july august september october november december".split(),
               range(1, 13), strict=True)),
    **dict(zip("januari februari maart april mei juni juli augustus september oktober november december".split(),
               range(1, 13), strict=True)),
    **dict(zip("januar februar marz april mai juni juli august september oktober november dezember".split(),
               range(1, 13), strict=True)),
    **dict(zip("janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre".split(),
               range(1, 13), strict=True)),
    **dict(zip("jan feb mar apr jun jul aug sep sept oct nov dec mrt okt dez".split(),
               (1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12, 3, 10, 12), strict=True)),
    "märz": 3, "février": 2, "août": 8, "décembre": 12,
}  # fmt: skip
_WEEKDAYS = {
    **dict(zip("monday tuesday wednesday thursday friday saturday sunday".split(), range(7), strict=True)),
    **dict(zip("maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split(), range(7), strict=True)),
    **dict(zip("montag dienstag mittwoch donnerstag freitag samstag sonntag".split(), range(7), strict=True)),
    **dict(zip("lundi mardi mercredi jeudi vendredi samedi dimanche".split(), range(7), strict=True)),
}  # fmt: skip
_RELATIVE = {"yesterday": -1, "gisteren": -1, "gestern": -1, "today": 0, "vandaag": 0, "heute": 0,
             "aujourd'hui": 0, "tonight": 0, "vanavond": 0, "tomorrow": 1, "demain": 1}  # fmt: skip
"""Words for a day relative to publication; ambiguous ones are left out ("morgen" is also morning, "hier" here)."""
_MONTH_ALT = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    r"(?i)"
    rf"\b(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th|e|er|\.)?\s+(?:of\s+)?(?P<m1>{_MONTH_ALT})\.?(?:\s*,?\s*(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<m2>{_MONTH_ALT})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:\s*,?\s*(?P<y2>(?:19|20)\d\d))?)\b"
)
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})
"""English month names that are also common words: they count only capitalised."""
_DAY_WORD = re.compile(r"\b(?P<word>" + "|".join((*_WEEKDAYS, *_RELATIVE)) + r")\b")


def mentioned_dates(text: str, published: date) -> list[date]:
    """The calendar days a text refers to, resolved against its publication day, in text order (repeats kept).

    Explicit dates ("March 20, 2003", "20 maart", "Dec. 5") take the stated year, or else the year that puts them
    nearest to the publication day; a weekday ("on Tuesday") is the latest such day up to the publication day;
    "yesterday", "today", "tomorrow" are relative to it. Numbers that are no day of their month are skipped.
    "May" and "March" count only capitalised (may the verb, march the noun)."""
    found: list[tuple[int, date]] = []
    for match in _DAY_MONTH.finditer(text):
        written = match.group("m1") or match.group("m2")
        month_word = fold(written)
        if month_word in _AMBIGUOUS_MONTHS and not written[0].isupper():
            continue
        day = int(match.group("d1") or match.group("d2"))
        year_text = match.group("y1") or match.group("y2")
        month = _MONTH_NUMBERS[month_word]
        resolved = _resolve(int(year_text) if year_text else None, month, day, published)
        if resolved is not None:
            found.append((match.start(), resolved))
    for match in _DAY_WORD.finditer(fold(text)):
        word = match.group("word")
        if word in _RELATIVE:
            found.append((match.start(), published + timedelta(days=_RELATIVE[word])))
        else:
            back = (published.weekday() - _WEEKDAYS[word]) % 7
            found.append((match.start(), published - timedelta(days=back)))
    return [day for _, day in sorted(found)]


def _resolve(year: int | None, month: int, day: int, published: date) -> date | None:
    if not 1 <= day <= 31:
        return None
    candidates = [year] if year is not None else [published.year - 1, published.year, published.year + 1]
    best: date | None = None
    for y in candidates:
        try:
            when = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((when - published).days) < abs((best - published).days):
            best = when
    return best
