"""Inbox, evidence and notifications on SQLite and on the real PostgreSQL."""

from bot.store import inbox, notifications
from bot.store.evidence import add_evidence, attach_pending, evidence_for_lead, pending_count, recent_lead
from bot.store.leads import change_status, file_lead
from bot.store.session import session_factory

# The PostgreSQL database is shared by the test session: names of our own.
SENDER, OTHER = "chan-42", "chan-43"


def _session(url):
    return session_factory(url)()


def test_inbox_records_once_and_forgets_the_text_when_done(database_url):
    with _session(database_url) as session:
        payload = {"update_id": 1, "message": {"text": "老板欠我钱"}}
        assert inbox.record_update(session, 1, SENDER, payload) is True
        assert inbox.record_update(session, 1, SENDER, payload) is True  # not done yet: handle it
        assert payload in inbox.unfinished(session)
        inbox.mark_retry(session, 1)
        assert inbox.status_of(session, 1) == "retry" and inbox.attempts_of(session, 1) == 1
        inbox.mark_done(session, 1)
        assert inbox.record_update(session, 1, SENDER, payload) is False  # a duplicate delivery
        assert payload not in inbox.unfinished(session)
        inbox.record_update(session, 2, SENDER, {"update_id": 2})
        inbox.mark_given_up(session, 2)
        assert {"update_id": 2} not in inbox.unfinished(session) and inbox.status_of(session, 2) == "failed"


def test_evidence_waits_for_its_lead_and_is_attached_at_filing(database_url):
    with _session(database_url) as session:
        for n in range(2):
            add_evidence(session, channel="telegram", sender_id=SENDER, kind="photo", media_type="image/jpeg",
                         size_bytes=10, sha256=f"{n}" * 64, path=f"x/{n}.jpg")
        add_evidence(session, channel="telegram", sender_id=OTHER, kind="photo", media_type="image/jpeg",
                     size_bytes=10, sha256="9" * 64, path="x/9.jpg")
        assert pending_count(session, SENDER) == 2 and recent_lead(session, SENDER) is None
        lead, _ = file_lead(session, intake_key="chan-a", channel="telegram", sender_id=SENDER, fields={})
        assert len(evidence_for_lead(session, lead.id)) == 2 and pending_count(session, SENDER) == 0
        assert pending_count(session, OTHER) == 1  # someone else's files stay theirs
        assert recent_lead(session, SENDER).id == lead.id
        assert attach_pending(session, SENDER, lead.id) == 0


def test_a_status_change_is_recorded_and_queued_for_telegram_workers_only(database_url):
    with _session(database_url) as session:
        telegram, _ = file_lead(session, intake_key="chan-t", channel="telegram", sender_id=SENDER, fields={})
        local, _ = file_lead(session, intake_key="chan-l", channel="cli", sender_id="local-1", fields={})
        assert change_status(session, telegram, "verifying", changed_by="staff:li", note="打电话核实") is True
        assert change_status(session, telegram, "verifying", changed_by="staff:li") is False
        change_status(session, local, "verifying", changed_by="staff:li")
        [queued] = [n for n in notifications.unsent(session, "telegram") if n.lead_id == telegram.id]
        assert queued.recipient == SENDER and telegram.reference in queued.text and "核实中" in queued.text
        assert [c.to_status for c in telegram.status_history] == ["new", "verifying"]
        assert telegram.status_history[-1].note == "打电话核实"
        notifications.mark_sent(session, queued.id)
        assert queued.id not in [n.id for n in notifications.unsent(session, "telegram")]


def test_a_chat_that_keeps_refusing_is_not_tried_for_ever(database_url):
    with _session(database_url) as session:
        lead, _ = file_lead(session, intake_key="chan-r", channel="telegram", sender_id=SENDER, fields={})
        change_status(session, lead, "verifying", changed_by="staff")
        [queued] = [n for n in notifications.unsent(session, "telegram") if n.lead_id == lead.id]
        for _ in range(notifications.MAX_ATTEMPTS):
            notifications.mark_failed(session, queued.id)
        assert queued.id not in [n.id for n in notifications.unsent(session, "telegram")]
