"""The console's routes, one module per page or form; bot/web/app.py puts them together."""
