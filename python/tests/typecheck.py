"""Checked by `mypy --strict` (make test-python): the stubs describe the API as
users call it. Also run by test_typecheck.py, so every line here is real."""

from __future__ import annotations

import logging
import pathlib
from typing import Any, Optional, Union

import scrubjay
import scrubjay.sentry
from scrubjay.logging import ScrubbingFilter
from scrubjay.web import scrub_body


def use_api(config_path: pathlib.Path) -> list[object]:
    s: scrubjay.Scrubber = scrubjay.Scrubber()
    s2 = scrubjay.Scrubber({"profile": "secrets"})
    s3 = scrubjay.Scrubber('{"profile": "strict"}')
    s4 = scrubjay.Scrubber(config_path)
    s5 = scrubjay.Scrubber(str(config_path))
    out: str = s.scrub("ada@example.com")
    raw: bytes = s.scrub_bytes(b"\xff 10.0.0.1")
    raw2: bytes = s.scrub_bytes(bytearray(b"10.0.0.1"))
    found: list[scrubjay.Finding] = s.find("x 10.0.0.1", with_text=True)
    first: scrubjay.Finding = found[0]
    rule: str = first.rule
    span: tuple[int, int] = (first.start, first.end)
    action: str = first.action
    text: Union[str, bytes, None] = first.text
    bfound: list[scrubjay.Finding] = s.find_bytes(b"x 10.0.0.1")
    both: tuple[str, list[scrubjay.Finding]] = s.scrub_with_findings("10.0.0.1")
    many: list[str] = s.scrub_many(["a", "b"])
    many2: list[str] = s.scrub_many((t for t in ("a", "b")), threads=1)
    copy: Any = s.scrub_json({"a": 1}, default=str)
    doc: str = s.scrub_json_str('{"a": 1}')
    rep: tuple[Any, list[scrubjay.JsonFinding]] = s.scrub_json_with_report([1])
    rep2: tuple[str, list[scrubjay.JsonFinding]] = s.scrub_json_str_with_report("[1]")
    jf: list[scrubjay.JsonFinding] = s.report_json({"password": "x"})
    jf2: list[scrubjay.JsonFinding] = s.report_json_str('{"password": "x"}')
    pointer: str = jf[0].pointer
    whole: bool = jf[0].whole
    rules = s.rules()
    rule_id: str = rules[0]["id"]
    priority: int = rules[0]["priority"]
    builtin = scrubjay.builtin_rules()
    default_on: bool = builtin[0]["in_default_profile"]
    names: list[str] = scrubjay.profiles() + scrubjay.validators()
    version: str = scrubjay.__version__
    shared: scrubjay.Scrubber = scrubjay.default_scrubber()
    try:
        scrubjay.Scrubber({"profile": "nope"})
    except scrubjay.ConfigError as e:
        message: str = str(e)
    except scrubjay.ScrubjayError:
        raise
    handler = logging.StreamHandler()
    handler.addFilter(ScrubbingFilter(s, exceptions=False))
    hook = scrubjay.sentry.make_before_send(s, then=scrubjay.sentry.before_send)
    event: Optional[dict[str, Any]] = hook({"message": "x"}, {})
    body: bytes = scrub_body(b"a=1", "application/x-www-form-urlencoded", scrubber=s)
    return [s2, s3, s4, s5, out, raw, raw2, rule, span, action, text, bfound, both, many, many2, copy, doc, rep,
            rep2, jf2, pointer, whole, rule_id, priority, default_on, names, version, shared, message, event, body]
