"""What `volg ingest` may say of one article that its file cannot: --title, --published and --url (with --source,
which applies to every input). A plain-text file has no title line of its own, no time and no address; a saved
page may lack them. Feeds and JSON Lines carry their own, per article, so these options refuse them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from volg.errors import InputError
from volg.models import MAX_TITLE_CHARS, MIN_YEAR, RawArticle, Rejected


@dataclass(frozen=True)
class Facts:
    """The options, checked (None: not given)."""

    title: str | None = None
    published_at: datetime | None = None
    url: str | None = None


def parse_facts(title: str | None, published: str | None, url: str | None) -> Facts | None:
    """The checked options, or None when none was given; InputError names a bad one."""
    if title is None and published is None and url is None:
        return None
    return Facts(title=None if title is None else parse_title(title),
                 published_at=None if published is None else parse_published(published),
                 url=None if url is None else parse_url(url))


def parse_title(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise InputError("--title is empty")
    if len(title) > MAX_TITLE_CHARS:
        raise InputError(f"--title is {len(title):,} characters long, at most {MAX_TITLE_CHARS:,}")
    return title


def parse_published(text: str) -> datetime:
    """An ISO 8601 date or date and time; without an offset it is UTC (as `volg articles --since`)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--published {text!r} is not a date: expected ISO 8601, e.g. 2026-11-17 or "
                         "2026-11-17T08:30+01:00") from None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if moment.year < MIN_YEAR:
        raise InputError(f"--published {text!r} is before the year {MIN_YEAR}")
    return moment


def parse_url(text: str) -> str:
    from volg.pipeline.ingest.feeds import url_problem  # here: the feed reader loads only to ingest

    url = text.strip()
    if problem := url_problem(url):
        raise InputError(f"--url {text!r} is no article's URL ({problem})")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"--url {text!r} is not an http:// or https:// address")
    return url


def single_file(inputs: tuple[str, ...]) -> Path:
    """The one file that --title, --published and --url describe; InputError unless `inputs` is one."""
    if len(inputs) != 1:
        raise InputError(f"--title, --published and --url describe one article: give one file, not {len(inputs)}")
    path = Path(inputs[0])
    if inputs[0].startswith(("http://", "https://")) or path.is_dir():
        raise InputError(f"--title, --published and --url describe one article in a file: {inputs[0]} is not a file")
    return path


def read_article(path: Path, facts: Facts, source: str | None) -> RawArticle | Rejected:
    """The file as one article with `facts` applied; Rejected when it cannot be read or is not one article."""
    from volg.pipeline.ingest.documents import parse_document  # here: the readers load only to ingest

    origin = str(path)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return Rejected(origin, f"{origin}: no such file")
    except OSError as exc:
        return Rejected(origin, f"{origin}: cannot read ({exc.strerror or type(exc).__name__})")
    items = list(parse_document(content, origin, url=facts.url or path.resolve().as_uri(), source=source))
    if len(items) == 1 and isinstance(items[0], Rejected):
        return items[0]
    if len(items) != 1 or not isinstance(items[0], RawArticle) or items[0].origin != origin:
        return Rejected(origin, f"{origin}: a feed or JSON Lines file carries its own titles, times and URLs; "
                                "--title, --published and --url are for one plain-text article or saved page")
    raw = items[0]
    return replace(raw, url=facts.url or raw.url, title=facts.title or raw.title,
                   published_at=facts.published_at or raw.published_at)
