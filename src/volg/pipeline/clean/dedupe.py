"""Fingerprints and the dedupe decision: is this article new, a duplicate, an update, or a wire copy?

- Same canonical URL: the same article. Unchanged text and title → duplicate; changed → an updated version.
- Same normalised body at another URL → duplicate of the stored article (its sighting is still recorded).
- Near-copy (MinHash Jaccard estimate ≥ NEAR_COPY) from another URL → a new article linked to the original.

Near-copies are found through locality-sensitive hashing: the MinHash signature is cut into bands, and only
articles that share a band are compared, so the work per article does not grow with the archive.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from volg.folding import fold
from volg.models import CleanArticle, Status

if TYPE_CHECKING:
    import numpy as np

PERMUTATIONS = 128
BANDS = 32  # 32 bands of 4 rows: pairs with Jaccard ≥ 0.5 share a band with probability > 0.87
ROWS = PERMUTATIONS // BANDS
NEAR_COPY = 0.6
SHINGLE = 3

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ocid|cmpid|xtor)$", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# One permutation family for every process, so stored signatures stay comparable.
_SEED = 7


@dataclass(frozen=True)
class Fingerprint:
    """What dedupe knows of an article: its canonical URL, body hash, MinHash signature and LSH bands."""

    url: str
    content_hash: str
    signature: bytes
    bands: tuple[int, ...]


@dataclass(frozen=True)
class Known:
    """A stored article as dedupe sees it."""

    id: int
    url: str
    title: str
    content_hash: str
    signature: bytes


@dataclass(frozen=True)
class Decision:
    status: Status
    article_id: int | None = None  # the stored article this one duplicates or updates
    copy_of: int | None = None  # for a new near-copy: the original it was copied from
    similarity: float = 0.0


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, fragment or tracking parameters; query sorted."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return url.strip()
    host = (parts.hostname or "").lower()
    if parts.port and (parts.scheme, parts.port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", urlencode(query), ""))


def normalised_words(text: str) -> list[str]:
    """Words without case, accents or punctuation: what 'the same content' compares."""
    return _WORD.findall(fold(text))


def fingerprint(article: CleanArticle) -> Fingerprint:
    words = normalised_words(article.body)
    content_hash = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()
    signature = _minhash(words)
    return Fingerprint(
        url=canonical_url(article.url),
        content_hash=content_hash,
        signature=signature.tobytes(),
        bands=_bands(signature),
    )


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    import numpy as np  # here: storage imports this module, reading needs no numpy

    x, y = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    return float(np.mean(x == y)) if len(x) == len(y) and len(x) else 0.0


def decide(
    article: CleanArticle,
    fp: Fingerprint,
    same_url: Known | None,
    same_content: Known | None,
    candidates: list[Known],
) -> Decision:
    """The dedupe decision, from the stored articles that share the URL, the body hash, or an LSH band."""
    if same_url is not None:
        if same_url.content_hash == fp.content_hash and same_url.title == article.title:
            return Decision(Status.DUPLICATE, article_id=same_url.id, similarity=1.0)
        return Decision(Status.UPDATED, article_id=same_url.id)
    if same_content is not None:
        return Decision(Status.DUPLICATE, article_id=same_content.id, similarity=1.0)
    best: tuple[float, int] | None = None
    for known in candidates:
        score = similarity(fp.signature, known.signature)
        if score >= NEAR_COPY and (best is None or score > best[0]):
            best = (score, known.id)
    if best is not None:
        return Decision(Status.NEW, copy_of=best[1], similarity=best[0])
    return Decision(Status.NEW)


def _minhash(words: list[str]) -> np.ndarray:
    """The MinHash signature of the word 3-shingles, exactly as datasketch 2's MinHash(128, seed=7) (scheme
    "affine32") computed it before, so stored signatures stay comparable, but in one numpy pass and without
    importing datasketch and scipy (0.5 s): each shingle's SHA-1 (its first 4 bytes, little-endian), mixed by
    MurmurHash3's finaliser, through 128 affine permutations mod 2^32; the least value of each is kept."""
    import numpy as np

    windows = zip(*(words[i:] for i in range(SHINGLE)), strict=False)  # each run of SHINGLE words
    shingles = set(map(" ".join, windows)) or {" ".join(words)}
    sha1 = hashlib.sha1
    hashes = np.frombuffer(b"".join([sha1(s.encode()).digest()[:4] for s in shingles]), dtype="<u4")
    a, b = _permutations()
    return (_fmix32(hashes)[:, None] * a + b).min(axis=0).astype(np.uint64)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The multipliers (odd) and offsets of the permutations, drawn as datasketch draws them from `_SEED`."""
    import numpy as np

    generator = np.random.RandomState(_SEED)
    a = generator.randint(0, 1 << 31, PERMUTATIONS, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    return a, generator.randint(0, 1 << 32, PERMUTATIONS, dtype=np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, element-wise (multiplication wraps around, as it should)."""
    import numpy as np

    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _bands(signature: np.ndarray) -> tuple[int, ...]:
    """One 63-bit key per band (band number folded in), to look up candidates in an index."""
    keys = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big") * 8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return tuple(keys)
