"""Start-up: what a command pays before doing anything.

    python -m benchmarks.startup [--runs 5]

Runs `python -m volg --version`, `volg --help` and `volg articles` on an empty SQLite database (created and
migrated by one run that is not timed) as fresh processes, `--runs` times each after one warm-up run (so .pyc files
and the page cache are warm), and reports the median wall time and the median peak resident memory of each. Needs no
data. Run it on an idle machine: wall times on a loaded one measure the load.

Last stdout line: one JSON object with `version_s`, `articles_s`, `version_rss_mb` and extras: `help_s`,
`articles_rss_mb`, `help_rss_mb`, `runs`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_volg(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one `python -m volg ARGS` process."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "volg", *args], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"volg {' '.join(args)} exited with {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `python -m volg ARGS` process."""
    wall, _, rss = run_volg(args, env)
    return wall, rss


def measure(args: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    run_once(args, env)  # warm-up
    results = [run_once(args, env) for _ in range(runs)]
    return statistics.median(w for w, _ in results), statistics.median(r for _, r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")}
        env["VOLG_HOME"] = str(Path(tmp) / "home")
        env["VOLG_DATABASE"] = str(Path(tmp) / "empty.db")
        results = {}
        for name, args in (("version", ["--version"]), ("help", ["--help"]), ("articles", ["articles"])):
            wall, rss = measure(args, env, options.runs)
            print(f"volg {' '.join(args)}: {wall:.3f} s, {rss:.0f} MB", file=sys.stderr)
            results[f"{name}_s"], results[f"{name}_rss_mb"] = round(wall, 3), round(rss, 1)
    print(json.dumps({"version_s": results["version_s"], "articles_s": results["articles_s"],
                      "version_rss_mb": results["version_rss_mb"], "help_s": results["help_s"],
                      "articles_rss_mb": results["articles_rss_mb"], "help_rss_mb": results["help_rss_mb"],
                      "runs": options.runs}))


if __name__ == "__main__":
    main()
