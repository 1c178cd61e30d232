"""The repository holds texts of our own only: no run of `RUN` words of its sources, tests and docs occurs in the
shared datasets or the seed article (../shared, read here, never copied). Tests use small invented articles; an
example in a docstring or the changelog is invented or told in plain words."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import REPO, SHARED

RUN = 10
"""Words in a row that two texts share only when one was copied from the other (shorter runs are common phrases)."""
_WORD = re.compile(r"\w+")
_OURS = ("*.py", "*.md", "*.txt", "*.html", "*.jsonl")
_FOLDERS = ("src", "tests", "benchmarks", "docs", "examples", "scripts")


def _runs(text: str) -> Iterator[int]:
    words = _WORD.findall(text.casefold())
    return (hash(tuple(words[i:i + RUN])) for i in range(len(words) - RUN + 1))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _shared_texts() -> Iterator[str]:
    """Every text of the datasets' JSON (Lines) files, gzipped or not, and of the seed folder."""
    for path in sorted((SHARED / "data").rglob("*.json*")):
        opened = gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")
        with opened as handle:
            if ".jsonl" in path.name:
                for line in handle:
                    if line.strip():
                        yield from _strings(json.loads(line))
            else:
                yield from _strings(json.load(handle))
    for path in sorted((SHARED / "seed").glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def _our_files() -> Iterator[Path]:
    yield from sorted(REPO.glob("*.md"))
    for folder in _FOLDERS:
        for pattern in _OURS:
            yield from sorted((REPO / folder).rglob(pattern))


def test_no_text_of_the_shared_datasets_or_the_seed_is_in_the_repository() -> None:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"the shared datasets are not at {SHARED / 'data'} (they live in ../shared beside the checkout)")
    theirs = {run for text in _shared_texts() for run in _runs(text)}
    copied = [f"{path.relative_to(REPO)}:{number}: {line.strip()[:100]}"
              for path in _our_files() if "node_modules" not in path.parts
              for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
              if any(run in theirs for run in _runs(line))]
    assert not copied, "text of ../shared in the repository (write an invented one instead):\n" + "\n".join(copied)
