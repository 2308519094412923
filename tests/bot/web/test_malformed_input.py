"""Malformed values never give a server error: every route's query parameters, every form field, every id.

Hypothesis draws values of every kind (out-of-range dates, numbers past BIGINT, non-numbers, NUL
bytes, very long text) for each route, logged in as staff and as supervisor, and checks that no
answer is a 5xx. The cases from the security report are then checked one by one with the answer
expected (400, 404, or the page with the filter named as ignored), on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import re
import uuid
from typing import Dict, Tuple
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.fields import SECTOR_LABELS
from bot.store.casework import EDITABLE, move
from bot.store.models import OUTCOMES, STATUSES, TRANSFER_TARGETS, Lead
from bot.store.session import open_session
from bot.store.staff import add_account
from bot.web.app import create_app
from bot.web.queue import FILTER_NAMES, SORTS
from tests.bot.web.conftest import PASSWORD, csrf_of, logged_in, make_lead, version_of

pytestmark = pytest.mark.security

QUEUE = (*FILTER_NAMES, "sort", "page")
NINES = "9" * 30
PAST_BIGINT = "9223372036854775808"
PAST_INTEGER = "2147483648"
RANGE = ("date_from", "date_to")
# Every route of the console: (method, path) -> the query parameters or form fields it reads.
GETS: Dict[str, Tuple[str, ...]] = {
    "/": QUEUE, "/leads/{lead_id}": ("saved",), "/stats": RANGE, "/audit": ("page", "lead"),
    "/evidence/{evidence_id}": (), "/login": ("next",), "/healthz": (), "/account": (),
    "/export.{kind:str}": QUEUE, "/stats.xlsx": RANGE,  # GETs of the export addresses only redirect
}
POSTS: Dict[str, Tuple[str, ...]] = {
    "/leads/{lead_id}/status": ("to_status", "transfer_target", "outcome", "amount_recovered", "workers_paid",
                                "reason", "version"),
    "/leads/{lead_id}/fields": ("field", "value", "version"),
    "/leads/{lead_id}/notes": ("text",),
    "/export.{kind:str}": QUEUE,
    "/stats.xlsx": RANGE,
    "/account": ("current", "new", "again"),  # the current password is never guessed: nothing changes
}
# Posting these would end the test's own login; test_login.py and test_sessions.py cover them.
NOT_FUZZED = {("POST", "/login"), ("POST", "/logout")}

HOSTILE = [
    "", " ", "0", "1", "-1", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
    "9" * 30, "9" * 5000, "1e9", "NaN", "inf", "1_000", "١٢٣", "１２３", "26,000", "0x10", "+5",
    "9999-12-31", "0001-01-01", "2025-02-30", "2025-13-01", "99999-01-01", "2025-03-01T00:00", "20250301",
    "\x00", "a\x00b", "\x1b[0m", "\ufeff", "x" * 10000, "%", "_", "'", '"', "\\", "<script>", "😀" * 50,
]
# The known-bad values drawn as often as any text and any integer put together.
VALUES = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(HOSTILE), st.text(max_size=40),
                   st.integers(-2**80, 2**80).map(str))
BAD_IDS = ["0", "-1", PAST_INTEGER, PAST_BIGINT, NINES, "9" * 5000, "1e3", "abc", "\x00"]
CURRENT = "<the lead's version now>"
# Sensible values mixed in, so the checks behind the first one are reached too.
GOOD = {
    "status": list(STATUSES), "to_status": list(STATUSES), "transfer_target": list(TRANSFER_TARGETS),
    "outcome": list(OUTCOMES), "field": list(EDITABLE), "sector": list(SECTOR_LABELS), "sort": list(SORTS),
    "collective": ["1"], "value": ["30,000", "other", "老王"], "amount_recovered": ["26000"], "workers_paid": ["3"],
    "date_from": ["2025-03-01"], "date_to": ["2025-04-30"], "version": [CURRENT, CURRENT, "1"],
    "reason": ["已电话核实"], "kind": ["csv", "xlsx", "csv", "xlsx", "pdf"],
    "new": ["a new long password"], "again": ["a new long password"],
}
PLACEHOLDER = re.compile(r"\{(\w+)(?::\w+)?\}")
FUZZ = settings(max_examples=50, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def value_of(name: str) -> st.SearchStrategy[str]:
    good = GOOD.get(name)
    return st.one_of(st.sampled_from(good), VALUES) if good else VALUES


def fields_of(names: Tuple[str, ...]) -> st.SearchStrategy[Dict[str, str]]:
    return st.fixed_dictionaries({}, optional={name: value_of(name) for name in names})


def path_of(template: str, lead_ids: list) -> st.SearchStrategy[str]:
    """The route's path with each {placeholder} drawn: real ids, hostile ids, any text."""
    names = PLACEHOLDER.findall(template)
    ids = st.one_of(st.sampled_from([str(i) for i in lead_ids]), st.sampled_from(BAD_IDS), VALUES)
    parts = st.fixed_dictionaries({name: (value_of(name) if name in GOOD else ids) for name in names})
    return parts.map(lambda drawn: PLACEHOLDER.sub(lambda m: quote(drawn[m.group(1)], safe="") or "x", template))


def fill_version(data: Dict[str, str], path: str) -> Dict[str, str]:
    if data.get("version") == CURRENT:
        match = re.match(r"/leads/([0-9]{1,10})/", path)
        lead = None
        if match and int(match.group(1)) < 2**31:
            with open_session() as session:
                lead = session.get(Lead, int(match.group(1)))
        data = {**data, "version": str(lead.version) if lead else "1"}
    return data


def assert_no_server_error(response, method: str, path: str, data: Dict[str, str]) -> None:
    assert response.status_code < 500, f"{method} {path} {data!r:.300} gave {response.status_code}"
    assert response.status_code in (200, 303, 307, 400, 401, 403, 404, 405, 409, 413, 429), response.status_code


@pytest.fixture
def lead_ids(app):
    """A few leads: one new from Telegram, one being verified, one closed."""
    first = make_lead(employer_name="鼎盛建筑公司", amount_yuan=28000, worker_count=12, location="深圳市宝安区",
                      reporter_name="王五", phone="13800138000", sector="construction")
    second = make_lead(channel="cli", employer_name="华强电子厂", amount_yuan=5000)
    third = make_lead(employer_name="老王", needs_check=["amount_yuan"])
    with open_session() as session:
        move(session, session.get(Lead, second.id), "verifying", "li")
        move(session, session.get(Lead, third.id), "closed", "li", outcome="unverifiable", reason="电话打不通")
    return [first.id, second.id, third.id]


def test_every_route_is_fuzzed(app):
    """A route added later without an entry here fails this test, so it cannot go unchecked."""
    routes = {(method, route.path) for route in app.routes if isinstance(route, Route)
              for method in route.methods - {"HEAD"}}
    fuzzed = {("GET", path) for path in GETS} | {("POST", path) for path in POSTS} | NOT_FUZZED
    assert routes == fuzzed


@pytest.mark.parametrize("role", ["staff", "supervisor"])
@pytest.mark.parametrize("template", sorted(GETS))
def test_no_query_gives_a_server_error(request, lead_ids, role, template):
    client = request.getfixturevalue(role)

    @FUZZ
    @given(path=path_of(template, lead_ids), params=fields_of(GETS[template]))
    def check(path: str, params: Dict[str, str]) -> None:
        response = client.get(path, params=params, follow_redirects=False)
        assert_no_server_error(response, "GET", path, params)

    check()


@pytest.mark.parametrize("role", ["staff", "supervisor"])
@pytest.mark.parametrize("template", sorted(POSTS))
def test_no_form_gives_a_server_error(request, lead_ids, role, template):
    client = request.getfixturevalue(role)
    csrf = csrf_of(client, "/")

    @FUZZ
    @given(path=path_of(template, lead_ids), data=fields_of(POSTS[template]))
    def check(path: str, data: Dict[str, str]) -> None:
        data = fill_version(data, path)
        response = client.post(path, data={"csrf": csrf, **data}, follow_redirects=False)
        assert_no_server_error(response, "POST", path, data)

    check()


@pytest.mark.parametrize("evidence_id", [PAST_BIGINT, "9" * 5000])
def test_an_evidence_id_past_the_column_is_not_found(staff, evidence_id):
    assert staff.get(f"/evidence/{evidence_id}").status_code == 404


# The cases from the security report, one by one, with the answer expected, on both databases.

@pytest.fixture(params=["sqlite", "postgres"])
def console(request, use_database, sqlite_url, tmp_path, monkeypatch):
    """(staff client, supervisor client, a lead's id) on a console over SQLite or PostgreSQL."""
    monkeypatch.setenv("EVIDENCE_DIR", str(tmp_path / "evidence"))
    monkeypatch.setenv("WEB_SECRET_KEY", "a test key, not a real one, 32+ bytes long")
    use_database(sqlite_url if request.param == "sqlite" else request.getfixturevalue("postgres_url"))
    names = {role: f"{role}-{uuid.uuid4().hex[:8]}" for role in ("staff", "supervisor")}  # PostgreSQL is shared
    with open_session() as session:
        for role, name in names.items():
            add_account(session, name, role, PASSWORD)
    app = create_app()
    lead = make_lead(employer_name="鼎盛建筑公司", amount_yuan=28000, worker_count=12)
    return (logged_in(TestClient(app), names["staff"]), logged_in(TestClient(app), names["supervisor"]), lead.id)


@pytest.mark.parametrize("query, ignored", [
    ("date_to=9999-12-31", "登记日期（到）"),
    ("date_from=0001-01-01", "登记日期（从）"),
    ("date_from=2025-02-30&date_to=0001-01-01", "登记日期（从）、登记日期（到）"),
    (f"amount_min={NINES}", "金额（从）"),
    (f"amount_max={PAST_BIGINT}", "金额（到）"),
    ("amount_min=-5&amount_max=1e9", "金额（从）、金额（到）"),
    (f"page={NINES}", "页码"),
    (f"page={'9' * 5000}", "页码"),
    ("page=0", "页码"),
    ("q=%00", "搜索"),
    ("place=a%00b&channel=%00", "地点、渠道"),
    (f"q={'x' * 10000}", "搜索"),
    ("status=%00&sort=%00", "状态、排序"),
])
def test_the_queue_ignores_a_bad_filter_and_names_it(console, query, ignored):
    staff, _, _ = console
    page = staff.get(f"/?{query}")
    assert page.status_code == 200 and f"以下条件格式不对，已忽略：{ignored}</p>" in page.text
    assert "共 " in page.text  # the queue itself, with the other filters


@pytest.mark.parametrize("path", [f"/leads/{PAST_INTEGER}", f"/leads/{PAST_BIGINT}", f"/leads/{NINES}",
                                  f"/leads/{'9' * 5000}", "/leads/0", "/leads/-1", "/leads/abc", "/leads/%00",
                                  f"/leads/{PAST_BIGINT}/status", f"/leads/{'9' * 5000}/notes"])
def test_an_id_past_the_column_is_not_found(console, path):
    staff, _, _ = console
    response = staff.get(path) if path.count("/") == 2 else staff.post(path, data={"csrf": csrf_of(staff, "/")})
    assert response.status_code == 404 and "没有这条线索" in response.text


@pytest.mark.parametrize("query, ignored", [(f"lead={PAST_BIGINT}", "线索 ID"), (f"lead={PAST_INTEGER}", "线索 ID"),
                                            (f"page={NINES}", "页码"), ("page=10000000000", "页码"),
                                            ("lead=%00&page=-1", "页码、线索 ID")])
def test_the_audit_log_ignores_a_bad_filter_and_names_it(console, query, ignored):
    _, supervisor, _ = console
    page = supervisor.get(f"/audit?{query}")
    assert page.status_code == 200 and f"以下条件格式不对，已忽略：{ignored}</p>" in page.text


def test_the_statistics_ignore_dates_out_of_range(console):
    staff, _, _ = console
    page = staff.get("/stats?date_from=0001-01-01&date_to=9999-12-31")
    assert page.status_code == 200 and "以下条件格式不对，已忽略：开始日期、结束日期</p>" in page.text


@pytest.mark.parametrize("form, data, error", [
    ("fields", {"field": "amount_yuan", "value": NINES}, "数字超出范围"),
    ("fields", {"field": "amount_yuan", "value": PAST_BIGINT}, "数字超出范围"),
    ("fields", {"field": "worker_count", "value": PAST_INTEGER}, "数字超出范围"),
    ("fields", {"field": "worker_count", "value": "1e9"}, "请填写数字"),
    ("fields", {"field": "employer_name", "value": "鼎盛\x00建筑"}, "控制字符"),
    ("fields", {"field": "employer_name", "value": "x" * 10000}, "内容太长，最多 100 个字"),
    ("fields", {"field": "a\x00b", "value": "x"}, "控制字符"),
    ("fields", {"field": "phone", "value": "13800138000", "version": NINES}, "页面已过期，请刷新后再试。"),
    ("fields", {"field": "phone", "value": "13800138000", "version": ""}, "页面已过期，请刷新后再试。"),
    ("status", {"to_status": "closed", "outcome": "recovered", "amount_recovered": NINES, "workers_paid": "3"},
     "数字超出范围"),
    ("status", {"to_status": "closed", "outcome": "recovered", "amount_recovered": "1", "workers_paid": PAST_BIGINT},
     "数字超出范围"),
    ("status", {"to_status": "closed", "outcome": "rejected", "reason": "不属于欠薪\x00"}, "控制字符"),
    ("status", {"to_status": "closed", "outcome": "rejected", "reason": "理由" * 1001}, "内容太长，最多 2000 个字"),
    ("status", {"to_status": "\x00"}, "控制字符"),
    ("status", {"to_status": "lost"}, "请选择要改成的状态"),
    ("status", {"to_status": "closed", "outcome": "\x00"}, "控制字符"),
    ("notes", {"text": "\x00"}, "控制字符"),
    ("notes", {"text": "备注" * 2501}, "内容太长，最多 5000 个字"),
])
def test_a_bad_form_field_is_refused_on_the_lead_page(console, form, data, error):
    staff, _, lead_id = console
    with open_session() as session:
        before = session.get(Lead, lead_id)
        before = (before.status, before.amount_yuan, before.worker_count, before.employer_name, before.version)
    data = {"csrf": csrf_of(staff, "/"), "version": str(version_of(lead_id)), **data}
    response = staff.post(f"/leads/{lead_id}/{form}", data=data)
    assert response.status_code == 400 and error in response.text
    assert '<p class="error" role="alert">' in response.text and "鼎盛建筑公司" in response.text
    with open_session() as session:
        after = session.get(Lead, lead_id)
        assert (after.status, after.amount_yuan, after.worker_count, after.employer_name, after.version) == before
        assert not after.notes


@pytest.mark.parametrize("path, data, error", [
    ("/export.csv", {"amount_min": PAST_BIGINT}, "金额（从）"),
    ("/export.xlsx", {"date_to": "9999-12-31", "q": "\x00"}, "登记日期（到）、搜索"),
    ("/stats.xlsx", {"date_from": "0001-01-01"}, "开始日期"),
])
def test_an_export_with_a_bad_filter_is_refused(console, path, data, error):
    staff, _, _ = console
    response = staff.post(path, data={"csrf": csrf_of(staff, "/"), **data})
    assert response.status_code == 400 and f"导出条件格式不对：{error}" in response.text
