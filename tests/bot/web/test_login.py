"""Logging in and out, limits on attempts, server-side sessions, and CSRF refusals."""

import logging
import time

import pytest
from starlette.testclient import TestClient

from bot.store import audit, console_sessions
from bot.store import staff as accounts
from bot.store.session import open_session
from bot.store.throttle import PER_ADDRESS, PER_NAME, PER_NAME_AND_ADDRESS
from bot.web.routes.login import MIN_FAILURE_SECONDS
from bot.web.sessions import COOKIE_NAME
from tests.bot.web.conftest import PASSWORD, csrf_of, logged_in, make_lead, post_form

pytestmark = pytest.mark.security


def _login(client, name, password, **extra):
    return client.post("/login", data={"csrf": csrf_of(client), "name": name, "password": password, **extra},
                       follow_redirects=False)


def _actions():
    with open_session() as session:
        return [(entry.actor, entry.action, entry.detail) for entry in reversed(audit.entries(session))]


def test_the_right_password_logs_in_with_a_new_csrf_token_and_is_audited(anonymous):
    before = csrf_of(anonymous)
    response = _login(anonymous, "li", PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/"
    queue = anonymous.get("/")
    assert queue.status_code == 200 and "li（工作人员）" in queue.text
    assert csrf_of(anonymous, "/") != before  # a token seen before login is worth nothing after it
    assert _actions() == [("li", "login", {})]


def test_a_wrong_password_is_refused_in_chinese_and_audited(anonymous):
    response = _login(anonymous, "li", "not the password")
    assert response.status_code == 401 and "用户名或密码不正确" in response.text
    assert 'value="li"' in response.text  # the name is kept, the password is not
    assert anonymous.get("/", follow_redirects=False).status_code == 303
    unknown = _login(anonymous, "nobody", PASSWORD)
    assert unknown.status_code == 401 and _error(unknown) == _error(response)  # no hint that the name is unknown
    response = _login(anonymous, "li", "")
    assert response.status_code == 401 and "请输入用户名和密码" in response.text
    assert _actions() == [("li", "login_failed", {"reason": "wrong_password"}),
                          ("nobody", "login_failed", {"reason": "wrong_password"})]


def _error(response) -> str:
    return response.text.split('class="error"')[1].split("<")[0] if 'class="error"' in response.text else ""


def test_five_tries_per_name_and_address_then_the_same_answer_for_every_name(anonymous):
    answers = [_login(anonymous, "li", f"guess number {n}") for n in range(1, PER_NAME_AND_ADDRESS + 1)]
    late = _login(anonymous, "li", PASSWORD)  # the right password, too late
    assert [a.status_code for a in answers] == [401] * PER_NAME_AND_ADDRESS and late.status_code == 401
    assert len({_error(a) for a in [*answers, late]}) == 1  # nothing says "locked", nothing differs
    unknown = [_login(anonymous, "nobody", f"guess {n}") for n in range(PER_NAME_AND_ADDRESS + 1)]
    assert {_error(a) for a in unknown} == {_error(late)}  # an unknown name behaves exactly the same
    assert anonymous.get("/", follow_redirects=False).status_code == 303
    reasons = [detail["reason"] for actor, action, detail in _actions() if actor == "li"]
    assert reasons == ["wrong_password"] * PER_NAME_AND_ADDRESS + ["too_many_attempts"]
    assert _login(anonymous, "zhang", PASSWORD).status_code == 303  # other accounts are not affected


def test_a_browser_that_logged_in_before_gets_in_through_a_flood_from_its_own_address(app):
    desk = logged_in(TestClient(app, client=("198.51.100.30", 1)), "li")  # leaves a device cookie
    post_form(desk, "/logout", {})
    flood = TestClient(app, client=("198.51.100.30", 2))  # the same proxy address, no device cookie
    for n in range(2 * PER_ADDRESS + 5):
        assert _login(flood, ["li", f"x{n}"][n % 2], "guess guess").status_code == 401
    assert _login(flood, "li", PASSWORD).status_code == 401
    assert _login(desk, "li", PASSWORD).status_code == 303
    assert _login(TestClient(app, client=("198.51.100.30", 3)), "zhang", PASSWORD).status_code == 401


def test_guesses_at_one_name_from_many_addresses_stop_at_fifty(app):
    for n in range(PER_NAME):
        client = TestClient(app, client=(f"203.0.113.{n % 250}", 1))
        assert _login(client, "zhang", f"guess {n}").status_code == 401
    assert _login(TestClient(app, client=("192.0.2.1", 1)), "zhang", PASSWORD).status_code == 401


def test_a_stranger_elsewhere_cannot_lock_staff_out_at_their_own_desk(app):
    stranger = TestClient(app, client=("203.0.113.9", 50000))
    for n in range(PER_NAME_AND_ADDRESS + 3):
        assert _login(stranger, "li", f"guess {n}").status_code == 401
    assert _login(stranger, "li", PASSWORD).status_code == 401
    desk = TestClient(app, client=("198.51.100.20", 50000))
    assert _login(desk, "li", PASSWORD).status_code == 303


def test_an_address_gets_thirty_tries_over_all_names(app):
    flood = TestClient(app, client=("203.0.113.77", 50000))
    for n in range(PER_ADDRESS):
        assert _login(flood, f"name{n}", "guess guess").status_code == 401
    assert _login(flood, "zhang", PASSWORD).status_code == 401  # this address is done for the window
    assert _login(TestClient(app, client=("198.51.100.21", 1)), "zhang", PASSWORD).status_code == 303


def test_every_failure_takes_one_password_check_and_at_least_the_floor(anonymous, monkeypatch):
    import hashlib

    calls = []
    real = hashlib.scrypt
    monkeypatch.setattr(hashlib, "scrypt", lambda *a, **k: calls.append(1) or real(*a, **k))
    with open_session() as session:
        accounts.set_active(session, accounts.find_account(session, "zhang"), False)
    for name in ("li", "nobody", "zhang"):  # wrong password, unknown name, disabled account
        calls.clear()
        started = time.monotonic()
        assert _login(anonymous, name, "wrong password").status_code == 401
        assert len(calls) == 1 and time.monotonic() - started >= MIN_FAILURE_SECONDS
    for _ in range(PER_NAME_AND_ADDRESS):
        _login(anonymous, "li", "wrong again")
    calls.clear()
    started = time.monotonic()
    assert _login(anonymous, "li", "wrong again").status_code == 401  # refused without a check...
    assert calls == [] and time.monotonic() - started >= MIN_FAILURE_SECONDS  # ...but no faster


def test_logging_out_ends_the_session_on_the_server(staff):
    cookie_before = staff.cookies[COOKIE_NAME]
    response = post_form(staff, "/logout", {}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert staff.cookies[COOKIE_NAME] != cookie_before
    assert staff.get("/", follow_redirects=False).status_code == 303
    assert ("li", "logout", {}) in _actions()
    replay = TestClient(staff.app)  # someone who copied the cookie before logout
    replay.cookies.set(COOKIE_NAME, cookie_before)
    assert replay.get("/", follow_redirects=False).status_code == 303


def test_disabling_an_account_or_a_new_password_ends_its_sessions_for_good(app):
    first, second = logged_in(TestClient(app), "li"), logged_in(TestClient(app), "li")
    old_cookie = first.cookies[COOKIE_NAME]
    with open_session() as session:
        account = accounts.find_account(session, "li")
        accounts.set_password(session, account, "a brand new password")
    assert first.get("/", follow_redirects=False).status_code == 303
    assert second.get("/", follow_redirects=False).status_code == 303
    third = logged_in(TestClient(app), "li", "a brand new password")
    with open_session() as session:
        account = accounts.find_account(session, "li")
        accounts.set_active(session, account, False)
        accounts.set_active(session, account, True)  # re-activated: old sessions stay ended
    for client in (first, third):
        client.cookies.set(COOKIE_NAME, client.cookies[COOKIE_NAME] if client is third else old_cookie)
        assert client.get("/", follow_redirects=False).status_code == 303


def test_a_session_ends_after_two_idle_hours_and_twelve_hours_in_all(staff):
    from datetime import timedelta

    from bot.store.models import ConsoleSession

    assert staff.get("/").status_code == 200
    with open_session() as session:
        row = session.query(ConsoleSession).one()
        row.last_seen = row.last_seen - console_sessions.IDLE - timedelta(seconds=1)
        session.commit()
    assert staff.get("/", follow_redirects=False).status_code == 303
    logged_in(staff, "li")
    with open_session() as session:
        row = session.query(ConsoleSession).one()
        row.expires_at = row.created_at  # past the hard cap, however active
        session.commit()
    assert staff.get("/", follow_redirects=False).status_code == 303


def test_a_login_without_the_right_csrf_token_is_refused(anonymous):
    anonymous.get("/login")
    for data in ({"name": "li", "password": PASSWORD}, {"csrf": "guessed", "name": "li", "password": PASSWORD}):
        response = anonymous.post("/login", data=data, follow_redirects=False)
        assert response.status_code == 403 and "CSRF" in response.text
    assert anonymous.get("/", follow_redirects=False).status_code == 303
    assert _actions() == []  # refused before the password was even looked at


def test_a_form_posted_from_elsewhere_changes_nothing(staff):
    lead = make_lead(employer_name="老王")
    for data in ({"text": "伪造的备注"}, {"text": "伪造的备注", "csrf": "x" * 43}):
        response = staff.post(f"/leads/{lead.id}/notes", data=data)
        assert response.status_code == 403
    # A token from another visitor's session does not count either.
    stranger = TestClient(staff.app)
    response = staff.post(f"/leads/{lead.id}/notes", data={"text": "伪造的备注", "csrf": csrf_of(stranger)})
    assert response.status_code == 403
    response = staff.post(f"/leads/{lead.id}/notes", content=b'{"text": "json"}',
                          headers={"content-type": "application/json"})
    assert response.status_code == 403
    assert "伪造的备注" not in staff.get(f"/leads/{lead.id}").text
    assert not [action for _, action, _ in _actions() if action == "add_note"]


def test_a_failed_login_logs_no_personal_data(anonymous, caplog):
    caplog.set_level(logging.DEBUG)
    _login(anonymous, "张建国13812345678", "x" * 12)
    assert "张建国" not in caplog.text and "13812345678" not in caplog.text


def test_changing_ones_password_ends_every_other_session(app):
    here, elsewhere = logged_in(TestClient(app), "li"), logged_in(TestClient(app), "li")
    form = {"current": "wrong password", "new": "a new long password", "again": "a new long password"}
    refused = post_form(here, "/account", form, page="/account")
    assert refused.status_code == 400 and "当前密码不正确" in refused.text
    mismatch = post_form(here, "/account", {**form, "current": PASSWORD, "again": "other"}, page="/account")
    assert mismatch.status_code == 400 and "两次输入的新密码不一样" in mismatch.text
    changed = post_form(here, "/account", {**form, "current": PASSWORD}, page="/account")
    assert changed.status_code == 200 and "其他地方的登录已全部退出" in changed.text
    assert here.get("/", follow_redirects=False).status_code == 200  # this browser stays in
    assert elsewhere.get("/", follow_redirects=False).status_code == 303  # the other session is over
    assert _login(TestClient(app), "li", PASSWORD).status_code == 401
    assert ("li", "change_password", {}) in _actions()
