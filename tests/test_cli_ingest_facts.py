"""`volg ingest FILE --title --published --source --url`: what a plain-text file cannot say, given on the command
line; bad values refused in one line before anything is stored. Through click's runner, as tests/test_cli.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from volg.cli import main

TEXT = (
    "In Maastricht is de Maas dinsdag tot boven de kademuur gestegen. Honderden bewoners van de binnenstad "
    "moesten hun huis verlaten, meldt de gemeente.\n"
    "Burgemeester Lotte Frissen sprak van de hoogste waterstand sinds 1995.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(volg_env: Path, tmp_path: Path) -> Path:
    path = tmp_path / "maas.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_a_text_file_gets_its_title_time_outlet_and_url(article: Path) -> None:
    code, stdout, _ = run("ingest", str(article), "--title", "  De Maas  treedt buiten haar oevers ",
                          "--published", "2026-11-17T08:30+01:00", "--source", "Dagblad Zuid",
                          "--url", "https://zuid.example/maas", "--json")
    assert code == 0
    record = json.loads(stdout)
    assert (record["status"], record["title"], record["published_at"], record["source"], record["url"]) == (
        "new", "De Maas treedt buiten haar oevers", "2026-11-17T07:30:00.000000Z", "Dagblad Zuid",
        "https://zuid.example/maas")
    assert record["sections"][0]["paragraphs"][0].startswith("In Maastricht"), "the first line stays text"


def test_a_date_alone_is_midnight_utc_and_the_url_defaults_to_the_file(article: Path) -> None:
    code, stdout, _ = run("ingest", str(article), "--published", "2026-11-17", "--json")
    assert code == 0
    record = json.loads(stdout)
    assert record["published_at"] == "2026-11-17T00:00:00.000000Z"
    assert record["url"] == article.resolve().as_uri()
    assert record["title"].startswith("In Maastricht is de Maas"), "no --title: the first sentence, as before"


@pytest.mark.parametrize(("options", "message"), [
    (["--published", "gisteren"],
     "error: --published 'gisteren' is not a date: expected ISO 8601, e.g. 2026-11-17 or 2026-11-17T08:30+01:00"),
    (["--published", "0999-12-31"], "error: --published '0999-12-31' is before the year 1000"),
    (["--url", "ftp://zuid.example/maas"], "error: --url 'ftp://zuid.example/maas' is not an http:// or https:// "
                                           "address"),
    (["--url", "http://[::1/maas"], "error: --url 'http://[::1/maas' is no article's URL (Invalid IPv6 URL)"),
    (["--title", "  "], "error: --title is empty"),
    (["--title", "x" * 1001], "error: --title is 1,001 characters long, at most 1,000"),
])
def test_bad_values_are_refused_in_one_line_before_anything_is_stored(article: Path, options: list[str],
                                                                      message: str) -> None:
    code, stdout, stderr = run("ingest", str(article), *options)
    assert (code, stdout, stderr) == (2, "", message + "\n")
    assert run("articles")[1] == ""


def test_the_options_describe_one_file(article: Path, tmp_path: Path) -> None:
    code, _, stderr = run("ingest", str(article), str(article), "--title", "Maas")
    assert code == 2 and stderr == "error: --title, --published and --url describe one article: give one file, not 2\n"
    code, _, stderr = run("ingest", str(tmp_path), "--title", "Maas")
    assert code == 2 and stderr == (f"error: --title, --published and --url describe one article in a file: "
                                    f"{tmp_path} is not a file\n")


def test_a_feed_or_json_lines_keeps_its_own_and_is_rejected(article: Path, tmp_path: Path) -> None:
    lines = tmp_path / "two.jsonl"
    lines.write_text(json.dumps({"url": "https://a.example/1", "title": "Een", "text": TEXT}) + "\n", encoding="utf-8")
    code, stdout, stderr = run("ingest", str(lines), "--title", "Maas")
    assert code == 1 and stdout == ""
    assert f"rejected: {lines}: a feed or JSON Lines file carries its own titles, times and URLs" in stderr
    code, _, stderr = run("ingest", str(tmp_path / "gone.txt"), "--title", "Maas")
    assert code == 1 and f"rejected: {tmp_path / 'gone.txt'}: no such file" in stderr
