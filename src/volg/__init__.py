"""volg: follow a topic in the news.

    >>> import volg
    >>> service = volg.make_service(database="volg.db")
    >>> results = list(service.ingest(["article.txt"]))
"""

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
from volg.service import PollOutcome, Service, make_service
from volg.settings import Settings, load_settings

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
