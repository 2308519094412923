"""Engines and sessions. Nothing connects at import time."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, future=True, pool_pre_ping=True)


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@lru_cache(maxsize=8)
def session_factory(url: str) -> sessionmaker:
    """One engine per database URL per process, with the schema up to date."""
    engine = make_engine(url)
    upgrade_schema(engine)
    return sessionmaker(bind=engine, future=True, expire_on_commit=False, class_=Session)


def open_session() -> Session:
    """A session on the database the settings name (DATABASE_URL)."""
    from bot.settings import get_settings

    return session_factory(get_settings().database_url)()
