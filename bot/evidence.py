"""Evidence files on disk: checked for type and size, stored once by content hash, readable by us only."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional, Tuple

from bot.spool import write_private

# What workers send as evidence: photos and scans, PDFs, office files (考勤表 as a spreadsheet).
ALLOWED_TYPES = {
    "image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/heic": ".heic",
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}


def refusal(media_type: Optional[str], size_bytes: Optional[int], max_bytes: int) -> Optional[str]:
    """Why a file cannot be kept ("type" or "size"), or None if it can."""
    if (media_type or "").lower() not in ALLOWED_TYPES:
        return "type"
    if size_bytes is not None and size_bytes > max_bytes:
        return "size"
    return None


def save(data: bytes, media_type: str, evidence_dir: Path) -> Tuple[str, str]:
    """Write the file under its SHA-256 (the same file sent twice is stored once); returns (path, sha256).

    The path is relative to evidence_dir; the file is readable by this user only.
    """
    digest = hashlib.sha256(data).hexdigest()
    relative = Path(digest[:2]) / f"{digest}{ALLOWED_TYPES[media_type.lower()]}"
    target = evidence_dir / relative
    if not target.exists():
        partial = target.with_suffix(target.suffix + ".part")
        write_private(partial, data)
        partial.replace(target)
    return str(relative), digest
