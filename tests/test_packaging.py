"""How volg is packaged: the distribution name the code looks itself up by, and builds (a wheel, an sdist, an
editable install) that stop with one line instead of leaving out the web UI's front-end files.

The builds run for real, as processes, on a copy of the project in a temporary folder: pip with
--no-build-isolation (the venv's setuptools, no network) or build_backend/volg_build.py's hooks."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

import volg
from volg.web.labels import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
BACKEND = ROOT / "build_backend"
sys.path.insert(0, str(BACKEND))
import volg_build  # noqa: E402  (build_backend/ is no package: pyproject's backend-path puts it on the path)

VENDOR = ROOT / volg_build.VENDOR
REFUSAL = ("volg: the web UI's front-end files are missing (src/volg/web/static/vendor); run `npm ci` in the "
           "project folder first (Node 18+), then build again")


def setuptools_skip() -> str | None:
    """Why the builds cannot run here, or None."""
    try:
        version = importlib.metadata.version("setuptools")
    except importlib.metadata.PackageNotFoundError:
        return "setuptools is not installed in this venv (pip install -e '.[test]')"
    if int(version.split(".")[0]) < 77:
        return f"the venv's setuptools {version} is older than pyproject's build requirement (pip install -e '.[test]')"
    return None


needs_setuptools = pytest.mark.skipif(setuptools_skip() is not None, reason=str(setuptools_skip()))


def vendored() -> bool:
    return not volg_build.missing_assets(ROOT)


def project_copy(tmp_path: Path, assets: bool) -> Path:
    """The files a build reads (what the Containerfile's wheel stage copies), without the vendor folder unless
    `assets`; without build leftovers either."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(BACKEND, project / "build_backend", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "src", project / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "vendor"))
    if assets:
        shutil.copytree(VENDOR, project / volg_build.VENDOR)
    return project


def pip_wheel(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                           "--no-index", "--no-cache-dir", "--wheel-dir", str(out), str(source)],
                          capture_output=True, text=True, timeout=300)


def hook(project: Path, name: str) -> subprocess.CompletedProcess[str]:
    """One of the backend's hooks in a process of its own, as a build frontend runs it: from the project folder,
    with backend-path on the path; warnings always shown."""
    code = f"import sys; sys.path.insert(0, 'build_backend'); import volg_build; print(volg_build.{name}('out'))"
    return subprocess.run([sys.executable, "-W", "always", "-c", code], cwd=project, capture_output=True, text=True,
                          timeout=300)


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


def test_the_backend_checks_every_file_vendor_mjs_writes(tmp_path: Path) -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not on the PATH (needed to run scripts/vendor.mjs)")
    if not (ROOT / "node_modules" / "htmx.org").is_dir():
        pytest.skip("node_modules is not installed: run `npm ci` in the project folder")
    # the script writes beside itself (../src/volg/web/static/vendor), so it runs from a copy, on the real node_modules
    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "vendor.mjs", tmp_path / "scripts" / "vendor.mjs")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    done = subprocess.run(["node", str(tmp_path / "scripts" / "vendor.mjs")], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    written = sorted(path.name for path in (tmp_path / volg_build.VENDOR).iterdir())
    assert written == sorted(volg_build.VENDOR_FILES)


@needs_setuptools
def test_pip_refuses_to_build_a_wheel_without_the_front_end_files(tmp_path: Path) -> None:
    project = project_copy(tmp_path, assets=False)
    done = pip_wheel(project, tmp_path / "wheels")
    assert done.returncode != 0
    assert REFUSAL in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not list((tmp_path / "wheels").glob("*.whl"))


@needs_setuptools
def test_an_sdist_and_an_editable_install_are_refused_too_naming_what_is_missing(tmp_path: Path) -> None:
    project = project_copy(tmp_path, assets=False)
    for name in ("build_sdist", "build_editable"):
        done = hook(project, name)
        assert done.returncode == 1
        assert done.stderr.strip() == REFUSAL, name
        assert not (project / "out").exists() or not list((project / "out").iterdir()), name
    if not vendored():
        return
    shutil.copytree(VENDOR, project / volg_build.VENDOR)
    (project / volg_build.VENDOR / "htmx.min.js").unlink()
    (project / volg_build.VENDOR / "THIRD-PARTY-NOTICES.txt").unlink()
    done = hook(project, "build_wheel")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "volg: the web UI's front-end files are missing (src/volg/web/static/vendor: htmx.min.js, "
        "THIRD-PARTY-NOTICES.txt); run `npm ci` in the project folder first (Node 18+), then build again")


@needs_setuptools
def test_the_sdist_and_the_wheels_built_from_it_and_from_the_folder_carry_the_front_end_files_and_catalogues(
        tmp_path: Path) -> None:
    if not vendored():
        pytest.skip("the vendor folder is incomplete here: run `npm ci` in the project folder")
    project = project_copy(tmp_path, assets=True)
    vendor = {f"volg/web/static/vendor/{name}" for name in volg_build.VENDOR_FILES}
    catalogues = {f"volg/locale/{language}/LC_MESSAGES/volg.po" for language in LANGUAGES}

    done = hook(project, "build_sdist")  # what `python -m build` does first
    assert done.returncode == 0, done.stderr
    assert not re.search("deprecat", done.stdout + done.stderr, flags=re.IGNORECASE), done.stderr
    [sdist] = (project / "out").glob("volg_news-*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
        top = archive.getnames()[0].split("/")[0]
        names = {name.removeprefix(f"{top}/") for name in archive.getnames()}
    assert {f"src/{name}" for name in vendor | catalogues} <= names
    assert "build_backend/volg_build.py" in names, "a wheel is built from the sdist with the backend it names"

    # then a wheel from the unpacked sdist (as python -m build goes on), and one from the folder (as pip install .)
    unpacked = tmp_path / "unpacked" / top
    done = hook(unpacked, "build_wheel")
    assert done.returncode == 0, done.stderr
    assert not re.search("deprecat", done.stdout + done.stderr, flags=re.IGNORECASE), done.stderr
    done = pip_wheel(project, project / "out")
    assert done.returncode == 0, done.stdout + done.stderr
    [from_sdist] = (unpacked / "out").glob("volg_news-*.whl")
    [from_folder] = (project / "out").glob("volg_news-*.whl")
    for wheel in (from_sdist, from_folder):
        with zipfile.ZipFile(wheel) as archive:
            assert vendor | catalogues <= set(archive.namelist()), wheel
            [metadata] = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
            headers = archive.read(metadata).decode().split("\n\n")[0].splitlines()
        assert "Name: volg-news" in headers
        assert "License-Expression: Apache-2.0" in headers and "License-File: LICENSE" in headers
        assert not [line for line in headers if line.startswith("Classifier: License")]


def test_the_containerfile_builds_the_wheel_with_the_backend() -> None:
    assert PYPROJECT["build-system"]["backend-path"] == ["build_backend"]
    containerfile = (ROOT / "Containerfile").read_text(encoding="utf-8")
    wheel_stage = containerfile.split(" AS wheel\n")[1].split("\nFROM ")[0]
    assert "COPY build_backend build_backend" in wheel_stage
    assert re.search(r"^COPY pyproject\.toml .*MANIFEST\.in", wheel_stage, flags=re.MULTILINE)
