"""Which X-Request-ID a client may choose: an id echoed into logs must not be able to forge lines."""

from __future__ import annotations

import re

# Load balancers and tracing systems send UUIDs, hex or base64url ids, sometimes dotted or prefixed.
_ACCEPTABLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/+=-]{0,127}")


def is_acceptable_request_id(value: str) -> bool:
    """Printable, without spaces or quotes, at most 128 characters; anything else gets a new id."""
    return _ACCEPTABLE.fullmatch(value) is not None
