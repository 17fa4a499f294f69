"""scrubjay.web.scrub_body: HTTP bodies by content type."""

from __future__ import annotations

import pytest

import scrubjay
from scrubjay.web import scrub_body


@pytest.mark.parametrize("ctype", ["application/json", "application/json; charset=utf-8", "application/vnd.api+json"])
def test_json_bodies(ctype: str) -> None:
    body = b'{"user": {"email": "ada@example.com"}, "password": "hunter2", "n": 1.50,\n "msg": "\xc3\xa9 10.0.0.1"}'
    out = scrub_body(body, ctype)
    assert out == (
        b'{"user": {"email": "[email]"}, "password": "[sensitive_key]", "n": 1.50,\n "msg": "\xc3\xa9 [ipv4]"}'
    )
    clean = b'{"ok": true}'
    assert scrub_body(clean, ctype) is clean


def test_form_bodies() -> None:
    ctype = "application/x-www-form-urlencoded"
    body = b"user=ada&password=hunter2&note=mail+ada%40example.com&empty=&card=4111+1111+1111+1111"
    assert scrub_body(body, ctype) == (
        b"user=ada&password=%5Bsensitive_key%5D&note=mail+%5Bemail%5D&empty=&card=%5Bcredit_card%5D"
    )
    clean = b"page=2&sort=asc"
    assert scrub_body(clean, ctype) is clean
    removing = scrubjay.Scrubber({"rules": {"sensitive_key": {"action": "remove"}}})
    assert scrub_body(b"a=1&token=abc", ctype, scrubber=removing) == b"a=1&token="


def test_other_bodies_are_scrubbed_as_bytes() -> None:
    assert scrub_body(b"\xff call +44 20 7946 0958", "text/plain") == b"\xff call [phone]"
    assert scrub_body(b"ip 10.0.0.1") == b"ip [ipv4]"  # no content type
    # JSON and forms that do not parse fall back to bytes.
    assert scrub_body(b'{"a": "10.0.0.1"', "application/json") == b'{"a": "[ipv4]"'
    assert scrub_body(b"\xff\xfe 10.0.0.1", "application/json") == b"\xff\xfe [ipv4]"
    assert scrub_body(b"a=%ZZ&ip=10.0.0.1\xff", "application/x-www-form-urlencoded") == b"a=%ZZ&ip=[ipv4]\xff"
    clean = b"plain"
    assert scrub_body(clean, "text/plain") is clean
    assert scrub_body(bytearray(b"ip 10.0.0.1"), "text/plain") == b"ip [ipv4]"
    assert scrub_body(bytearray(b'{"ok": 1}'), "application/json") == b'{"ok": 1}'


def test_wrong_type() -> None:
    with pytest.raises(TypeError):
        scrub_body("text", "text/plain")  # type: ignore[arg-type]
