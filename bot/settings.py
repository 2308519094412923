"""Every setting, read once from the environment (documented in README.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    models_dir: Path
    rasa_port: int
    spool_dir: Path


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    var = PROJECT_ROOT / "var"
    return Settings(
        database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{var / 'leads.db'}",
        models_dir=Path(os.environ.get("RASA_MODELS_DIR") or PROJECT_ROOT / "models"),
        rasa_port=int(os.environ.get("RASA_PORT") or 5005),
        spool_dir=Path(os.environ.get("SPOOL_DIR") or var / "spool"),
    )
