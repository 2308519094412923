"""Alembic environment: runs on the connection handed over by bot.store.session."""

from alembic import context

from bot.store.models import Base

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # plain `alembic` command line: URL from the environment
    from bot.settings import get_settings
    from bot.store.session import make_engine

    connectable = make_engine(get_settings().database_url)
    with connectable.begin() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata)
        context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata)
    context.run_migrations()
