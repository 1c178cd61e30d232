"""A headline without the outlet that aggregators and some feeds glue to it ("... - Reuters", "... | The Republic").

The suffix is no part of what happened, yet it would count as a headline's own words and names everywhere after:
"Mayor says the new bridge will open in May - KXYZ Channel 4 - Reno ..." and the same headline from another station
would read as two developments, one new for "Toledo", the other for "Reno".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SEPARATOR = re.compile(r"\s+[-–—|]\s+")
_HOST = re.compile(r"\b[\w-]+\.(?:com|net|org|co|info|news|tv|[a-z]{2})\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]{3,}")
_GENERIC = frozenset("the news daily times post online magazine journal herald press media report today tribune "
                     "review world channel radio network group".split())  # fmt: skip
"""Words many outlets' names share: a suffix naming only these is not shown to be the outlet."""
_SITE_NAME = re.compile(
    r"The(?:\s[A-Z][\w&'-]*){1,2}|The\s*(?:\.\.\.|…)|[A-Z][a-z]+[A-Z][A-Za-z]+|[A-Z][a-z]*(?:"
    + "|".join(sorted(_GENERIC)) + ")"
)
"""What only names a site after a pipe, whoever's it is: "The Republic", "The ..." (cut short), a name written as
one word with a capital inside ("DailyDish") or ending in a word of outlets' names ("Huffingtonpost")."""
MAX_SUFFIX_WORDS = 8
MIN_TITLE_WORDS = 3


def without_outlet(title: str, source: str, url: str) -> str:
    """`title` without a trailing segment (after " - ", " – ", " — " or " | ") that names the outlet: a host name
    ("13abc.com"), or a name (mostly capitalised words, not a clause like "Rotterdam ligt stil") with a distinctive
    word of the source's name or of the URL's host, or the host's name written as words ("The Republic" of
    therepublic.com). After " | ", the last segment goes when it only names a site (`_SITE_NAME`), whose it is:
    a syndicated report keeps the name of the site it was taken from. The earliest such segment goes with
    everything after it; a title left with fewer than `MIN_TITLE_WORDS` words is kept whole."""
    if not _SEPARATOR.search(title):
        return title
    host = (urlsplit(url).hostname or "").removeprefix("www.").split(".")[0].casefold()
    own = ({t.casefold() for t in _TOKEN.findall(source)} | {host}) - _GENERIC
    for match in _SEPARATOR.finditer(title):
        head, tail = title[: match.start()], title[match.end() :]
        if len(head.split()) < MIN_TITLE_WORDS or len(tail.split()) > MAX_SUFFIX_WORDS:
            continue
        if _HOST.search(tail):
            return head.rstrip(" -–—|:")
        tokens = _TOKEN.findall(tail)
        named = 2 * sum(t[0].isupper() or t[0].isdigit() for t in tokens) >= len(tokens)  # a name, not a clause
        words = [t.casefold() for t in tokens]
        if named and (own.intersection(words) or (len(host) > 3 and "".join(words) == host)):
            return head.rstrip(" -–—|:")
        if match.group().strip() == "|" and "|" not in tail and _SITE_NAME.fullmatch(tail.strip()):
            return head.rstrip(" -–—|:")
    return title
