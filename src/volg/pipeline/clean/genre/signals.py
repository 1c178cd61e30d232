"""What the genre's modules pass on: a `Signal` (one sign of a genre, as strong as where it was found), and the
`Genre` that `classify_genre` makes of the signs."""

from __future__ import annotations

from dataclasses import dataclass

HINT, URL, TITLE, FORMAT, EDGE, WEAK = range(6)  # how strong a signal is, strongest first


@dataclass(frozen=True)
class Genre:
    """An article's genre (one of GENRES) and the short human-readable evidence that decided it."""

    label: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Signal:
    """One sign of a genre, as strong as where it was found."""

    label: str
    strength: int  # HINT (strongest) .. WEAK
    evidence: str
    decisive: bool = False  # a weak signal that decides alone (a strong first-person voice)
