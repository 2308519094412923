"""Evidence files: shown on the lead page, served to logged-in staff only, every view audited."""

import pytest

from bot.evidence import OCTET_STREAM, save
from bot.settings import get_settings
from bot.store import audit
from bot.store.evidence import add_evidence
from bot.store.session import open_session
from tests.bot.web.conftest import make_lead

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4 attendance sheet"
PAGE = b"<html><script>fetch('/leads').then(r => r.text()).then(steal)</script></html>"


def _store(data, media_type, lead_id, path=None):
    relative, digest = save(data, media_type, get_settings().evidence_dir)
    with open_session() as session:
        return add_evidence(session, channel="telegram", sender_id="chat-1", kind="photo", media_type=media_type,
                            size_bytes=len(data), sha256=digest, path=path or relative, lead_id=lead_id).id


@pytest.fixture
def files(app):
    lead = make_lead(employer_name="老王")
    return lead.id, _store(PNG, "image/png", lead.id), _store(PDF, "application/pdf", lead.id)


def test_images_are_shown_inline_and_other_files_linked(staff, files):
    lead_id, photo, sheet = files
    page = staff.get(f"/leads/{lead_id}").text
    assert f'<img src="/evidence/{photo}"' in page
    assert f'<a href="/evidence/{sheet}">证据 {sheet}（application/pdf' in page
    assert f'<img src="/evidence/{sheet}"' not in page


def test_staff_get_the_file_with_its_type_and_the_view_is_audited(staff, files):
    lead_id, photo, sheet = files
    response = staff.get(f"/evidence/{photo}")
    assert response.status_code == 200 and response.content == PNG
    assert response.headers["content-type"] == "image/png"
    assert response.headers["content-disposition"].startswith("inline")  # a checked picture
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in response.headers["cache-control"]
    document = staff.get(f"/evidence/{sheet}")
    assert document.content == PDF and document.headers["content-type"] == "application/pdf"
    assert document.headers["content-disposition"] == f'attachment; filename="evidence-{sheet}.pdf"'
    assert document.headers["x-content-type-options"] == "nosniff"
    with open_session() as session:
        views = [(e.actor, e.detail) for e in audit.entries(session, lead_id) if e.action == "view_evidence"]
    assert views == [("li", {"evidence_id": sheet}), ("li", {"evidence_id": photo})]


@pytest.mark.security
def test_strangers_get_no_evidence(anonymous, files):
    _, photo, _ = files
    response = anonymous.get(f"/evidence/{photo}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert PNG not in response.content
    with open_session() as session:
        assert not [e for e in audit.entries(session) if e.action == "view_evidence"]


@pytest.mark.security
def test_a_missing_file_or_a_path_outside_the_evidence_folder_is_not_found(staff, files, tmp_path):
    lead_id, _, _ = files
    (tmp_path / "secret.txt").write_text("not evidence")
    outside = _store(PNG, "image/png", lead_id, path="../secret.txt")
    assert staff.get(f"/evidence/{outside}").status_code == 404
    assert staff.get("/evidence/999").status_code == 404
    with open_session() as session:
        gone = add_evidence(session, channel="telegram", sender_id="chat-1", kind="photo", media_type="image/png",
                            size_bytes=1, sha256="0" * 64, path="00/missing.png", lead_id=lead_id).id
    response = staff.get(f"/evidence/{gone}")
    assert response.status_code == 404 and "证据文件不在存储目录中" in response.text


@pytest.mark.security
def test_a_file_that_is_not_what_its_row_says_is_only_ever_downloaded(staff, files):
    """A row from before contents were checked (a web page stored as image/png) or a mislabelled file
    kept as application/octet-stream: never rendered by the browser, whatever its type says."""
    lead_id, _, _ = files
    disguised = _store(PAGE, "image/png", lead_id)
    mislabelled = _store(PNG, OCTET_STREAM, lead_id)
    for evidence_id in (disguised, mislabelled):
        response = staff.get(f"/evidence/{evidence_id}")
        assert response.status_code == 200
        assert response.headers["content-type"] == OCTET_STREAM
        assert response.headers["content-disposition"].startswith("attachment")
        assert response.headers["x-content-type-options"] == "nosniff"
