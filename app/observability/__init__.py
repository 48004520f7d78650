"""Request ids, structured logs, metrics and rate-limit headers: what an operator sees of each request."""
