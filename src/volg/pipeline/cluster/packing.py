"""Compact JSON values for the clusterer's saved state (`assign.story_row`, `frequencies.DocumentFrequencies.changes`).

A save writes every story a passage changed, so what it costs to write a story matters. Written as plain JSON, most
of that cost is turning each weight into its decimal text (and back when read). Here a list of strings goes as one
string (`joined`) and a list of floats as the base64 of their IEEE doubles (`packed`): exact, about three times
cheaper to write than a JSON object of the same weights, and cheaper to read.
"""

from __future__ import annotations

import base64
import sys
from array import array
from collections.abc import Collection, Iterable

__all__ = ["SEPARATOR", "joined", "packed", "split", "unpacked"]

SEPARATOR = "\n"


def joined(texts: Collection[str]) -> str | list[str]:
    """The texts as one string that `split` reads back; as a list when one holds the separator (or there are none),
    which the count of separators tells, in C."""
    text = SEPARATOR.join(texts)
    return text if texts and text.count(SEPARATOR) == len(texts) - 1 else list(texts)


def split(texts: str | list[str]) -> list[str]:
    return texts.split(SEPARATOR) if isinstance(texts, str) else list(texts)


def packed(numbers: Iterable[float]) -> str:
    """The numbers as base64 of little-endian IEEE doubles (`unpacked` reads them, exactly)."""
    values = array("d", numbers)
    if sys.byteorder == "big":
        values.byteswap()
    return base64.b64encode(values.tobytes()).decode("ascii")


def unpacked(text: str) -> array[float]:
    values = array("d", base64.b64decode(text, validate=True))
    if sys.byteorder == "big":
        values.byteswap()
    return values
