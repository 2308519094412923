"""Logging in and out, the lock-out after five wrong passwords, and CSRF refusals."""

from starlette.testclient import TestClient

from bot.store import audit
from bot.store.session import open_session
from bot.store.staff import MAX_FAILED_LOGINS, is_locked
from bot.web.sessions import COOKIE_NAME
from tests.bot.web.conftest import PASSWORD, csrf_of, make_lead, post_form


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
    response = _login(anonymous, "nobody", PASSWORD)
    assert response.status_code == 401 and "用户名或密码不正确" in response.text
    response = _login(anonymous, "li", "")
    assert response.status_code == 401 and "请输入用户名和密码" in response.text
    assert _actions() == [("li", "login_failed", {"reason": "wrong_password"}),
                          ("nobody", "login_failed", {"reason": "wrong_password"})]


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(anonymous):
    for attempt in range(1, MAX_FAILED_LOGINS + 1):
        response = _login(anonymous, "li", f"guess number {attempt}")
        assert response.status_code == 401
        assert ("已锁定 15 分钟" in response.text) == (attempt == MAX_FAILED_LOGINS)
    response = _login(anonymous, "li", PASSWORD)  # the right password, too late
    assert response.status_code == 401 and "密码连续输错 5 次，该账户已锁定 15 分钟" in response.text
    assert anonymous.get("/", follow_redirects=False).status_code == 303
    with open_session() as session:
        assert is_locked(session, "li")
    reasons = [detail["reason"] for actor, action, detail in _actions() if action == "login_failed"]
    assert reasons == ["wrong_password"] * 4 + ["locked", "locked"]
    assert _login(anonymous, "zhang", PASSWORD).status_code == 303  # other accounts are not affected


def test_logging_out_ends_the_session(staff):
    cookie_before = staff.cookies[COOKIE_NAME]
    response = post_form(staff, "/logout", {}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert staff.cookies[COOKIE_NAME] != cookie_before
    assert staff.get("/", follow_redirects=False).status_code == 303
    assert ("li", "logout", {}) in _actions()


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
