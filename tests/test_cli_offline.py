"""`prescreen screen`, `prescreen lists check`, `prescreen brands search`: the engine with no service."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli, main
from tests.packing.builders import csv_bytes, xlsx_bytes

runner = CliRunner()
HOLD = [["品名", "商品编码", "数量", "单价(美元)"], ["劳力士 手表 Submariner", "9102.21", 50, "18.00"]]
CLEAR = [["Description", "HS Code", "Qty"], ["Ceramic coffee mugs 350ml, white", "6912.00", 1200]]
ROUTE = ["--destination", "US", "--channel", "sea_freight", "--date", "2026-11-30"]


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_a_hold_exits_2_and_prints_the_table(tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["screen", write(tmp_path, "p.csv", csv_bytes(HOLD, encoding="gb18030")), *ROUTE]
    )

    assert result.exit_code == 2, result.output
    assert "BRAND_MATCH" in result.stdout
    assert "decision hold" in result.stdout


def test_a_clear_list_exits_0(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["screen", write(tmp_path, "p.xlsx", xlsx_bytes(CLEAR)), *ROUTE])

    assert result.exit_code == 0, result.output
    assert "decision clear" in result.stdout


def test_json_is_the_api_body_and_csv_has_a_row_per_flag(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", csv_bytes(HOLD))
    as_json = runner.invoke(cli, ["screen", path, *ROUTE, "--format", "json"])
    out = tmp_path / "result.csv"
    as_csv = runner.invoke(cli, ["screen", path, *ROUTE, "--format", "csv", "--out", str(out)])

    body = json.loads(as_json.stdout)
    assert body["decision"] == "hold"
    assert {w["code"] for w in body["warnings"]} >= {"header_row", "column_read"}
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    line_flags = [f["code"] for f in body["lines"][0]["flags"]]
    assert [r["code"] for r in rows if r["line_id"] == "1"] == line_flags
    assert as_csv.exit_code == 2
    assert as_csv.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--destination", "US"], id="missing-channel"),
        pytest.param(["--destination", "US", "--channel", "carrier_pigeon"], id="bad-channel"),
        pytest.param(["--destination", "Atlantis", "--channel", "express"], id="bad-country"),
        pytest.param([*ROUTE, "--format", "xml"], id="bad-format"),
    ],
)
def test_unusable_arguments_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.setattr(
        sys, "argv", ["prescreen", "screen", write(tmp_path, "p.csv", csv_bytes(CLEAR)), *args]
    )

    with pytest.raises(SystemExit) as exited:
        main()

    assert exited.value.code == 3


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"%PDF-1.7", id="pdf"),
        pytest.param(b"sku,title\n1,mugs\n", id="no-description"),
        pytest.param(b"description,qty\nmugs,lots\n", id="bad-row"),
    ],
)
def test_an_unusable_file_exits_3_naming_the_problem(tmp_path: Path, data: bytes) -> None:
    result = runner.invoke(cli, ["screen", write(tmp_path, "p.csv", data), *ROUTE])

    assert result.exit_code == 3, result.output
    assert "error:" in result.stderr


def test_a_missing_file_exits_3(tmp_path: Path) -> None:
    assert runner.invoke(cli, ["screen", str(tmp_path / "none.csv"), *ROUTE]).exit_code == 3


def test_lists_check_prints_versions_and_fails_on_a_bad_file(tmp_path: Path) -> None:
    shipped = Path("brand_lists/core.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("list:\n  id: bad\n  version: '1'\nbrands:\n  - name: ''\n", encoding="utf-8")

    good = runner.invoke(cli, ["lists", "check"])
    files = runner.invoke(cli, ["lists", "check", str(shipped), "app/data/campaigns/longteng-2026.yaml"])
    broken = runner.invoke(cli, ["lists", "check", str(bad)])

    assert good.exit_code == 0, good.output
    assert "brand list core@" in good.stdout
    assert "campaigns" in good.stdout
    assert files.exit_code == 0, files.output
    assert "campaign longteng-2026" in files.stdout
    assert broken.exit_code == 1
    assert "error:" in broken.stderr


def test_brands_search_finds_a_disguised_mark() -> None:
    result = runner.invoke(cli, ["brands", "search", "R0LEX Submarlner"])

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Rolex\t")
