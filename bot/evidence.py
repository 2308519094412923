"""Evidence files on disk: checked for type, size and content, stored once by content hash, readable by us only.

A file's declared type is only what the sender's phone guessed (or claims): the
first bytes say what it is. A file that is none of the kinds we keep is refused;
one that is another of them than it claims is kept as application/octet-stream,
which the console only ever offers for download.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import AsyncIterable, Optional, Tuple

from bot.spool import write_private

OCTET_STREAM = "application/octet-stream"
HEIF = rb"....ftyp(heic|heix|hevc|hevx|heim|heis|hevm|hevs|mif1|msf1)"
OLE2 = rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc and .xls
ZIP = rb"PK\x03\x04"  # the container of .docx and .xlsx

# What workers send as evidence (photos and scans, PDFs, office files: 考勤表 as a spreadsheet):
# media type -> (suffix on disk, what the file's first bytes must be).
ALLOWED_TYPES = {
    "image/jpeg": (".jpg", rb"\xff\xd8\xff"),
    "image/png": (".png", rb"\x89PNG\r\n\x1a\n"),
    "image/webp": (".webp", rb"RIFF....WEBP"),
    "image/heic": (".heic", HEIF),
    "image/heif": (".heif", HEIF),
    "application/pdf": (".pdf", rb"%PDF-"),
    "application/msword": (".doc", OLE2),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx", ZIP),
    "application/vnd.ms-excel": (".xls", OLE2),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx", ZIP),
}
# Types a browser may show inline once the bytes are checked: pictures it draws, nothing it runs.
INLINE_TYPES = ("image/jpeg", "image/png", "image/webp")
HEAD_BYTES = 16  # enough for every signature above


def refusal(media_type: Optional[str], size_bytes: Optional[int], max_bytes: int) -> Optional[str]:
    """Why a file cannot be kept ("type" or "size"), or None if it can."""
    if (media_type or "").lower() not in ALLOWED_TYPES:
        return "type"
    if size_bytes is not None and size_bytes > max_bytes:
        return "size"
    return None


def is_a(media_type: str, head: bytes) -> bool:
    """Whether a file starting with these bytes is of this type."""
    kind = ALLOWED_TYPES.get(media_type.lower())
    return kind is not None and re.match(kind[1], head, re.DOTALL) is not None


def content_type(declared: str, head: bytes) -> Optional[str]:
    """The type to record a file under: the declared one if the bytes are of it, OCTET_STREAM if they
    are of another type we keep (mislabelled), None if they are of none (refused)."""
    if is_a(declared, head):
        return declared.lower()
    return OCTET_STREAM if any(is_a(other, head) for other in ALLOWED_TYPES) else None


async def read_capped(chunks: AsyncIterable[bytes], max_bytes: int) -> Optional[bytes]:
    """The whole stream, or None as soon as it passes max_bytes (what a download claims is not trusted)."""
    data = bytearray()
    async for chunk in chunks:
        if len(data) + len(chunk) > max_bytes:
            return None
        data += chunk
    return bytes(data)


def save(data: bytes, media_type: str, evidence_dir: Path) -> Tuple[str, str]:
    """Write the file under its SHA-256 (the same file sent twice is stored once); returns (path, sha256).

    media_type is the declared type (it names the suffix); the path is relative to
    evidence_dir; the file is readable by this user only.
    """
    digest = hashlib.sha256(data).hexdigest()
    suffix = ALLOWED_TYPES.get(media_type.lower(), (".bin", b""))[0]
    relative = Path(digest[:2]) / f"{digest}{suffix}"
    target = evidence_dir / relative
    if not target.exists():
        partial = target.with_suffix(target.suffix + ".part")
        write_private(partial, data)
        partial.replace(target)
    return str(relative), digest
