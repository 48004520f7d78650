"""The `Allow` header of a 405: every method the path's operation answers (RFC 9110, 15.5.6).

Starlette names only the methods of the first route whose path matched, and a template such as
`/v1/screenings/{screening_id}` would also claim `/v1/screenings/upload`. The methods come from
the OpenAPI document instead: the template the path matches with the fewest parameters (a literal
path before a parametrised one), as a client reads the API.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_PARAMETER = re.compile(r"\{[^}]+\}")
_METHODS = ("get", "head", "post", "put", "patch", "delete", "options")


@cache
def _templates(
    paths_key: tuple[tuple[str, tuple[str, ...]], ...],
) -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    ordered = sorted(paths_key, key=lambda item: (len(_PARAMETER.findall(item[0])), item[0]))
    out = []
    for template, methods in ordered:
        pattern = (
            "^" + _PARAMETER.sub("[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")) + "$"
        )
        out.append((re.compile(pattern), methods))
    return out


def allowed_methods(openapi: dict[str, Any], path: str) -> str:
    paths = openapi.get("paths", {})
    key = tuple(
        (template, tuple(m.upper() for m in _METHODS if m in item))
        for template, item in sorted(paths.items())
    )
    for pattern, methods in _templates(key):
        if pattern.match(path):
            return ", ".join(methods)
    return ""
