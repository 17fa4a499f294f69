"""scrubjay.sentry with the real sentry_sdk: events are captured by a transport
that keeps envelopes in memory (no network), after before_send ran."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any, Optional

import pytest
import sentry_sdk
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

import scrubjay
import scrubjay.sentry

SECRETS = [
    "ada@example.com",
    "10.1.2.3",
    "4111 1111 1111 1111",
    "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "s3cr3t-pa55",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
]


class MemoryTransport(Transport):
    def __init__(self, options: Optional[dict[str, Any]] = None) -> None:
        super().__init__(options)
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)

    def events(self) -> list[dict[str, Any]]:
        out = []
        for env in self.envelopes:
            event = env.get_event()
            if event is not None:
                out.append(dict(event))
        return out

    def payload(self) -> str:
        return "".join(env.serialize().decode("utf-8", "replace") for env in self.envelopes)


@pytest.fixture
def sentry() -> Iterator[tuple[MemoryTransport, list[dict[str, Any]]]]:
    transport = MemoryTransport()
    seen: list[dict[str, Any]] = []

    def spy(event: dict[str, Any], hint: dict[str, Any]) -> Optional[dict[str, Any]]:
        seen.append(event)
        return event

    sentry_sdk.init(
        dsn="https://public@o1.ingest.invalid/1",
        transport=transport,
        before_send=scrubjay.sentry.make_before_send(then=spy),
        include_local_variables=True,
        default_integrations=False,
    )
    yield transport, seen
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # back to no client


def charge(email: str, card: str) -> None:
    token = "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"  # noqa: F841 - a frame variable
    raise ValueError(f"payment failed for {email} with card {card}")


def test_exception_event_is_scrubbed(sentry: tuple[MemoryTransport, list[dict[str, Any]]]) -> None:
    transport, seen = sentry
    sentry_sdk.set_user({"email": "ada@example.com", "ip_address": "10.1.2.3", "id": "u1"})
    sentry_sdk.set_extra("card", "4111 1111 1111 1111")
    sentry_sdk.set_context("login", {"password": "s3cr3t-pa55", "session": "abc", "attempts": 3})
    sentry_sdk.set_tag("route", "/pay")
    sentry_sdk.add_breadcrumb(message="auth Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", category="http")
    try:
        charge("ada@example.com", "4111 1111 1111 1111")
    except ValueError:
        sentry_sdk.capture_exception()
    sentry_sdk.flush()

    # The hook saw a real SDK event, scrubbed.
    [event] = seen
    exc = event["exception"]["values"][-1]
    assert exc["type"] == "ValueError"
    assert exc["value"] == "payment failed for [email] with card [credit_card]"
    frame = exc["stacktrace"]["frames"][-1]
    assert frame["function"] == "charge"
    assert frame["vars"]["email"] == "'[email]'"
    assert frame["vars"]["token"] in ("[sensitive_key]", "[Filtered]")
    assert event["user"]["email"] == "[email]" and event["user"]["id"] == "u1"
    assert event["user"].get("ip_address") in (None, "[ipv4]")  # the SDK may drop it itself
    assert event["extra"]["card"] == "[credit_card]"
    assert event["contexts"]["login"]["password"] == "[sensitive_key]"
    assert event["contexts"]["login"]["attempts"] == 3
    assert event["tags"]["route"] == "/pay"
    assert event["breadcrumbs"]["values"][-1]["message"] == "auth Bearer [jwt]"
    # What the SDK left alone stays as it was.
    assert len(event["event_id"]) == 32
    assert event["platform"] == "python"
    assert event["sdk"]["name"] == "sentry.python"

    # What goes over the wire holds none of the secrets.
    [sent] = transport.events()
    assert sent["exception"]["values"][-1]["value"] == "payment failed for [email] with card [credit_card]"
    payload = transport.payload()
    for secret in SECRETS:
        assert secret not in payload, secret


def test_request_data_is_scrubbed(sentry: tuple[MemoryTransport, list[dict[str, Any]]]) -> None:
    transport, _ = sentry
    with sentry_sdk.new_scope() as scope:

        def add_request(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
            event["request"] = {
                "url": "https://shop.example/cb?email=ada@example.com&page=2",
                "method": "POST",
                "query_string": "password=s3cr3t-pa55&page=2",
                "headers": {"Authorization": "Bearer abc.def", "Cookie": "sid=1", "Accept": "*/*"},
                "data": {"card": "4111 1111 1111 1111", "note": "call +44 20 7946 0958"},
            }
            return event

        scope.add_event_processor(add_request)
        sentry_sdk.capture_message("checkout failed")
    sentry_sdk.flush()
    [event] = transport.events()
    request = event["request"]
    assert request["url"] == "https://shop.example/cb?email=[email]&page=2"
    assert request["query_string"] == "password=[password_assignment]&page=2"
    assert request["headers"] == {"Authorization": "[sensitive_key]", "Cookie": "[sensitive_key]", "Accept": "*/*"}
    assert request["data"] == {"card": "[credit_card]", "note": "call [phone]"}
    assert event["message"] == "checkout failed"


def test_logging_integration_events(sentry: tuple[MemoryTransport, list[dict[str, Any]]]) -> None:
    transport, _ = sentry
    from sentry_sdk.integrations.logging import EventHandler

    logger = logging.getLogger("test.sentry.events")
    logger.propagate = False
    handler = EventHandler(level=logging.ERROR)
    logger.addHandler(handler)
    try:
        logger.error("refund to %s failed", "ada@example.com")
    finally:
        logger.removeHandler(handler)
    sentry_sdk.flush()
    [event] = transport.events()
    assert event["logentry"]["message"] == "refund to %s failed"
    assert event["logentry"]["params"] == ["[email]"]
    assert "ada@example.com" not in transport.payload()


def test_meta_is_left_alone() -> None:
    event = {
        "extra": {"password": "[Filtered]", "n": "10.0.0.1"},
        "_meta": {"extra": {"password": {"": {"rem": [["!config", "s"]]}}}},
    }
    out = scrubjay.sentry.before_send(event, {})
    assert out is not None
    assert out["_meta"] == event["_meta"]
    assert out["extra"] == {"password": "[sensitive_key]", "n": "[ipv4]"}
    assert event["extra"]["n"] == "10.0.0.1"  # the event given is untouched


def test_non_json_values_and_failures() -> None:
    import datetime

    event = {"timestamp": datetime.datetime(2024, 3, 15, 10, 0, 0), "extra": {"obj": object(), "ip": "10.0.0.1"}}
    out = scrubjay.sentry.before_send(event, {})
    assert out is not None
    assert out["timestamp"] == "2024-03-15 10:00:00"
    assert out["extra"]["ip"] == "[ipv4]"

    nan = scrubjay.sentry.before_send({"extra": {"x": float("nan"), "y": [float("-inf"), 1.5], "ip": "10.0.0.1"}}, {})
    assert nan == {"extra": {"x": "nan", "y": ["-inf", 1.5], "ip": "[ipv4]"}}

    # Fail closed: an event that cannot be scrubbed is dropped, not sent.
    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError("no")

    assert scrubjay.sentry.before_send({"extra": {"x": Unprintable()}}, {}) is None


def test_custom_scrubber_and_chain() -> None:
    calls: list[dict[str, Any]] = []

    def mine(event: dict[str, Any], hint: dict[str, Any]) -> Optional[dict[str, Any]]:
        calls.append(hint)
        return None if event.get("drop") else event

    hook = scrubjay.sentry.make_before_send(scrubjay.Scrubber({"rules": {"email": {"action": "remove"}}}), then=mine)
    assert hook({"message": "to ada@example.com"}, {"k": 1}) == {"message": "to "}
    assert hook({"drop": True}, {}) is None
    assert calls == [{"k": 1}, {}]
    assert json.dumps(scrubjay.sentry.SENTRY_CONFIG) == '{"json": {"exclude": ["_meta"]}}'
