"""Command line. The parse and converse outputs are a contract other tools rely on.

  python -m bot parse "TEXT" | --jsonl
  python -m bot converse FILE.json | --stdio
  python -m bot run            (used by `make run`: terminal chat, console, Telegram)
  python -m bot spool-replay   (file reports kept while the database was down)
  python -m bot telegram | web [--host H --port P] | demo [--count N]
  python -m bot staff add|list|disable|enable|reset-password
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import uuid
from typing import Any, Dict, Iterable, List, Optional

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _quiet() -> None:
    """Keep stdout for JSON: libraries log to stderr, only warnings, and never personal data."""
    from bot import logs

    logs.install()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for name in ("rasa", "tensorflow", "absl", "jieba", "sanic", "apscheduler"):
        logging.getLogger(name).setLevel(logging.ERROR)
    import jieba
    from rasa.utils.log_utils import configure_structlog

    jieba.setLogLevel(logging.ERROR)
    configure_structlog(logging.WARNING)  # Rasa's debug events carry the user's text


def _print(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


# ---------------------------------------------------------------- parse

def parse_result(parsed: Dict[str, Any]) -> Dict[str, Any]:
    from bot.fields import message_fields

    entities = [{"entity": e["entity"], "value": e["value"], "start": e["start"], "end": e["end"]}
                for e in parsed.get("entities", [])]
    intent = parsed.get("intent") or {}
    return {
        "text": parsed.get("text"),
        "intent": {"name": intent.get("name"), "confidence": round(float(intent.get("confidence") or 0), 4)},
        "entities": entities,
        "fields": message_fields(entities),
    }


async def _parse(texts: Iterable[str]) -> None:
    from bot.engine import load_agent

    agent = load_agent(with_actions=False)
    for text in texts:
        parsed = await agent.parse_message(text)
        _print(parse_result(parsed))


# ---------------------------------------------------------------- converse

def _lead_ids(sender_id: str) -> Dict[int, Dict[str, Any]]:
    from bot.store.leads import lead_as_dict, leads_for_sender
    from bot.store.session import open_session

    with open_session() as session:
        return {lead.id: lead_as_dict(lead) for lead in leads_for_sender(session, sender_id, limit=50)}


def _texts(messages: List[Dict[str, Any]]) -> List[str]:
    return [m["text"] for m in messages if m.get("text")]


async def _converse(messages: Iterable[str], live: bool) -> Optional[Dict[str, Any]]:
    from bot.engine import load_agent, reply

    agent = load_agent()
    sender_id = f"cli-{uuid.uuid4().hex}"
    turns: List[Dict[str, Any]] = []
    seen: Dict[int, Dict[str, Any]] = {}
    filed: Optional[Dict[str, Any]] = None
    for text in messages:
        bot = _texts(await reply(agent, sender_id, text, channel="cli"))
        leads = _lead_ids(sender_id)
        new = [lead for lead_id, lead in leads.items() if lead_id not in seen]
        seen = leads
        if new:
            filed = new[0]
        if live:
            _print({"bot": bot, "lead": new[0] if new else None})
        turns.append({"user": text, "bot": bot})
    if not live:
        _print({"turns": turns, "lead": filed})
    return filed


def _stdin_lines() -> Iterable[str]:
    for line in sys.stdin:
        yield line.rstrip("\n")


# ---------------------------------------------------------------- staff console


def _web(host: Optional[str], port: Optional[int]) -> int:
    import uvicorn

    from bot.settings import get_settings
    from bot.web.app import WeakSecretKey, create_app

    settings = get_settings()
    try:
        app = create_app()
    except WeakSecretKey as weak:
        print(weak, file=sys.stderr)
        return 2
    # Proxy headers only from WEB_TRUSTED_PROXY: from anyone else X-Forwarded-For would choose the client
    # address that login limits count by. No access log: query strings can hold names. h11 caps header
    # sizes; limit_concurrency answers 503 rather than running out of sockets.
    trusted = settings.web_trusted_proxy
    uvicorn.run(app, host=host or settings.web_host, port=port or settings.web_port, log_level="warning",
                access_log=False, proxy_headers=bool(trusted), forwarded_allow_ips=trusted or "",
                http="h11", ws="none", limit_concurrency=200, timeout_keep_alive=5)
    return 0


def _read_password(from_stdin: bool) -> Optional[str]:
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("密码（至少10位）: ")
    if getpass.getpass("再输一次: ") != password:
        print("两次输入的密码不一样", file=sys.stderr)
        return None
    return password


def _staff(args: argparse.Namespace) -> int:
    """staff add | list | disable | enable | reset-password."""
    from bot.store import staff
    from bot.store.session import open_session

    with open_session() as session:
        if args.staff_command == "list":
            for account in staff.list_accounts(session):
                state = "active" if account.active else "disabled"
                print(f"{account.name}\t{account.role}\t{state}\t{account.created_at:%Y-%m-%d}")
            return 0
        account = staff.find_account(session, args.name)
        if args.staff_command == "add" and account is not None:
            print(f"account {args.name!r} exists already", file=sys.stderr)
            return 2
        if args.staff_command != "add" and account is None:
            print(f"no account {args.name!r}", file=sys.stderr)
            return 2
        if args.staff_command in ("disable", "enable"):
            staff.set_active(session, account, args.staff_command == "enable")
            print(f"account {args.name!r} {args.staff_command}d; its console sessions ended")
            return 0
        password = _read_password(args.password_stdin)
        if password is None:
            return 2
        try:
            if args.staff_command == "add":
                staff.add_account(session, args.name, args.role, password)
            else:
                staff.set_password(session, account, password)
        except ValueError as problem:
            print(problem, file=sys.stderr)
            return 2
    print(f"created {args.role} account {args.name!r}" if args.staff_command == "add"
          else f"new password set for {args.name!r}; its console sessions ended")
    return 0


# ---------------------------------------------------------------- main

def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="NLU result of one text as JSON")
    parse.add_argument("text", nargs="?")
    parse.add_argument("--jsonl", action="store_true", help="one text per stdin line")
    converse = commands.add_parser("converse", help="a whole conversation through the full stack")
    converse.add_argument("file", nargs="?", help="JSON list of user messages")
    converse.add_argument("--stdio", action="store_true", help="one message per stdin line, live")
    commands.add_parser("run", help="terminal chat with the console beside it (make run)")
    commands.add_parser("spool-replay", help="file reports kept while the database was down")
    commands.add_parser("telegram", help="the Telegram channel on its own (needs TELEGRAM_BOT_TOKEN)")
    web = commands.add_parser("web", help="the staff console on its own")
    web.add_argument("--host", help="default WEB_HOST or 127.0.0.1")
    web.add_argument("--port", type=int, help="default WEB_PORT or 8000")
    demo = commands.add_parser("demo", help="fill a fresh database with synthetic demo leads")
    demo.add_argument("--count", type=int, default=300)
    staff = commands.add_parser("staff", help="staff accounts for the console")
    staff_commands = staff.add_subparsers(dest="staff_command", required=True)
    staff_add = staff_commands.add_parser("add", help="create an account (password prompted)")
    staff_add.add_argument("--role", choices=["staff", "supervisor"], default="staff")
    staff_reset = staff_commands.add_parser("reset-password", help="set a new password; ends the account's sessions")
    for command in (staff_add, staff_reset):
        command.add_argument("name")
        command.add_argument("--password-stdin", action="store_true", help="read the password from stdin (scripts)")
    staff_commands.add_parser("list", help="every account with its role and state")
    for verb, what in (("disable", "lock the account out and end its sessions"), ("enable", "let it log in again")):
        staff_commands.add_parser(verb, help=what).add_argument("name")
    args = parser.parse_args(argv)

    _quiet()
    from bot.engine import ModelMissing

    try:
        if args.command == "parse":
            if args.jsonl:
                asyncio.run(_parse(_stdin_lines()))
            elif args.text is not None:
                asyncio.run(_parse([args.text]))
            else:
                parser.error("parse needs TEXT or --jsonl")
        elif args.command == "converse":
            if args.stdio:
                asyncio.run(_converse(_stdin_lines(), live=True))
            elif args.file:
                with open(args.file, encoding="utf-8") as handle:
                    messages = json.load(handle)
                if not isinstance(messages, list) or not all(isinstance(m, str) for m in messages):
                    parser.error("FILE must hold a JSON list of strings")
                asyncio.run(_converse(messages, live=False))
            else:
                parser.error("converse needs FILE or --stdio")
        elif args.command == "run":
            from bot.launcher import run

            return run()
        elif args.command == "spool-replay":
            from bot.spool import replay

            print(f"filed {replay()} spooled report(s)")
        elif args.command == "telegram":
            from bot.channels.telegram_app import run as run_telegram
            from bot.settings import get_settings

            if not get_settings().telegram_bot_token:
                print("TELEGRAM_BOT_TOKEN is not set; see README (create a bot with BotFather)", file=sys.stderr)
                return 2
            logging.getLogger("bot").setLevel(logging.INFO)
            for noisy in ("httpx", "telegram.ext.Updater"):
                logging.getLogger(noisy).setLevel(logging.WARNING)  # request URLs carry the bot token
            return run_telegram()
        elif args.command == "web":
            return _web(args.host, args.port)
        elif args.command == "demo":
            from bot.demo import fill
            from bot.store.session import open_session

            with open_session() as session:
                try:
                    print(f"added {fill(session, args.count)} demo leads")
                except RuntimeError as problem:
                    print(problem, file=sys.stderr)
                    return 2
        elif args.command == "staff":
            return _staff(args)
    except ModelMissing as missing:
        print(str(missing), file=sys.stderr)
        return 2
    return 0
