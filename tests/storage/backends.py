"""The backends the contract suite runs against: SQLite always, PostgreSQL when VOLG_TEST_POSTGRES_URL names a
database (e.g. postgresql://postgres@127.0.0.1:5432/test) — each test in a schema of its own, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg

POSTGRES_URL = os.environ.get("VOLG_TEST_POSTGRES_URL", "")  # read at import: fixtures clear VOLG_* later
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@contextmanager
def postgres_schema(admin_url: str = POSTGRES_URL, prefix: str = "volg_test") -> Iterator[str]:
    """A URL whose connections use a new, empty schema (through `options`) of the database at `admin_url`, dropped
    afterwards.

    The unaccent extension goes into `public` once, so that dropping a test's schema never drops it from under a
    test running in parallel."""
    schema = f"{prefix}_{uuid.uuid4().hex}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        try:
            admin.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
        except psycopg.errors.UniqueViolation:
            pass  # another run created it at the same moment
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            separator = "&" if "?" in admin_url else "?"
            yield f"{admin_url}{separator}options={quote(f'-csearch_path={schema},public')}"
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def database_url(backend: str, folder: Path) -> Iterator[str]:
    """A fresh, empty database of that backend."""
    if backend == "sqlite":
        yield str(folder / "volg.db")
    else:
        with postgres_schema() as url:
            yield url
