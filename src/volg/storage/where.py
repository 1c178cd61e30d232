"""How volg names a database in messages, without loading its backend: `volg --help` lists the commands that print
these, and psycopg takes a third of a second to import."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def shown_url(url: str) -> str:
    """The URL without its password and query (which may carry one), for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def pg_dump_advice(where: str) -> str:
    """Why volg does not back up a PostgreSQL database, and what does, in one line."""
    return (f"{where} is a PostgreSQL database: back it up with pg_dump (pg_dump --format=custom --file=volg.dump "
            "URL; pg_restore puts it back); volg backup copies SQLite databases")
