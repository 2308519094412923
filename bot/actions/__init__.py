"""Custom actions, run by the action server (`rasa run actions --actions bot.actions`)
or in-process by `python -m bot converse`. Only actions and their helpers live here."""
