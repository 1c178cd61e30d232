"""The logs of volg's long-running commands (serve, run, worker): one line per event on stderr, as text or JSON.

Text: `2026-11-20T09:00:00Z INFO volg.access GET /manage/*** 200 12ms 127.0.0.1`. JSON (setting log_format =
json): one object per line with `time`, `level`, `logger`, `message`, the event's own fields (an access line's
`method`, `path`, `status`, `duration_ms`, `client`) and a traceback as `exception`. A message or traceback that
spans lines keeps to one line either way (text writes its newlines as `\\n`), so a log shipper never splits an event.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
"""A LogRecord's own attributes: anything else on a record came through `extra=` and is the event's field."""


def _time(record: logging.LogRecord) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z"


class TextFormatter(logging.Formatter):
    """`TIME LEVEL LOGGER MESSAGE`, with a traceback appended, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{_time(record)} {record.levelname} {record.name} {record.getMessage()}"
        if record.exc_info:
            line += " " + self.formatException(record.exc_info)
        return line.replace("\r", "\\r").replace("\n", "\\n")


class JsonFormatter(logging.Formatter):
    """One JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {"time": _time(record), "level": record.levelname, "logger": record.name,
                                 "message": record.getMessage()}
        event.update((key, value) for key, value in record.__dict__.items() if key not in STANDARD)
        if record.exc_info:
            event["exception"] = self.formatException(record.exc_info)
        return json.dumps(event, ensure_ascii=False, default=str)


def setup_logging(log_format: str, level: int = logging.INFO) -> None:
    """Send every logger's records at `level` and above to stderr in `log_format` (text or json), replacing
    whatever handlers the root logger had."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
