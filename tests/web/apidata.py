"""The database the API tests ask questions of: the demo's stream and a Hoogwater topic, with no per-client limits
(one client asks hundreds of questions, wrong tokens among them; the limits have their own tests)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from volg import demo
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage


def api_service(path: Path, *, token: str, now: datetime) -> Service:
    """A Service over `path` holding the demo's stream and a Hoogwater topic, its API behind `token`."""
    settings = Settings(base_url="http://volg.test", api_token=token, fetch_full_pages=False, rate_limit_api="",
                        rate_limit_token="", rate_limit_confirm="")
    service = Service(settings, open_storage(str(path)), clock=lambda: now)
    service.add_topic("Hoogwater", "hoogwater OR Maas OR flood")
    list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    return service
