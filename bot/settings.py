"""Every setting, read once from the environment (documented in README.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    models_dir: Path
    spool_dir: Path
    evidence_dir: Path
    evidence_max_bytes: int
    evidence_daily_files: int
    telegram_bot_token: Optional[str]
    telegram_base_url: str
    telegram_webhook_url: Optional[str]
    telegram_webhook_secret: Optional[str]
    telegram_webhook_listen: str
    telegram_webhook_port: int
    web_host: str
    web_port: int
    web_secret_key: Optional[str]
    web_trusted_proxy: Optional[str]
    web_cookie_secure: bool

    @property
    def telegram_base_file_url(self) -> str:
        """Where files are downloaded: .../bot -> .../file/bot, as on Telegram's own server."""
        base = self.telegram_base_url
        return base[: -len("bot")] + "file/bot" if base.endswith("/bot") else base.rstrip("/") + "/file/bot"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    var = PROJECT_ROOT / "var"
    env = os.environ.get
    return Settings(
        database_url=env("DATABASE_URL") or f"sqlite:///{var / 'leads.db'}",
        models_dir=Path(env("RASA_MODELS_DIR") or PROJECT_ROOT / "models"),
        spool_dir=Path(env("SPOOL_DIR") or var / "spool"),
        evidence_dir=Path(env("EVIDENCE_DIR") or var / "evidence"),
        evidence_max_bytes=int(env("EVIDENCE_MAX_BYTES") or 20 * 1024 * 1024),
        evidence_daily_files=int(env("EVIDENCE_DAILY_FILES") or 30),
        telegram_bot_token=env("TELEGRAM_BOT_TOKEN") or None,
        telegram_base_url=env("TELEGRAM_BASE_URL") or "https://api.telegram.org/bot",
        telegram_webhook_url=env("TELEGRAM_WEBHOOK_URL") or None,
        telegram_webhook_secret=env("TELEGRAM_WEBHOOK_SECRET") or None,
        telegram_webhook_listen=env("TELEGRAM_WEBHOOK_LISTEN") or "127.0.0.1",
        telegram_webhook_port=int(env("TELEGRAM_WEBHOOK_PORT") or 8443),
        web_host=env("WEB_HOST") or "127.0.0.1",
        web_port=int(env("WEB_PORT") or 8000),
        web_secret_key=env("WEB_SECRET_KEY") or None,
        web_trusted_proxy=env("WEB_TRUSTED_PROXY") or None,
        web_cookie_secure=(env("WEB_COOKIE_SECURE") or "").lower() in ("1", "true", "yes"),
    )
