"""Scrubbing HTTP request and response bodies before they are logged.

Framework-agnostic: give it the body bytes and the ``Content-Type`` header::

    from scrubjay.web import scrub_body

    # Flask
    log.info("body: %s", scrub_body(request.get_data(), request.content_type))
    # Django
    log.info("body: %s", scrub_body(request.body, request.content_type))
    # Starlette / FastAPI
    log.info("body: %s", scrub_body(await request.body(), request.headers.get("content-type")))

- JSON (``application/json``, ``*+json``) is scrubbed as JSON: values of
  sensitive keys (``password``, ``token``, ...) whole, PII inside strings in
  place; formatting is kept.
- Forms (``application/x-www-form-urlencoded``) are decoded into
  ``[name, value]`` pairs, scrubbed as such (a ``password`` field is
  scrubbed whole, an email in a ``comment`` field in place) and encoded
  again.
- Anything else, and JSON or forms that do not parse, is scrubbed as bytes
  (any encoding; invalid UTF-8 is kept as it is).

The body comes back as the same object when nothing was scrubbed.
"""

from __future__ import annotations

from typing import Optional, Union
from urllib.parse import parse_qsl, urlencode

from . import JsonError, Scrubber, default_scrubber

__all__ = ["scrub_body"]


def _mime(content_type: Optional[str]) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def scrub_body(
    body: Union[bytes, bytearray],
    content_type: Optional[str] = None,
    *,
    scrubber: Optional[Scrubber] = None,
) -> bytes:
    """Scrubs an HTTP body for logging, as its ``Content-Type`` says it is.

    ``scrubber`` defaults to :func:`scrubjay.default_scrubber`::

        >>> scrub_body(b'{"password": "x", "email": "ada@example.com"}', "application/json")
        b'{"password": "[sensitive_key]", "email": "[email]"}'
        >>> scrub_body(b"user=ada&password=hunter2&note=mail+ada%40example.com",
        ...            "application/x-www-form-urlencoded")
        b'user=ada&password=%5Bsensitive_key%5D&note=mail+%5Bemail%5D'
        >>> scrub_body(b"\\xff call +44 20 7946 0958", "text/plain")
        b'\\xff call [phone]'
    """
    s = scrubber if scrubber is not None else default_scrubber()
    data = bytes(body)
    mime = _mime(content_type)
    if mime == "application/json" or mime.endswith("+json"):
        try:
            text = data.decode("utf-8")
            out = s.scrub_json_str(text)
        except (UnicodeDecodeError, JsonError):
            pass
        else:
            return body if out is text and isinstance(body, bytes) else out.encode("utf-8")
    elif mime == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(data.decode("ascii"), keep_blank_values=True, strict_parsing=True)
        except (UnicodeDecodeError, ValueError):
            pass
        else:
            # Inside an array, [name, value] arrays are read as pairs.
            scrubbed = s.scrub_json([[k, v] for k, v in pairs])
            if scrubbed == [[k, v] for k, v in pairs] and isinstance(body, bytes):
                return body
            return urlencode([(k, "" if v is None else str(v)) for k, v in scrubbed]).encode("ascii")
    return s.scrub_bytes(body)
