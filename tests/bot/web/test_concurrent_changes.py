"""Two staff changing one lead at the same moment: exactly one change wins, the other gets a 409.

Every lead-changing form carries the version the page showed. A form from a page that is out of
date is refused before anything is written; two forms that pass that check at the same instant
race to the database, where the loser's UPDATE finds another version (StaleDataError) and its
whole change, history row and message to the worker included, is rolled back. Both on SQLite and
on PostgreSQL.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bot.store import audit, casework
from bot.store.models import Lead, Notification, StatusChange
from bot.store.session import open_session
from bot.store.staff import add_account
from bot.web.app import create_app
from tests.bot.web.conftest import PASSWORD, lead_form_fields, logged_in, make_lead

pytestmark = pytest.mark.security

CONFLICT = "刚被他人修改，请刷新后再试。"
VERIFY = {"to_status": "verifying", "reason": "已电话核实"}
REFUSE = {"to_status": "closed", "outcome": "rejected", "reason": "超过两年"}


@pytest.fixture(params=["sqlite", "postgres"])
def two_staff(request, use_database, sqlite_url, tmp_path, monkeypatch):
    """Two logged-in staff members on one console (SQLite or PostgreSQL) and a new Telegram lead."""
    monkeypatch.setenv("EVIDENCE_DIR", str(tmp_path / "evidence"))
    monkeypatch.setenv("WEB_SECRET_KEY", "a test key, not a real one, 32+ bytes long")
    use_database(sqlite_url if request.param == "sqlite" else request.getfixturevalue("postgres_url"))
    names = [f"staff-{uuid.uuid4().hex[:8]}" for _ in range(2)]  # the PostgreSQL database is shared
    with open_session() as session:
        for name in names:
            add_account(session, name, "staff", PASSWORD)
    app = create_app()
    lead = make_lead(employer_name="鼎盛建筑公司", amount_yuan=28000, worker_count=12, phone="13800138000")
    return [logged_in(TestClient(app), name) for name in names], lead.id


def state(lead_id):
    """What the lead looks like now, and what was written about it."""
    with open_session() as session:
        lead = session.get(Lead, lead_id)
        count = lambda model: session.execute(  # noqa: E731
            select(func.count()).select_from(model).where(model.lead_id == lead_id)).scalar_one()
        changes = [entry.action for entry in audit.entries(session, lead_id) if entry.action != "view_lead"]
        return {"status": lead.status, "outcome": lead.outcome, "close_reason": lead.close_reason,
                "accepted_at": lead.accepted_at, "closed_at": lead.closed_at, "amount_yuan": lead.amount_yuan,
                "assigned_to": lead.assigned_to, "version": lead.version, "history": count(StatusChange),
                "messages": count(Notification), "changes": changes}


def assert_consistent(lead):
    """Never 核实中 with an outcome, nor 已办结 (不予受理) yet 立案."""
    if lead["status"] == "verifying":
        assert lead["outcome"] is None and lead["close_reason"] is None and lead["closed_at"] is None
        assert lead["accepted_at"] is not None
    else:
        assert (lead["status"], lead["outcome"], lead["close_reason"]) == ("closed", "rejected", "超过两年")
        assert lead["accepted_at"] is None and lead["closed_at"] is not None


def test_every_form_that_changes_the_lead_carries_its_version(two_staff):
    (li, _), lead_id = two_staff
    page = li.get(f"/leads/{lead_id}").text
    version = state(lead_id)["version"]
    for action in ("status", "fields"):
        for form in page.split(f'action="/leads/{lead_id}/{action}"')[1:]:
            assert f'<input type="hidden" name="version" value="{version}">' in form.split("</form>")[0]
    assert page.count('name="version"') == 12  # the status form, ten corrections, 指派给我


@pytest.mark.parametrize("first, second", [
    (("status", VERIFY), ("status", REFUSE)),
    (("status", REFUSE), ("status", VERIFY)),
    (("fields", {"field": "amount_yuan", "value": "30000"}), ("status", REFUSE)),
    (("status", VERIFY), ("fields", {"field": "amount_yuan", "value": "30000"})),
    (("fields", {"field": "assigned_to", "value": "li"}), ("fields", {"field": "assigned_to", "value": "wang"})),
])
def test_a_form_from_a_page_already_out_of_date_changes_nothing(two_staff, first, second):
    """Both opened the lead, then both saved: the second form still carries the version both saw."""
    (li, wang), lead_id = two_staff
    seen_by_li, seen_by_wang = lead_form_fields(li, lead_id), lead_form_fields(wang, lead_id)
    assert seen_by_li["version"] == seen_by_wang["version"]
    won = li.post(f"/leads/{lead_id}/{first[0]}", data={**seen_by_li, **first[1]}, follow_redirects=False)
    assert won.status_code == 303
    after_first = state(lead_id)
    lost = wang.post(f"/leads/{lead_id}/{second[0]}", data={**seen_by_wang, **second[1]})
    assert lost.status_code == 409
    assert f'<p class="error" role="alert">{CONFLICT}</p>' in lost.text and "鼎盛建筑公司" in lost.text
    assert state(lead_id) == after_first  # nothing of the second change was written
    assert after_first["history"] <= 2 and after_first["messages"] <= 1 and len(after_first["changes"]) == 1
    # The page the loser now sees is current: saving again from it works.
    retried = wang.post(f"/leads/{lead_id}/notes", data={**lead_form_fields(wang, lead_id), "text": "已刷新"},
                        follow_redirects=False)
    assert retried.status_code == 303


def test_two_status_changes_at_the_same_moment(two_staff, monkeypatch):
    """Both requests have read the lead (same version, both checks passed) before either writes."""
    (li, wang), lead_id = two_staff
    forms = [{**lead_form_fields(li, lead_id), **VERIFY}, {**lead_form_fields(wang, lead_id), **REFUSE}]
    both_read = threading.Barrier(2, timeout=30)
    real_move = casework.move

    def move_when_both_have_read(*args, **kwargs):
        both_read.wait()
        return real_move(*args, **kwargs)

    monkeypatch.setattr(casework, "move", move_when_both_have_read)
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda pair: pair[0].post(f"/leads/{lead_id}/status", data=pair[1],
                                                          follow_redirects=False), zip((li, wang), forms, strict=True)))
    assert sorted(answer.status_code for answer in answers) == [303, 409]
    assert CONFLICT in next(answer for answer in answers if answer.status_code == 409).text
    lead = state(lead_id)
    assert lead["history"] == 2  # filed, then the one change that won
    assert lead["messages"] == 1  # one message to the worker
    assert lead["changes"] == ["change_status"]
    assert_consistent(lead)
    winner = answers.index(next(answer for answer in answers if answer.status_code == 303))
    assert lead["status"] == ("verifying", "closed")[winner]


def test_two_corrections_at_the_same_moment(two_staff, monkeypatch):
    (li, wang), lead_id = two_staff
    forms = [{**lead_form_fields(li, lead_id), "field": "amount_yuan", "value": "30000"},
             {**lead_form_fields(wang, lead_id), "field": "amount_yuan", "value": "5000"}]
    both_read = threading.Barrier(2, timeout=30)
    real_correct = casework.correct_field

    def correct_when_both_have_read(*args, **kwargs):
        both_read.wait()
        return real_correct(*args, **kwargs)

    monkeypatch.setattr(casework, "correct_field", correct_when_both_have_read)
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda pair: pair[0].post(f"/leads/{lead_id}/fields", data=pair[1],
                                                          follow_redirects=False), zip((li, wang), forms, strict=True)))
    assert sorted(answer.status_code for answer in answers) == [303, 409]
    winner = [answer.status_code for answer in answers].index(303)
    lead = state(lead_id)
    assert lead["amount_yuan"] == (30000, 5000)[winner] and lead["changes"] == ["edit_field"]
