"""Importing the application reads no data file: every file is loaded with the knowledge, from the
paths the settings give, so a configured file takes effect and a reload reads it again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_FOLDERS = ("app", "brand_lists", "party_lists")  # where the shipped data files live

# Imports every module of app in a fresh interpreter and prints each file opened that is no
# Python module (an audit hook sees every open()).
PROBE = """
import importlib, pkgutil, sys
opened = []
CODE = (".py", ".pyc", ".so", ".pth", ".typed", "compiled.sha256")  # the matcher's build check
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and not args[0].endswith(CODE):
        opened.append(args[0])
sys.addaudithook(hook)
import app
for module in pkgutil.walk_packages(app.__path__, "app."):
    if ".migrations" not in module.name:
        importlib.import_module(module.name)
for path in opened:
    print(path)
"""


def _data_files_opened(probe: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    data = tuple(str(ROOT / folder) for folder in DATA_FOLDERS)
    return [path for path in done.stdout.splitlines() if path.startswith(data)]


def test_importing_the_app_reads_no_data_file() -> None:
    assert _data_files_opened(PROBE) == []


def test_the_probe_sees_a_data_file_read() -> None:
    reading = PROBE.replace(
        "for path in opened:",
        "from app.reference.marks_vocabulary import load_vocabulary\nload_vocabulary()\nfor path in opened:",
    )
    assert any(path.endswith("marks_vocabulary.yaml") for path in _data_files_opened(reading))
