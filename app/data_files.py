"""What every data file shares: safe YAML parsing, the `list` header of a list file, and problems told
the way an operator reads them. A leaf module: brand lists, party lists and the reference tables use it.

YAML with the C loader where PyYAML was built with libyaml (about 10x faster).

Data files are plain trees: an alias (`*name`) is refused before anything is built, as a few
hundred bytes of nested aliases expand to gigabytes ("billion laughs"), and a file over
MAX_DATA_FILE_BYTES is refused unread.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # both are safe loaders

# The shipped lists are a few MB; ten times the largest operator list seen is still far below this.
MAX_DATA_FILE_BYTES = 64 * 1024 * 1024


def parse_yaml(text: str | bytes) -> Any:
    if len(text) > MAX_DATA_FILE_BYTES:
        raise yaml.YAMLError(
            f"the file is {len(text):,} bytes; data files may have at most {MAX_DATA_FILE_BYTES:,}"
        )
    if ("*" in text) if isinstance(text, str) else (b"*" in text):
        _refuse_aliases(text)
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


def _refuse_aliases(text: str | bytes) -> None:
    # The event stream names aliases without expanding them: linear in the file's size.
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark: Any = event.start_mark  # libyaml's Mark or PyYAML's: both have line and column
            raise yaml.MarkedYAMLError(
                problem=f"an alias (*{event.anchor}) is not allowed in a data file: write the value out",
                problem_mark=mark,
            )


LIST_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


class ListHeader(BaseModel):
    """The `list` header of a list file: its id and version."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    version: str = Field(min_length=1)
    description: str | None = None
    sources: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not LIST_ID.match(value):
            raise ValueError(f"{value!r} is not a list id (lower-case letters, digits, '.', '_', '-')")
        return value

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> str:
        if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
            raise ValueError("must be a non-blank version string such as '2026.12.1'")
        return str(value).strip()


def describe_entry(exc: ValidationError, kind: str, entry: dict[str, Any] | None = None) -> str:
    """The first problems of an entry (a `kind` such as "brand"), the way an operator reads them."""
    parts = []
    for error in exc.errors()[:3]:
        loc = ".".join(str(part) for part in error["loc"])
        if error["type"] == "missing":
            parts.append(f"missing required field {loc!r}")
        elif error["type"] == "extra_forbidden":
            parts.append(f"unknown field {loc!r}")
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            parts.append(f"{loc}: {message}" if loc else message)
    name = entry.get("name") if entry else None
    return (f"{kind} {name!r}: " if isinstance(name, str) else "") + "; ".join(parts)
