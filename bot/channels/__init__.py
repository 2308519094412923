"""Messaging channels that carry workers' conversations to the dialogue engine (Telegram)."""
