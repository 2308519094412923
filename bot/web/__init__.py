"""The staff web console: legal-aid staff log in, work the queue of leads and keep an audit trail.

Server-rendered pages (Starlette + Jinja2) that work without JavaScript, so the console runs on
any office browser and shows nothing the server did not escape. Sessions are signed cookies
(bot/web/sessions.py); every POST carries a CSRF token; every view of personal data is audited.
"""
