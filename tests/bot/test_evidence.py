import hashlib
from datetime import datetime, time, timedelta, timezone

import pytest

from bot.beijing_time import BEIJING, today
from bot.evidence import ALLOWED_TYPES, OCTET_STREAM, content_type, read_capped, refusal, save
from bot.store.evidence import add_evidence, files_today
from bot.store.models import Evidence
from bot.store.session import open_session

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24
ZIP = b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 24
# The first bytes of a real file of each type we keep.
SAMPLES = {
    "image/jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "image/png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "image/webp": b"RIFF\x24\x1a\x00\x00WEBPVP8 ",
    "image/heic": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
    "image/heif": b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heic",
    "application/pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
    "application/msword": OLE2,
    "application/vnd.ms-excel": OLE2,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ZIP,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ZIP,
}


def test_refusal_names_the_reason():
    assert refusal("image/jpeg", 1000, 2000) is None
    assert refusal("APPLICATION/PDF", 2000, 2000) is None
    assert refusal("image/jpeg", 2001, 2000) == "size"
    assert refusal("application/x-msdownload", 10, 2000) == "type"
    assert refusal(None, None, 2000) == "type"


def test_every_kept_type_is_recognised_by_its_first_bytes():
    assert set(SAMPLES) == set(ALLOWED_TYPES)  # one sample per row of the table
    for media_type, head in SAMPLES.items():
        assert content_type(media_type.upper(), head) == media_type, media_type


@pytest.mark.security
def test_a_file_that_is_another_kept_type_than_it_claims_is_kept_only_as_octet_stream():
    assert content_type("image/jpeg", SAMPLES["image/png"]) == OCTET_STREAM  # could not be shown inline
    assert content_type("application/vnd.ms-excel", ZIP) == OCTET_STREAM  # an .xlsx renamed .xls
    assert content_type("application/pdf", SAMPLES["image/jpeg"]) == OCTET_STREAM


@pytest.mark.security
def test_a_file_that_is_none_of_the_kept_types_is_refused():
    assert content_type("image/png", b"<html><script>alert(1)</script>") is None
    assert content_type("image/jpeg", b"<svg xmlns='http://www.w3.org/2000/svg'>") is None
    assert content_type("application/pdf", b"MZ\x90\x00\x03\x00") is None  # a Windows program
    assert content_type("image/webp", b"RIFF\x24\x1a\x00\x00WAVEfmt ") is None  # a sound file
    assert content_type("image/heic", b"\x00\x00\x00\x18ftypisom") is None  # an MP4 video
    assert content_type("application/pdf", b"") is None


async def _chunks(pulled, count=10, size=40):
    for _ in range(count):
        pulled.append(size)
        yield b"x" * size


@pytest.mark.security
async def test_a_download_is_dropped_as_soon_as_it_passes_the_limit():
    pulled = []
    assert await read_capped(_chunks(pulled), 100) is None
    assert len(pulled) == 3  # 40 + 40 held, the third chunk passes 100: nothing more is read
    assert await read_capped(_chunks([], count=2), 80) == b"x" * 80  # exactly the limit is fine


def test_files_are_stored_once_by_hash_and_private(tmp_path):
    data = b"%PDF-1.4 attendance"
    path, digest = save(data, "application/pdf", tmp_path)
    again, _ = save(data, "application/pdf", tmp_path)
    assert path == again and digest == hashlib.sha256(data).hexdigest() and path.endswith(".pdf")
    stored = tmp_path / path
    assert stored.read_bytes() == data and stored.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [stored.name]


@pytest.fixture
def database(database_url, use_database):
    use_database(database_url)


def _received(sender_id, at, channel="telegram"):
    with open_session() as session:
        evidence = add_evidence(session, channel=channel, sender_id=sender_id, kind="photo", media_type="image/jpeg",
                                size_bytes=1, sha256="0" * 64, path="00/x.jpg")
        session.get(Evidence, evidence.id).received_at = at.astimezone(timezone.utc)  # stored as UTC, as utcnow()
        session.commit()


def test_the_daily_quota_counts_one_chats_files_since_midnight_beijing_time(database):
    midnight = datetime.combine(today(), time(0), tzinfo=BEIJING)
    _received("chat-1", midnight + timedelta(seconds=30))  # today in Beijing (still yesterday in UTC): counts
    _received("chat-1", midnight - timedelta(seconds=30))  # yesterday in Beijing: does not
    _received("chat-2", midnight + timedelta(hours=1))  # another chat
    _received("chat-1", midnight + timedelta(hours=1), channel="cli")  # another channel's sender of that id
    with open_session() as session:
        assert files_today(session, "telegram", "chat-1") == 1
        assert files_today(session, "telegram", "chat-3") == 0
