"""How volg is packaged: the distribution name the code looks itself up by."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import volg

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_code_looks_itself_up_by_the_distribution_name() -> None:
    assert PYPROJECT["project"]["name"] == volg.DISTRIBUTION == "volg-news"
    assert PYPROJECT["project"]["scripts"] == {"volg": "volg.cli:main"}, "the command stays volg"
    installed = importlib.metadata.distribution(volg.DISTRIBUTION)
    assert [(e.name, e.value) for e in installed.entry_points if e.group == "console_scripts"] == [
        ("volg", "volg.cli:main")]
    command = Path(sys.executable).with_name("volg")  # the script the install made, as users run it
    done = subprocess.run([str(command), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"volg, version {installed.version}"
