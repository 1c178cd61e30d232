"""`schema_status()`, what /readyz asks the database, on every backend (PostgreSQL when VOLG_TEST_POSTGRES_URL is
set)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.storage.backends import BACKENDS, database_url

from volg.errors import ConfigError, StorageError
from volg.storage import PostgresStorage, Storage, open_storage
from volg.storage.postgres.migrations import MIGRATIONS as POSTGRES_MIGRATIONS
from volg.storage.sqlite.migrations import MIGRATIONS as SQLITE_MIGRATIONS


@pytest.fixture(params=BACKENDS)
def unmigrated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    """A fresh database of each backend, opened without migrating."""
    with database_url(request.param, tmp_path) as url:
        storage = open_storage(url, migrate=False)
        yield storage
        storage.close()


def names(storage: Storage) -> list[str]:
    migrations = POSTGRES_MIGRATIONS if isinstance(storage, PostgresStorage) else SQLITE_MIGRATIONS
    return [name for name, _ in migrations]


def test_a_database_never_migrated_has_every_migration_pending(unmigrated: Storage) -> None:
    status = unmigrated.schema_status()
    assert status.pending == names(unmigrated) and status.unknown == [] and not status.current
    assert unmigrated.schema_status() == status  # reading changed nothing


def test_current_behind_and_newer(unmigrated: Storage) -> None:
    unmigrated.migrate()
    assert unmigrated.schema_status().current
    last = names(unmigrated)[-1]
    with unmigrated.transaction():
        unmigrated._run("DELETE FROM migrations WHERE name = '" + last + "'")  # type: ignore[attr-defined]
    assert unmigrated.schema_status().pending == [last]
    with unmigrated.transaction():  # as if a newer volg had migrated it
        for name in (last, "9999_future"):
            unmigrated._run(f"INSERT INTO migrations VALUES ('{name}', current_timestamp)")  # type: ignore[attr-defined]
    status = unmigrated.schema_status()
    assert status.pending == [] and status.unknown == ["9999_future"] and not status.current


def test_a_closed_database_is_a_storage_error(unmigrated: Storage) -> None:
    unmigrated.close()
    with pytest.raises(StorageError):
        unmigrated.schema_status()


def test_backup_is_sqlite_s_and_postgresql_points_at_pg_dump(unmigrated: Storage, tmp_path: Path) -> None:
    if isinstance(unmigrated, PostgresStorage):
        with pytest.raises(ConfigError, match="pg_dump"):
            unmigrated.backup(str(tmp_path / "copy.db"))
        assert not (tmp_path / "copy.db").exists()
    else:
        unmigrated.migrate()
        assert unmigrated.backup(str(tmp_path / "copy.db")) == (tmp_path / "copy.db").stat().st_size > 0
        copy = open_storage(str(tmp_path / "copy.db"), migrate=False)
        assert copy.schema_status().current
        copy.close()
