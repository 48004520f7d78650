"""Broken data files: refused at start naming file and row; at reload the old lists keep serving."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.data_files import parse_yaml
from app.main import DataFilesRefused, create_app
from app.settings import DATA_DIR
from tests.conftest import KEY_A, make_settings
from tests.factories import manifest
from tests.helpers import assert_problem

GOOD_LIST = """\
list: {id: operator-list, version: "1"}
brands:
  - name: Zorvexa
    rights_holder: Zorvexa Test Holdings GmbH
    home_country: DE
    categories: [watches]
    source: test fixture
"""
# 500 bytes that expand to 9**9 strings: "billion laughs".
ALIAS_BOMB = (
    'list: {id: operator-list, version: "2"}\nbrands:\n  - name: &a ["lol","lol","lol","lol","lol",'
    '"lol","lol","lol","lol"]\n'
    + "".join(f"    f{i}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
)


def test_the_alias_bomb_is_a_few_hundred_bytes() -> None:
    assert len(ALIAS_BOMB) < 600


def test_an_alias_in_a_data_file_is_refused_before_it_expands() -> None:
    with pytest.raises(Exception, match=r"alias \(\*a\) is not allowed"):
        parse_yaml(ALIAS_BOMB)
    assert parse_yaml("a: [1, 2]\nb: '*not an alias*'\n") == {"a": [1, 2], "b": "*not an alias*"}


@pytest.fixture
def operator_list(tmp_path: Path) -> Path:
    path = tmp_path / "lists" / "operator-list.yaml"
    path.parent.mkdir()
    path.write_text(GOOD_LIST, encoding="utf-8")
    return path


@pytest.fixture
def campaigns_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "campaigns"
    folder.mkdir()
    for shipped in (DATA_DIR / "campaigns").glob("*.yaml"):
        (folder / shipped.name).write_bytes(shipped.read_bytes())
    return folder


@pytest.fixture
def operator(tmp_path: Path, operator_list: Path, campaigns_dir: Path) -> Iterator[TestClient]:
    settings = make_settings(
        f"sqlite:///{tmp_path / 'p.db'}", extra_brand_lists=[operator_list], campaigns_dir=campaigns_dir
    )
    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as client:
        yield client


def test_an_alias_bomb_at_reload_is_refused_at_once_without_server_paths(
    operator: TestClient, operator_list: Path
) -> None:
    before = operator.post("/v1/screenings", json=manifest()).json()["versions"]
    operator_list.write_text(ALIAS_BOMB, encoding="utf-8")

    started = time.monotonic()
    refused = operator.post("/v1/brand-lists/reload")

    assert time.monotonic() - started < 30  # a bound: expanded, the bomb took minutes and GBs
    problem = assert_problem(refused, 422, ["file", "operator-list.yaml"])
    assert len(refused.content) < 5_000
    assert "alias" in problem["detail"]
    assert str(operator_list.parent) not in refused.text
    assert "/" not in problem["detail"].split("operator-list.yaml")[0][-40:]
    assert operator.post("/v1/screenings", json=manifest()).json()["versions"] == before


def test_a_corrupted_campaign_file_at_reload_keeps_the_old_versions_serving(
    operator: TestClient, campaigns_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    before = operator.post("/v1/screenings", json=manifest()).json()["versions"]
    metrics = operator.get("/metrics").text
    assert "prescreen_data_files_refused 0.0" in metrics
    victim = sorted(campaigns_dir.glob("*.yaml"))[0]
    victim.write_text("name: [unclosed\n", encoding="utf-8")

    with caplog.at_level(logging.ERROR):
        refused = operator.post("/v1/brand-lists/reload")

    problem = assert_problem(refused, 422)
    assert victim.name in problem["detail"]
    assert str(campaigns_dir) not in refused.text
    assert any(victim.name in record.getMessage() for record in caplog.records)
    ready = operator.get("/readyz")
    assert ready.status_code == 200  # the lists loaded before still serve
    assert victim.name in ready.json()["reload_error"]
    assert str(campaigns_dir) not in ready.text
    assert "prescreen_data_files_refused 1.0" in operator.get("/metrics").text
    assert operator.post("/v1/screenings", json=manifest()).json()["versions"] == before


@pytest.mark.parametrize(
    ("content", "row"),
    [
        (GOOD_LIST + "  - name: Quentaro\n    categories: [not-a-category]\n", "row 2"),
        (GOOD_LIST + "  - rights_holder: nobody\n", "row 2"),
        (GOOD_LIST.replace("Zorvexa Test Holdings GmbH", "[unclosed"), None),
    ],
)
def test_a_broken_operator_list_at_start_up_refuses_to_start_naming_file_and_row(
    tmp_path: Path, operator_list: Path, content: str, row: str | None
) -> None:
    operator_list.write_text(content, encoding="utf-8")
    settings = make_settings(f"sqlite:///{tmp_path / 'p.db'}", extra_brand_lists=[operator_list])

    with pytest.raises(DataFilesRefused) as refused, TestClient(create_app(settings)):
        pass

    message = str(refused.value)
    assert "operator-list.yaml" in message
    if row is not None:
        assert row in message
    else:
        assert "line" in message
