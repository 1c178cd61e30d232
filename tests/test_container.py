"""The container files, as far as they run without a container engine or base images: the entrypoint script as a
real process (what it runs, the environment it expects, its one-line errors), and the Containerfile and compose file
naming only volg commands and settings that exist."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml
from tests.mailsink import free_port

from volg.cli.base import COMMANDS
from volg.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
ENTRYPOINT = ROOT / "scripts" / "container-entrypoint.sh"
ENTRYPOINT_VARIABLES = {"VOLG_DB_WAIT_S"}


def environment(tmp_path: Path, **values: str) -> dict[str, str]:
    """The environment of a container: no VOLG_* but these, and `volg` on the PATH, as the image installs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["VOLG_HOME"] = str(tmp_path / "data")
    env.update(values)
    return env


def entrypoint(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(ENTRYPOINT), *args], env=env, capture_output=True, text=True, timeout=timeout)


pytestmark = pytest.mark.skipif(shutil.which("sh") is None, reason="no POSIX sh to run the entrypoint with")


def test_a_volg_command_runs_as_volg_and_makes_the_data_folder(tmp_path: Path) -> None:
    done = entrypoint(environment(tmp_path), "config", "--json")
    assert done.returncode == 0, done.stderr
    assert f'"home": "{tmp_path / "data"}"' in done.stdout and (tmp_path / "data").is_dir()


def test_another_command_runs_as_it_is(tmp_path: Path) -> None:
    done = entrypoint(environment(tmp_path), "echo", "not", "volg")
    assert (done.returncode, done.stdout) == (0, "not volg\n")


def test_serve_listens_on_every_address_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(["sh", str(ENTRYPOINT), "serve", "--port", str(port), "--no-scheduler"],
                               env=environment(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None and time.monotonic() < deadline, "the server did not start"
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert ready.json() == {"status": "ok", "database": "ok", "migrations": "current"}
    finally:
        process.send_signal(signal.SIGTERM)  # the script exec'd volg: the signal reaches volg itself
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert f"volg serving http://0.0.0.0:{port}" in stderr


def test_a_data_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    done = entrypoint(environment(tmp_path, VOLG_HOME=str(tmp_path / "file" / "data")), "serve")
    assert done.returncode == 2
    assert done.stderr == f"error: VOLG_HOME={tmp_path / 'file' / 'data'} is no folder volg can make: mount a " \
                          "volume there\n"


def test_it_waits_for_the_database_then_says_so_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://volg:hunter2@127.0.0.1:{free_port()}/volg"  # nothing listens there
    start = time.monotonic()
    done = entrypoint(environment(tmp_path, VOLG_DATABASE=url, VOLG_DB_WAIT_S="2"), "worker")
    assert done.returncode == 1 and time.monotonic() - start >= 2
    assert done.stderr.endswith("error: the database did not answer within 2s (VOLG_DB_WAIT_S)\n")
    assert "hunter2" not in done.stderr and "cannot open PostgreSQL database" in done.stderr
    assert not (tmp_path / "data").exists(), "PostgreSQL keeps nothing in VOLG_HOME"
    bad = entrypoint(environment(tmp_path, VOLG_DB_WAIT_S="soon"), "run")
    assert (bad.returncode, bad.stderr) == (2, "error: VOLG_DB_WAIT_S=soon is not a whole number of seconds\n")


def known_variable(name: str) -> bool:
    setting = name.removeprefix("VOLG_").lower()
    if setting.endswith("_file") and setting.removesuffix("_file") in SETTINGS:
        return bool(SETTINGS[setting.removesuffix("_file")].metadata["secret"])
    return setting in SETTINGS or name in ENTRYPOINT_VARIABLES


def test_the_compose_file_runs_volg_commands_with_real_settings() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {p for s in services.values() for p in s["profiles"]} == {"sqlite", "postgres"}
    volg = {name: s for name, s in services.items() if "build" in s}
    assert {name: s["command"][0] for name, s in volg.items()} == {
        "volg": "serve", "web": "serve", "scheduler": "run", "worker": "worker"}
    assert all(s["command"][0] in COMMANDS for s in volg.values())
    for service in volg.values():
        unknown = [name for name in service["environment"] if not known_variable(name)]
        assert not unknown, unknown
    assert services["web"]["environment"]["VOLG_DATABASE"].startswith("postgresql://")
    assert "VOLG_DATABASE" not in services["volg"]["environment"], "the single container keeps SQLite in /data"


def test_the_containerfile_and_the_scripts_name_real_settings() -> None:
    containerfile = (ROOT / "Containerfile").read_text(encoding="utf-8")
    assert containerfile.count("FROM docker.io/library/python:3.11-slim") == 2
    assert re.search(r"^USER volg$", containerfile, flags=re.MULTILINE)
    assert 'VOLUME ["/data"]' in containerfile and "VOLG_HOME=/data" in containerfile
    assert "http://127.0.0.1:8000/healthz" in containerfile and 'CMD ["serve", "--port", "8000"]' in containerfile
    for text in (containerfile, ENTRYPOINT.read_text(encoding="utf-8")):
        unknown = [name for name in set(re.findall(r"\bVOLG_[A-Z_]+\b", text)) if not known_variable(name)]
        assert not unknown, unknown
