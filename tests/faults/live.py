"""A real uvicorn server on a loopback port, in a thread, with the limits `make run` passes."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from fastapi import FastAPI

from app.server import GRACEFUL_SHUTDOWN_SECONDS, KEEP_ALIVE_SECONDS, MAX_HEAD_BYTES


@dataclass
class LiveServer:
    server: uvicorn.Server
    thread: threading.Thread
    port: int

    def connect(self, timeout: float = 10.0) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)


def _start(app: FastAPI, **overrides: Any) -> LiveServer:
    options: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": 0,
        "http": "h11",
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
        "log_level": "warning",
        "lifespan": "on",
    }
    options.update(overrides)
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    return LiveServer(server, thread, port)


@contextmanager
def live_server(app: FastAPI, **overrides: Any) -> Iterator[LiveServer]:
    live = _start(app, **overrides)
    try:
        yield live
    finally:
        live.server.should_exit = True
        live.thread.join(timeout=30)


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 response with a Content-Length body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before a response: {data[:200]!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for header in lines:
        name, _, value = header.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return int(status_line.split()[1]), headers, rest[:length]


def is_closed(sock: socket.socket, wait: float = 2.0) -> bool:
    """Whether the server closed the connection (end of stream within `wait` seconds)."""
    sock.settimeout(wait)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
