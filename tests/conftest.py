"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from tests.httpserver import TestServer

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "article-nl.txt"

# Property tests (hypothesis): "quick" by default, reproducible in CI (derandomized, no example database written);
# HYPOTHESIS_PROFILE=long hunts with 1000 fresh random examples per test.
_BOTH = dict(deadline=None, database=None, print_blob=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("quick", max_examples=60, derandomize=True, **_BOTH)
settings.register_profile("long", max_examples=1000, derandomize=False, **_BOTH)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture
def seed_text() -> str:
    """The seed article, read from ../shared (never copied into the repository)."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (it lives in ../shared/seed beside the checkout)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (it lives in ../shared/seed beside the checkout)")
    return SEED


@pytest.fixture
def volg_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An isolated VOLG_HOME, so no test touches the user's data or settings."""
    for key in [k for k in os.environ if k.startswith("VOLG_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("VOLG_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"


@pytest.fixture
def http_server() -> Iterator[TestServer]:
    """A real HTTP server on 127.0.0.1 (see tests/httpserver.py)."""
    with TestServer() as server:
        yield server
