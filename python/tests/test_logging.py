"""scrubjay.logging.ScrubbingFilter on real loggers and handlers."""

from __future__ import annotations

import io
import logging
import logging.config
from collections.abc import Iterator

import pytest

import scrubjay
from scrubjay.logging import ScrubbingFilter


class Capture(logging.Handler):
    """Keeps the records it handles and the text it formats."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        try:
            self.lines.append(self.format(record))
        except Exception:
            self.handleError(record)  # as StreamHandler does


@pytest.fixture
def log() -> Iterator[tuple[logging.Logger, Capture]]:
    logger = logging.getLogger(f"test.scrubjay.{id(object())}")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    handler = Capture()
    handler.addFilter(ScrubbingFilter())
    logger.addHandler(handler)
    yield logger, handler
    logger.removeHandler(handler)


def test_template_with_placeholder_inside_a_finding(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    # Scrubbing the template alone would eat its placeholder.
    logger.info("login user=%s password=%s", "ada", "hunter2")
    assert h.lines == ["login user=ada password=[password_assignment]"]
    logger.info("token ghp_%s", "a" * 36)  # found only once formatted
    assert h.lines[-1] == "token [github_token]"
    logger.info("mail %s@%s", "ada", "example.com")
    assert h.lines[-1] == "mail [email]"


def test_message_and_string_args(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    logger.info("login by %s from %s", "ada@example.com", "10.1.2.3")
    assert h.lines == ["login by [email] from [ipv4]"]
    record = h.records[0]
    # The template and its arguments stay apart (Sentry groups by template).
    assert record.msg == "login by %s from %s"
    assert record.args == ("[email]", "[ipv4]")


def test_pii_in_template(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    logger.warning("password=hunter2 for ada@example.com took %d ms", 12)
    assert h.lines == ["password=[password_assignment] for [email] took 12 ms"]
    assert h.records[0].args is None


def test_clean_record_untouched(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    msg = "GET /health %s %d %.1f %r"
    args = ("ok", 200, 1.5, None)
    logger.info(msg, *args)
    assert h.records[0].msg is msg
    assert h.records[0].args == args
    assert h.lines == ["GET /health ok 200 1.5 None"]


def test_number_args(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    # A card number passed as an int, formatted with %d: the message is
    # rendered and scrubbed as a whole.
    logger.info("charged card %d amount %d", 4111111111111111, 30)
    assert h.lines == ["charged card [credit_card] amount 30"]
    assert h.records[0].args is None


def test_object_args(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    user = {"email": "ada@example.com", "id": 7}
    logger.info("user %s, repr %r", user, ["10.0.0.1"])
    assert h.lines == ["user {'email': '[email]', 'id': 7}, repr ['[ipv4]']"]
    clean = {"id": 7}
    logger.info("user %s", clean)
    assert h.lines[-1] == "user {'id': 7}"
    assert h.records[-1].args is clean  # nothing found: arguments kept


def test_mapping_args(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    logger.info("%(user)s from %(ip)s", {"user": "ada@example.com", "ip": "10.0.0.1"})
    assert h.lines == ["[email] from [ipv4]"]
    assert h.records[0].args == {"user": "[email]", "ip": "[ipv4]"}
    logger.info("%(card)d", {"card": 4111111111111111})
    assert h.lines[-1] == "[credit_card]"


def test_non_str_message(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    logger.info({"email": "ada@example.com"})
    assert h.lines == ["{'email': '[email]'}"]
    logger.error(ValueError("bad card 4111 1111 1111 1111"))
    assert h.lines[-1] == "bad card [credit_card]"


def test_exceptions_and_stack_info(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    try:
        raise ValueError("no account for ada@example.com")
    except ValueError:
        logger.exception("lookup failed for %s", "10.0.0.1")
    out = h.lines[0]
    assert out.startswith("lookup failed for [ipv4]\nTraceback (most recent call last):")
    assert out.endswith("ValueError: no account for [email]")
    assert "ada@example.com" not in out
    logger.info("here ada@example.com", stack_info=True)
    assert "Stack (most recent call last)" in h.lines[-1]
    assert "ada@example.com" not in h.lines[-1]


def test_exceptions_option(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    h.filters[:] = [ScrubbingFilter(exceptions=False)]
    try:
        raise ValueError("ada@example.com")
    except ValueError:
        logger.exception("failed")
    assert h.lines[0].endswith("ValueError: ada@example.com")


def test_bad_template_does_not_leak(log: tuple[logging.Logger, Capture], capsys: pytest.CaptureFixture[str]) -> None:
    logger, h = log
    # %d with a str cannot be formatted: the handler would report the error
    # on stderr with the raw arguments. The filter leaves a note instead.
    logger.info("user %d", "ada@example.com")
    assert h.lines == ["[scrubjay: this record could not be formatted; its template: user %d]"]
    assert "ada@example.com" not in capsys.readouterr().err
    # An argument whose str() raises: the filter cannot render the message
    # and leaves a note with the scrubbed template instead.

    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("no str")

    logger.info("mail ada@example.com %s", Broken())
    assert h.lines[-1] == "[scrubjay: this record could not be formatted; its template: mail [email] %s]"


def test_custom_scrubber_and_name() -> None:
    s = scrubjay.Scrubber({"rules": {"email": {"action": "remove"}}})
    f = ScrubbingFilter(s, name="app")
    ok = logging.LogRecord("app.db", logging.INFO, __file__, 1, "to %s", ("ada@example.com",), None)
    assert f.filter(ok) is True
    assert ok.getMessage() == "to "
    other = logging.LogRecord("other", logging.INFO, __file__, 1, "to %s", ("ada@example.com",), None)
    assert f.filter(other) is False  # logging.Filter's name semantics


def test_scrubs_once_per_handler_is_idempotent(log: tuple[logging.Logger, Capture]) -> None:
    logger, h = log
    h.addFilter(ScrubbingFilter())  # a second filter sees scrubbed records
    logger.info("mail %s", "ada@example.com")
    assert h.lines == ["mail [email]"]


def test_dict_config() -> None:
    stream = io.StringIO()
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"scrub": {"()": "scrubjay.logging.ScrubbingFilter"}},
            "formatters": {"plain": {"format": "%(levelname)s %(message)s"}},
            "handlers": {
                "out": {
                    "class": "logging.StreamHandler",
                    "stream": stream,
                    "filters": ["scrub"],
                    "formatter": "plain",
                }
            },
            "loggers": {"dictcfg": {"handlers": ["out"], "level": "INFO", "propagate": False}},
        }
    )
    logging.getLogger("dictcfg.child").info("token ghp_%s", "a" * 36)
    assert stream.getvalue() == "INFO token [github_token]\n"


def test_filter_on_many_threads(log: tuple[logging.Logger, Capture]) -> None:
    import threading

    logger, h = log

    def work(i: int) -> None:
        for j in range(200):
            logger.info("%d user%d@example.com %s", i, j, "10.0.0.1")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(h.lines) == 800
    assert all(line.endswith(" [email] [ipv4]") for line in h.lines)
