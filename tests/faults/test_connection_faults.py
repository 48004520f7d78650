"""Faults seen only on a real connection: keep-alive after a 500, dripped bodies, huge heads, SIGTERM."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from app.main import create_app
from app.services import screener as screener_service
from tests.conftest import KEY_A, make_settings
from tests.factories import manifest
from tests.faults.live import is_closed, live_server, read_response

pytestmark = pytest.mark.slow


def _request(method: str, path: str, body: bytes = b"", length: int | None = None, **headers: str) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    if method in ("POST", "PUT"):
        lines.append(f"Content-Length: {len(body) if length is None else length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def test_a_500_answers_problem_json_and_keeps_the_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(screener_service, "run_screening", broken)
    body = json.dumps(manifest()).encode()
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'p.db'}"))
    with live_server(app) as live, live.connect() as sock:
        sock.sendall(
            _request("POST", "/v1/screenings", body, X_API_Key=KEY_A, Content_Type="application/json")
        )
        status, headers, answer = read_response(sock)
        assert status == 500
        assert headers["content-type"] == "application/problem+json"
        assert json.loads(answer)["status"] == 500
        assert "connection" not in headers

        sock.sendall(_request("GET", "/healthz"))  # the same connection
        assert read_response(sock)[0] == 200


def test_a_dripped_body_is_cut_off_by_the_read_timeout(tmp_path: Path) -> None:
    settings = make_settings(f"sqlite:///{tmp_path / 'p.db'}", body_read_timeout=1.0)
    with live_server(create_app(settings)) as live, live.connect() as sock:
        head = _request("POST", "/v1/screenings", b"{", 500, X_API_Key=KEY_A, Content_Type="application/json")
        sock.sendall(head)
        started = time.monotonic()
        status, headers, answer = read_response(sock)  # nothing more is sent: the server gives up
        assert status == 408
        assert headers["content-type"] == "application/problem+json"
        assert "PRESCREEN_BODY_READ_TIMEOUT" in json.loads(answer)["detail"]
        assert time.monotonic() - started < 10  # a bound, far above the 1 s limit
        assert is_closed(sock)


def test_a_body_without_a_key_is_refused_before_any_byte_of_it_arrives(tmp_path: Path) -> None:
    with live_server(create_app(make_settings(f"sqlite:///{tmp_path / 'p.db'}"))) as live:
        socks = [live.connect() for _ in range(20)]
        try:
            for sock in socks:  # headers only: the 1 MB body would come a byte at a time
                sock.sendall(
                    _request("POST", "/v1/screenings", b"", 1_000_000, Content_Type="application/json")
                )
            for sock in socks:
                status, headers, _ = read_response(sock)
                assert status == 401
                assert headers["content-type"] == "application/problem+json"
                assert is_closed(sock)
        finally:
            for sock in socks:
                sock.close()


def test_a_64_kb_url_answers_414_problem_json(tmp_path: Path) -> None:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'p.db'}"))
    with live_server(app) as live, live.connect() as sock:
        sock.sendall(_request("GET", "/v1/screenings?reference=" + "x" * 64 * 1024, X_API_Key=KEY_A))
        status, headers, answer = read_response(sock)
        assert status == 414
        assert headers["content-type"] == "application/problem+json"
        assert json.loads(answer)["status"] == 414


def test_a_header_beyond_the_parsers_limit_is_not_read_whole(tmp_path: Path) -> None:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'p.db'}"))
    with live_server(app) as live, live.connect() as sock:
        try:  # 4 MB of X-API-Key; the server stops reading at its limit and answers
            sock.sendall(_request("GET", "/v1/screenings", X_API_Key="k" * 4 * 1024 * 1024))
        except OSError:
            pass  # it closed the connection while the header was still being sent
        try:
            status: int | None = read_response(sock)[0]
        except OSError:
            status = None  # closed at once
        assert status in (400, 431, None)
        assert is_closed(sock)


def test_sigterm_with_a_slow_client_open_finishes_within_the_shutdown_bound(tmp_path: Path) -> None:
    settings = make_settings(f"sqlite:///{tmp_path / 'p.db'}", body_read_timeout=300.0)
    with live_server(create_app(settings), timeout_graceful_shutdown=1) as live, live.connect() as sock:
        head = _request("POST", "/v1/screenings", b"{", 500, X_API_Key=KEY_A, Content_Type="application/json")
        sock.sendall(head)
        time.sleep(0.3)  # the request is in flight, reading its body
        live.server.should_exit = True  # what SIGTERM sets
        live.thread.join(timeout=30)
        assert not live.thread.is_alive()
