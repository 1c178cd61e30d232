"""`volg backup`: an online, consistent copy of a SQLite database, made by real processes while another writes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.storage.backends import POSTGRES_URL, postgres_schema

from volg import demo
from volg.cli import main
from volg.errors import ConfigError
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

REPO = Path(__file__).resolve().parent.parent
WORDS = "de het een Maas water dijk regen stad huis brug trein school markt haven boot weg kerk plein".split()


def article(i: int, source: str) -> bytes:
    """A JSON line of an article of `source` that shares no sentence with another i's (a repeated one would be
    learned as the source's boilerplate)."""
    text = " ".join(WORDS[(i * 7 + k * k) % len(WORDS)] for k in range(60)) + f" Bericht nummer {i}."
    return json.dumps({"url": f"https://{source.lower()}.example/{i}", "source": source, "text": text,
                       "title": f"Bericht {i} over de Maas", "published_at": "2026-11-16T08:00:00Z",
                       "language": "nl"}).encode() + b"\n"


WRITER = """
import sys
from tests.test_backup import article
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

service = Service(Settings(), open_storage(sys.argv[1]), clusters=False)
i = 0
while True:  # one new article per transaction, as fast as it goes, until killed
    i += 1
    for result in service.ingest_bytes(article(i, "Schrijver"), "writer.jsonl"):
        assert result.error is None, result.error
    print(i, flush=True)
"""


def volg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "volg", *args], capture_output=True, text=True, timeout=300)


def counts(path: Path) -> dict[str, int]:
    storage = open_storage(str(path), migrate=False)
    try:
        return storage.count()
    finally:
        storage.close()


def checked(path: Path) -> dict[str, int]:
    """The backup's counts, after checking it is one whole database: intact, in one file, no article half-stored."""
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-journal").exists()
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        articles, versions = db.execute("SELECT count(*), sum(version) FROM articles").fetchone()
        assert db.execute("SELECT count(*) FROM article_versions").fetchone() == (versions,)
        assert db.execute("SELECT count(DISTINCT article_id) FROM lsh_bands").fetchone() == (articles,)
        assert db.execute("SELECT count(*) FROM article_search").fetchone() == (articles,)
    finally:
        db.close()
    storage = open_storage(str(path))  # opens as volg does after a restore, nothing to migrate
    try:
        assert storage.schema_status().current
        return storage.count()
    finally:
        storage.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A volg database holding the demo stream, padded so that a backup takes many steps."""
    path = tmp_path / "volg.db"
    service = Service(Settings(), open_storage(str(path)), clusters=False)
    list(service.ingest_bytes(demo.stream_bytes(), "demo.jsonl"))
    service.close()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE padding (blob BLOB)")  # 24 MB: two dozen steps of 256 pages
    db.executemany("INSERT INTO padding VALUES (zeroblob(100000))", [()] * 240)
    db.commit()
    db.close()
    return path


@pytest.fixture
def writer(database: Path) -> Iterator[tuple[subprocess.Popen[str], list[int]]]:
    """Another process storing article after article in `database`; the numbers it has stored, as it says them."""
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(database)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=REPO)
    stored: list[int] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            stored.append(int(line))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        yield process, stored
    finally:
        process.kill()
        process.wait(timeout=30)
        reader.join(timeout=30)
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


def wait_for(stored: list[int], n: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while len(stored) < n:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, f"the writer stored only {len(stored)} articles"
        time.sleep(0.01)


def test_backup_while_another_process_writes(database: Path, tmp_path: Path,
                                             writer: tuple[subprocess.Popen[str], list[int]]) -> None:
    process, stored = writer
    demo_articles = counts(database)["articles"]
    wait_for(stored, 10, process)
    before = len(stored)
    done = volg("--database", str(database), "backup", str(tmp_path / "backup.db"))
    after = len(stored)
    assert done.returncode == 0, done.stderr
    assert process.poll() is None  # still writing: the backup did not get in its way
    assert "Traceback" not in done.stderr
    assert f"backing up {database} to {tmp_path / 'backup.db'}" in done.stderr
    assert "pages (100%)" in done.stderr
    written = (tmp_path / "backup.db").stat().st_size
    assert done.stdout.strip().startswith(f"wrote {tmp_path / 'backup.db'}: ")
    assert f"({written:,} bytes)" in done.stdout and written > 20_000_000
    found = checked(tmp_path / "backup.db")
    assert before <= found["articles"] - demo_articles <= after  # the database at one moment during the backup
    assert after > before  # ... and that moment came while the writer wrote

    wait_for(stored, after + 5, process)  # the copy kept up with nothing: the live database went on
    process.kill()
    process.wait(timeout=30)
    done = volg("--database", str(database), "backup", str(tmp_path / "backup.db"))
    assert done.returncode == 2 and "backup.db exists" in done.stderr and "--force" in done.stderr
    done = volg("--database", str(database), "backup", "--force", str(tmp_path / "backup.db"))
    assert done.returncode == 0, done.stderr
    assert checked(tmp_path / "backup.db") == counts(database)  # quiet now: the copy is the database
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".backup.db")] == []  # no partial file left


def test_a_backup_is_the_database_as_it_was_when_it_began(database: Path, tmp_path: Path) -> None:
    """Writes through another connection between the backup's steps neither restart it nor get into the copy."""
    storage = open_storage(str(database), migrate=False)
    other = Service(Settings(), open_storage(str(database)), clusters=False)
    begun = counts(database)
    steps: list[tuple[int, int]] = []

    def write_between_steps(done: int, total: int) -> None:
        steps.append((done, total))
        assert len(steps) < 200, "the backup keeps starting over"
        results = list(other.ingest_bytes(article(len(steps), "Tussendoor"), "tussendoor.jsonl"))
        assert [(r.status, r.error) for r in results] == [("new", None)]

    try:
        storage.backup(str(tmp_path / "copy.db"), progress=write_between_steps)
    finally:
        storage.close()
        other.close()
    assert len(steps) > 20 and steps[-1][0] == steps[-1][1]
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)  # never started over
    assert checked(tmp_path / "copy.db") == begun
    assert counts(database)["articles"] == begun["articles"] + len(steps)
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_refusals_are_one_line(tmp_path: Path, database: Path) -> None:
    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.stderr

    code, stderr = run("--database", str(database), "backup", str(database), "--force")
    assert code == 2 and "is the database itself" in stderr
    code, stderr = run("--database", str(tmp_path / "none.db"), "backup", str(tmp_path / "b.db"))
    assert code == 2 and "no database at" in stderr
    assert not (tmp_path / "none.db").exists()  # looking did not make an empty one
    code, stderr = run("--database", str(database), "backup", str(tmp_path))
    assert code == 2 and "is a folder" in stderr
    code, stderr = run("--database", str(database), "backup", str(tmp_path / "no" / "such" / "b.db"))
    assert code == 2 and "no folder" in stderr
    code, stderr = run("--database", "postgresql://volg:hunter2@127.0.0.1:9/volg", "backup", str(tmp_path / "b.db"))
    assert code == 2 and "pg_dump" in stderr and "hunter2" not in stderr and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["volg.db"]


def test_an_old_database_is_backed_up_as_it_is(tmp_path: Path) -> None:
    """A backup before an upgrade copies the database unmigrated, so the old volg can still open the copy."""
    old = tmp_path / "old.db"
    db = sqlite3.connect(old)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    db.execute("INSERT INTO migrations VALUES ('0001_sources_and_articles', datetime('now'))")
    db.commit()
    db.close()
    done = volg("--database", str(old), "backup", str(tmp_path / "copy.db"))
    assert done.returncode == 0, done.stderr
    for path in (old, tmp_path / "copy.db"):
        storage = open_storage(str(path), migrate=False)
        assert len(storage.schema_status().pending) > 1
        storage.close()


@pytest.mark.skipif(not POSTGRES_URL, reason="VOLG_TEST_POSTGRES_URL is not set")
def test_postgresql_says_to_use_pg_dump() -> None:
    with postgres_schema() as url:
        storage = open_storage(url)
        try:
            with pytest.raises(ConfigError, match="pg_dump"):
                storage.backup("/tmp/never.db")
        finally:
            storage.close()


def test_a_stopped_backup_leaves_nothing_behind(database: Path, tmp_path: Path) -> None:
    storage = open_storage(str(database), migrate=False)

    def stop(done: int, total: int) -> None:
        raise RuntimeError("stopped")

    try:
        with pytest.raises(RuntimeError, match="stopped"):
            storage.backup(str(tmp_path / "copy.db"), progress=stop)
    finally:
        storage.close()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("volg.db")) == []
