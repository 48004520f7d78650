"""Cuts off PostgreSQL connections whose server stopped answering.

statement_timeout is enforced by the server, so a server that is hung (SIGSTOP, a frozen VM, a
dropped route that still ACKs) leaves the client blocked in a socket read for ever: psycopg has no
client-side timeout. The watchdog notes when each statement (and commit) starts on a connection
and, once it has waited longer than the limit, shuts the socket down: the blocked read returns, the
driver raises OperationalError, SQLAlchemy discards the connection, and the request answers 503.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)


class HungConnectionWatchdog:
    def __init__(self, hung_after: float, interval: float = 0.25, ping_after: float | None = None) -> None:
        self.hung_after = hung_after
        # The pool's liveness ping is trivial: unanswered as long as a connect may take, it is hung.
        self.ping_after = ping_after if ping_after is not None else hung_after
        self._interval = interval
        # id(dbapi connection) -> (deadline, fd)
        self._started: dict[int, tuple[float, int]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="db-watchdog", daemon=True)

    def install(self, engine: Engine) -> None:
        event.listen(engine, "before_cursor_execute", self._before_execute)
        event.listen(engine, "after_cursor_execute", self._after_execute)
        event.listen(engine, "handle_error", self._on_error)
        event.listen(engine, "commit", self._on_commit)
        event.listen(engine.pool, "checkin", self._on_checkin)
        # The pool's pre-ping runs before any event fires; it is watched by wrapping it.
        ping = engine.dialect.do_ping

        def watched_ping(dbapi_connection: Any) -> bool:
            self._watch(dbapi_connection, self.ping_after)
            try:
                return ping(dbapi_connection)
            finally:
                self._unwatch(dbapi_connection)

        setattr(engine.dialect, "do_ping", watched_ping)  # noqa: B010 - an instance override
        self._thread.start()

    def close(self) -> None:
        self._stop.set()

    def _watch(self, dbapi_connection: Any, limit: float | None = None) -> None:
        fd = _socket_of(dbapi_connection)
        if fd is not None:
            deadline = time.monotonic() + (self.hung_after if limit is None else limit)
            with self._lock:
                self._started[id(dbapi_connection)] = (deadline, fd)

    def _unwatch(self, dbapi_connection: Any) -> None:
        with self._lock:
            self._started.pop(id(dbapi_connection), None)

    def _before_execute(self, conn: Any, *_: Any) -> None:
        self._watch(conn.connection.dbapi_connection)

    def _after_execute(self, conn: Any, *_: Any) -> None:
        self._unwatch(conn.connection.dbapi_connection)

    def _on_commit(self, conn: Any) -> None:
        self._watch(conn.connection.dbapi_connection)

    def _on_error(self, context: Any) -> None:
        if context.connection is not None and context.connection.connection.dbapi_connection is not None:
            self._unwatch(context.connection.connection.dbapi_connection)

    def _on_checkin(self, dbapi_connection: Any, _: Any) -> None:
        if dbapi_connection is not None:
            self._unwatch(dbapi_connection)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            now = time.monotonic()
            with self._lock:
                hung = [(key, fd) for key, (deadline, fd) in self._started.items() if now > deadline]
                for key, _ in hung:
                    del self._started[key]
            for _, fd in hung:
                log.error("database unanswered past its limit: cutting the connection off")
                _shut_down(fd)


def _socket_of(dbapi_connection: Any) -> int | None:
    pgconn = getattr(dbapi_connection, "pgconn", None)
    try:
        return int(pgconn.socket) if pgconn is not None else None
    except Exception:  # a closed connection has no socket
        return None


def _shut_down(fd: int) -> None:
    # shutdown() acts on the socket, not the descriptor: the duplicate is closed, the driver's
    # own descriptor stays valid and its blocked read returns at once.
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()
