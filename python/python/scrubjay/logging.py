"""A :class:`logging.Filter` that scrubs log records before handlers see them.

Attach it to the *handlers* that write records out (a filter on a logger
does not see records propagated from its child loggers)::

    import logging
    from scrubjay.logging import ScrubbingFilter

    handler = logging.StreamHandler()
    handler.addFilter(ScrubbingFilter())
    logging.basicConfig(level=logging.INFO, handlers=[handler])

    logging.getLogger("app").info("login by %s from %s", "ada@example.com", "10.1.2.3")
    # INFO:app:login by [email] from [ipv4]

or in ``logging.config.dictConfig``::

    "filters": {"scrub": {"()": "scrubjay.logging.ScrubbingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["scrub"]}},

What is scrubbed: the message template and its string arguments (the
template and the argument tuple stay separate, so tools that group records
by template, such as Sentry, still can); when an argument of another type
renders to text that holds something to scrub (a number that is a card
number, a dict with an email), the message is rendered and scrubbed as a
whole instead. With ``exceptions=True`` (the default) the formatted
traceback text and ``stack_info`` are scrubbed too: exception messages
often quote the data that caused them. Attributes added with ``extra=`` are
not touched.

The filter never drops a record and never raises. A record that cannot be
formatted (a template that does not fit its arguments) becomes a note with
its scrubbed template, rather than reaching the handler, whose error report
would print the arguments unscrubbed.

A formatted traceback is cached on the record as ``exc_text`` (formatted by
``logging.Formatter().formatException``), so a handler formatter's own
``formatException`` is not used for records with exceptions; pass
``exceptions=False`` to keep it (the traceback is then not scrubbed).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Optional

from . import Scrubber, default_scrubber

__all__ = ["ScrubbingFilter"]

_PLAIN = (int, float, bool, type(None))


class ScrubbingFilter(logging.Filter):
    """Scrubs the message, arguments and traceback text of log records.

    ``scrubber`` defaults to :func:`scrubjay.default_scrubber`; ``name``
    is passed to :class:`logging.Filter` (records of other loggers pass
    through unscrubbed only if the filter is given a name, as usual).
    """

    def __init__(self, scrubber: Optional[Scrubber] = None, *, name: str = "", exceptions: bool = True) -> None:
        super().__init__(name)
        self.scrubber: Scrubber = scrubber if scrubber is not None else default_scrubber()
        self.exceptions = exceptions

    def filter(self, record: logging.LogRecord) -> bool:
        if not super().filter(record):
            return False
        try:
            self._scrub(record)
        except Exception:  # noqa: BLE001 - a filter must not break logging
            # Formatting failed (a bad template or argument). The handler
            # would fail too and print the raw arguments to stderr: the
            # message becomes a note with the scrubbed template instead.
            template = record.msg if isinstance(record.msg, str) else f"<{type(record.msg).__name__} message>"
            record.msg = "[scrubjay: this record could not be formatted; its template: " + self.scrubber.scrub(template) + "]"
            record.args = None
        return True

    def _scrub(self, record: logging.LogRecord) -> None:
        s = self.scrubber
        msg = record.msg
        args = record.args
        render = not isinstance(msg, str)  # e.g. an exception or a dict as message
        if not render:
            record.msg = s.scrub(msg)
        if args and not render:
            if isinstance(args, tuple):
                new_args = tuple(self._arg(a) for a in args)
                if any(a is _RENDER for a in new_args):
                    render = True
                else:
                    record.args = new_args
            elif isinstance(args, Mapping):
                new_map = {k: self._arg(v) for k, v in args.items()}
                if any(v is _RENDER for v in new_map.values()):
                    render = True
                else:
                    record.args = new_map
        if render:
            record.msg = msg
            record.args = args
            text = record.getMessage()
            scrubbed = s.scrub(text)
            if scrubbed is not text or not isinstance(msg, str):
                record.msg = scrubbed
                record.args = None
        if self.exceptions:
            if record.exc_info and not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = s.scrub(record.exc_text)
            if record.stack_info:
                record.stack_info = s.scrub(record.stack_info)

    def _arg(self, arg: Any) -> Any:
        if isinstance(arg, str):
            return self.scrubber.scrub(arg)
        if isinstance(arg, _PLAIN):
            # A number can be a card number or a phone number; it is left as
            # a number (the template may format it with %d) unless it is one.
            text = str(arg)
            return arg if self.scrubber.scrub(text) is text else _RENDER
        return _RENDER


class _Render:
    """Marks an argument whose rendering must be scrubbed with the message."""


_RENDER: Any = _Render()
