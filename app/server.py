"""uvicorn's own limits, as `make run`, the image and `prescreen serve` start it.

h11 rather than httptools: httptools reads a request head of any size (a 256 MB X-API-Key was
read for 90 s), h11 stops at `--h11-max-incomplete-event-size` with a plain 400. Keep it above
PRESCREEN_MAX_URL_BYTES and PRESCREEN_MAX_HEADER_BYTES so those answer first, as problem+json.
The keep-alive timeout bounds how long an idle connection is held; the graceful-shutdown timeout
how long SIGTERM waits for open requests before it closes their connections.
The Makefile and the Dockerfile pass the same flags (tests/test_packaging.py checks them).
"""

from __future__ import annotations

import uvicorn

MAX_HEAD_BYTES = 256 * 1024
KEEP_ALIVE_SECONDS = 5
GRACEFUL_SHUTDOWN_SECONDS = 15

UVICORN_FLAGS: tuple[str, ...] = (
    "--http",
    "h11",
    "--h11-max-incomplete-event-size",
    str(MAX_HEAD_BYTES),
    "--timeout-keep-alive",
    str(KEEP_ALIVE_SECONDS),
    "--timeout-graceful-shutdown",
    str(GRACEFUL_SHUTDOWN_SECONDS),
    "--no-server-header",
)


def serve(host: str, port: int, workers: int = 1, proxy_headers: bool = False) -> None:
    uvicorn.run(
        "app.main:app",
        host=host,
        port=port,
        workers=workers,
        http="h11",
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        server_header=False,
        proxy_headers=proxy_headers,
    )
