import hashlib

from bot.evidence import refusal, save


def test_refusal_names_the_reason():
    assert refusal("image/jpeg", 1000, 2000) is None
    assert refusal("APPLICATION/PDF", 2000, 2000) is None
    assert refusal("image/jpeg", 2001, 2000) == "size"
    assert refusal("application/x-msdownload", 10, 2000) == "type"
    assert refusal(None, None, 2000) == "type"


def test_files_are_stored_once_by_hash_and_private(tmp_path):
    data = b"%PDF-1.4 attendance"
    path, digest = save(data, "application/pdf", tmp_path)
    again, _ = save(data, "application/pdf", tmp_path)
    assert path == again and digest == hashlib.sha256(data).hexdigest() and path.endswith(".pdf")
    stored = tmp_path / path
    assert stored.read_bytes() == data and stored.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [stored.name]
