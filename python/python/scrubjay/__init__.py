"""Find and scrub PII and secrets in text, log records and JSON events.

One pass over the text, linear-time matching, and no copy when nothing
matched::

    >>> import scrubjay
    >>> s = scrubjay.Scrubber()
    >>> s.scrub("user=ada@example.com ip=10.1.2.3 password=hunter2")
    'user=[email] ip=[ipv4] password=[password_assignment]'
    >>> line = "GET /health 200"
    >>> s.scrub(line) is line
    True

A :class:`Scrubber` is compiled once (from the default profile or a JSON
config) and shared: it is immutable and safe to use from many threads, and
it releases the GIL while it scans more than a few kilobytes.

Integrations: :mod:`scrubjay.logging` (a ``logging.Filter``),
:mod:`scrubjay.sentry` (a ``before_send`` hook for ``sentry_sdk.init``) and
:mod:`scrubjay.web` (request and response bodies).
"""

from __future__ import annotations

import json as _json
import os as _os
import threading as _threading
from collections.abc import Mapping as _Mapping
from typing import Any, Callable, List, Optional, Tuple, Union

from ._scrubjay import (
    ConfigError,
    Finding,
    JsonError,
    JsonFinding,
    ScrubjayError,
    __version__,
    builtin_rules,
    profiles,
    validators,
)
from ._scrubjay import Scrubber as _NativeScrubber

__all__ = [
    "ConfigError",
    "Finding",
    "JsonError",
    "JsonFinding",
    "Scrubber",
    "ScrubjayError",
    "__version__",
    "builtin_rules",
    "default_scrubber",
    "profiles",
    "validators",
]

#: What :class:`Scrubber` accepts as a config.
ConfigLike = Union[str, "_os.PathLike[str]", _Mapping[str, Any], None]


def _config_text(config: ConfigLike) -> Optional[str]:
    """The JSON text of a config given as a dict, JSON text or a path."""
    if config is None:
        return None
    if isinstance(config, _Mapping):
        try:
            return _json.dumps(config)
        except (TypeError, ValueError) as e:
            raise ConfigError(f"config dict cannot be written as JSON: {e}") from None
    if isinstance(config, str):
        if config.lstrip().startswith("{"):
            return config
        path: str = config
    elif isinstance(config, _os.PathLike):
        path = _os.fspath(config)
        if not isinstance(path, str):
            raise TypeError("config path must be a str path, not bytes")
    else:
        raise TypeError(
            "config must be None, a dict, JSON text (a str starting with '{') or a path to a JSON file, "
            f"not {type(config).__name__}"
        )
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as e:
        hint = "" if isinstance(config, _os.PathLike) else " (a str config is JSON text if it starts with '{', else a path)"
        raise ConfigError(f"cannot read config file {path!r}: {e}{hint}") from e


def _config_error_in(path: str, e: ConfigError) -> ConfigError:
    return ConfigError(f"{path}: {e}")


class Scrubber(_NativeScrubber):
    """Finds and scrubs PII and secrets. Compile once, share everywhere.

    ``config`` is ``None`` (the ``default`` profile), a dict, JSON text (a
    ``str`` starting with ``{``) or the path of a JSON file (a ``str`` or an
    ``os.PathLike``); the format is the same in every binding (see
    ``docs/config.md``). An invalid config raises :class:`ConfigError` with a
    message that names the rule or setting and how to fix it::

        >>> s = Scrubber({"rules": {"email": {"action": {"type": "mask", "keep_last": 4}}}})
        >>> s.scrub("to ada@example.com")
        'to ***********.com'
        >>> Scrubber({"rules": {"emial": {}}})
        Traceback (most recent call last):
        ...
        scrubjay.ConfigError: rule `emial` is not a builtin rule and defines none of `pattern`, `terms` or `paths` (did you mean `email`?); run `scrubjay rules` to list the builtin rules

    Methods on text:

    - :meth:`scrub` (``str``) and :meth:`scrub_bytes` (``bytes``, any
      encoding) return the scrubbed text, or the very same object when
      nothing matched;
    - :meth:`find` and :meth:`find_bytes` list :class:`Finding` objects
      (Python string indices for ``str``, byte offsets for ``bytes``);
    - :meth:`scrub_with_findings` does both in one pass;
    - :meth:`scrub_many` scrubs a list of strings in one call without the
      GIL, on several threads when the batch is large.

    Methods on JSON: :meth:`scrub_json` (dicts, lists, ...: returns a
    scrubbed copy), :meth:`scrub_json_str` (JSON text), their
    ``*_with_report`` forms, and :meth:`report_json` /
    :meth:`report_json_str`, which only report. Keys such as ``password``,
    ``api_key`` or ``Authorization`` have their whole value scrubbed.

    A scrubber is immutable and thread-safe; it can be pickled (its config
    is pickled with it, including any ``hash_key``).
    """

    __slots__ = ("_config",)
    _config: Optional[str]

    def __new__(cls, config: ConfigLike = None) -> Scrubber:
        text = _config_text(config)
        try:
            self = super().__new__(cls, text)
        except ConfigError as e:
            if isinstance(config, (str, _os.PathLike)) and text is not config:
                raise _config_error_in(_os.fspath(config), e) from None
            raise
        self._config = text
        return self

    def __reduce__(self) -> Tuple[Any, Tuple[Optional[str]]]:
        return (type(self), (self._config,))

    def scrub_json(self, obj: Any, *, default: Optional[Callable[[Any], Any]] = None) -> Any:
        """Scrubs a JSON-like object (dicts, lists, strings, numbers, ...).

        Returns a scrubbed copy and leaves ``obj`` untouched. The object is
        converted as :func:`json.dumps` does (tuples become lists, non-string
        keys become strings; ``default`` converts other objects, as in
        ``json.dumps``), scrubbed by the core, and read back::

            >>> s = Scrubber()
            >>> s.scrub_json({"user": {"email": "ada@example.com", "age": 36}, "password": "x"})
            {'user': {'email': '[email]', 'age': 36}, 'password': '[sensitive_key]'}

        Raises ``TypeError`` for objects JSON cannot hold (unless ``default``
        converts them) and ``ValueError`` for NaN or infinite floats and
        circular references.
        """
        text = self.scrub_json_str(_dumps(obj, default))
        return _json.loads(text)

    def scrub_json_with_report(
        self, obj: Any, *, default: Optional[Callable[[Any], Any]] = None
    ) -> Tuple[Any, List[JsonFinding]]:
        """:meth:`scrub_json` and the list of what was scrubbed, from one pass::

            >>> copy, report = Scrubber().scrub_json_with_report({"ip": "10.0.0.1", "n": 1})
            >>> copy
            {'ip': '[ipv4]', 'n': 1}
            >>> report
            [JsonFinding(pointer='/ip', rule='ipv4', start=0, end=8, action='replace', whole=False)]
        """
        text, found = self.scrub_json_str_with_report(_dumps(obj, default))
        return _json.loads(text), found

    def report_json(self, obj: Any, *, default: Optional[Callable[[Any], Any]] = None) -> List[JsonFinding]:
        """What :meth:`scrub_json` would scrub in ``obj``, without scrubbing it::

            >>> Scrubber().report_json({"password": "hunter2"})
            [JsonFinding(pointer='/password', rule='sensitive_key', start=0, end=7, action='replace', whole=True)]
        """
        return self.report_json_str(_dumps(obj, default))


def _dumps(obj: Any, default: Optional[Callable[[Any], Any]]) -> str:
    # ASCII text with \u escapes: the core decodes them, and lone surrogates
    # (which UTF-8 cannot hold) survive as escapes. Compact: less to scan.
    return _json.dumps(obj, ensure_ascii=True, allow_nan=False, separators=(",", ":"), default=default)


_default: Optional[Scrubber] = None
_default_lock = _threading.Lock()


def default_scrubber() -> Scrubber:
    """A shared :class:`Scrubber` with the default profile, built on first use.

    The integrations use it when they are given no scrubber.
    """
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Scrubber()
    return _default
