"""Tables: a lead with its transcript, status history and evidence; the channel's inbox and outbox."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

# Status codes and their names in the staff console (新线索 → 核实中 → 已转办 → 已办结).
STATUSES = {"new": "新线索", "verifying": "核实中", "transferred": "已转办", "closed": "已办结"}
# Where a lead can be transferred (已转办) and how it can end (已办结).
TRANSFER_TARGETS = {"labour_inspection": "劳动保障监察", "arbitration": "劳动人事争议仲裁",
                    "legal_aid": "法律援助机构", "payment_order": "法院支付令"}
OUTCOMES = {"recovered": "追回", "rejected": "不予受理", "unverifiable": "无法核实"}
ROLES = ("staff", "supervisor")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Lead(Base):
    __tablename__ = "lead"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True, nullable=False)
    # One lead per intake conversation: repeated confirmations hit this key.
    intake_key = Column(String(64), unique=True, nullable=False)
    channel = Column(String(20), nullable=False)
    sender_id = Column(String(128), nullable=False, index=True)
    status = Column(String(20), nullable=False, default="new")

    employer_name = Column(String(100))
    employer_type = Column(String(20))  # company | individual
    project_name = Column(String(100))
    location = Column(String(100))
    sector = Column(String(20))  # construction | other
    amount_yuan = Column(BigInteger)  # the figure given, or the low end of a range
    amount_yuan_high = Column(BigInteger)
    amount_approximate = Column(Boolean, nullable=False, default=False)
    worker_count = Column(Integer)
    worker_count_approximate = Column(Boolean, nullable=False, default=False)
    period_text = Column(String(100))
    period_months = Column(Integer)
    period_start = Column(String(7))  # YYYY-MM
    reporter_name = Column(String(30))
    phone = Column(String(20))
    phone_skipped = Column(Boolean, nullable=False, default=False)
    description = Column(Text)

    urgency_flags = Column(JSON, nullable=False, default=list)
    acceptance_gaps = Column(JSON, nullable=False, default=list)
    # field -> {"text": the worker's message, "words": the words that gave the value}
    field_sources = Column(JSON, nullable=False, default=dict)
    needs_check = Column(JSON, nullable=False, default=list)

    # casework (staff console)
    assigned_to = Column(String(60))
    transfer_target = Column(String(20))  # a TRANSFER_TARGETS key
    outcome = Column(String(20))  # an OUTCOMES key
    amount_recovered = Column(BigInteger)
    workers_paid = Column(Integer)
    close_reason = Column(Text)
    accepted_at = Column(DateTime(timezone=True))  # 立案: moved on from 新线索 without being refused
    transferred_at = Column(DateTime(timezone=True))
    closed_at = Column(DateTime(timezone=True))
    deadline_extended = Column(Boolean, nullable=False, default=False)

    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)
    # Optimistic locking: every UPDATE checks the version it read, so two staff changing the same
    # lead at once cannot both win (the loser gets StaleDataError and is asked to reload).
    version = Column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}

    notes = relationship("LeadNote", order_by="LeadNote.created_at", cascade="all, delete-orphan")
    transcript = relationship(
        "TranscriptEntry", order_by="TranscriptEntry.position", cascade="all, delete-orphan"
    )
    status_history = relationship(
        "StatusChange", order_by="StatusChange.changed_at", cascade="all, delete-orphan"
    )
    evidence = relationship("Evidence", order_by="Evidence.id", back_populates="lead")


class TranscriptEntry(Base):
    __tablename__ = "transcript_entry"

    id = Column(Integer, primary_key=True)
    lead_id = Column(Integer, ForeignKey("lead.id", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    speaker = Column(String(10), nullable=False)  # user | bot
    text = Column(Text, nullable=False)
    sent_at = Column(DateTime(timezone=True))


class StatusChange(Base):
    __tablename__ = "status_change"

    id = Column(Integer, primary_key=True)
    lead_id = Column(Integer, ForeignKey("lead.id", ondelete="CASCADE"), nullable=False, index=True)
    from_status = Column(String(20))
    to_status = Column(String(20), nullable=False)
    changed_by = Column(String(60), nullable=False)
    note = Column(Text)
    changed_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class Evidence(Base):
    """A file a worker sent as evidence (考勤表, 欠条, 工资条, screenshots).

    lead_id stays empty while the report it belongs to is still being taken;
    filing the lead attaches it (bot/store/evidence.py).
    """

    __tablename__ = "evidence"

    id = Column(Integer, primary_key=True)
    lead_id = Column(Integer, ForeignKey("lead.id", ondelete="SET NULL"), index=True)
    channel = Column(String(20), nullable=False)
    sender_id = Column(String(128), nullable=False, index=True)
    kind = Column(String(20), nullable=False)  # photo | document
    media_type = Column(String(100), nullable=False)
    size_bytes = Column(Integer, nullable=False)
    sha256 = Column(String(64), nullable=False)
    path = Column(String(300), nullable=False)  # relative to EVIDENCE_DIR
    received_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    lead = relationship("Lead", back_populates="evidence")


class InboxUpdate(Base):
    """An update from a messaging channel, written before it is handled.

    Telegram considers an update delivered once we fetch it; this row is what
    lets a crash or an outage not lose the worker's message. The payload is
    cleared once the update is done, so message text is not kept twice.
    """

    __tablename__ = "inbox_update"

    update_id = Column(BigInteger, primary_key=True, autoincrement=False)
    chat_id = Column(String(64), nullable=False, index=True)
    payload = Column(JSON)
    status = Column(String(10), nullable=False, default="pending")  # pending | retry | done | failed
    attempts = Column(Integer, nullable=False, default=0)
    received_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    done_at = Column(DateTime(timezone=True))


class Notification(Base):
    """A message to a worker about their lead, sent by the channel they used."""

    __tablename__ = "notification"

    id = Column(Integer, primary_key=True)
    lead_id = Column(Integer, ForeignKey("lead.id", ondelete="CASCADE"), nullable=False, index=True)
    channel = Column(String(20), nullable=False)
    recipient = Column(String(128), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    sent_at = Column(DateTime(timezone=True), index=True)
    attempts = Column(Integer, nullable=False, default=0)


class LeadNote(Base):
    __tablename__ = "lead_note"

    id = Column(Integer, primary_key=True)
    lead_id = Column(Integer, ForeignKey("lead.id", ondelete="CASCADE"), nullable=False, index=True)
    author = Column(String(60), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class StaffAccount(Base):
    """A legal-aid staff member or supervisor who logs in to the console."""

    __tablename__ = "staff_account"

    id = Column(Integer, primary_key=True)
    name = Column(String(60), unique=True, nullable=False)
    role = Column(String(20), nullable=False)  # one of ROLES
    password_hash = Column(String(300), nullable=False)  # scrypt, salted (bot/store/staff.py)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class ConsoleSession(Base):
    """A logged-in console session, kept on the server so that logout, deactivation and a password
    change end it at once. The cookie carries a random id; only its SHA-256 is stored."""

    __tablename__ = "console_session"

    id_hash = Column(String(64), primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff_account.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    expires_at = Column(DateTime(timezone=True), nullable=False)  # hard cap from login
    last_seen = Column(DateTime(timezone=True), nullable=False, default=utcnow)  # for the idle limit


class LoginThrottle(Base):
    """Failed-login counters, one row per key (an account name with a client address, or an address).

    Checked and counted in one UPDATE (bot/store/throttle.py), so parallel guesses cannot slip past.
    """

    __tablename__ = "login_throttle"

    key = Column(String(200), primary_key=True)
    failures = Column(Integer, nullable=False, default=0)
    window_start = Column(DateTime(timezone=True), nullable=False)


class AuditEntry(Base):
    """Who saw or changed what, when: every view of personal data and every change."""

    __tablename__ = "audit_entry"

    id = Column(Integer, primary_key=True)
    actor = Column(String(60), nullable=False)
    action = Column(String(40), nullable=False)
    lead_id = Column(Integer, index=True)  # no foreign key: the log outlives what it names
    detail = Column(JSON, nullable=False, default=dict)  # e.g. {"field": ..., "before": ..., "after": ...}
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
