"""The README's short session works as written: its offline block, command by command, as real processes on the
sample files in examples/, in a fresh home (as on a clean clone)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def session() -> list[list[str]]:
    """The commands of the README's first block after "## A short session", without the activation line."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^## A short session\n.*?```sh\n(.*?)```", readme, flags=re.DOTALL | re.MULTILINE)
    assert block, "README.md has no short session"
    commands = [shlex.split(line, comments=True) for line in block.group(1).replace("\\\n", " ").splitlines()]
    return [command for command in commands if command and command[0] == "volg"]


def test_the_session_ingests_every_sample_file() -> None:
    ingested = {arg for command in session() if command[1] in ("ingest", "sources") for arg in command
                if arg.startswith("examples/")}
    assert ingested == {f"examples/{p.name}" for p in (ROOT / "examples").iterdir()}


def test_the_readme_session_runs_as_written(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")}
    env["VOLG_HOME"] = str(tmp_path / "home")  # does not exist yet, as on a clean machine
    outputs = []
    for command in session():
        done = subprocess.run([sys.executable, "-m", "volg", *command[1:]], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{shlex.join(command)}: {done.stderr[-2000:]}"
        outputs.append((command, done.stdout, done.stderr))
    by_name = {" ".join(command[1:3]): (stdout, stderr) for command, stdout, stderr in outputs}
    text = json.loads(by_name["ingest examples/article-nl.txt"][0])
    assert (text["status"], text["title"], text["source"]) == ("new", "Maas bij Venlo bijna over de kademuur",
                                                               "Dagblad Noord-Limburg")
    assert any(p["name"] == "Venlo" for p in text["places"])
    assert "8 new, 0 duplicate, 0 updated, 0 rejected" in by_name["ingest examples/saved-page.html"][1]
    assert "Maas bij Venlo" in by_name["topics show"][0]
    assert "Hoogwater" in by_name["digest --subscription"][0]
    assert "4 sources in examples/subscriptions.opml" in by_name["sources import"][0]
    assert (tmp_path / "volg-copy.db").is_file()
