"""Per-tenant rate limits (PRESCREEN_RATE_LIMIT) with the `limits` library.

Each tenant has its own counters, so one tenant's burst never uses another's allowance. Counts live
in memory for one instance, or in Redis (PRESCREEN_RATE_LIMIT_STORAGE) where several instances
share them. If the storage does not answer, the request is served and the failure counted: an
outage of the limiter does not stop screenings.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from app.errors import TooManyRequests
from app.metrics import Metrics
from app.observability import context

log = logging.getLogger(__name__)
NAMESPACE = "prescreen-tenant"


@dataclass(frozen=True)
class Allowance:
    limit: int
    remaining: int
    reset_in: int  # whole seconds until the window frees a request
    window: int  # seconds

    def headers(self) -> dict[str, str]:
        # RateLimit-* as in the IETF httpapi draft (and as GitHub, Cloudflare and others send them).
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset_in),
            "RateLimit-Policy": f"{self.limit};w={self.window}",
        }


class TenantRateLimiter:
    def __init__(self, spec: str, storage_uri: str, metrics: Metrics) -> None:
        self.items: list[RateLimitItem] = parse_many(spec)
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self.metrics = metrics

    def check(self, tenant: str) -> None:
        """Count one request of `tenant`; raises TooManyRequests past the limit.

        The answer, refused or not, carries the RateLimit-* headers of the tightest limit."""
        try:
            refused = next((i for i in self.items if not self.limiter.hit(i, NAMESPACE, tenant)), None)
            checked = [refused] if refused is not None else self.items
            allowance = min((self._allowance(i, tenant) for i in checked), key=lambda a: a.remaining)
        except Exception as exc:  # the storage is down: serve rather than refuse everyone
            self.metrics.rate_limit_errors.inc()
            log.warning("rate limit not checked: %s: %s", type(exc).__name__, exc)
            return
        context.add_response_headers(allowance.headers())
        if refused is not None:
            self.metrics.rate_limited.inc()
            retry = max(1, allowance.reset_in)
            context.add_response_headers({"Retry-After": str(retry)})
            raise TooManyRequests(f"this tenant's rate limit of {refused} is used up: retry in {retry} s")

    def _allowance(self, item: RateLimitItem, tenant: str) -> Allowance:
        stats = self.limiter.get_window_stats(item, NAMESPACE, tenant)
        return Allowance(
            limit=item.amount,
            remaining=stats.remaining,
            reset_in=max(0, math.ceil(stats.reset_time - time.time())),
            window=item.get_expiry(),
        )
