"""API keys: generation, hashing, and resolving a key to its tenant."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.db import repository
from app.db.models import ApiKey

KEY_PREFIX = "psk_"


@dataclass(frozen=True)
class Principal:
    tenant: str
    admin: bool  # administers its own tenant
    operator: bool = False  # changes what every tenant shares: campaigns, list reloads

    @classmethod
    def bootstrap(cls, tenant: str, role: str) -> Principal:
        """A PRESCREEN_API_KEYS entry: "user", or "admin" / "operator", both the operator scope.

        Whoever sets the environment runs the service, so its admin entry keeps the reach it has
        always had (campaigns, reloads: CONTRACT.md); the keys handed to tenants are made with
        `prescreen keys create`, where --admin stays within the tenant and --operator does not.
        """
        privileged = role in ("admin", "operator")
        return cls(tenant, admin=privileged, operator=privileged)


def hash_key(key: str) -> str:
    # Keys are long random strings, so a fast hash is enough: no dictionary to guess from.
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class BootstrapKeys:
    """Keys from PRESCREEN_API_KEYS, held hashed in memory and compared in constant time."""

    def __init__(self, entries: Sequence[tuple[str, str, str]]) -> None:
        self._by_hash = {hash_key(key): Principal.bootstrap(tenant, role) for tenant, key, role in entries}

    def resolve(self, key: str) -> Principal | None:
        digest = hash_key(key)
        for known, principal in self._by_hash.items():
            if hmac.compare_digest(known, digest):
                return principal
        return None


def resolve(session: Session, bootstrap: BootstrapKeys, key: str) -> Principal | None:
    found = bootstrap.resolve(key)
    if found is not None:
        return found
    row = repository.find_api_key(session, hash_key(key))
    if row is None:
        return None
    return Principal(row.tenant, admin=row.admin or row.operator, operator=row.operator)


def create_key(
    session: Session, tenant: str, admin: bool, label: str | None = None, operator: bool = False
) -> tuple[ApiKey, str]:
    """A new key for a tenant; the clear key is returned once and only its hash is stored."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        tenant=tenant,
        label=label,
        key_hash=hash_key(key),
        key_prefix=key[:12],
        admin=admin or operator,
        operator=operator,
        created_at=dt.datetime.now(dt.UTC),
    )
    repository.add_api_key(session, row)
    session.flush()
    return row, key
