"""A ``before_send`` hook for ``sentry_sdk.init`` that scrubs outgoing events.

::

    import sentry_sdk
    import scrubjay.sentry

    sentry_sdk.init(dsn="...", before_send=scrubjay.sentry.before_send)

The whole event is scrubbed as JSON: the exception messages and stack frame
variables, breadcrumbs, the request (URL query strings, headers such as
``Authorization`` and ``Cookie``, bodies), ``user``, ``extra``, tags and
contexts. Values of sensitive keys (``password``, ``api_key``, ``token``,
``Authorization``, ...) are replaced whole; PII and secrets inside other
strings are replaced in place.

With a scrubber of your own, or chained with a hook you already have::

    hook = scrubjay.sentry.make_before_send(scrubjay.Scrubber("scrubjay.json"), then=my_before_send)
    sentry_sdk.init(dsn="...", before_send=hook, before_send_transaction=hook)

This module does not import ``sentry_sdk``; it only needs the event (a dict).
"""

from __future__ import annotations

import math
import threading
from typing import Any, Callable, Dict, Optional

from . import Scrubber

__all__ = ["SENTRY_CONFIG", "before_send", "make_before_send"]

Event = Dict[str, Any]
Hint = Dict[str, Any]
Hook = Callable[[Event, Hint], Optional[Event]]


def make_before_send(scrubber: Optional[Scrubber] = None, *, then: Optional[Hook] = None) -> Hook:
    """A ``before_send`` (or ``before_send_transaction``) hook.

    ``scrubber`` defaults to the default profile with the event's ``_meta``
    (Sentry's notes on what it trimmed or filtered, keyed like the event)
    left alone: ``{"json": {"exclude": ["_meta"]}}``, which a scrubber of
    your own should have too. ``then`` is a hook to call with the scrubbed
    event (its result is returned).

    The hook returns a scrubbed copy of the event. Objects that are not JSON
    (a ``datetime``, a custom object in ``extra``) are scrubbed as their
    ``str()``, and NaN and infinite floats as ``'nan'``, ``'inf'``. Should
    scrubbing fail, the event is dropped (the hook returns ``None``): an
    unscrubbed event is never sent.
    """

    def hook(event: Event, hint: Hint) -> Optional[Event]:
        s = scrubber if scrubber is not None else _sentry_scrubber()
        try:
            try:
                scrubbed: Event = s.scrub_json(event, default=str)
            except ValueError:
                # NaN or an infinity (JSON has none): scrub them as text.
                scrubbed = s.scrub_json(_finite(event), default=str)
        except Exception:  # noqa: BLE001 - fail closed: drop the event
            return None
        if then is not None:
            return then(scrubbed, hint)
        return scrubbed

    return hook


def _finite(value: Any) -> Any:
    """A copy of `value` with NaN and infinite floats as their repr."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def before_send(event: Event, hint: Hint) -> Optional[Event]:
    """Scrubs a Sentry event with the default profile (pass it to ``sentry_sdk.init``)."""
    return _default_hook(event, hint)


#: The config of the default scrubber of the hooks.
SENTRY_CONFIG: Dict[str, Any] = {"json": {"exclude": ["_meta"]}}

_scrubber: Optional[Scrubber] = None
_lock = threading.Lock()


def _sentry_scrubber() -> Scrubber:
    global _scrubber
    if _scrubber is None:
        with _lock:
            if _scrubber is None:
                _scrubber = Scrubber(SENTRY_CONFIG)
    return _scrubber


_default_hook = make_before_send()
