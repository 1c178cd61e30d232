"""The demo stream, moved in time, for tests that run volg as a real process on the real clock."""

from __future__ import annotations

import json
from datetime import datetime

from volg import demo
from volg.storage.records import time_out


def shifted_stream(end: datetime) -> bytes:
    """The demo stream as JSON Lines, moved in time so that its last article is published at `end`."""
    records = [json.loads(line) for line in demo.stream_bytes().decode().splitlines() if line.strip()]
    last = max(datetime.fromisoformat(r["published_at"]) for r in records)
    for record in records:
        record["published_at"] = time_out(datetime.fromisoformat(record["published_at"]) - last + end)
    return "\n".join(json.dumps(r) for r in records).encode()
