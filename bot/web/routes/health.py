"""A liveness check for the process supervisor: no login, no database, just "ok"."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route


def healthz(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok")


routes = [Route("/healthz", healthz, methods=["GET"])]
