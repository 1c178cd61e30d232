"""The web edge: an ASGI app (FastAPI) over the Service. `create_app(service)` builds it; `volg serve` runs it."""

from volg.web.app import create_app

__all__ = ["create_app"]
