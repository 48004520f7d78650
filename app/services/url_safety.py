"""Which webhook URLs the service may call: http(s) only, and no loopback or private address unless
the operator allows them (PRESCREEN_WEBHOOKS_ALLOW_PRIVATE), so a tenant cannot aim the service at
its own network."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeUrl(ValueError):
    pass


def check_url(url: str, *, allow_private: bool) -> None:
    """Raises UnsafeUrl saying why the URL may not be called. Every address the host resolves to is
    checked (a name may resolve to a private address as well as a public one)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeUrl("only http and https URLs are delivered to")
    host = parts.hostname
    if not host:
        raise UnsafeUrl("the URL names no host")
    if parts.username or parts.password:
        raise UnsafeUrl("credentials in the URL are refused: sign deliveries with the secret instead")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeUrl("the URL's port is not a number from 1 to 65535") from exc
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeUrl(f"the host {host!r} does not resolve") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise UnsafeUrl(
                f"the host {host!r} resolves to {address}, a loopback, private or reserved address; "
                "use a public endpoint"
            )
