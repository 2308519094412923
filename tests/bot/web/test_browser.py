"""The console in a real browser: Debian's chromium driven by Playwright, against the real server over HTTP.

Screenshots of the main pages go to var/test-output/screenshots/ for a person to look at.
"""

from __future__ import annotations

import io
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from bot.demo import fill
from bot.store.leads import file_lead
from bot.store.session import open_session
from bot.store.staff import add_account
from bot.web.app import create_app

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[3] / "var" / "test-output" / "screenshots"
PASSWORD = "a long password"
XSS = "<script>alert(1)</script>"


@pytest.fixture
def console(use_database, sqlite_url, tmp_path, monkeypatch):
    """A console with demo data, an employer named like a script, and a supervisor; its address."""
    if not CHROMIUM.exists():
        pytest.fail("chromium is missing: run `make browser` (make test does)")
    monkeypatch.setenv("EVIDENCE_DIR", str(tmp_path / "evidence"))
    monkeypatch.setenv("WEB_SECRET_KEY", "a test key, not a real one, 32+ bytes long")
    use_database(sqlite_url)
    with open_session() as session:
        fill(session, count=80)
        file_lead(session, intake_key="xss", channel="demo", sender_id="demo-xss",
                  fields={"employer_name": XSS, "amount_yuan": 5000, "location": "东莞", "description": "演示数据"})
        add_account(session, "zhang", "supervisor", PASSWORD)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning",
                                           ws="none", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        context = browser.new_context(accept_downloads=True, locale="zh-CN", viewport={"width": 1400, "height": 900})
        yield context.new_page()
        browser.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_supervisor_works_a_lead_and_reports_on_it(console, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(f"{console}/")
    assert page.url.startswith(f"{console}/login")
    _shot(page, "login")
    page.fill("input[name=name]", "zhang")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{console}/")
    assert page.locator("table.queue tbody tr").count() == 50  # first page of 81
    _shot(page, "queue")

    # filter the queue: new leads only
    page.select_option("select[name=status]", "new")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**status=new**")
    statuses = page.locator("table.queue tbody tr td:nth-child(3)").all_inner_texts()
    assert statuses and set(statuses) == {"新线索"}

    # the employer named like a script is shown as text and runs nothing
    page.fill("input[name=q]", "script")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**q=script**")
    assert XSS in page.locator("table.queue").inner_text()

    # open it and move it on
    page.click("table.queue tbody tr a")
    page.wait_for_url("**/leads/**")
    assert XSS in page.inner_text("main") and not dialogs
    _shot(page, "lead")
    page.select_option("select[name=to_status]", "verifying")
    page.click("text=保存状态")
    page.wait_for_load_state()
    assert "核实中" in page.locator("main").inner_text()

    # export the queue as XLSX and read it back: a button of a POST form (CSRF token), no script
    page.goto(f"{console}/")
    assert page.locator("a[href*='/export.']").count() == 0
    assert page.locator("form.exports[method=post] input[name=csrf]").count() == 1
    with page.expect_download() as download:
        page.click("form.exports button:has-text('导出 XLSX')")
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active.iter_rows(values_only=True))
    assert rows[0][0] == "线索编号" and len(rows) == 82 and "联系电话" in rows[0]  # supervisor: personal columns

    # an old link to the export address only opens the queue
    page.goto(f"{console}/export.xlsx?status=new")
    assert page.url == f"{console}/?status=new" and page.locator("table.queue").count() == 1

    # statistics
    page.click("nav >> text=统计")
    page.wait_for_url("**/stats**")
    summary = page.inner_text("#summary")
    assert summary.startswith("截至") and "办结率" in summary and "工程建设领域" in summary
    assert page.locator("svg").count() == 3
    _shot(page, "stats")
    with page.expect_download() as download:
        page.click("form.exports button:has-text('导出 XLSX')")
    assert download.value.suggested_filename.startswith("stats-")
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert sheet.title == "统计" and sheet["A2"].value == "合计"
    assert not dialogs
