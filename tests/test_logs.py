"""Logs: one line per event, text or JSON (VOLG_LOG_FORMAT), and `volg serve`'s access log, which never shows a
reader's token; the server runs as a real process."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from tests.mailsink import free_port

from volg.logs import JsonFormatter, TextFormatter

TOKENS = ("ConfirmT0ken", "ManageT0ken", "QueryT0ken", "FeedT0ken", "ApiT0ken", "a@reader.example")
PATHS = ("/confirm/ConfirmT0ken", "/manage/ManageT0ken?token=QueryT0ken&lang=en", "/feeds/FeedT0ken.atom",
         "/api/subscriptions/ApiT0ken/digest", "/unsubscribe/ManageT0ken/extra",
         "/search?q=Maas&email=a@reader.example")


def record(message: str, *args: object, exc: bool = False, **extra: object) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise ValueError("line one\nline two")
        except ValueError:
            exc_info = sys.exc_info()
    made = logging.LogRecord("volg.test", logging.WARNING, __file__, 1, message, args, exc_info)
    made.__dict__.update(extra)
    return made


def test_text_keeps_an_event_with_newlines_and_a_traceback_on_one_line() -> None:
    line = TextFormatter().format(record("first\nsecond %s", "arg", exc=True))
    assert "\n" not in line
    assert line.split(" ", 3)[1:3] == ["WARNING", "volg.test"]
    assert "first\\nsecond arg" in line and "ValueError: line one\\nline two" in line


def test_json_is_one_object_with_the_event_fields() -> None:
    line = JsonFormatter().format(record("GET %s", "/x", exc=True, method="GET", status=200))
    assert "\n" not in line
    event = json.loads(line)
    assert event["level"] == "WARNING" and event["logger"] == "volg.test" and event["message"] == "GET /x"
    assert event["method"] == "GET" and event["status"] == 200
    assert event["time"].endswith("Z") and "ValueError: line one" in event["exception"]


def serve(tmp_path: Path, log_format: str) -> str:
    """Run `volg serve` as a process, ask it PATHS, stop it with SIGTERM: its stderr."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")}
    env.update(VOLG_HOME=str(tmp_path / "home"), VOLG_LOG_FORMAT=log_format)
    process = subprocess.Popen([sys.executable, "-m", "volg", "serve", "--port", str(port), "--no-scheduler"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None and time.monotonic() < deadline, "volg serve did not start"
            try:
                if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        for path in PATHS:
            httpx.get(base + path, timeout=30)
        httpx.head(base + PATHS[0], timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    return stderr


def test_serve_logs_each_request_as_json_without_tokens(tmp_path: Path) -> None:
    stderr = serve(tmp_path, "json")
    events = [json.loads(line) for line in stderr.splitlines()]  # every line is one JSON object
    access = [e for e in events if e["logger"] == "volg.access"]
    assert [(e["method"], e["path"], e["status"]) for e in access[1:]] == [
        ("GET", "/confirm/***", 404),
        ("GET", "/manage/***?token=***&lang=en", 404),
        ("GET", "/feeds/***.atom", 404),
        ("GET", "/api/subscriptions/***/digest", 404),
        ("GET", "/unsubscribe/***", 404),
        ("GET", "/search?q=Maas&email=***", 200),
        ("HEAD", "/confirm/***", 404),
    ]
    assert access[0]["path"] == "/healthz" and access[0]["client"] == "127.0.0.1"
    assert all(isinstance(e["duration_ms"], float) for e in access)
    assert any("volg serving" in e["message"] for e in events)
    for token in TOKENS:
        assert token not in stderr


def test_serve_logs_text_lines_by_default(tmp_path: Path) -> None:
    stderr = serve(tmp_path, "text")
    lines = [line for line in stderr.splitlines() if " volg.access " in line]
    assert len(lines) >= len(PATHS) + 2
    assert any(" INFO volg.access GET /feeds/***.atom 404 " in line for line in lines)
    for token in TOKENS:
        assert token not in stderr


def test_an_unknown_log_format_is_refused_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")}
    env.update(VOLG_HOME=str(tmp_path), VOLG_LOG_FORMAT="xml")
    done = subprocess.run([sys.executable, "-m", "volg", "serve", "--port", str(free_port())], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: log_format: 'xml' is not a log format: expected text or json"
