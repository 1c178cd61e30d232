"""The `volg` command, run in-process through click's runner, and as a real subprocess where that matters."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.httpserver import Reply, TestServer

from volg import demo
from volg.cli import main
from volg.cli.base import fit
from volg.counts import NOUNS, counted

TEXT = (
    "In Maastricht is de Maas dinsdag tot boven de kademuur gestegen. Honderden bewoners van de binnenstad "
    "moesten hun huis verlaten, meldt de gemeente.\n"
    "Burgemeester Lotte Frissen sprak van de hoogste waterstand sinds 1995. De brandweer zette pompen in bij de "
    "Sint Servaasbrug en verdeelde zandzakken.\n"
)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_json_then_duplicate(volg_env: Path, tmp_path: Path) -> None:
    article = tmp_path / "maas.txt"
    article.write_text(TEXT, encoding="utf-8")
    code, stdout, _ = run("ingest", str(article), "--json", "--source", "Dagblad Noorderlicht")
    assert code == 0
    (record,) = [json.loads(line) for line in stdout.splitlines()]
    assert record["status"] == "new" and record["language"] == "nl"
    assert record["source"] == "Dagblad Noorderlicht"
    assert set(record) >= {"id", "external_id", "status", "language", "title", "url", "published_at", "sections",
                           "places", "names", "removed", "error"}
    assert any(p["name"] == "Maastricht" for p in record["places"])
    code, stdout, stderr = run("ingest", str(article))
    assert code == 0 and stdout.startswith("duplicate")
    assert "0 new, 1 duplicate, 0 updated, 0 rejected" in stderr
    assert (volg_env / "volg.db").is_file()


def test_rejects_exit_1_after_storing_the_rest(volg_env: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "no url", "text": "x"}\n', encoding="utf-8")
    code, stdout, stderr = run("ingest", str(bad), str(good), "--database", str(tmp_path / "x.db"))
    assert code == 1
    assert f"rejected: {bad}:1: missing field 'url'" in stderr
    assert "Traceback" not in stderr
    assert stdout.startswith("new")


def test_ingest_of_an_opml_file_points_to_sources_import_and_stores_nothing(volg_env: Path, tmp_path: Path) -> None:
    """It went in as a plain-text article: the list of feeds as its text."""
    opml = Path(__file__).parent.parent / "examples" / "subscriptions.opml"
    code, stdout, stderr = run("ingest", str(opml), "--database", str(tmp_path / "x.db"))
    assert code == 1 and stdout == ""
    assert f"rejected: {opml}: a list of feeds (OPML), not articles: add its feeds with volg sources import\n" in stderr
    assert run("articles", "--database", str(tmp_path / "x.db"))[1].strip() == ""


def test_config_hides_secrets_and_every_command_takes_database(volg_env: Path, tmp_path: Path) -> None:
    env = {"VOLG_FETCH_PROXY": "http://me:hunter2@proxy.example:3128"}
    code, stdout, _ = run("config", "--json", "--database", str(tmp_path / "c.db"), env=env)
    shown = json.loads(stdout)
    assert code == 0 and shown["fetch_proxy"] == "********" and shown["database"] == str(tmp_path / "c.db")
    assert "hunter2" not in stdout
    code, _, stderr = run("config", env={"VOLG_FETCH_MAX_BYTES": "many"})
    assert code == 2 and "VOLG_FETCH_MAX_BYTES" in stderr and "Traceback" not in stderr


def test_sources_add_list_export_import(volg_env: Path, tmp_path: Path) -> None:
    assert run("sources", "add", "https://havenbode.example/rss", "--name", "De Havenbode", "--every", "30m")[0] == 0
    code, stdout, _ = run("sources", "list", "--json")
    (source,) = [json.loads(line) for line in stdout.splitlines()]
    assert (source["name"], source["every_s"]) == ("De Havenbode", 1800)
    opml = tmp_path / "out.opml"
    assert run("sources", "export", str(opml))[0] == 0
    assert "https://havenbode.example/rss" in opml.read_text(encoding="utf-8")
    other = str(tmp_path / "other.db")
    code, stdout, _ = run("sources", "import", str(opml), "--database", other)
    assert code == 0 and "1 source in" in stdout
    code, _, stderr = run("sources", "add", "file:///etc/passwd")
    assert code == 2 and "http(s)" in stderr
    code, _, stderr = run("sources", "add", "https://x.example/rss", "--every", "often")
    assert code == 2 and "interval" in stderr


def test_a_database_in_a_folder_that_does_not_exist_is_an_error_not_a_new_empty_database(
        volg_env: Path, tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "volg.db"
    code, _, err = run("--database", str(missing), "articles")
    assert code == 2 and f"the folder {missing.parent} does not exist" in err
    assert not missing.parent.exists()
    code, _, _ = run("--database", str(tmp_path / "here.db"), "articles")  # an existing folder: a new database
    assert code == 0 and (tmp_path / "here.db").is_file()


def test_help_lists_the_commands() -> None:
    code, stdout, _ = run("--help")
    assert code == 0
    for command in ("ingest", "demo", "sources", "poll", "config"):
        assert command in stdout


def test_demo_runs_as_a_real_process(volg_env: Path, tmp_path: Path) -> None:
    assert not volg_env.exists()  # a fresh machine: the home folder is made
    done = subprocess.run([sys.executable, "-m", "volg", "demo", "--no-serve"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "articles stored" in done.stdout and "duplicates" in done.stdout and "updates" in done.stdout
    database = volg_env / "demo.db"
    assert database.is_file()
    again = subprocess.run([sys.executable, "-m", "volg", "demo", "--no-serve", "--database", str(database)],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_poll_reports_each_source_and_fails_when_one_does(volg_env: Path, http_server: TestServer,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOLG_ALLOW_PRIVATE_URLS", "true")
    monkeypatch.setenv("VOLG_HOST_INTERVAL_S", "0")
    item = "".join(f"<p>{line}</p>" for line in TEXT.splitlines())
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Noorderlicht</title><item><title>Maas</title>'
            f"<link>https://noorderlicht.example/maas</link><description><![CDATA[{item}]]></description></item>"
            "</channel></rss>").encode()
    http_server.route("/rss", Reply(body=feed, headers={"Content-Type": "application/rss+xml"}))
    http_server.route("/gone", Reply(status=410))
    assert run("sources", "add", http_server.url("/rss"), "--name", "Noorderlicht")[0] == 0
    code, stdout, stderr = run("poll")
    assert code == 0 and "Noorderlicht: 1 item\n" in stderr and stdout.startswith("new")
    assert run("sources", "add", http_server.url("/gone"), "--name", "Weg")[0] == 0
    code, _, stderr = run("poll")
    assert code == 1
    assert "Weg: " in stderr and "410" in stderr and "1 source failed" in stderr
    assert "Noorderlicht" not in stderr  # polled a moment ago: not due yet


def test_an_unreachable_url_is_one_line(volg_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOLG_ALLOW_PRIVATE_URLS", "true")
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, _, stderr = run("ingest", f"http://127.0.0.1:{port}/feed.xml")
    assert code == 1
    (line,) = [line for line in stderr.splitlines() if line.startswith("rejected:")]
    assert f"127.0.0.1:{port}" in line and "Traceback" not in stderr
    monkeypatch.setenv("VOLG_ALLOW_PRIVATE_URLS", "false")
    code, _, stderr = run("ingest", "http://169.254.169.254/latest/meta-data/")
    assert code == 1 and "refused" in stderr


def test_stories_and_topics(volg_env: Path, tmp_path: Path) -> None:
    database = str(tmp_path / "t.db")
    stream = tmp_path / "stream.jsonl"
    stream.write_bytes(demo.stream_bytes())
    assert run("ingest", str(stream), "--database", database)[0] == 0
    code, stdout, _ = run("stories", "--json", "--database", database)
    stories = [json.loads(line) for line in stdout.splitlines()]
    assert code == 0 and len(stories) >= 8
    assert set(stories[0]) >= {"id", "title", "first_seen", "last_seen", "languages", "outlets", "articles"}
    assert set(stories[0]["articles"][0]) >= {"id", "external_id", "url", "title", "source", "published_at"}

    code, _, stderr = run("topics", "add", "Kapot", "--query", 'storm AND "code rood', "--database", database)
    assert code == 2 and "column" in stderr and "Traceback" not in stderr
    code, stdout, _ = run("topics", "add", "Storm Wendela", "--query", "Wendela OR storm", "--database", database)
    assert code == 0 and stdout.startswith("topic storm-wendela")
    code, _, stderr = run("topics", "add", "storm wendela", "--query", "x", "--database", database)
    assert code == 2 and "already exists" in stderr

    code, stdout, _ = run("topics", "list", "--json", "--database", database)
    listed = [json.loads(line) for line in stdout.splitlines()]
    defined = [t for t in listed if not t["discovered"]]
    assert [t["slug"] for t in defined] == ["storm-wendela"] and defined[0]["stories"] >= 1
    code, stdout, _ = run("topics", "show", "storm-wendela", "--json", "--database", database)
    shown = [json.loads(line) for line in stdout.splitlines()]
    assert code == 0 and len(shown) == defined[0]["stories"]
    assert all("Wendela" in s["title"] or "storm" in s["title"].lower() for s in shown)

    discovered = [t for t in listed if t["discovered"]]
    if discovered:
        code, stdout, _ = run("topics", "add", "--discovered", discovered[0]["slug"], "--database", database)
        assert code == 0, stdout
    code, _, stderr = run("topics", "show", "no-such-topic", "--database", database)
    assert code == 2 and "no topic" in stderr


def test_counts_are_singular_or_plural_and_rows_fit_80_columns(volg_env: Path, tmp_path: Path) -> None:
    article = tmp_path / "maas.txt"
    article.write_text(TEXT, encoding="utf-8")
    title = "De Maas in Maastricht stijgt tot boven de kademuur en honderden bewoners moeten hun huis uit"
    assert run("ingest", str(article), "--title", title, "--source", "Dagblad Noorderlicht")[0] == 0
    assert run("topics", "add", "Hoogwater", "--query", "Maas OR Maastricht OR kademuur")[0] == 0
    code, listed, _ = run("stories")
    assert code == 0 and "1 article · 1 outlet · nl" in listed
    code, shown, _ = run("stories", "1")
    assert code == 0 and "1 article · 1 outlet" in shown
    code, topics, _ = run("topics", "list")
    assert code == 0 and topics.startswith("1 story in the last 4 weeks of news; topics: 1 defined")
    assert "  1 story  Hoogwater" in topics
    code, articles, _ = run("articles")
    assert code == 0 and articles.startswith("#1 ")
    lines = f"{listed}{shown}{topics}{articles}".splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any(line.endswith("…") and title[:40] in line for line in lines), "the long title, cut"


def test_tables_fit_80_columns_and_give_the_titles_the_room(volg_env: Path, tmp_path: Path) -> None:
    """As a real process in an 80-column terminal: `volg stories ID` once gave its articles' titles 11 characters,
    behind an outlet id and a 20-character outlet name."""
    stream = tmp_path / "stream.jsonl"
    stream.write_bytes(demo.stream_bytes())

    def volg(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "volg", *args], capture_output=True, text=True, timeout=600,
                              env=os.environ | {"COLUMNS": "80", "VOLG_ALLOW_PRIVATE_URLS": "true"})
        assert done.returncode == 0, done.stderr
        return done.stdout

    volg("ingest", str(stream))
    volg("topics", "add", "Hoogwater", "--query", "hoogwater OR Maas OR flood")
    volg("sources", "add", "http://127.0.0.1:9/a/feed/with/a/long/path/that/no/column/could/hold.xml",
         "--name", "Een bron met een naam die langer is dan twintig tekens")
    titles = {a["id"]: a["title"] for a in map(json.loads, volg("articles", "--limit", "1000", "--json").splitlines())}
    biggest = max(map(json.loads, volg("stories", "--json").splitlines()), key=lambda s: len(s["articles"]))
    shown = volg("stories", str(biggest["id"]))
    rows = [line for line in shown.splitlines() if line.startswith("  #")]
    assert len(rows) == len(biggest["articles"]) >= 10
    for row in rows:
        title = titles[int(row.split()[0][1:])]
        assert title[:30] in row, (title, row)
    listed = {command: volg(*command.split())
              for command in ("stories", "articles", "topics list", "sources list", "developments")}
    assert all(len(line) <= 80 for text in [shown, *listed.values()] for line in text.splitlines())
    assert "\n    http://127.0.0.1:9/a/feed/with/a/long/path/that/no/column/could/hold.xml\n" in (
        listed["sources list"]), "the URL has a line of its own"
    assert "#1  Een bron met een na…  15m" in listed["sources list"], "a long name is cut to its column"
    assert "Rijkswaterstaat verwacht dat de afvoer bij Sint Pieter, waar de rivier" in " ".join(
        listed["developments"].split()), "a summary is wrapped, not cut"
    articles = listed["articles"].splitlines()
    assert len(articles) == 50 and all(titles[int(line.split()[0][1:])][:20] in line for line in articles)
    assert all(titles[int(line.split()[0][1:])][:30] in line for line in articles if not line.endswith("]"))


def test_counted_in_dutch_and_english_and_fit() -> None:
    assert [counted(n, "article") for n in (0, 1, 2)] == ["0 articles", "1 article", "2 articles"]
    assert [counted(n, "story", NOUNS["nl"]) for n in (1, 2)] == ["1 verhaal", "2 verhalen"]
    assert counted(1, "delivery") == "1 delivery" and counted(3, "delivery", NOUNS["nl"]) == "3 bezorgingen"
    assert NOUNS["nl"].keys() == NOUNS["en"].keys()
    assert fit("x" * 80) == "x" * 80 and fit("x" * 81) == "x" * 79 + "…"


def test_developments_of_a_topic(volg_env: Path, tmp_path: Path) -> None:
    database = str(tmp_path / "d.db")
    stream = tmp_path / "stream.jsonl"
    stream.write_bytes(demo.stream_bytes())
    assert run("ingest", str(stream), "--database", database)[0] == 0
    assert run("topics", "add", "Hoogwater", "--query", "hoogwater OR Maas OR flood", "--database", database)[0] == 0
    code, stdout, _ = run("developments", "--topic", "hoogwater", "--json", "--database", database)
    found = [json.loads(line) for line in stdout.splitlines()]
    assert code == 0 and len(found) >= 3
    assert set(found[0]) >= {"key", "story_id", "headline", "summary", "sources", "places", "first_seen",
                             "importance", "reasons", "update_of", "new"}
    assert [d["first_seen"] for d in found] == sorted(d["first_seen"] for d in found)
    assert any(d["update_of"] and d["new"] for d in found)
    assert all(1 <= len(d["summary"]) <= 2 and d["reasons"] and d["sources"] for d in found)
    code, stdout, _ = run("developments", "--topic", "hoogwater", "--since", "2026-11-19", "--database", database)
    assert code == 0 and "2026-11-18" not in stdout


def test_subscribe_and_preview_digests(volg_env: Path, tmp_path: Path) -> None:
    database = str(tmp_path / "s.db")
    stream = tmp_path / "stream.jsonl"
    stream.write_bytes(demo.stream_bytes())
    assert run("ingest", str(stream), "--database", database)[0] == 0
    assert run("topics", "add", "Storm", "--query", "Wendela OR storm", "--database", database)[0] == 0
    code, _, stderr = run("subscribe", "--topic", "storm", "--tz", "Europe/Atlantis", "--database", database)
    assert code == 2 and "Europe/Atlantis" in stderr and "Traceback" not in stderr
    code, _, stderr = run("subscribe", "--topic", "storm", "--lang", "fy", "--database", database)
    assert code == 2 and "unknown digest language 'fy'" in stderr
    code, stdout, _ = run("subscribe", "--topic", "storm", "--at", "7:30,18:00", "--tz", "America/New_York",
                          "--max", "3", "--email", "reader@example.org", "--lang", "en", "--database", database)
    assert code == 0 and stdout.startswith("subscription #1: storm at 07:30, 18:00 America/New_York, at most 3 items "
                                           "in en")
    code, stdout, _ = run("digest", "--subscription", "1", "--at", "2026-11-18T12:30:00", "--database", database)
    assert code == 0 and stdout.startswith("Storm\n") and "07:30" in stdout  # 12:30 UTC is 07:30 in New York
    assert "Sources:" in stdout and "Wednesday" in stdout  # the reader's language
    code, stdout, _ = run("digest", "--topic", "storm", "--at", "2026-11-18T12:30:00", "--json",
                          "--database", database)
    body = json.loads(stdout)
    assert code == 0 and 1 <= len(body["items"]) <= 5
    code, stdout, _ = run("digest", "--topic", "storm", "--at", "2026-11-18T12:30:00", "--html",
                          "--database", database)
    assert code == 0 and stdout.lstrip().lower().startswith("<!doctype html") and "<script" not in stdout
    code, _, stderr = run("digest", "--topic", "storm", "--at", "2026-11-10T12:00:00", "--database", database)
    assert code == 0 and "nothing new" in stderr
    code, _, stderr = run("digest", "--database", database)
    assert code == 2 and "--topic or --subscription" in stderr


def test_every_command_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [name for name in main.commands if f"volg {name}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_demo_and_serve_check_their_port_before_doing_anything(volg_env: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        code, _, err = run("--database", str(tmp_path / "demo.db"), "demo", "--port", port)
        assert code == 2 and f"port {port} is in use" in err and not (tmp_path / "demo.db").exists()
        code, _, err = run("--database", str(tmp_path / "serve.db"), "serve", "--port", port)
        assert code == 2 and f"127.0.0.1:{port} is in use" in err
