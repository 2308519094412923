import uuid

import pytest

from bot.store import audit
from bot.store.casework import Conflict, WorkflowError, add_note, correct_field, move
from bot.store.leads import file_lead
from bot.store.models import Lead, Notification
from bot.store.session import session_factory
from bot.store.staff import add_account, check_password, hash_password, verify


def _lead(session, key):
    lead, _ = file_lead(session, intake_key=f"case-{key}", channel="telegram", sender_id="case-1",
                        fields={"employer_name": "老王", "amount_yuan": 28000})
    return lead


def test_a_lead_worked_to_recovery(database_url):
    with session_factory(database_url)() as session:
        lead = _lead(session, "recovered")
        move(session, lead, "verifying", "staff:li")
        assert lead.accepted_at is not None
        with pytest.raises(WorkflowError):
            move(session, lead, "transferred", "staff:li")  # where to?
        move(session, lead, "transferred", "staff:li", transfer_target="labour_inspection")
        with pytest.raises(WorkflowError):
            move(session, lead, "closed", "staff:li", outcome="recovered")  # how much, for how many?
        move(session, lead, "closed", "staff:li", outcome="recovered", amount_recovered=26000, workers_paid=12)
        assert (lead.status, lead.amount_recovered, lead.workers_paid) == ("closed", 26000, 12)
        assert [c.to_status for c in lead.status_history] == ["new", "verifying", "transferred", "closed"]
        with pytest.raises(WorkflowError):
            move(session, lead, "verifying", "staff:li")  # closed is the end
        actions = [e.action for e in audit.entries(session, lead.id)]
        assert actions.count("change_status") == 3


def test_refusal_needs_a_reason_and_is_not_accepted(database_url):
    with session_factory(database_url)() as session:
        lead = _lead(session, "refused")
        with pytest.raises(WorkflowError):
            move(session, lead, "closed", "staff:li", outcome="rejected")
        move(session, lead, "closed", "staff:li", outcome="rejected", reason="超过两年")
        assert lead.accepted_at is None and lead.close_reason == "超过两年"


def test_corrections_and_notes_are_audited_with_before_and_after(database_url):
    with session_factory(database_url)() as session:
        lead = _lead(session, "edit")
        correct_field(session, lead, "amount_yuan", "30000", "staff:li")
        with pytest.raises(WorkflowError):
            correct_field(session, lead, "reference", "X", "staff:li")
        with pytest.raises(WorkflowError):
            correct_field(session, lead, "worker_count", "十二", "staff:li")
        add_note(session, lead, "staff:li", "已电话联系工友")
        [note_entry, edit] = audit.entries(session, lead.id)
        assert edit.detail == {"field": "amount_yuan", "before": 28000, "after": 30000}
        assert note_entry.action == "add_note" and lead.notes[0].text == "已电话联系工友"


def test_passwords_are_salted_and_slow_hashes():
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second and first.startswith("scrypt$")
    assert check_password("correct horse", first) and not check_password("wrong horse", first)
    assert not check_password("x", "plain-text")


def test_accounts_are_checked_with_one_hash_and_bad_accounts_refused(database_url):
    with session_factory(database_url)() as session:
        add_account(session, "case-li", "staff", "a long password")
        assert verify(session, "case-li", "a long password").role == "staff"
        assert verify(session, "case-li", "guess") is None
        assert verify(session, "nobody", "a long password") is None
        with pytest.raises(ValueError):
            add_account(session, "case-short", "staff", "short")
        with pytest.raises(ValueError):
            add_account(session, "case-role", "admin", "a long password")


def test_a_change_on_an_outdated_version_is_refused_and_writes_nothing(database_url):
    with session_factory(database_url)() as session:
        lead = _lead(session, "outdated")
        seen = lead.version
        correct_field(session, lead, "amount_yuan", "30000", "staff:wang", version=seen)
        with pytest.raises(Conflict, match="刚被他人修改，请刷新后再试。"):
            move(session, lead, "closed", "staff:li", outcome="rejected", reason="超过两年", version=seen)
        with pytest.raises(Conflict):
            correct_field(session, lead, "amount_yuan", "5000", "staff:li", version=seen)
        session.rollback()
        assert (lead.status, lead.outcome, lead.amount_yuan) == ("new", None, 30000)
        assert [e.action for e in audit.entries(session, lead.id)] == ["edit_field"]


def test_two_sessions_changing_one_lead_cannot_both_win(database_url):
    """Both read the lead, then both change it: the second UPDATE finds another version and is undone whole."""
    factory = session_factory(database_url)
    with factory() as setup:
        lead_id = _lead(setup, f"race-{uuid.uuid4().hex[:8]}").id
    with factory() as first, factory() as second:
        mine, theirs = first.get(Lead, lead_id), second.get(Lead, lead_id)
        move(first, mine, "verifying", "staff:li")
        with pytest.raises(Conflict):
            move(second, theirs, "closed", "staff:wang", outcome="rejected", reason="超过两年")
    with factory() as check:
        lead = check.get(Lead, lead_id)
        assert (lead.status, lead.outcome, lead.close_reason, lead.closed_at) == ("verifying", None, None, None)
        assert [change.to_status for change in lead.status_history] == ["new", "verifying"]
        assert check.query(Notification).filter_by(lead_id=lead_id).count() == 1
        assert [e.action for e in audit.entries(check, lead_id)] == ["change_status"]
