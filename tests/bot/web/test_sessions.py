"""Signed cookies and form parsing, without a server."""

import time

import pytest

from bot.web.forms import parse_form
from bot.web.sessions import MAX_AGE_SECONDS, SessionCodec, cookie_header, csrf_matches, new_session

pytestmark = pytest.mark.security

FORM = "application/x-www-form-urlencoded"


def test_a_session_survives_the_round_trip_and_expires_after_twelve_hours():
    codec = SessionCodec(b"k" * 32)
    session = new_session("session-id", now=1000.0)
    assert session["exp"] == 1000 + 12 * 60 * 60 == 1000 + MAX_AGE_SECONDS
    token = codec.dump(session)
    assert codec.load(token, now=1001.0) == session
    assert codec.load(token, now=1000.0 + MAX_AGE_SECONDS) is None


def test_an_altered_or_foreign_cookie_reads_as_no_session():
    codec = SessionCodec(b"k" * 32)
    token = codec.dump(new_session("li-session"))
    payload, tag = token.split(".")
    forged = codec.dump(new_session("zhang-session")).split(".")[0]
    assert codec.load(f"{forged}.{tag}") is None  # someone else's payload under li's tag
    assert codec.load(token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    assert SessionCodec(b"another key of at least 32 bytes").load(token) is None
    for junk in (None, "", "no-dot", "a.b.c", "!!!.???"):
        assert codec.load(junk) is None


def test_a_key_shorter_than_32_bytes_is_refused():
    for weak in (b"", b"four", b"k" * 31):
        with pytest.raises(ValueError):
            SessionCodec(weak)
    assert SessionCodec(b"k" * 32)


def test_every_session_gets_its_own_csrf_token_and_it_must_match():
    first, second = new_session(), new_session()
    assert first["sid"] is None and first["csrf"] != second["csrf"] and len(first["csrf"]) >= 32
    assert csrf_matches(first, first["csrf"])
    assert not csrf_matches(first, second["csrf"])
    assert not csrf_matches(first, None) and not csrf_matches(first, "") and not csrf_matches(first, "令牌")


def test_the_cookie_is_httponly_samesite_lax_and_lasts_as_long_as_the_session():
    codec = SessionCodec(b"k" * 32)
    header = cookie_header(codec, new_session("session-id"))
    assert header.startswith("console_session=") and "; HttpOnly" in header and "; SameSite=Lax" in header
    max_age = int(header.split("Max-Age=")[1].split(";")[0])
    assert MAX_AGE_SECONDS - 5 <= max_age <= MAX_AGE_SECONDS
    assert "Secure" not in header and cookie_header(codec, new_session(), secure=True).endswith("; Secure")
    expired = {**new_session(), "exp": int(time.time()) - 10}
    assert "Max-Age=0" in cookie_header(codec, expired)


def test_form_bodies_are_parsed_as_urlencoded_utf8_only():
    body = b"csrf=abc&text=%E5%B7%A5%E8%B5%84+%E4%B8%A4%E4%B8%87&empty=&text=second"
    assert parse_form(body, FORM + "; charset=utf-8") == {"csrf": "abc", "text": "工资 两万", "empty": ""}
    assert parse_form(body, "multipart/form-data; boundary=x") == {}
    assert parse_form(body, None) == {}
    assert parse_form(b"&".join(b"f%d=1" % n for n in range(500)), FORM) == {}  # too many fields


def test_a_cookie_with_non_ascii_characters_reads_as_no_session():
    codec = SessionCodec(b"k" * 32)
    for junk in ("a.\u00e9", "\u00e9.abc", "负载.标签"):
        assert codec.load(junk) is None and codec.unsign(junk) is None
