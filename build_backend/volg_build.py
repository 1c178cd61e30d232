"""volg's build backend: setuptools' own, except that it refuses to build volg without the web UI's front-end files.

Those files (htmx, d3, topojson-client, the world-atlas shapes) are not in git: `npm ci` copies them from
node_modules into src/volg/web/static/vendor/ (scripts/vendor.mjs, the package.json postinstall script). A build
without them used to give a wheel whose pages lacked htmx and the map, without a word. Now a wheel, an sdist and an
editable install all stop at once, with one line saying what to run. An editable install checks too: pip does not
show a build's warnings unless asked (-v), so a warning would be as silent as the wheel was.

pyproject.toml names this module (`build-backend = "volg_build"`, `backend-path = ["build_backend"]`); every hook
but the three below is setuptools.build_meta's, unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the hooks this module does not change)

VENDOR = Path("src", "volg", "web", "static", "vendor")
"""Where scripts/vendor.mjs writes, relative to the project folder (a build's working folder, PEP 517)."""

VENDOR_FILES = (
    "htmx.min.js",
    "d3-array.min.js",
    "d3-geo.min.js",
    "topojson-client.min.js",
    "countries-110m.json",
    "countries-50m.json",
    "THIRD-PARTY-NOTICES.txt",
)
"""Every file scripts/vendor.mjs writes (tests/test_packaging.py runs it and compares)."""


def missing_assets(project: Path = Path()) -> list[str]:
    """The vendor files absent from the project folder `project`."""
    return [name for name in VENDOR_FILES if not (project / VENDOR / name).is_file()]


def require_assets() -> None:
    """Stop the build with one line when a front-end file is missing. SystemExit, not an exception: the frontend
    (pip, build) shows the hook's output, and a line reads better there than a traceback."""
    absent = missing_assets()
    if not absent:
        return
    which = "" if len(absent) == len(VENDOR_FILES) else f": {', '.join(absent)}"
    raise SystemExit(f"volg: the web UI's front-end files are missing ({VENDOR.as_posix()}{which}); "
                     "run `npm ci` in the project folder first (Node 18+), then build again")


def build_wheel(wheel_directory: str, config_settings: dict[str, Any] | None = None,
                metadata_directory: str | None = None) -> str:
    require_assets()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    require_assets()  # an sdist carries the files, so that a wheel built from it (python -m build) needs no Node
    return _setuptools.build_sdist(sdist_directory, config_settings)


def build_editable(wheel_directory: str, config_settings: dict[str, Any] | None = None,
                   metadata_directory: str | None = None) -> str:
    require_assets()  # the install serves the folder in place, so a later `npm run vendor` needs no reinstall
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
