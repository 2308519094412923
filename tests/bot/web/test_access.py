"""Who may see what: strangers only the login page, static files and the health check; staff all but the audit log."""

from urllib.parse import quote

import pytest

from bot.web.sessions import COOKIE_NAME, SessionCodec, new_session
from tests.bot.web.conftest import make_lead, post_form

pytestmark = pytest.mark.security

PRIVATE_PAGES = ["/", "/leads/{id}", "/evidence/1", "/audit", "/leads/999", "/no-such-page"]
PRIVATE_FORMS = ["/leads/{id}/status", "/leads/{id}/fields", "/leads/{id}/notes", "/logout"]


@pytest.fixture
def lead_id(app):
    return make_lead(employer_name="鼎盛建筑", reporter_name="王五", phone="13800138000").id


def test_strangers_see_the_login_page_static_files_and_the_health_check(anonymous):
    page = anonymous.get("/login")
    assert page.status_code == 200 and "工作人员登录" in page.text and 'name="csrf"' in page.text
    assert COOKIE_NAME in page.cookies  # the login form's CSRF token lives in a signed cookie
    assert "HttpOnly" in page.headers["set-cookie"] and "SameSite=Lax" in page.headers["set-cookie"]
    assert anonymous.get("/healthz").text == "ok"
    css = anonymous.get("/static/console.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("page", PRIVATE_PAGES)
def test_strangers_are_sent_to_the_login_page(anonymous, lead_id, page):
    target = page.format(id=lead_id)
    response = anonymous.get(target, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == ("/login" if page == "/" else "/login?next=" + quote(target, safe=""))
    assert "鼎盛建筑" not in response.text and "13800138000" not in response.text


@pytest.mark.parametrize("form", PRIVATE_FORMS)
def test_strangers_cannot_post_even_with_a_valid_csrf_token(anonymous, lead_id, form):
    response = post_form(anonymous, form.format(id=lead_id), {"text": "x", "to_status": "closed"}, page="/login",
                         follow_redirects=False)
    assert response.status_code == 403 and "请先登录" in response.text


def test_after_logging_in_the_stranger_lands_where_they_were_going(anonymous, lead_id):
    target = anonymous.get(f"/leads/{lead_id}", follow_redirects=False).headers["location"]
    page = anonymous.get(target)
    response = anonymous.post("/login", data={"csrf": page.text.split('name="csrf" value="')[1].split('"')[0],
                                              "name": "li", "password": "a long password",
                                              "next": f"/leads/{lead_id}"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/leads/{lead_id}"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "/login"])
def test_logging_in_never_sends_staff_off_the_site(anonymous, target):
    page = anonymous.get("/login")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    response = anonymous.post("/login", data={"csrf": token, "name": "li", "password": "a long password",
                                              "next": target}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_staff_see_every_page_but_the_audit_log(staff, lead_id):
    assert staff.get("/").status_code == 200
    assert staff.get(f"/leads/{lead_id}").status_code == 200
    denied = staff.get("/audit")
    assert denied.status_code == 403 and "只有主管可以查看审计日志" in denied.text
    assert 'href="/audit"' not in staff.get("/").text
    assert staff.get("/leads/999").status_code == 404
    assert staff.get("/healthz").text == "ok"
    assert staff.get("/login", follow_redirects=False).headers["location"] == "/"


def test_supervisors_see_every_page_including_the_audit_log(supervisor, lead_id):
    assert supervisor.get("/").status_code == 200
    assert supervisor.get(f"/leads/{lead_id}").status_code == 200
    log = supervisor.get("/audit")
    assert log.status_code == 200 and "审计日志" in log.text and "查看线索" in log.text
    assert 'href="/audit"' in supervisor.get("/").text


def test_pages_are_not_cached_framed_or_scripted_from_elsewhere(staff, lead_id):
    headers = staff.get(f"/leads/{lead_id}").headers
    assert headers["cache-control"] == "no-store" and headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in headers["content-security-policy"]


def test_a_forged_or_expired_cookie_is_a_stranger(anonymous, supervisor, lead_id):
    key = b"a test key, not a real one, 32+ bytes long"
    real = SessionCodec(key).load(supervisor.cookies[COOKIE_NAME])
    assert real["sid"] and "staff" not in real and "role" not in real  # who is logged in stays on the server
    forged = SessionCodec(b"not the key, but 32 bytes long..").dump(new_session(real["sid"]))
    anonymous.cookies.set(COOKIE_NAME, forged)
    assert anonymous.get("/audit", follow_redirects=False).status_code == 303
    expired = SessionCodec(key).dump(new_session(real["sid"], now=0))
    anonymous.cookies.set(COOKIE_NAME, expired)
    assert anonymous.get("/", follow_redirects=False).status_code == 303
    # Signed with the right key but naming a session the server never started: still a stranger.
    made_up = SessionCodec(key).dump(new_session("a-session-id-nobody-was-given"))
    anonymous.cookies.set(COOKIE_NAME, made_up)
    assert anonymous.get("/audit", follow_redirects=False).status_code == 303
    valid = SessionCodec(key).dump(new_session(real["sid"]))
    anonymous.cookies.set(COOKIE_NAME, valid)
    assert anonymous.get("/audit").status_code == 200  # the real session id, properly signed, is accepted


def test_a_deactivated_account_loses_the_console_at_once(staff):
    from bot.store.session import open_session
    from bot.store.staff import find_account

    assert staff.get("/", follow_redirects=False).status_code == 200
    with open_session() as session:
        find_account(session, "li").active = False
        session.commit()
    assert staff.get("/", follow_redirects=False).status_code == 303
