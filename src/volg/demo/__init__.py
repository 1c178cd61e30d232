"""The bundled demo stream: fictional articles from fictional outlets, written for volg (see README.md here)."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def stream_bytes() -> bytes:
    """The demo stream as JSON Lines."""
    return files(__name__).joinpath("stream.jsonl").read_bytes()


def stream_origin() -> str:
    with as_file(files(__name__).joinpath("stream.jsonl")) as path:
        return str(Path(path))
