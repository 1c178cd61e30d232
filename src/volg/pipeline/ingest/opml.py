"""OPML subscription lists in and out, so readers can move their sources between volg and feed readers.

OPML files come from users, so the reader refuses any DOCTYPE: no entity can expand (billion laughs) and no
external file or URL can be pulled in. Real OPML files have no DOCTYPE.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit
from xml.parsers import expat
from xml.sax.saxutils import escape

from volg.errors import InputError
from volg.models import Source
from volg.pipeline.ingest.guard import one_line

_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTRIBUTE_ESCAPES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


class _Refused(Exception):
    """Raised from inside expat's callbacks to stop parsing."""


def read_opml(content: bytes, origin: str) -> list[tuple[str, str | None]]:
    """(xmlUrl, title) of every outline with an xmlUrl, nested ones included, in document order."""
    found: list[tuple[str, str | None]] = []
    root: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if not root:
            root.append(name)
            if name.lower() != "opml":
                raise _Refused(f"root element is <{name}>, not <opml>")
        if name.lower() != "outline":
            return
        lowered = {key.lower(): value for key, value in attributes.items()}
        url = lowered.get("xmlurl", "").strip()
        try:
            urlsplit(url)
        except ValueError as exc:  # http://[::1/x, a host with a character NFKC makes into '/'
            raise _Refused(f"the xmlUrl {url[:200]!r} is no URL ({exc})") from None
        if url:
            found.append((url, (lowered.get("title") or lowered.get("text") or "").strip() or None))

    def refuse_doctype(*_: object) -> None:
        raise _Refused("DOCTYPE and entity declarations are not allowed")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    try:
        parser.Parse(content, True)
    except (_Refused, expat.ExpatError) as exc:
        raise InputError(f"{origin}: not OPML ({one_line(exc)})") from None
    except (LookupError, ValueError) as exc:  # the XML declaration names an encoding expat cannot use
        raise InputError(f"{origin}: not OPML ({type(exc).__name__}: {one_line(exc)})") from None
    return found


def write_opml(sources: Sequence[Source], title: str = "volg sources") -> str:
    """An OPML 2.0 document listing `sources` as RSS outlines."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{_escape(title)}</title></head>", "  <body>"]
    for source in sources:
        name = _attribute(source.name)
        lines.append(f'    <outline type="rss" text={name} title={name} xmlUrl={_attribute(source.url)}/>')
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _escape(text: str, entities: dict[str, str] | None = None) -> str:
    """XML-escaped text, without the control characters XML 1.0 cannot carry at all."""
    return escape(_NOT_XML_CHARS.sub("", text), entities or {})


def _attribute(text: str) -> str:
    return '"' + _escape(text, _ATTRIBUTE_ESCAPES) + '"'
