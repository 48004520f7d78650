"""The README's commands, the Makefile, CI and the Dockerfile take the same steps.

Docker does not run on every machine the suite runs on, so the image is checked for using the same
install and start commands that `make run` uses (and that the rest of the suite exercises).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _recipe(target: str) -> list[str]:
    text = (REPO / "Makefile").read_text()
    match = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", text, re.M)
    assert match, f"no '{target}' target in the Makefile"
    return [line.strip() for line in match.group(1).splitlines()]


def _dockerfile_stages() -> list[list[str]]:
    """Each stage's instructions, continuation lines joined."""
    text = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    stages: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("FROM "):
            stages.append([])
        if stages and line and not line.startswith("#"):
            stages[-1].append(line)
    return stages


def _runs(stage: list[str]) -> list[str]:
    return [line.split(None, 1)[1] for line in stage if line.startswith("RUN ")]


def _make_command(line: str, extra: str) -> list[str]:
    return shlex.split(line.replace("$(BIN)/python", "python").replace("'.[dev]'", extra))


def _pinned_install() -> str:
    return next(
        line for line in _recipe("$(STAMP)") if "pip install" in line and "-c constraints.txt" in line
    )


def test_the_readme_gives_make_run_and_make_test_first() -> None:
    readme = (REPO / "README.md").read_text()
    first_block = readme.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make run", "make test"]


def test_ci_runs_the_readmes_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^make test$", script, re.M)
    assert "PRESCREEN_TEST_DATABASE_URL" in script


def test_the_image_installs_with_the_same_pinned_command_as_make() -> None:
    *_, final = _dockerfile_stages()
    docker_install = next(run for run in _runs(final) if "pip install" in run and "constraints" in run)
    assert shlex.split(docker_install) == _make_command(_pinned_install(), ".")


def test_the_image_compiles_the_matcher_as_make_compile_does() -> None:
    compile_stage, final = _dockerfile_stages()
    assert compile_stage[0].startswith("FROM python:3.11-slim AS compile"), "the same base as the image"
    install, *_ = [run for run in _runs(compile_stage) if "pip install" in run]
    assert shlex.split(install) == _make_command(_pinned_install(), ".[compile]")
    make_compile = _recipe("$(COMPILED_STAMP)")[0].split("||")[0]  # before its hint on failure
    assert _make_command(make_compile, ".") in map(shlex.split, _runs(compile_stage))
    assert "COPY --from=compile /srv/prescreen/app/matching app/matching" in final


def test_the_image_starts_the_same_app_as_make_run() -> None:
    (run,) = _recipe("run")
    cmd = re.search(r"^CMD (\[.*\])$", (REPO / "Dockerfile").read_text(), re.M)
    assert cmd, "the Dockerfile needs an exec-form CMD"
    assert "-m uvicorn app.main:app" in run
    assert '"-m", "uvicorn", "app.main:app"' in cmd.group(1)


def test_the_image_runs_as_a_non_root_user_with_a_health_check() -> None:
    text = (REPO / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", text, re.M)
    user = re.search(r"^USER (\S+)", text, re.M)
    assert user
    assert user.group(1) not in {"root", "0"}
    assert "HEALTHCHECK" in text
    assert "/readyz" in text
