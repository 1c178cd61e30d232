"""Real-browser testing: Debian's Chromium (/usr/bin/chromium) driven by Playwright, and a watch on a page that
records what injected content would do if it ran.

Never `playwright install`: the tests use the system Chromium and skip, saying why, when it is absent. The fixtures
built on this module are in tests/web/conftest.py (`chromium`, `browser_service`, `browser_site`, `browser_page`).

The XSS harness: `watch(page, origin)` — before the page navigates — records every JavaScript dialog (alert,
confirm, prompt; dismissed), console message, uncaught error, request to another origin, and every assignment to
`window.__volg_pwned`, which test payloads set (`<script>window.__volg_pwned=1</script>`,
`<img src=x onerror="window.__volg_pwned=1">`). `PageWatch.attacks()` lists what ran; an empty list means nothing
did. `tests/web/test_map.py::test_harness_catches_payloads_that_run` checks the harness itself.
"""

from __future__ import annotations

import shutil
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # playwright is imported only where it is used, so a missing package skips rather than fails
    from playwright.sync_api import ConsoleMessage, Dialog, Page, Request

CHROMIUM = Path("/usr/bin/chromium")
PWNED = "__volg_pwned"
_REPORT = "__volg_report"

# Runs before any script of the page: assignments to window.__volg_pwned are reported to Python at once (so they
# are seen even when the page later navigates away or deletes its traces) and still read back as set.
_TRAP = """
(() => {
  let value;
  Object.defineProperty(window, "PWNED", {
    configurable: false,
    get() { return value; },
    set(v) { value = v; try { window.REPORT(String(v)); } catch (e) {} },
  });
})();
""".replace("PWNED", PWNED).replace("REPORT", _REPORT)

MAPS_SETTLED = """() => Array.from(document.querySelectorAll("figure.volg-map"))
  .every(f => ["drawn", "unavailable", "empty"].includes(f.getAttribute("data-map-state")))"""


def chromium_unavailable() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not (CHROMIUM.is_file() or shutil.which(str(CHROMIUM))):
        return f"{CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium)"
    return None


@dataclass
class Console:
    type: str
    text: str
    url: str


@dataclass
class PageWatch:
    """What happened on one page since `watch()`: see the module's docstring."""

    page: Page
    origin: str | None
    dialogs: list[str] = field(default_factory=list)
    console: list[Console] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    pwned: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def console_errors(self) -> list[str]:
        """Errors on the console, except the browser's own request for /favicon.ico (no page asked for it)."""
        return [f"{c.text} ({c.url})" for c in self.console
                if c.type == "error" and urlsplit(c.url).path != "/favicon.ico"]

    def attacks(self) -> list[str]:
        """Signs that injected content ran: dialogs, `window.__volg_pwned` set, requests to another origin."""
        found = [f"dialog: {d}" for d in self.dialogs] + [f"{PWNED} = {p}" for p in self.pwned]
        if not self.page.is_closed():
            try:
                current = self.page.evaluate(f"() => window.{PWNED}")
            except Exception:  # the page is navigating or gone: what was reported already counts
                current = None
            if current is not None and f"{PWNED} = {current}" not in found:
                found.append(f"{PWNED} = {current}")
        return found + [f"request to another origin: {url}" for url in self.foreign_requests]

    def problems(self) -> list[str]:
        """attacks() and any console error or uncaught exception: what a clean page shows none of."""
        return self.attacks() + [f"console error: {e}" for e in self.console_errors()] + \
            [f"uncaught: {e}" for e in self.errors]


_WATCHES: weakref.WeakKeyDictionary[Page, PageWatch] = weakref.WeakKeyDictionary()


def watch(page: Page, origin: str | None = None) -> PageWatch:
    """Start recording on `page` (a playwright Page, before its first navigation); the same watch on a second call.
    `origin` (http://127.0.0.1:PORT) is where requests may go; others are listed in `foreign_requests`."""
    if page in _WATCHES:
        return _WATCHES[page]
    seen = PageWatch(page, origin.rstrip("/") if origin else None)

    def on_dialog(dialog: Dialog) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_request(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if seen.origin is None or f"{parts.scheme}://{parts.netloc}" != seen.origin:
            seen.foreign_requests.append(request.url)

    page.on("dialog", on_dialog)
    def on_console(message: ConsoleMessage) -> None:
        seen.console.append(Console(message.type, message.text, str(message.location.get("url", ""))))

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    if origin is not None:
        page.on("request", on_request)
    page.expose_function(_REPORT, lambda value: seen.pwned.append(str(value)))
    page.add_init_script(_TRAP)
    _WATCHES[page] = seen
    return seen


def open_html(page: Page, base: str, html: str, path: str = "/__test__/page.html") -> None:
    """Show `html` at base + path (answered by the browser itself, not by the app), so the page's relative URLs —
    /static/map.js, /static/vendor/... — go to the real server at `base`."""
    url = base.rstrip("/") + path
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
    page.goto(url)


def wait_for_maps(page: Page, timeout: float = 15_000) -> None:
    """Wait until every figure.volg-map on the page is drawn, or says it is unavailable, or has no places."""
    page.wait_for_function(MAPS_SETTLED, timeout=timeout)
