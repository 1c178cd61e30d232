"""Quality and speed benchmarks on real data from ../shared/data."""

from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
"""The shared data folder every benchmark's `--data` defaults to (each data set in a folder of its own)."""
