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

What is scrubbed: the message as it will be formatted. A record with
nothing to scrub is left as it is. Otherwise, when scrubbing its string
arguments alone is enough (the template is clean, every argument is a
string or a number, and nothing is left to scrub in the message they
format), only the arguments are scrubbed, so that tools that group records
by template (Sentry, log indexes) still can; else the message is formatted,
scrubbed as a whole, and replaces the template (``args`` becomes ``None``).
With ``exceptions=True`` (the default) the formatted traceback text and
``stack_info`` are scrubbed too: exception messages often quote the data
that caused them. Attributes added with ``extra=`` are not touched.

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
        if isinstance(msg, str) and not args:
            record.msg = s.scrub(msg)
        else:
            text = record.getMessage()
            scrubbed = s.scrub(text)
            if scrubbed is not text and not self._scrub_apart(record, msg, args):
                record.msg = scrubbed
                record.args = None
        if self.exceptions:
            if record.exc_info and not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = s.scrub(record.exc_text)
            if record.stack_info:
                record.stack_info = s.scrub(record.stack_info)

    def _scrub_apart(self, record: logging.LogRecord, msg: Any, args: Any) -> bool:
        """Scrubs the arguments of a record whose message has something to
        scrub, keeping the template, when that is enough: the template has
        nothing to scrub, every argument is a string or a number, and the
        message formatted from the scrubbed arguments has nothing left to
        scrub (a finding that spans the template and an argument, such as
        ``token=%s``, is not found in either alone)."""
        s = self.scrubber
        if not isinstance(msg, str) or s.scrub(msg) is not msg:
            return False
        new_args: Any
        if isinstance(args, tuple):
            new_args = tuple(self._arg(a) for a in args)
            if any(a is _RENDER for a in new_args):
                return False
        elif isinstance(args, Mapping):
            new_args = {k: self._arg(v) for k, v in args.items()}
            if any(v is _RENDER for v in new_args.values()):
                return False
        else:
            return False
        try:
            text = msg % new_args
        except Exception:  # noqa: BLE001 - e.g. %d given a scrubbed number
            return False
        if s.scrub(text) is not text:
            return False
        record.args = new_args
        return True

    def _arg(self, arg: Any) -> Any:
        if isinstance(arg, str):
            return self.scrubber.scrub(arg)
        if isinstance(arg, _PLAIN):
            # A number stays a number (the template may format it with %d),
            # unless it is something to scrub itself.
            text = str(arg)
            return arg if self.scrubber.scrub(text) is text else _RENDER
        return _RENDER


class _Render:
    """Marks an argument whose rendering must be scrubbed with the message."""


_RENDER: Any = _Render()
