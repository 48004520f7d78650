"""ASGI middleware that bounds what a request may cost before any route runs."""
