"""Bytes → text, the way a forgiving browser would, but refusing what is not text at all.

Order of evidence: a byte-order mark; valid UTF-8 (strong evidence, whatever a header claims); the declared
charset (HTTP header, `<meta charset>`, `<?xml encoding>`); finally cp1252, which browsers use for latin-1 too.
"""

from __future__ import annotations

import codecs
import re
import zlib

from volg.errors import InputError

GZIP_MAGIC = b"\x1f\x8b"
MAX_DECOMPRESSED = 50_000_000

_DECLARED = re.compile(rb"""(?:<meta[^>]+charset=|<\?xml[^>]+encoding=)["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTROL = bytes([*range(0, 9), 11, 12, *range(14, 32)])
_NOT_CHARSETS = frozenset({"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "utf-7"})
"""Python text codecs that no page is written in: a declared one fails on ordinary bytes or makes lone surrogates
(which no database stores). Like a bytes-to-bytes codec (base64, quopri, rot13), it is taken for no charset."""


def gunzip(content: bytes, origin: str, limit: int = MAX_DECOMPRESSED) -> bytes:
    """Decompress gzip data, refusing archives that expand past `limit` bytes (a zip bomb)."""
    decompressor = zlib.decompressobj(wbits=31)
    try:
        out = decompressor.decompress(content, limit + 1)
    except zlib.error as exc:
        raise InputError(f"{origin}: broken gzip data ({exc})") from None
    if len(out) > limit:
        raise InputError(f"{origin}: gzip data expands past {limit} bytes")
    return out


def declared_charset(content: bytes) -> str | None:
    """The charset a document declares about itself in its first bytes, if any."""
    match = _DECLARED.search(content[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    found = info.name
    if not getattr(info, "_is_text_encoding", True) or found in _NOT_CHARSETS:
        return None
    # Browsers read latin-1 as cp1252: the declared latin-1 of real pages usually carries cp1252 quotes.
    return "cp1252" if found in {"latin-1", "iso8859-1", "ascii"} else found


def decode_bytes(content: bytes, origin: str, declared: str | None = None) -> str:
    """Decode `content` to text. Raises InputError for empty or binary input."""
    if content[:2] == GZIP_MAGIC:
        content = gunzip(content, origin)
    if content.startswith(codecs.BOM_UTF8):
        text = content[3:].decode("utf-8", errors="replace")
    elif content[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        text = content.decode("utf-16", errors="replace")
    else:
        _refuse_binary(content, origin)
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            codec = _codec(declared) or _codec(declared_charset(content))
            if codec in (None, "utf-8"):
                codec = "cp1252"
            try:
                text = content.decode(codec, errors="replace")
            except (LookupError, UnicodeError):  # a codec that fails on these bytes after all
                text = content.decode("cp1252", errors="replace")
    if not text.strip():
        raise InputError(f"{origin}: empty input")
    return text.replace("\x00", "\ufffd")  # past the first 8 KB a NUL is no sign of binary data; PostgreSQL refuses it


def _refuse_binary(content: bytes, origin: str) -> None:
    head = content[:8192]
    if not head.strip():
        raise InputError(f"{origin}: empty input")
    controls = len(head) - len(head.translate(None, _CONTROL))  # counted in C
    if b"\x00" in head or controls > len(head) // 100 + 2:
        raise InputError(f"{origin}: binary data, not text")

