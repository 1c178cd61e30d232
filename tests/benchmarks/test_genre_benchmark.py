"""The genre benchmark's scoring of a labelled set (made-up articles; the real sets need ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.genre import scored

REPORT = ("The city council of Eldborough voted on Tuesday to close two swimming pools by the end of the year, saying "
          "it could no longer pay for their repairs. \"We looked at every other option,\" council leader Ann Reed "
          "told reporters after the meeting. A petition against the closures has gathered 4,000 signatures.")


def test_scored_counts_only_the_labelled_articles_and_names_the_confusions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels = tmp_path / "labels.jsonl"
    rows = [{"id": "a/1", "genre": "news"}, {"id": "a/2", "genre": "opinion"}, {"id": "a/3", "genre": "analysis"},
            {"id": "a/9", "genre": "news"}]
    labels.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    articles = iter([
        ("a/1", "Eldborough closes two pools", REPORT, "https://x.example/a/1"),
        ("a/2", "Column: Eldborough is wrong to close its pools", REPORT, "https://x.example/a/2"),
        ("a/3", "Eldborough closes two pools", REPORT, "https://x.example/a/3"),  # labelled analysis, told as news
        ("a/4", "Not labelled", REPORT, "https://x.example/a/4"),
    ])
    result = scored(labels, articles, "en", show_errors=True)
    assert result["articles"] == 3
    assert result["confusions"] == {"analysis→news": 1}
    assert result["opinion_letters"] == {"precision": 1.0, "recall": 1.0}
    assert result["news"] == {"precision": 0.5, "recall": 1.0}
    err = capsys.readouterr().err
    assert "a/3: analysis → news" in err and "1 labelled ids not found in the articles" in err
