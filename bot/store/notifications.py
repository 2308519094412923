"""What workers are told about their leads: status lines, and messages queued for the channel they used."""

from __future__ import annotations

from typing import List

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import STATUSES, Lead, Notification, utcnow

# Channels that can reach a worker after the conversation (the terminal chat cannot).
NOTIFYING_CHANNELS = ("telegram",)
# A chat that refused this many times (the worker blocked the bot) is not tried again.
MAX_ATTEMPTS = 5


NO_LEADS = "还没有查到您在这里登记过的线索。想反映欠薪的话，直接说说情况就行。"
LEADS_HEADER = "您登记的线索："


def status_line(lead: Lead) -> str:
    """One of a worker's leads as they see it: reference, date filed, status."""
    return f"· {lead.reference}（{lead.created_at:%Y-%m-%d}登记）：{STATUSES.get(lead.status, lead.status)}"


def status_message(lead: Lead) -> str:
    """Plain and short: the reference and the new status, nothing else personal."""
    return (f"您的欠薪线索 {lead.reference} 有新进展：{STATUSES.get(lead.status, lead.status)}。"
            "如有疑问，可以直接回复我，或发送 /status 查看。")


def queue_status_notification(session: Session, lead: Lead) -> bool:
    """Queue a message about the lead's status, if its channel can deliver one (caller commits)."""
    if lead.channel not in NOTIFYING_CHANNELS:
        return False
    session.add(Notification(lead_id=lead.id, channel=lead.channel, recipient=lead.sender_id,
                             text=status_message(lead)))
    return True


def unsent(session: Session, channel: str, limit: int = 100) -> List[Notification]:
    query = (select(Notification).where(Notification.channel == channel, Notification.sent_at.is_(None),
                    Notification.attempts < MAX_ATTEMPTS)
             .order_by(Notification.id).limit(limit))
    return list(session.execute(query).scalars())


def mark_sent(session: Session, notification_id: int) -> None:
    row = session.get(Notification, notification_id)
    if row is not None:
        row.sent_at = utcnow()
        row.attempts += 1
        session.commit()


def mark_failed(session: Session, notification_id: int) -> None:
    row = session.get(Notification, notification_id)
    if row is not None:
        row.attempts += 1
        session.commit()
