"""YAML parsing for the data files: the C loader where PyYAML was built with libyaml (about 10x faster).

Data files are plain trees: an alias (`*name`) is refused before anything is built, as a few
hundred bytes of nested aliases expand to gigabytes ("billion laughs"), and a file over
MAX_DATA_FILE_BYTES is refused unread.
"""

from __future__ import annotations

from typing import Any

import yaml

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
