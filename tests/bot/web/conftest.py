"""A console on a real SQLite database, with one staff member (li) and one supervisor (zhang)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any, Dict, Iterable, List, Optional, Tuple

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bot.store.leads import file_lead
from bot.store.models import Lead
from bot.store.session import open_session
from bot.store.staff import add_account
from bot.web.app import create_app

PASSWORD = "a long password"
REFERENCE = re.compile(r"QX-\d{6}-[0-9A-Z]{4}")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="([0-9]+)"')


@pytest.fixture
def app(use_database, sqlite_url, tmp_path, monkeypatch) -> Starlette:
    monkeypatch.setenv("EVIDENCE_DIR", str(tmp_path / "evidence"))
    monkeypatch.setenv("WEB_SECRET_KEY", "a test key, not a real one, 32+ bytes long")
    use_database(sqlite_url)
    with open_session() as session:
        add_account(session, "li", "staff", PASSWORD)
        add_account(session, "zhang", "supervisor", PASSWORD)
    return create_app()


@pytest.fixture
def anonymous(app) -> TestClient:
    return TestClient(app)


@pytest.fixture
def staff(app) -> TestClient:
    return logged_in(TestClient(app), "li")


@pytest.fixture
def supervisor(app) -> TestClient:
    return logged_in(TestClient(app), "zhang")


def csrf_of(client: TestClient, page: str = "/login") -> str:
    """The CSRF token a page's forms carry."""
    return CSRF.search(client.get(page).text).group(1)


def logged_in(client: TestClient, name: str, password: str = PASSWORD) -> TestClient:
    response = client.post("/login", data={"csrf": csrf_of(client), "name": name, "password": password},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def post_form(client: TestClient, url: str, data: Dict[str, Any], page: str = "/", **kwargs: Any):
    """Submit a form as the browser would: with the CSRF token from a page the client has open."""
    return client.post(url, data={"csrf": csrf_of(client, page), **data}, **kwargs)


def lead_form_fields(client: TestClient, lead_id: int) -> Dict[str, str]:
    """The hidden fields the lead page's forms carry: the CSRF token and the lead version it showed."""
    html = client.get(f"/leads/{lead_id}").text
    return {"csrf": CSRF.search(html).group(1), "version": VERSION.search(html).group(1)}


def post_lead_form(client: TestClient, lead_id: int, action: str, data: Dict[str, Any], **kwargs: Any):
    """Submit one of the lead page's forms (status, fields, notes) as the browser would."""
    return client.post(f"/leads/{lead_id}/{action}", data={**lead_form_fields(client, lead_id), **data}, **kwargs)


def version_of(lead_id: int) -> int:
    """The lead's version in the database now."""
    with open_session() as session:
        return session.get(Lead, lead_id).version


def make_lead(channel: str = "telegram", sender_id: str = "chat-1", created_at: Optional[datetime] = None,
              transcript: Iterable[Tuple[str, str, Optional[datetime]]] = (), **fields: Any):
    """A lead filed as the bot files one (optionally back-dated)."""
    with open_session() as session:
        lead, created = file_lead(session, intake_key=uuid.uuid4().hex, channel=channel, sender_id=sender_id,
                                  fields=fields, transcript=transcript)
        assert created
        if created_at is not None:
            lead.created_at = created_at
            session.commit()
        return lead


def references(html: str) -> List[str]:
    """Lead references in the order a page shows them, each once."""
    return list(dict.fromkeys(REFERENCE.findall(html)))
