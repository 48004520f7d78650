"""Problem bodies as bytes, for the handlers and for the middleware that answers before any route."""

from __future__ import annotations

import json
from typing import Any

from asgi_correlation_id import correlation_id

from app.errors import PROBLEM_JSON


def problem_bytes(content: Any) -> bytes:
    rid = correlation_id.get()
    if rid is not None and isinstance(content, dict) and "request_id" not in content:
        # What to quote to the operator, who finds the request's log lines by it.
        content = {**content, "request_id": rid}
    # ASCII escapes: a detail that quotes a client's lone surrogate ('\\ud800') still encodes.
    return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def problem_message(status: int, title: str, detail: str) -> bytes:
    return problem_bytes({"type": "about:blank", "title": title, "status": status, "detail": detail})


def problem_start(status: int, body: bytes, *, close: bool = False) -> dict[str, Any]:
    """The ASGI http.response.start message of a problem answer."""
    headers = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    return {"type": "http.response.start", "status": status, "headers": headers}
