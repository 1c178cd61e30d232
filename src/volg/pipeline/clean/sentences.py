"""Sentence splitting: blingfire's fast splitter, then a repair pass for abbreviations it breaks on.

blingfire already keeps most abbreviations together ("o.a.", "mln.", "prof. dr."), but it splits after an
abbreviation that opens a sentence ("Dhr. Jansen ...") or precedes a capitalised word ("bijv. Nederlandse"), and
after German ordinals ("am 3. Oktober"). The repair pass glues such pieces back on.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

ANY_LANGUAGE = "*"
"""Pass as `language` to protect the abbreviations of every language volg knows (used where no language is known)."""

_COMMON = set("ca dr drs prof mr mrs ms st nr vs etc jr sr ir ing".split())
_ABBREVIATIONS: dict[str, set[str]] = {
    "nl": set(
        "dhr mevr mw o.a mln mld mrd bijv bv m.b.t t.o.v i.p.v a.s j.l blz pag z.g zgn e.a e.d m.n n.a.v d.w.z "
        "m.u.v i.v.m p.c adv gem resp incl excl max min ong vnl wo ds kol gen lt burg weth".split()
    ),
    "en": set(
        "mr mrs gen col lt sgt capt gov sen rep rev inc corp ltd e.g i.e approx dept est u.s u.k jan feb aug sept "
        "oct nov dec".split()
    ),
    "de": set("z.b bzw usw vgl ggf u.a d.h hr fr mio mrd ca evtl inkl bspw".split()),
    "fr": set("mm mme mlle av bd env p.ex cf".split()),
    "es": set("sr sra srta dña p.ej aprox uu ee.uu núm".split()),
    "it": set("sig sig.ra dott ing avv ecc p.es pag".split()),
}
_GERMAN_MONTHS = tuple("Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split())
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,2}\.$")
_TAIL_CHARS = 64
"""What `_glued` reads of the end of a sentence: enough for any abbreviation or ordinal, and a search in a few
characters costs nothing, where a search in a 200,000-character run without spaces took minutes (quadratic)."""


def _abbreviations(language: str) -> frozenset[str]:
    if language == ANY_LANGUAGE:
        return _ALL
    return frozenset(_COMMON | _ABBREVIATIONS.get(language, set()))


_ALL = frozenset(_COMMON.union(*_ABBREVIATIONS.values()))


def _glued(piece: str, following: str, abbreviations: frozenset[str], language: str) -> bool:
    """Whether `piece` wrongly ends a sentence that continues in `following`."""
    piece = piece[-_TAIL_CHARS:]
    if following[:1].islower():
        return True
    # its last word, without the full stop that ends it: no regular expression, a tenth of the time
    if piece.endswith(".") and piece.rsplit(None, 1)[-1][:-1].casefold().lstrip("(\"'") in abbreviations:
        return True
    return (
        language in ("de", ANY_LANGUAGE) and following.startswith(_GERMAN_MONTHS) and bool(_ORDINAL_END.search(piece))
    )


class _Splitter(threading.local):
    """blingfire's TextToSentences called as blingfire.text_to_sentences calls it, into an output buffer kept from
    call to call (one per thread) instead of a new one each time: text_to_sentences makes a ctypes buffer type and a
    zeroed buffer per call, a third of its time on a paragraph. The buffer is zeroed before each call and is a byte
    longer than the size the call is told, so reading it up to its first NUL gives what `.value` of a new buffer
    gave."""

    def __init__(self) -> None:
        import ctypes

        import blingfire  # here: it imports numpy (~0.1 s), which commands that split no text need not pay

        self.ctypes, self.library = ctypes, blingfire.blingfire
        self.buffer: Any = ctypes.create_string_buffer(4096)

    def __call__(self, text: str) -> str:
        ctypes = self.ctypes
        encoded = text.encode("utf-8")
        size = 2 * len(encoded)  # what text_to_sentences allows for the output
        if size + 1 > len(self.buffer):
            self.buffer = ctypes.create_string_buffer(max(size + 1, 2 * len(self.buffer)))
        buffer = self.buffer
        ctypes.memset(buffer, 0, size + 1)
        written = self.library.TextToSentences(ctypes.c_char_p(encoded), ctypes.c_int(len(encoded)),
                                               ctypes.byref(buffer), ctypes.c_int(size))
        if written == -1 or written > size:
            return ""
        return ctypes.string_at(buffer).decode("utf-8")


@cache
def _splitter() -> _Splitter:
    return _Splitter()


def split_sentences(text: str, language: str) -> list[str]:
    """Split `text` into sentences; `language` is an ISO 639-1 code (or ANY_LANGUAGE) choosing abbreviations."""
    text = text.strip()
    if not text:
        return []
    pieces = [p for p in _splitter()(text).split("\n") if p.strip()]
    abbreviations = _abbreviations(language)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _glued(sentences[-1], piece, abbreviations, language):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


LEDE_SENTENCES = 2
"""A lede is this many sentences: what a reader skims before deciding what an article is about."""


def lede(paragraphs: tuple[str, ...] | list[str], language: str) -> str:
    """The first sentences of a text: its lede. Not simply the first paragraph, which in a feed or an archive without
    paragraph breaks is the whole article."""
    first = next((p for p in paragraphs if p.strip()), "")
    return " ".join(split_sentences(first, language)[:LEDE_SENTENCES]) or first
