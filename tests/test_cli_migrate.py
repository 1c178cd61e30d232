"""`volg migrate` on SQLite, and on PostgreSQL when VOLG_TEST_POSTGRES_URL is set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.storage.backends import BACKENDS, database_url

from volg.cli import main
from volg.storage import open_storage


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
    assert stdout.splitlines()[-1] == "applied 0006_change_counters"
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
