"""A deterministic mutator of feeds, pages, JSON Lines, OPML and text files, for the fuzz test (test_fuzz.py).

`mutant(kind, seed, number)` returns the same bytes for the same arguments on every machine and Python version
(`random.Random` seeded with a string is stable), with a description of the mutations applied, so a failing file
can be rebuilt from what the test prints: `mutant("rss", 0, 1234)`.

Each mutant is one of the seed files of tests/data/fuzz with one to three mutations stacked: byte flips, a
truncation, a duplicated span, line endings mixed, a BOM, the whole file in UTF-16 or gzip, and hostile snippets
inserted at a random byte or right after a tag or a JSON key (a declared charset that is no text encoding, entities
of no character, lone surrogates, broken and un-encodable URLs, huge numbers and times out of range, deep nesting,
huge runs of text and attributes, NUL bytes, U+2028 in JSON strings).
"""

from __future__ import annotations

import codecs
import gzip
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "fuzz"
KINDS = {"rss": "feed.rss", "atom": "feed.atom", "html": "article.html", "jsonl": "articles.jsonl",
         "opml": "sources.opml", "text": "article.txt"}
"""Kind of input → its seed file in tests/data/fuzz (the suffix is kept: `volg ingest` reads names too)."""

CHARSETS = ("quopri", "idna", "rot13", "base64", "uu", "zlib", "hex", "bz2", "punycode", "utf-7", "utf-32",
            "unicode_escape", "raw_unicode_escape", "undefined", "mbcs", "utf-16", "cp037", "x-no-such-charset")
"""Declared charsets that are no (ASCII-compatible) text encoding, or none at all."""

BAD_HOSTS = (
    "http://[::1/x", "http://[::1]:99999/x", "http://xn--ls8h-/x", "http://xn--zz.example/x",
    "http://" + "ü" * 70 + ".example/x", "http://a..b.example/x", "http://exa\uff0fmple.com/x",
    "http://ex\u2100ample.com/x", "http://\udcff.example/x", "http://xn--/x", "http://.example/x",
    "http://user@[fe80::1%25eth0]/x", "http://%zz.example/x", "http://\u0000.example/x", "https://",
    "http://ﬀ.example/" + "a" * 3000, "javascript:alert(1)", "http://example.com:-1/x",
)
"""URLs whose host cannot be parsed, IDNA-encoded (punycode fails, labels too long) or resolved."""

TIMES = ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "0000-00-00T00:00:00Z", "2026-13-45T25:61:61Z",
         "Mon, 01 Jan 0001 00:00:00 +0100", "Fri, 31 Dec 9999 23:59:59 -0100", "-1", "1e400", "9" * 30)


def _long_digits(rng: random.Random) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(4999))


def _snippets() -> dict[str, Callable[[random.Random], bytes]]:
    """Name → a function of the rng making that hostile snippet (raw bytes, inserted as they are)."""
    surrogate = "\ud800".encode("utf-8", "surrogatepass")
    return {
        "xml-charset": lambda r: f'<?xml version="1.0" encoding="{r.choice(CHARSETS)}"?>'.encode(),
        "meta-charset": lambda r: f'<meta charset="{r.choice(CHARSETS)}">'.encode(),
        "meta-http-equiv": lambda r: ('<meta http-equiv="Content-Type" '
                                      f'content="text/html; charset={r.choice(CHARSETS)}">').encode(),
        "bad-entities": lambda r: r.choice((b"&#xD800;", b"&#x110000;", b"&#0;", b"&#99999999999999999999;",
                                            b"&#xDFFF;&#xD800;", b"&#x1F;", b"&#xFFFE;", b"&nosuch;")),
        "lone-surrogate": lambda r: r.choice((surrogate, b"\xed\xbf\xbf", b'\\ud800', b'\\udfff\\ud800')),
        "bad-link": lambda r: f"<link>{r.choice(BAD_HOSTS)}</link>".encode("utf-8", "surrogatepass"),
        "bad-href": lambda r: (f'<a href="{r.choice(BAD_HOSTS)}">x</a>'
                               f'<link rel="canonical" href="{r.choice(BAD_HOSTS)}">').encode("utf-8", "surrogatepass"),
        "bad-atom-link": lambda r: f'<link href="{r.choice(BAD_HOSTS)}"/>'.encode("utf-8", "surrogatepass"),
        "bad-url": lambda r: r.choice(BAD_HOSTS).encode("utf-8", "surrogatepass"),
        "bad-outline": lambda r: f'<outline type="rss" text="x" xmlUrl="{r.choice(BAD_HOSTS)}"/>'
                                 .encode("utf-8", "surrogatepass"),
        "long-number": lambda r: _long_digits(r).encode(),
        "brackets": lambda r: r.choice((b"[", b"{\"a\":")) * 100_000,
        "deep-divs": lambda r: b"<div>" * 20_000 + b"x" + r.choice((b"", b"</div>" * 20_000)),
        "deep-xml": lambda r: b"<a>" * 20_000,
        "no-spaces": lambda r: (r.choice(("x", "é", "ab1", "中", "-", ".")) * 200_000).encode(),
        "many-elements": lambda r: b"<p>a</p>" * r.choice((50_000, 400_000)),
        "time": lambda r: r.choice(TIMES).encode(),
        "pubdate": lambda r: f"<pubDate>{r.choice(TIMES)}</pubDate><published>{r.choice(TIMES)}</published>"
                             .encode(),
        "meta-time": lambda r: f'<meta property="article:published_time" content="{r.choice(TIMES)}">'.encode(),
        "u2028": lambda r: r.choice(("\u2028", "\u2029", "\x85", "\u2028\n")).encode(),
        "nul": lambda r: b"\x00" * r.choice((1, 3, 5000)),
        "bom": lambda r: r.choice((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)),
        "huge-attribute": lambda r: b'<p title="' + b"a" * r.choice((100_000, 1_000_000)) + b'">x</p>',
        "cdata": lambda r: r.choice((b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
                                     b"<!ENTITY % p SYSTEM 'file:///etc/passwd'>")),
        "json-value": lambda r: r.choice((b'"published_at": "0001-01-01T00:00:00+01:00", ',
                                          b'"published_at": "9999-12-31T23:59:59-01:00", ',
                                          b'"url": "http://[::1/x", ', b'"id": ' + _long_digits(r).encode() + b", ",
                                          b'"title": ["a", {"b": 1}], ', b'"categories": [[[]]], ',
                                          b'"text": "a\\u0000b\\ud800", ', b'"language": "\\udfff", ',
                                          b'"published_at": 1e999, ')),
        "control": lambda r: bytes(r.choice(range(1, 32)) for _ in range(r.randint(1, 40))),
        "high-bytes": lambda r: bytes(r.randint(0x80, 0xFF) for _ in range(r.randint(1, 200))),
    }


SNIPPETS = _snippets()


@dataclass(frozen=True)
class Mutant:
    kind: str
    seed: int
    number: int
    name: str
    """A file name with the seed file's suffix, e.g. fuzz-rss-0-1234.rss."""
    content: bytes
    mutations: tuple[str, ...]

    def describe(self) -> str:
        return (f"{self.name} (kind {self.kind}, seed {self.seed}, number {self.number}; "
                f"{', '.join(self.mutations)}; {len(self.content):,} bytes)")


def seed_bytes(kind: str) -> bytes:
    return (CORPUS / KINDS[kind]).read_bytes()


_ANCHORS = re.compile(rb'>|": ?"?|="')


def _position(data: bytes, rng: random.Random) -> int:
    """A random byte, or right after a tag's end, a JSON key or an attribute's opening quote."""
    if data and rng.random() < 0.6:
        anchors = [m.end() for m in _ANCHORS.finditer(data)]
        if anchors:
            return rng.choice(anchors)
    return rng.randint(0, len(data))


def _mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One mutation of `data`, and how to name it."""
    choice = rng.choices(("flip", "truncate", "duplicate", "insert", "line-endings", "utf16", "gzip", "replace"),
                         weights=(14, 8, 8, 50, 5, 3, 3, 9))[0]
    if choice == "flip" and data:
        out = bytearray(data)
        positions = [rng.randrange(len(out)) for _ in range(rng.randint(1, 16))]
        for at in positions:
            out[at] ^= 1 << rng.randrange(8) if rng.random() < 0.7 else rng.randrange(256)
        return bytes(out), f"flip({len(positions)})"
    if choice == "truncate" and data:
        at = rng.randrange(len(data))
        return data[:at], f"truncate@{at}"
    if choice == "duplicate" and data:
        start = rng.randrange(len(data))
        end = min(len(data), start + rng.randint(1, 4096))
        times = rng.choice((1, 2, 50, 2000))
        at = rng.randint(0, len(data))
        return data[:at] + data[start:end] * times + data[at:], f"duplicate[{start}:{end}]x{times}@{at}"
    if choice == "line-endings":
        breaks = (b"\n", b"\r\n", b"\r", b"\n\r", b"\x85", b"\xe2\x80\xa8")
        mixed = re.sub(rb"\r?\n", lambda _: rng.choice(breaks), data)
        return mixed, "line-endings"
    if choice == "utf16":
        try:
            return data.decode("utf-8").encode(rng.choice(("utf-16", "utf-16-le", "utf-16-be"))), "utf16"
        except UnicodeDecodeError:
            return data.decode("latin-1").encode("utf-16"), "utf16(latin-1)"
    if choice == "gzip":
        packed = gzip.compress(data, mtime=0)
        if rng.random() < 0.4:
            at = rng.randrange(len(packed))
            return packed[:at], f"gzip-truncated@{at}"
        return packed, "gzip"
    if choice == "replace":
        # a field value, attribute value or tag text swapped for a hostile one
        spans = [m.span(1) for m in re.finditer(rb'(?:": "|="|>)([^"<]{1,300})', data)]
        if spans:
            start, end = rng.choice(spans)
            name = rng.choice(("bad-url", "time", "long-number", "lone-surrogate", "bad-entities", "u2028",
                               "no-spaces"))
            return data[:start] + SNIPPETS[name](rng) + data[end:], f"replace({name})@{start}"
    name = rng.choice(sorted(SNIPPETS))
    at = _position(data, rng)
    return data[:at] + SNIPPETS[name](rng) + data[at:], f"insert({name})@{at}"


def mutant(kind: str, seed: int, number: int) -> Mutant:
    """Mutant `number` of the seed file of `kind`, under the run's `seed`."""
    rng = random.Random(f"volg-fuzz:{kind}:{seed}:{number}")
    data = seed_bytes(kind)
    mutations: list[str] = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        data, done = _mutate(data, rng)
        mutations.append(done)
    suffix = Path(KINDS[kind]).suffix
    return Mutant(kind, seed, number, f"fuzz-{kind}-{seed}-{number}{suffix}", data, tuple(mutations))
