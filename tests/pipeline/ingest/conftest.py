"""Fixtures for the ingest tests: a real HTTP server on 127.0.0.1, settings that may reach it, a fake clock."""

from __future__ import annotations

import pytest
from tests.pipeline.ingest.fakes import FakeClock

from volg.settings import Settings


@pytest.fixture
def local_settings() -> Settings:
    """Settings for fetching from the loopback test server: private URLs allowed, short limits, no waiting."""
    return Settings(allow_private_urls=True, fetch_timeout_s=5.0, fetch_max_bytes=10_000, fetch_max_redirects=3,
                    host_interval_s=0.0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
