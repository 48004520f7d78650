"""The /desk page in a real headless Chromium (Debian's chromium and chromium-driver, through selenium).

Selenium is given the driver's path, so it never looks for or downloads a browser of its own. Under CI
a missing Chromium fails the test; elsewhere it skips with the install command.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from app.main import create_app
from tests.conftest import KEY_A, make_settings
from tests.packing.builders import csv_bytes

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1300",
)
SCREENSHOT_ENV = "PRESCREEN_DESK_SCREENSHOT"  # a path: save a screenshot of the screened page there
PACKING_LIST = [
    ["序号", "品名", "商品编码", "数量", "单价(美元)", "备注"],
    [1, "劳力士 R0LEX Submariner 手表", "9102.21", 50, "18.00", "样品"],
    [2, "陶瓷咖啡杯 350ml 白色", "6912.00", 1200, "0.80", ""],
    [3, "Woven logo labels for watch straps", "5807.10", 250, "0.02", ""],
]


def _require_chromium() -> None:
    if os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER):
        return
    message = f"{CHROMIUM} or {CHROMEDRIVER} missing: apt-get install -y chromium chromium-driver"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture
def server(sqlite_url: str) -> Iterator[str]:
    """The app on a real socket on loopback, as a browser needs it."""
    config = uvicorn.Config(
        create_app(make_settings(sqlite_url)), host="127.0.0.1", port=0, log_level="warning"
    )
    live = uvicorn.Server(config)
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not live.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    port = live.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    live.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    _require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads  # type: ignore[attr-defined]
    yield driver
    driver.quit()


def _wait(condition: object, timeout: float = 60) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()  # type: ignore[operator]
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("the page did not get there in time")


def test_a_gb18030_packing_list_shows_its_hold_line_and_downloads_as_csv(
    server: str, browser: object, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    packing_list = tmp_path / "装箱单.csv"
    packing_list.write_bytes(csv_bytes(PACKING_LIST, encoding="gb18030"))
    driver.get(f"{server}/desk/")  # type: ignore[attr-defined]
    find = driver.find_element  # type: ignore[attr-defined]

    find(By.ID, "api-key").send_keys(KEY_A)
    find(By.CSS_SELECTOR, "#key-form button").click()
    find(By.ID, "destination").clear()
    find(By.ID, "destination").send_keys("US")
    find(By.ID, "file").send_keys(str(packing_list))
    find(By.ID, "screen").click()

    _wait(lambda: find(By.ID, "decision").text)
    assert find(By.ID, "decision").text.lower() == "hold", find(By.ID, "status").text
    hold_row = find(By.CSS_SELECTOR, 'tr[data-line="1"]')
    assert "critical" in hold_row.get_attribute("class")
    assert "BRAND_MATCH" in hold_row.text
    marks = [m.text for m in hold_row.find_elements(By.TAG_NAME, "mark")]
    assert any("R0LEX" in m or "Submariner" in m or "劳力士" in m for m in marks), marks
    assert PACKING_LIST[1][1] in hold_row.text  # the whole description, the mark marked within it
    clear_row = find(By.CSS_SELECTOR, 'tr[data-line="2"]')
    assert "critical" not in clear_row.get_attribute("class")
    assert "备注" in find(By.ID, "warnings").text  # the ignored column is named
    assert "longteng" in find(By.ID, "campaigns").text.lower()

    if os.environ.get(SCREENSHOT_ENV):
        driver.execute_script("document.getElementById('goods-form-end').scrollIntoView()")  # type: ignore[attr-defined]
        driver.save_screenshot(os.environ[SCREENSHOT_ENV])  # type: ignore[attr-defined]

    find(By.ID, "download-csv").click()
    # A finished download: Chromium may show the file before it has written it.
    downloaded = _wait(
        lambda: [p for p in driver.downloads.glob("*.csv") if p.stat().st_size]  # type: ignore[attr-defined]
    )
    text = downloaded[0].read_text(encoding="utf-8-sig")  # type: ignore[index]
    assert text.splitlines()[0] == "line_id,risk_level,risk_score,code,points,reason,recommendation"
    assert any(row.startswith("1,critical,") and "BRAND_MATCH" in row for row in text.splitlines())


def test_pasted_lines_are_highlighted_in_their_description(server: str, browser: object) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{server}/desk/")  # type: ignore[attr-defined]
    find = driver.find_element  # type: ignore[attr-defined]
    find(By.ID, "api-key").send_keys(KEY_A)
    find(By.CSS_SELECTOR, "#key-form button").click()
    find(By.ID, "lines").send_keys("Ceramic coffee mugs\nG U C C I belt, leather\t4203.30\t20\t6")
    find(By.ID, "screen").click()

    _wait(lambda: find(By.ID, "decision").text)
    row = find(By.CSS_SELECTOR, 'tr[data-line="2"]')
    assert [m.text for m in row.find_elements(By.TAG_NAME, "mark")] == ["G U C C I"]
    assert driver.execute_script("return sessionStorage.getItem('prescreen.apiKey')") == KEY_A  # type: ignore[attr-defined]
    assert driver.execute_script("return localStorage.length") == 0  # type: ignore[attr-defined]


def test_the_desk_uses_no_outside_assets(server: str) -> None:
    import httpx

    page = httpx.get(f"{server}/desk/").text
    assert "http://" not in page.replace("http://www.w3.org", "")
    assert "https://" not in page
    for asset in ("desk.js", "desk.css"):
        response = httpx.get(f"{server}/desk/{asset}")
        assert response.status_code == 200
        assert "https://" not in response.text


def test_chromium_is_where_the_tests_expect_it() -> None:
    """Keeps a machine without it from passing the browser tests by skipping them all."""
    _require_chromium()
    assert shutil.which("chromium") or os.path.exists(CHROMIUM)
