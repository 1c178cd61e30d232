"""`volg migrate` on SQLite, and on PostgreSQL when VOLG_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.storage.backends import BACKENDS, POSTGRES_URL, database_url, postgres_schema

from volg import demo
from volg.cli import main
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.storage.sqlite.migrations import MIGRATIONS


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as found:
        yield found


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_migrate_applies_what_is_pending_once_and_refuses_a_newer_database(volg_env: Path, url: str) -> None:
    code, stdout, _ = run("migrate", "--database", url)
    assert code == 0 and stdout.splitlines()[0] == "applied 0001_sources_and_articles"
    assert stdout.splitlines()[-1] == f"applied {MIGRATIONS[-1][0]}"
    code, stdout, _ = run("migrate", "--database", url)
    assert (code, stdout) == (0, "up to date: no migrations to apply\n")

    storage = open_storage(url)
    storage._run("INSERT INTO migrations VALUES ('9999_from_the_future', 'now')")  # type: ignore[attr-defined]
    storage.close()
    code, stdout, stderr = run("migrate", "--database", url)
    assert code == 2 and stdout == ""
    assert "newer than this volg (migrations 9999_from_the_future); upgrade" in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr


def test_migrate_uses_the_database_setting(volg_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VOLG_DATABASE", str(tmp_path / "set.db"))
    code, stdout, _ = run("migrate")
    assert code == 0 and "applied 0005_search" in stdout and (tmp_path / "set.db").is_file()


@pytest.mark.skipif(not POSTGRES_URL, reason="VOLG_TEST_POSTGRES_URL is not set (no PostgreSQL to move into)")
def test_move_from_sqlite_to_postgresql_keeps_everything(volg_env: Path, tmp_path: Path) -> None:
    at = datetime(2026, 11, 17, 12, 30, tzinfo=UTC)
    lite_path = str(tmp_path / "volg.db")
    lite = Service(Settings(allow_private_urls=True), open_storage(lite_path), clock=lambda: at)
    lite.add_topic("Hoogwater", "hoogwater OR Maas")
    list(lite.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    sub = lite.subscribe("hoogwater", email="lezer@example.nl", webhooks=["http://127.0.0.1:9/hook"])
    assert lite.compose_due(now=at)
    links, before = lite.links(sub), snapshot(lite)
    lite.close()
    with postgres_schema() as pg_url:
        code, stdout, stderr = run("migrate", "--database", lite_path, "--to", pg_url)
        assert code == 0, stderr
        assert stdout.startswith("moved ") and "articles: 78 rows" in stderr and "postgres:" not in stdout
        moved = Service(Settings(allow_private_urls=True), open_storage(pg_url), clock=lambda: at)
        assert snapshot(moved) == before
        assert moved.links(moved.subscription(sub.id or 0)) == links, "readers' links still work"
        assert moved.search("oekraine")[0], "the target's own search index"
        record = {"url": "https://x.example/new", "title": "Maas stijgt weer bij Venlo", "source": "Havenbode",
                  "published_at": "2026-11-20T08:00:00Z",
                  "text": "De Maas bij Venlo stijgt weer, meldt het waterschap. Bewoners van de kades worden "
                          "gevraagd hun spullen naar boven te brengen."}
        [new] = moved.ingest_bytes(json.dumps(record).encode(), "new.jsonl")
        assert new.article is not None and new.article.id == max(a.id for a in moved.articles()) > 78
        moved.close()
        code, _, stderr = run("migrate", "--database", lite_path, "--to", pg_url)
        assert code == 2 and "already holds data" in stderr


def test_move_needs_sqlite_into_postgresql(volg_env: Path, tmp_path: Path) -> None:
    code, _, stderr = run("migrate", "--database", str(tmp_path / "a.db"), "--to", str(tmp_path / "b.db"))
    assert code == 2 and "into PostgreSQL" in stderr and "Traceback" not in stderr


def snapshot(service: Service) -> dict[str, object]:
    """What a move must keep: counts, stories, subscriptions with their secrets, digests, the outbox, the key."""
    storage = service.storage
    return {
        "counts": storage.count(),
        "stories": [(s.id, s.title, [a.id for a in s.articles]) for s in service.stories()],
        "subscriptions": [(s.id, s.token, s.secret, s.email, s.webhooks) for s in service.subscriptions()],
        "digests": [storage.list_digests(s.id or 0) for s in service.subscriptions()],
        "deliveries": [(d.id, d.channel, d.target, d.status) for d in service.deliveries()],
        "key": storage.signing_key(),
        "articles": [(a.id, a.version, a.copy_of, a.clean.title) for a in service.articles()],
    }
