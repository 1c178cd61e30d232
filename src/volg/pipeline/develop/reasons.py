"""The reasons of a development's importance as messages: a key, the count its wording agrees with, the words from
the news it quotes, and the reasons within it; written in English for storage and the API, in any of volg's
languages for a reader.

A development keeps its reasons as English text (`Development.reasons`: stored, in digests' JSON and the API), as
`importance.score` writes them with `Reason.english`. `parse` reads such a text back into a `Reason`, reasons
stored by earlier versions too; a digest then says it in the reader's language with `Reason.say`, from the
catalogues' `reason_<key>` messages (`reason_<key>_one` / `_many` where the wording agrees with a count, by the
language's plural rules; volg/i18n.py). `ENGLISH` is the one place the English wording is written: `english` and
`parse` both follow it, and English's catalogue says the same (tests/pipeline/develop/test_reasons.py,
tests/pipeline/compose/test_compose_languages.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

ENGLISH: dict[str, str] = {
    "one_outlet": "1 outlet",
    "outlets": "{n} outlets in {span}",  # n ≥ 2
    "hours_one": "{n} hour", "hours_many": "{n} hours",
    "days_one": "{n} day", "days_many": "{n} days",
    "headlines_one": "in {n} headline", "headlines_many": "in {n} headlines",
    "section": "only in a section, not a headline",
    "first_report": "first report {time}",
    "update": "update {time}",
    "names": "names {what}",
    "deaths": "deaths", "injuries": "injuries", "money": "money", "votes": "votes", "justice": "justice",
    "evacuations": "evacuations", "resignations": "resignations", "decisions": "decisions",
    "national": "national: {text}",
    "dated": "names the day",
    "follow_ups_one": "{n} follow-up", "follow_ups_many": "{n} follow-ups",
    "new": "new: {text}",
    "wire_copies_one": "{n} wire copy", "wire_copies_many": "{n} wire copies",
    "languages": "{n} languages",  # n ≥ 2
    "topic": "topic: {evidence}",
    "leads_one": "{m} of {n} lead", "leads_many": "{m} of {n} leads",
}
"""Each reason's English wording by key; `{n}` the count the wording agrees with (a `_one` and a `_many` form),
`{m}` another number, `{time}` and `{text}` words as they are, and `{span}`, `{what}`, `{evidence}` the reasons
within (`PARTS`)."""

PluralRule = Callable[[int], str]
"""A count's form in a language: n → "one" or "many" (`volg.i18n.plural`)."""

PARTS: dict[str, tuple[str | None, frozenset[str]]] = {
    "span": (None, frozenset({"hours", "days"})),
    "what": (", ", frozenset({"deaths", "injuries", "money", "votes", "justice", "evacuations", "resignations",
                              "decisions"})),
    "evidence": ("; ", frozenset({"headlines", "leads"})),
}
"""A placeholder for reasons within a reason: what joins them (None: it holds one), and the keys they may have."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Reason:
    """One reason: `key` names its wording (`ENGLISH`, the catalogues' `reason_<key>`), `n` the count it agrees
    with, `m` another number, `text` words it quotes as they are (what is new, the time of the first report as
    written), `parts` the reasons within it."""

    key: str
    n: int | None = None
    m: int | None = None
    text: str = ""
    parts: tuple[Reason, ...] = ()

    @property
    def english(self) -> str:
        """The reason as a development keeps it: "3 outlets in 2 hours"."""
        return self.say(ENGLISH, lambda n: "one" if n == 1 else "many")

    def say(self, words: Mapping[str, str], plural: PluralRule, *, time: str | None = None) -> str:
        """The reason in `words` (a language's messages, keys as in `ENGLISH` or with "reason_" before them),
        its form for `n` picked by `plural` ("one" or "many"); `time` in place of the time as written."""
        counted = self.n is not None and f"{self.key}_one" in ENGLISH
        template = _template(words, self.key, plural(self.n) if counted and self.n is not None else None)

        def fill(match: re.Match[str]) -> str:
            name = match[1]
            if name in PARTS:
                return (PARTS[name][0] or "").join(part.say(words, plural, time=time) for part in self.parts)
            if name == "n" or name == "m":
                return str(getattr(self, name))
            return time if name == "time" and time is not None else self.text

        return _PLACEHOLDER.sub(fill, template)


def _template(words: Mapping[str, str], key: str, form: str | None) -> str:
    name = key if form is None else f"{key}_{form}"
    return words.get(f"reason_{name}") or words.get(name) or ENGLISH[name]


def parse(text: str) -> Reason | None:
    """The reason an English reason text says ("in 2 headlines" → Reason("headlines", 2)); None for a text that
    is not one of `ENGLISH`'s."""
    return _parse(text, None)


def _parse(text: str, keys: frozenset[str] | None) -> Reason | None:
    for key, form, pattern, names in _PATTERNS:
        if keys is not None and key not in keys:
            continue
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = match.groupdict()
        n = int(values["n"]) if values.get("n") is not None else None
        if form is not None and n is not None and (form == "one") != (n == 1):
            continue
        parts: tuple[Reason, ...] = ()
        for name in names:
            joiner, allowed = PARTS[name]
            pieces = [values[name]] if joiner is None else values[name].split(joiner)
            found = [_parse(piece, allowed) for piece in pieces]
            if not all(found):
                break
            parts += tuple(part for part in found if part is not None)
        else:
            return Reason(key, n, int(values["m"]) if values.get("m") is not None else None,
                          values.get("text") or values.get("time") or "", parts)
    return None


def _patterns() -> Iterable[tuple[str, str | None, re.Pattern[str], tuple[str, ...]]]:
    """For each English wording: its key, its form ("one", "many" or None), a pattern that reads it back, and the
    names of the reasons within it."""
    for name, template in ENGLISH.items():
        key, _, form = name.rpartition("_") if name.endswith(("_one", "_many")) else (name, "", "")
        pieces, names, at = [], [], 0
        for match in _PLACEHOLDER.finditer(template):
            pieces.append(re.escape(template[at:match.start()]))
            placeholder = match[1]
            pieces.append(rf"(?P<{placeholder}>\d+)" if placeholder in ("n", "m") else rf"(?P<{placeholder}>.+)")
            names += [placeholder] if placeholder in PARTS else []
            at = match.end()
        pieces.append(re.escape(template[at:]))
        yield key, form or None, re.compile("".join(pieces), re.DOTALL), tuple(names)


_PATTERNS = tuple(_patterns())

MESSAGES = frozenset(f"reason_{name}" for name in ENGLISH)
"""The catalogues' keys for the reasons: "reason_" and a key of `ENGLISH`."""
