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
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


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
    import numpy as np  # here, like datasketch below: storage imports this module, reading needs neither

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
    import numpy as np
    from datasketch import MinHash  # here: datasketch imports scipy (~0.4 s), which only fingerprinting needs

    shingles = {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=_SEED)
    minhash.update_batch(list(shingles))
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def _bands(signature: np.ndarray) -> tuple[int, ...]:
    """One 63-bit key per band (band number folded in), to look up candidates in an index."""
    keys = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big") * 8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return tuple(keys)
