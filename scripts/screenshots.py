"""Screenshots of the web UI's main pages for the docs, from `volg demo` in Debian's Chromium.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Runs `volg demo` on a free port in a temporary home, opens each page at phone and desktop widths, and writes PNGs.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

PAGES = {"home": "/", "topic": "/topics/hoogwater", "story": "/stories/4", "follow": "/follow/hoogwater",
         "search": "/search?q=oekraine"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")} | {"VOLG_HOME": home}
        demo = subprocess.Popen([sys.executable, "-m", "volg", "demo", "--port", str(port)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 300
            while True:
                try:
                    httpx.get(base, timeout=5)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or demo.poll() is not None:
                        raise SystemExit("volg demo did not start serving") from None
                    time.sleep(0.5)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
                for width, suffix in ((1100, ""), (390, "-phone")):
                    page = browser.new_page(viewport={"width": width, "height": 900}, locale="nl-NL",
                                            timezone_id="Europe/Amsterdam")
                    for name, path in PAGES.items():
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        page.screenshot(path=str(args.out / f"{name}{suffix}.png"), full_page=suffix == "")
                    page.close()
                browser.close()
        finally:
            demo.terminate()
            demo.wait(timeout=60)
    print(f"wrote {len(PAGES) * 2} screenshots to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
