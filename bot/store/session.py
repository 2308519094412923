"""Engines and sessions. Nothing connects at import time."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error message never quotes the values (names, phones) it failed to write.
    # SQLite: wait for a writer instead of failing at once with "database is locked".
    sqlite_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
    connect_args = {"timeout": 30} if sqlite_file else {}
    engine = create_engine(url, future=True, pool_pre_ping=True, hide_parameters=True, connect_args=connect_args)
    if sqlite_file:  # readers do not wait for a writer (the console stays quick while the bot files leads)
        event.listen(engine, "connect", lambda connection, _: connection.execute("PRAGMA journal_mode=WAL"))
    return engine


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@lru_cache(maxsize=8)
def _factory(url: str) -> sessionmaker:
    engine = make_engine(url)
    upgrade_schema(engine)
    return sessionmaker(bind=engine, future=True, expire_on_commit=False, class_=Session)


_first_use = threading.Lock()


def session_factory(url: str) -> sessionmaker:
    """One engine per database URL per process, with the schema up to date.

    Locked: the first requests of a server arrive together, and Alembic must run once, not in each thread.
    """
    with _first_use:
        return _factory(url)


session_factory.cache_clear = _factory.cache_clear  # type: ignore[attr-defined]


def open_session() -> Session:
    """A session on the database the settings name (DATABASE_URL)."""
    from bot.settings import get_settings

    return session_factory(get_settings().database_url)()
