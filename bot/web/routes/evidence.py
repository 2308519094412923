"""GET /evidence/{id}: a worker's evidence file, to logged-in staff only, each view audited.

Files come from strangers: only a picture whose bytes are checked (at upload and again here,
so older rows are covered too) is shown inline; everything else, PDFs included, is a download,
and the browser is told not to guess a type of its own.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from bot.evidence import ALLOWED_TYPES, HEAD_BYTES, INLINE_TYPES, OCTET_STREAM, is_a
from bot.settings import get_settings
from bot.store import audit
from bot.store.models import Evidence
from bot.store.session import open_session
from bot.web.forms import path_id
from bot.web.sessions import staff_name


def evidence_file(request: Request) -> Response:
    evidence_id = path_id(request, "evidence_id", "没有这个证据文件")
    with open_session() as session:
        evidence = session.get(Evidence, evidence_id)
        if evidence is None:
            raise HTTPException(status_code=404, detail="没有这个证据文件")
        root = get_settings().evidence_dir.resolve()
        path = (root / evidence.path).resolve()
        if not path.is_relative_to(root) or not path.is_file():  # a bad row must not reach other files
            raise HTTPException(status_code=404, detail="证据文件不在存储目录中")
        audit.record(session, staff_name(request), "view_evidence", evidence.lead_id, evidence_id=evidence.id)
        media_type = evidence.media_type.lower()
    with open(path, "rb") as handle:
        verified = is_a(media_type, handle.read(HEAD_BYTES))
    suffix = ALLOWED_TYPES[media_type][0] if verified else path.suffix
    disposition = "inline" if verified and media_type in INLINE_TYPES else "attachment"
    return FileResponse(path, media_type=media_type if verified else OCTET_STREAM,
                        filename=f"evidence-{evidence_id}{suffix}", content_disposition_type=disposition,
                        headers={"cache-control": "private, no-store", "x-content-type-options": "nosniff"})


routes = [Route("/evidence/{evidence_id}", evidence_file, methods=["GET"])]
