"""Readers' letters: signed with the writer's name and town ("Jan de Vries, Utrecht"), at a sentence's end or on
two lines of their own; two signatures make a letters page."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from volg.pipeline.clean.genre.reading import FULL_NAME, PARTICLES, UP
from volg.pipeline.clean.genre.signals import FORMAT, WEAK, Signal

_NAME = rf"(?:[{UP}]\.\s?){{0,3}}[{UP}][\w'’-]*(?:\s(?:{PARTICLES}|[{UP}][\w'’.-]*)){{0,4}}"
_TOWN = (  # Utrecht, Bergen op Zoom, 's-Hertogenbosch, Stratford-upon-Avon
    rf"(?:'s[- ])?[{UP}][a-zà-ÿ'’-]+"
    rf"(?:[\s-](?:aan|op|in|bij|de|den|der|am|an|upon|on|sur|la|le|[{UP}][\w'’-]*)){{0,3}}"
)
_SIGNED = (  # "Jan de Vries, Utrecht.", "P. Bakker, arts, Genemuiden", "Els Groen, Kampen (82)"
    rf"({_NAME}),\s(?:[\w'’.-]+(?:\s[\w'’.-]+){{0,3}},\s)?({_TOWN})"
    rf"(?:,\s[\w'’ -]{{1,40}})?(?:\s\([^)]{{1,120}}\))?\.?(?=$|\s[{UP}'‘\"“])"
)
_SIGNATURE = re.compile(rf"[.!?'’\"”)]\s{_SIGNED}")  # after a sentence: the letter's last line
_SIGNATURE_FIRST = re.compile(_SIGNED)  # opening a paragraph
_BARE_SIGNATURE = re.compile(rf"(?<=[.!?'’\"”])\s({FULL_NAME})\s({_TOWN})$")


def from_signatures(paragraphs: Sequence[str]) -> Iterator[Signal]:
    """Readers' letters end with the writer's name and town: "Jan de Vries, Utrecht", inline or on two lines."""
    last = len(paragraphs) - 1
    signed = [  # (signature, whether it ends the text)
        (f"{m.group(1)}, {m.group(2)}", n == last and m.end() >= len(p.rstrip()))
        for n, p in enumerate(paragraphs)
        for m in (_SIGNATURE_FIRST.match(p), *_SIGNATURE.finditer(p))
        if m
    ]
    signed += [
        (f"{paragraphs[n]}, {paragraphs[n + 1]}", n + 1 == last)
        for n in range(last)
        if _signature_lines(paragraphs[n], paragraphs[n + 1])
    ]
    if len(signed) >= 2:
        yield Signal("letters", FORMAT, f"letters: {len(signed)} signatures (name, town)")
    elif signed and signed[0][1]:
        yield Signal("letters", FORMAT, f"signed like a letter ('{signed[0][0]}')")
    elif bare := _BARE_SIGNATURE.search(paragraphs[-1][-120:]):
        yield Signal("letters", WEAK, f"signed like a letter ('{bare.group(0).strip()}')")


def _signature_lines(name: str, town: str) -> bool:
    """A name on one line and a town on the next, as letters pages print them."""
    return bool(re.fullmatch(FULL_NAME, name) and re.fullmatch(_TOWN, town))
