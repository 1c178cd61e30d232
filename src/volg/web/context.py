"""What every route needs from the app: the Service it serves."""

from __future__ import annotations

from fastapi import Request

from volg.service import Service


def service_of(request: Request) -> Service:
    """The Service `create_app` was given (shared by the server's threads)."""
    service: Service = request.app.state.service
    return service
