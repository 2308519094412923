"""The lead store: SQLAlchemy models, engine set-up and the queries the bot needs."""
