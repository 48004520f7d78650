"""The database unreachable or hung: 503 problem+json within the configured limits, never a hang."""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from types import SimpleNamespace

from fastapi.testclient import TestClient
from sqlalchemy import exc

from app.db.limits import DatabaseLimits
from app.db.outage import describe
from app.db.watchdog import HungConnectionWatchdog
from app.main import create_app
from tests.conftest import KEY_A, make_settings
from tests.factories import manifest
from tests.helpers import assert_problem

# Nothing listens on port 1: connections are refused at once.
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/prescreen"


def test_every_database_route_answers_503_problem_json_when_the_database_is_down() -> None:
    settings = make_settings(UNREACHABLE, auto_migrate=False, db_connect_timeout=2)
    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as client:
        answers = [
            client.post("/v1/screenings", json=manifest(), headers={"Idempotency-Key": "k-1"}),
            client.get("/v1/screenings"),
            client.get("/v1/screenings/scr_0"),
            client.get("/v1/campaigns"),
            client.get("/readyz"),
        ]
        assert client.get("/healthz").status_code == 200

    for answer in answers:
        problem = assert_problem(answer, 503)
        assert "refuses connections" in problem["detail"]
        assert "127.0.0.1" not in problem["detail"]
    assert answers[0].headers["retry-after"] == "2"


def test_a_key_checked_before_the_body_answers_503_when_the_database_is_down(tmp_path: Path) -> None:
    settings = make_settings(UNREACHABLE, auto_migrate=False)
    with TestClient(create_app(settings)) as client:
        # Not a bootstrap key: it must be looked up in the database.
        answer = client.post("/v1/screenings", json=manifest(), headers={"X-API-Key": "psk_unknown"})
    assert_problem(answer, 503)


def test_the_pool_limits_come_from_the_settings() -> None:
    settings = make_settings(
        UNREACHABLE, db_pool_size=3, db_pool_max_overflow=1, db_pool_timeout=0.5, db_statement_timeout=2
    )
    limits = settings.database_limits
    assert limits == DatabaseLimits(
        connect_timeout=3, statement_timeout=2, pool_size=3, max_overflow=1, pool_timeout=0.5
    )
    assert limits.hung_after == 3


def test_the_watchdog_cuts_off_a_connection_whose_server_stopped_answering() -> None:
    server, client = socket.socketpair()  # the server side never answers, as under SIGSTOP
    watchdog = HungConnectionWatchdog(hung_after=0.2, interval=0.05)
    connection = SimpleNamespace(pgconn=SimpleNamespace(socket=client.fileno()))
    received: list[bytes] = []

    def blocked_read() -> None:
        watchdog._watch(connection)
        client.settimeout(30)
        received.append(client.recv(1))  # blocks until the watchdog shuts the socket down

    watchdog._thread.start()
    reader = threading.Thread(target=blocked_read)
    reader.start()
    reader.join(timeout=20)
    watchdog.close()

    assert not reader.is_alive()
    assert received == [b""]
    server.close()
    client.close()


def test_the_watchdog_leaves_a_connection_alone_once_its_statement_returned() -> None:
    server, client = socket.socketpair()
    watchdog = HungConnectionWatchdog(hung_after=0.1, interval=0.02)
    connection = SimpleNamespace(pgconn=SimpleNamespace(socket=client.fileno()))
    watchdog._watch(connection)
    watchdog._unwatch(connection)
    watchdog._thread.start()
    threading.Event().wait(0.3)
    watchdog.close()

    server.sendall(b"x")
    client.settimeout(5)
    assert client.recv(1) == b"x"  # still open
    server.close()
    client.close()


def test_outages_are_described_without_the_drivers_text() -> None:
    refused = exc.OperationalError("SELECT 1", {}, Exception('connection to "10.0.0.5" port 5432 refused'))
    cut = exc.OperationalError("SELECT 1", {}, Exception("consuming input failed: server closed"))
    statement = exc.OperationalError(
        "SELECT 1", {}, Exception("canceling statement due to statement timeout")
    )
    assert describe(refused) == "the database refuses connections"
    assert describe(cut) == "the database connection was lost"
    assert "PRESCREEN_DB_STATEMENT_TIMEOUT" in describe(statement)
    assert "PRESCREEN_DB_POOL_TIMEOUT" in describe(exc.TimeoutError())
