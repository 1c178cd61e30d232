"""Start-up loads only what a command uses: `volg --version` none of the pipeline; the commands that only read
(`volg articles`, `stories`, `subscriptions`, `sources list`, `topics list`) no web app, HTTP client, HTML or feed
reader, clean stage, lemmatiser, MinHash (numpy, scipy), push library or language model. Asserted on the modules a
real `python -X importtime` subprocess imports, never on timings (benchmarks/startup.py measures those)."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys
import types
from pathlib import Path

import click
import pytest

import volg
import volg.cli
from volg.cli.base import COMMANDS, main
from volg.lazy import offered

HEAVY = ("volg.service", "fastapi", "starlette", "uvicorn", "trafilatura", "datasketch", "scipy", "py3langid",
         "apprise", "psycopg", "procrastinate", "numpy")
"""What `volg --version` must not import."""

NOT_FOR_READING = ("fastapi", "starlette", "uvicorn", "jinja2", "trafilatura", "datasketch", "scipy", "numpy",
                   "py3langid", "simplemma", "lxml", "httpx", "apprise", "psycopg", "procrastinate")
"""What a reading command on a SQLite database must not import: reading what is stored needs the service and the
storage, not the web app, HTTP, HTML or feed parsing, fingerprints, lemmas, push notifications, PostgreSQL or the
language model."""

NOT_FOR_READING_IN_VOLG = ("volg.intake", "volg.pipeline.clean.article", "volg.pipeline.clean.extract",
                           "volg.pipeline.clean.genre", "volg.pipeline.clean.names", "volg.pipeline.ingest.documents",
                           "volg.pipeline.ingest.fetch", "volg.pipeline.develop.detect", "volg.storykeeper",
                           "volg.pipeline.cluster.assign", "volg.outbox", "volg.pipeline.deliver.senders",
                           "volg.pipeline.deliver.message", "volg.web")
"""volg's own stages that a reading command on an empty database does not run: ingesting (the Service's `Intake`,
cleaning, feeds and pages, fetching), developments, the clusterer (restored only when an article waits for it) and
sending."""

READING = (["articles", "--json"], ["stories", "--json"], ["subscriptions", "--json"], ["sources", "list", "--json"],
           ["topics", "list", "--json"])

_IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)\s*$")

_LOADED = "sys.modules at exit: "
_AT_EXIT = ("import atexit, json, sys; atexit.register(lambda: print("
            f"{_LOADED!r} + json.dumps(sorted(sys.modules)), file=sys.stderr)); ")
"""-X importtime leaves out a module imported by importlib.import_module (a command's module, a stage's name loaded
on first use), though not what that module imports: so `sys.modules` is read too, as the process exits."""


def imported(args: list[str], cwd: Path, *, code: str | None = None) -> tuple[set[str], str]:
    """The modules a fresh `python -X importtime` running `volg ARGS` (or CODE) imports, and its stdout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")}
    env["VOLG_HOME"] = str(cwd / "home")
    run = code if code is not None else "from volg.cli import main; main(prog_name='volg')"
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", _AT_EXIT + run, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    modules = {m.group(1) for line in done.stderr.splitlines() if (m := _IMPORTED.match(line))}
    assert "volg" in modules or code is not None, "no -X importtime output to read"
    (at_exit,) = [line for line in done.stderr.splitlines() if line.startswith(_LOADED)]
    return modules | set(json.loads(at_exit.removeprefix(_LOADED))), done.stdout


def loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in packages or m in packages)


def test_version_imports_none_of_the_pipeline(tmp_path: Path) -> None:
    modules, stdout = imported(["--version"], tmp_path)
    assert "version" in stdout
    assert loaded(modules, HEAVY) == []
    assert not [m for m in modules if m.startswith(("volg.pipeline", "volg.storage", "volg.web"))]


def test_help_lists_every_command_without_the_web_app(tmp_path: Path) -> None:
    modules, stdout = imported(["--help"], tmp_path)
    listed = re.findall(r"^  ([a-z-]+)\s{2,}\S", stdout.split("Commands:", 1)[1], flags=re.MULTILINE)
    assert listed == sorted(COMMANDS.keys() | {"config"})
    assert loaded(modules, ("fastapi", "uvicorn", "trafilatura", "datasketch", "scipy", "py3langid", "apprise",
                            "procrastinate", "psycopg")) == []


@pytest.mark.parametrize("command", READING, ids=" ".join)
def test_reading_an_empty_database_loads_none_of_the_heavy_parts(tmp_path: Path, command: list[str]) -> None:
    modules, stdout = imported(["--database", str(tmp_path / "empty.db"), *command], tmp_path)
    assert stdout == ""
    assert "volg.service" in modules and "volg.storage.sqlite" in modules
    assert loaded(modules, NOT_FOR_READING) == []
    assert sorted(m for m in modules if m.startswith(NOT_FOR_READING_IN_VOLG)) == []


def test_config_loads_no_service(tmp_path: Path) -> None:
    modules, stdout = imported(["--database", str(tmp_path / "empty.db"), "config", "--json"], tmp_path)
    assert json.loads(stdout)["database"] == str(tmp_path / "empty.db")
    assert not [m for m in modules if m.startswith(("volg.service", "volg.storage", "volg.pipeline"))]


def test_a_module_of_a_stage_loads_without_the_stage(tmp_path: Path) -> None:
    """A stage's package names its main functions (`from volg.pipeline.clean import clean_article`), but importing
    one of its modules does not load the others (volg.lazy)."""
    code = ("import volg.pipeline.clean.gazetteer, volg.pipeline.clean.sentences, volg.pipeline.compose.schedule, "
            "volg.pipeline.deliver.tokens, volg.pipeline.develop.facts")
    modules, _ = imported([], tmp_path, code=code)
    assert loaded(modules, NOT_FOR_READING) == []
    assert sorted(m for m in modules if m.startswith(NOT_FOR_READING_IN_VOLG)) == []


def test_a_declared_language_does_not_load_the_model(tmp_path: Path) -> None:
    article = {"url": "https://example.org/maas", "title": "De Maas stijgt", "language": "nl-NL",
               "text": "In Maastricht is de Maas dinsdag tot boven de kademuur gestegen. Honderden bewoners van de "
                       "binnenstad moesten hun huis verlaten, meldt de gemeente."}
    (tmp_path / "one.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    modules, stdout = imported(["--database", str(tmp_path / "a.db"), "ingest", "one.jsonl", "--json"], tmp_path)
    assert json.loads(stdout)["language"] == "nl"
    assert "numpy" in modules  # it did fingerprint the article
    assert loaded(modules, ("py3langid", "trafilatura", "fastapi", "apprise")) == []


def test_an_undeclared_language_is_guessed(tmp_path: Path) -> None:
    code = ("from volg.models import RawArticle; from volg.pipeline.clean import clean_article; "
            "print(clean_article(RawArticle('t', url='https://example.org/a', text='The river Meuse rose above the "
            "quay walls in Maastricht on Tuesday, and hundreds of residents had to leave their homes.')).language)")
    modules, stdout = imported([], tmp_path, code=code)
    assert stdout.strip() == "en"
    assert "py3langid" in modules


def test_the_model_knows_the_languages_volg_accepts_without_loading_it() -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from volg.pipeline.clean.language import MODEL_LANGUAGES

    model = LanguageIdentifier.from_model_file(MODEL_FILE)
    assert MODEL_LANGUAGES == {code for code in model.nb_classes if re.fullmatch(r"[a-z]{2}", code)}


def test_every_command_module_is_named_for_lazy_loading() -> None:
    for module in pkgutil.iter_modules(volg.cli.__path__):
        importlib.import_module(f"volg.cli.{module.name}")
    assert set(main.commands) == COMMANDS.keys() | {"config"}
    for name, module in COMMANDS.items():
        command = main.commands[name]
        assert isinstance(command, click.Command)
        assert command.callback is not None and command.callback.__module__ == f"volg.cli.{module}", name


@pytest.mark.parametrize("stage", ["clean", "compose", "deliver", "develop"])
def test_the_lazy_names_of_a_stage(stage: str) -> None:
    """Every name a stage's package offers is there (imported from its module on first use, then kept), also after
    all its modules were imported (a function named as its module, `compose.select`, is not hidden by it)."""
    package = importlib.import_module(f"volg.pipeline.{stage}")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    for name in package.__all__:
        value = getattr(package, name)
        assert vars(package)[name] is value and not isinstance(value, types.ModuleType), name
        if callable(value) and hasattr(value, "__module__"):
            assert value.__module__.startswith(f"volg.pipeline.{stage}."), name
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018


def test_a_name_named_as_its_module_cannot_be_offered_lazily() -> None:
    with pytest.raises(ValueError, match="select would be hidden"):
        offered("volg.pipeline.compose", {"select": ["select", "breaking"]})


def test_the_lazy_names_of_the_package() -> None:
    from volg.service import PollOutcome, Service, make_service

    assert (volg.Service, volg.make_service, volg.PollOutcome) == (Service, make_service, PollOutcome)
    assert set(volg.__all__) <= set(dir(volg))
    with pytest.raises(AttributeError):
        volg.no_such_name  # noqa: B018
