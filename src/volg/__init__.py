"""volg: follow a topic in the news.

    >>> import volg
    >>> service = volg.make_service(database="volg.db")
    >>> results = list(service.ingest(["article.txt"]))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from volg.errors import ConfigError, FetchError, InputError, NotFound, StorageError, VolgError
from volg.models import (
    Article,
    CleanArticle,
    IngestResult,
    Place,
    RawArticle,
    Rejected,
    Section,
    Source,
    SourceProfile,
    Status,
)
from volg.settings import Settings, load_settings

if TYPE_CHECKING:
    from volg.service import PollOutcome, Service, make_service

DISTRIBUTION = "volg-news"
"""The distribution's name (pyproject's [project] name), which importlib.metadata knows volg by: "volg" on PyPI is
an unrelated project. The package and the command are `volg`."""

_LAZY = {"PollOutcome", "Service", "make_service"}
"""Names from volg.service, imported on first use: the service pulls in the whole pipeline, which `volg --version`
and `import volg.models` need not pay for."""

__all__ = [
    "Article",
    "CleanArticle",
    "ConfigError",
    "FetchError",
    "IngestResult",
    "InputError",
    "NotFound",
    "Place",
    "PollOutcome",
    "RawArticle",
    "Rejected",
    "Section",
    "Service",
    "Settings",
    "Source",
    "SourceProfile",
    "Status",
    "StorageError",
    "VolgError",
    "load_settings",
    "make_service",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module("volg.service"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
