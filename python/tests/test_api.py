"""The Python API: every method, its types, errors and edge cases."""

from __future__ import annotations

import copy
import doctest
import json
import pathlib
import pickle
import sys
from typing import Any

import pytest

import scrubjay
import scrubjay.logging
import scrubjay.sentry
import scrubjay.web

LINE = "2024-03-15T10:22:01.123Z INFO [req 9f8e7d6c5b4a] GET /api/v1/orders?page=3&limit=50 200 12ms user_id=18273"


def byte_to_index(text: str, offset: int) -> int:
    return len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "surrogatepass"))


# --- the package -------------------------------------------------------------


def test_installed_wheel_is_tested() -> None:
    # The suite must exercise the wheel installed in the venv, not sources.
    assert "site-packages" in pathlib.Path(scrubjay.__file__).parts
    assert scrubjay._scrubjay.__name__ == "scrubjay._scrubjay"
    assert pathlib.Path(scrubjay._scrubjay.__file__).name.endswith(".abi3.so")


def test_version_and_exports() -> None:
    assert scrubjay.__version__.count(".") == 2
    for name in scrubjay.__all__:
        assert hasattr(scrubjay, name), name
    assert issubclass(scrubjay.ScrubjayError, ValueError)
    assert issubclass(scrubjay.ConfigError, scrubjay.ScrubjayError)
    assert issubclass(scrubjay.JsonError, scrubjay.ScrubjayError)
    assert scrubjay.ConfigError.__module__ == "scrubjay"


def test_catalogue_functions() -> None:
    rules = scrubjay.builtin_rules()
    ids = [r["id"] for r in rules]
    assert "email" in ids and "credit_card" in ids
    email = next(r for r in rules if r["id"] == "email")
    assert email["in_default_profile"] is True and email["category"] == "pii" and email["summary"]
    assert scrubjay.profiles() == ["default", "strict", "secrets", "none"]
    assert "luhn" in scrubjay.validators()


@pytest.mark.parametrize("module", [scrubjay, scrubjay.logging, scrubjay.sentry, scrubjay.web])
def test_docstring_examples(module: Any) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_readme_examples(scrubber: scrubjay.Scrubber) -> None:
    s = scrubber
    assert s.scrub("user=ada@example.com ip=10.1.2.3 password=hunter2") == (
        "user=[email] ip=[ipv4] password=[password_assignment]"
    )
    custom = scrubjay.Scrubber(
        {
            "rules": {
                "email": {"action": {"type": "mask", "keep_last": 4}},
                "employee_id": {"pattern": "EMP-[0-9]{6}"},
                "customers": {"terms": ["Ada Lovelace", "Grace Hopper"], "case_insensitive": True},
            }
        }
    )
    assert custom.scrub("EMP-123456 (ada lovelace) wrote from ada@example.com") == (
        "[employee_id] ([customers]) wrote from ***********.com"
    )
    text = "😀 日本 ada@example.com"
    [f] = s.find(text, with_text=True)
    assert repr(f) == "Finding(rule='email', start=5, end=20, action='replace', text='ada@example.com')"
    event = {
        "user": {"email": "ada@example.com", "id": 42},
        "password": "hunter2",
        "headers": [["Authorization", "Bearer abc"]],
        "msg": "card 4111 1111 1111 1111",
    }
    assert s.scrub_json(event) == {
        "user": {"email": "[email]", "id": 42},
        "password": "[sensitive_key]",
        "headers": [["Authorization", "[sensitive_key]"]],
        "msg": "card [credit_card]",
    }


# --- config ------------------------------------------------------------------


def test_config_forms(tmp_path: pathlib.Path) -> None:
    config = {"profile": "secrets"}
    text = "ada@example.com ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    want = "ada@example.com [github_token]"
    path = tmp_path / "scrubjay.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    for given in (config, json.dumps(config), "  \n" + json.dumps(config), str(path), path):
        assert scrubjay.Scrubber(given).scrub(text) == want, given
        assert scrubjay.Scrubber(config=given).scrub(text) == want, given
    assert scrubjay.Scrubber().scrub(text) == "[email] [github_token]"
    assert scrubjay.Scrubber(None).scrub(text) == "[email] [github_token]"


def test_config_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(scrubjay.ConfigError, match="did you mean `email`"):
        scrubjay.Scrubber({"rules": {"emial": {"enabled": True}}})
    with pytest.raises(scrubjay.ConfigError, match=r"invalid config.*line 1, column"):
        scrubjay.Scrubber('{"rules": ')
    with pytest.raises(scrubjay.ConfigError, match="unknown profile `nope`"):
        scrubjay.Scrubber({"profile": "nope"})
    with pytest.raises(scrubjay.ConfigError, match="needs a secret key"):
        scrubjay.Scrubber({"rules": {"email": {"action": "hash"}}})
    with pytest.raises(scrubjay.ConfigError, match="invalid regex"):
        scrubjay.Scrubber({"rules": {"x": {"pattern": "(a"}}})
    # A missing or unreadable file names the path.
    missing = tmp_path / "missing.json"
    with pytest.raises(scrubjay.ConfigError, match="cannot read config file .*missing.json") as err:
        scrubjay.Scrubber(missing)
    assert isinstance(err.value.__cause__, FileNotFoundError)
    with pytest.raises(scrubjay.ConfigError, match="cannot read config file"):
        scrubjay.Scrubber(str(tmp_path))  # a directory
    bad = tmp_path / "bad.json"
    bad.write_text('{"rules": {"emial": {}}}', encoding="utf-8")
    with pytest.raises(scrubjay.ConfigError, match=r"bad\.json: rule `emial`"):
        scrubjay.Scrubber(bad)
    # They are ValueErrors, so `except ValueError` catches them.
    with pytest.raises(ValueError):
        scrubjay.Scrubber({"profile": "nope"})
    # A dict that JSON cannot hold.
    with pytest.raises(scrubjay.ConfigError, match="cannot be written as JSON"):
        scrubjay.Scrubber({"rules": {"x": {"terms": {1, 2}}}})


@pytest.mark.parametrize("config", [42, 1.5, b"{}", ["profile"], object()])
def test_config_wrong_type(config: Any) -> None:
    with pytest.raises(TypeError, match="config must be"):
        scrubjay.Scrubber(config)


def test_rules_and_repr() -> None:
    s = scrubjay.Scrubber({"profile": "secrets", "rules": {"emp": {"pattern": "EMP-[0-9]{6}", "action": "remove"}}})
    rules = s.rules()
    assert rules[0] == {
        "id": "emp",
        "description": rules[0]["description"],
        "kind": "pattern",
        "action": "remove",
        "priority": 0,
    }
    assert "github_token" in [r["id"] for r in rules]
    assert "email" not in [r["id"] for r in rules]
    assert repr(s).startswith("<scrubjay.Scrubber with ") and "emp" in repr(s)


def test_pickle_and_subclass() -> None:
    s = scrubjay.Scrubber({"rules": {"email": {"action": "remove"}}})
    t = pickle.loads(pickle.dumps(s))
    assert type(t) is scrubjay.Scrubber
    assert t.scrub("to ada@example.com") == "to "
    assert isinstance(s, scrubjay._scrubjay.Scrubber)
    with pytest.raises(AttributeError):
        s.anything = 1  # type: ignore[attr-defined]


# --- scrub -------------------------------------------------------------------


def test_scrub(scrubber: scrubjay.Scrubber) -> None:
    assert scrubber.scrub("mail ada@example.com, card 4111 1111 1111 1111") == "mail [email], card [credit_card]"
    assert scrubber.scrub("") == ""


@pytest.mark.parametrize(
    "text",
    [LINE, "", "x", "日本語のテキスト 😀 ünïcödé", "a" * 100_000, "\udcff lone surrogate \ud800"],
)
def test_scrub_returns_same_object_when_clean(scrubber: scrubjay.Scrubber, text: str) -> None:
    assert scrubber.scrub(text) is text
    assert scrubber.scrub_many([text])[0] is text
    data = text.encode("utf-8", "surrogatepass")
    assert scrubber.scrub_bytes(data) is data
    assert scrubber.scrub_with_findings(text)[0] is text


def test_scrub_same_object_refcount(scrubber: scrubjay.Scrubber) -> None:
    text = "".join(["clean ", "text"])  # a fresh object
    before = sys.getrefcount(text)
    outs = [scrubber.scrub(text) for _ in range(100)]
    assert all(o is text for o in outs)
    assert sys.getrefcount(text) == before + 100
    del outs
    assert sys.getrefcount(text) == before


def test_scrub_subclass_of_str(scrubber: scrubjay.Scrubber) -> None:
    class Text(str):
        pass

    clean = Text("nothing here")
    assert scrubber.scrub(clean) is clean
    assert scrubber.scrub(Text("ip 10.0.0.1")) == "ip [ipv4]"


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["list"], bytearray(b"x")])
def test_scrub_wrong_type(scrubber: scrubjay.Scrubber, bad: Any) -> None:
    with pytest.raises(TypeError):
        scrubber.scrub(bad)
    with pytest.raises(TypeError):
        scrubber.find(bad)
    with pytest.raises(TypeError):
        scrubber.scrub_with_findings(bad)


def test_scrub_non_ascii(scrubber: scrubjay.Scrubber) -> None:
    text = "é 😀 日本 ada@example.com ✓ 10.0.0.1 Ω"
    assert scrubber.scrub(text) == "é 😀 日本 [email] ✓ [ipv4] Ω"


def test_lone_surrogates(scrubber: scrubjay.Scrubber) -> None:
    # e.g. a file name decoded with surrogateescape
    text = "\udcff ada@example.com \ud800 10.0.0.1 \udfff"
    assert scrubber.scrub(text) == "\udcff [email] \ud800 [ipv4] \udfff"
    found = scrubber.find(text, with_text=True)
    assert [(f.rule, text[f.start : f.end], f.text) for f in found] == [
        ("email", "ada@example.com", "ada@example.com"),
        ("ipv4", "10.0.0.1", "10.0.0.1"),
    ]
    assert scrubber.scrub_many([text, "x"]) == ["\udcff [email] \ud800 [ipv4] \udfff", "x"]
    # Surrogates never end up inside a finding.
    assert scrubber.scrub("ada\udcff@example.com") == "ada\udcff@example.com"


# --- bytes -------------------------------------------------------------------


def test_scrub_bytes(scrubber: scrubjay.Scrubber) -> None:
    assert scrubber.scrub_bytes(b"\xff ada@example.com \xfe") == b"\xff [email] \xfe"
    assert scrubber.scrub_bytes(b"\x00ada@example.com\x00") == b"\x00[email]\x00"
    # A multi-byte character cut short next to a finding is kept as it is.
    assert scrubber.scrub_bytes("é".encode()[:1] + b" 10.0.0.1 \xc3") == b"\xc3 [ipv4] \xc3"
    clean = bytearray(b"clean")
    out = scrubber.scrub_bytes(clean)
    assert out == b"clean" and type(out) is bytes
    assert scrubber.scrub_bytes(bytearray(b"ip 10.0.0.1")) == b"ip [ipv4]"
    assert scrubber.scrub_bytes(b"") == b""


@pytest.mark.parametrize("bad", ["text", None, 42, memoryview(b"x"), [b"x"]])
def test_scrub_bytes_wrong_type(scrubber: scrubjay.Scrubber, bad: Any) -> None:
    with pytest.raises(TypeError, match="takes bytes or bytearray"):
        scrubber.scrub_bytes(bad)
    with pytest.raises(TypeError, match="takes bytes or bytearray"):
        scrubber.find_bytes(bad)


def test_scrub_bytes_str_hint(scrubber: scrubjay.Scrubber) -> None:
    with pytest.raises(TypeError, match=r"not str; use scrub\(\) for text"):
        scrubber.scrub_bytes("ada@example.com")  # type: ignore[arg-type]


def test_invalid_utf8_everywhere(scrubber: scrubjay.Scrubber) -> None:
    samples = [
        b"\xff\xfe\xfd",
        b"\xc3\x28 ada@example.com",
        b"\xe2\x82 10.0.0.1 \xe2",
        b"\xf0\x9f\x98 4111 1111 1111 1111 \xed\xa0\x80",
        bytes(range(256)) * 4,
    ]
    for data in samples:
        out = scrubber.scrub_bytes(data)
        assert isinstance(out, bytes)
        for f in scrubber.find_bytes(data, with_text=True):
            assert f.text == data[f.start : f.end]
            f.text.decode("utf-8")  # findings are whole characters


def test_find_bytes(scrubber: scrubjay.Scrubber) -> None:
    data = "é ada@example.com".encode()
    [f] = scrubber.find_bytes(data)
    assert (f.rule, f.start, f.end, f.action, f.text) == ("email", 3, 18, "replace", None)
    [f] = scrubber.find_bytes(data, with_text=True)
    assert f.text == b"ada@example.com"


# --- find --------------------------------------------------------------------


def test_find(scrubber: scrubjay.Scrubber) -> None:
    found = scrubber.find("ada@example.com and 10.0.0.1")
    assert [(f.rule, f.start, f.end, f.action, f.text) for f in found] == [
        ("email", 0, 15, "replace", None),
        ("ipv4", 20, 28, "replace", None),
    ]
    assert scrubber.find(LINE) == []


@pytest.mark.parametrize(
    "prefix",
    ["", "é", "😀", "日本語", "👩‍👩‍👧", "\u0301", "a😀b日c", "🇫🇷 " * 50, "€" * 1000],
)
def test_find_indices_are_code_points(scrubber: scrubjay.Scrubber, prefix: str) -> None:
    text = f"{prefix} mail ada@example.com {prefix} ip 10.0.0.1 {prefix} card 4111 1111 1111 1111 {prefix}"
    found = scrubber.find(text, with_text=True)
    assert [(f.rule, text[f.start : f.end]) for f in found] == [
        ("email", "ada@example.com"),
        ("ipv4", "10.0.0.1"),
        ("credit_card", "4111 1111 1111 1111"),
    ]
    assert all(f.text == text[f.start : f.end] for f in found)
    # The same as converting the byte offsets of find_bytes.
    data = text.encode()
    assert [(f.start, f.end) for f in found] == [
        (byte_to_index(text, b.start), byte_to_index(text, b.end)) for b in scrubber.find_bytes(data)
    ]


def test_finding_value_semantics(scrubber: scrubjay.Scrubber) -> None:
    a = scrubber.find("x 10.0.0.1")
    b = scrubber.find("x 10.0.0.1")
    assert a == b and a[0] is not b[0]
    assert hash(a[0]) == hash(b[0])
    assert len({a[0], b[0]}) == 1
    assert a[0] != scrubber.find("xy 10.0.0.1")[0]
    assert a[0] != ("ipv4", 2, 10)
    assert repr(a[0]) == "Finding(rule='ipv4', start=2, end=10, action='replace')"
    with pytest.raises(AttributeError):
        a[0].start = 3  # type: ignore[misc]


def test_actions_reported() -> None:
    s = scrubjay.Scrubber(
        {
            "rules": {
                "email": {"action": "keep"},
                "ipv4": {"action": {"type": "mask"}},
                "phone": {"action": "remove"},
                "credit_card": {"action": "hash"},
            },
            "hash_key": "k" * 32,
        }
    )
    text = "ada@example.com 10.0.0.1 phone +44 20 7946 0958, card 4111 1111 1111 1111"
    actions = {f.rule: f.action for f in s.find(text)}
    assert actions == {"email": "keep", "ipv4": "mask", "phone": "remove", "credit_card": "hash"}
    out = s.scrub(text)
    assert out.startswith("ada@example.com ******** phone , card [credit_card:")
    assert len(out) == len("ada@example.com ******** phone , card [credit_card:]") + 16
    # Only keep findings: the text is unchanged and comes back as is.
    keep_only = "mail ada@example.com"
    assert s.scrub(keep_only) is keep_only
    assert [f.rule for f in s.find(keep_only)] == ["email"]


def test_scrub_with_findings(scrubber: scrubjay.Scrubber) -> None:
    text = "😀 ada@example.com"
    out, found = scrubber.scrub_with_findings(text, with_text=True)
    assert out == "😀 [email]"
    assert [(f.rule, f.start, f.end, f.text) for f in found] == [("email", 2, 17, "ada@example.com")]


# --- scrub_many --------------------------------------------------------------


def test_scrub_many(scrubber: scrubjay.Scrubber) -> None:
    texts = ["clean", "ip 10.0.0.1", "", "日本 ada@example.com", LINE]
    out = scrubber.scrub_many(texts)
    assert out == [scrubber.scrub(t) for t in texts]
    assert out[0] is texts[0] and out[4] is texts[4]
    assert out is not texts and texts[1] == "ip 10.0.0.1"  # a new list; the input is untouched
    assert scrubber.scrub_many([]) == []
    assert scrubber.scrub_many(t for t in texts) == out  # any iterable
    assert scrubber.scrub_many(tuple(texts)) == out


def test_scrub_many_large_batch_uses_threads_and_keeps_order(scrubber: scrubjay.Scrubber) -> None:
    # Large enough for several threads (> 256 KiB per thread).
    texts = []
    for i in range(40_000):
        if i % 7 == 0:
            texts.append(f"{i} user{i}@example.com logged in from 10.0.{i % 250}.{i % 200} 日本")
        else:
            texts.append(f"{i} {LINE}")
    out = scrubber.scrub_many(texts)
    assert len(out) == len(texts)
    for i, (t, o) in enumerate(zip(texts, out)):
        if i % 7 == 0:
            assert o == f"{i} [email] logged in from [ipv4] 日本"
        else:
            assert o is t


def test_scrub_many_threads_option(scrubber: scrubjay.Scrubber) -> None:
    texts = [f"{i} ip 10.0.0.{i % 250} {LINE}" for i in range(20_000)]  # ~2.6 MB
    want = scrubber.scrub_many(texts, threads=1)
    assert want[0] == f"0 ip [ipv4] {LINE}"
    for threads in (2, 3, 64, None):
        assert scrubber.scrub_many(texts, threads=threads) == want
    with pytest.raises(ValueError, match="threads must be at least 1"):
        scrubber.scrub_many(texts, threads=0)
    # Negative: the same ValueError as 0 (it was an OverflowError, which
    # `except ValueError` does not catch); beyond any machine: as many as useful.
    with pytest.raises(ValueError, match="threads must be at least 1 .*, not -1"):
        scrubber.scrub_many(texts, threads=-1)
    with pytest.raises(ValueError, match="threads must be at least 1"):
        scrubber.scrub_many(texts, threads=-(10**30))
    with pytest.raises(TypeError, match="threads must be an int or None, not float"):
        scrubber.scrub_many(texts, threads=2.0)  # type: ignore[arg-type]
    assert scrubber.scrub_many(texts[:100], threads=10**30) == want[:100]


@pytest.mark.parametrize("bad", [[1], ["a", None], ["a", b"b"]])
def test_scrub_many_wrong_item(scrubber: scrubjay.Scrubber, bad: Any) -> None:
    with pytest.raises(TypeError, match=r"scrub_many\(\) takes an iterable of str; item \d+ is"):
        scrubber.scrub_many(bad)


def test_scrub_many_wrong_type(scrubber: scrubjay.Scrubber) -> None:
    with pytest.raises(TypeError, match="not a str"):
        scrubber.scrub_many("abc")
    with pytest.raises(TypeError):
        scrubber.scrub_many(42)  # type: ignore[arg-type]

    def failing() -> Any:
        yield "ok"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        scrubber.scrub_many(failing())


# --- large inputs ------------------------------------------------------------


def test_large_text(scrubber: scrubjay.Scrubber) -> None:
    line = "user ada@example.com from 10.1.2.3 paid with 4111 1111 1111 1111 — ok 😀\n"
    text = line * 50_000  # ~4 MB
    out = scrubber.scrub(text)
    assert out == "user [email] from [ipv4] paid with [credit_card] — ok 😀\n" * 50_000
    found = scrubber.find(text)
    assert len(found) == 150_000
    last = found[-1]
    assert text[last.start : last.end] == "4111 1111 1111 1111"
    assert scrubber.scrub_many(text.splitlines(keepends=True)) == out.splitlines(keepends=True)
    data = text.encode()
    assert scrubber.scrub_bytes(data) == out.encode()


def test_large_clean_text_is_not_copied(scrubber: scrubjay.Scrubber) -> None:
    text = (LINE + "\n") * 100_000  # ~11 MB
    assert scrubber.scrub(text) is text


# --- JSON --------------------------------------------------------------------


def test_scrub_json_returns_a_copy(scrubber: scrubjay.Scrubber) -> None:
    event = {
        "user": {"email": "ada@example.com", "id": 42, "tags": ("a", "b")},
        "password": "hunter2",
        "ok": True,
        "none": None,
        "ratio": 0.25,
        "big": 2**70,
        "list": ["10.0.0.1", 1, [2, "x"]],
    }
    before = copy.deepcopy(event)
    out = scrubber.scrub_json(event)
    assert event == before  # untouched
    assert out == {
        "user": {"email": "[email]", "id": 42, "tags": ["a", "b"]},
        "password": "[sensitive_key]",
        "ok": True,
        "none": None,
        "ratio": 0.25,
        "big": 2**70,
        "list": ["[ipv4]", 1, [2, "x"]],
    }
    assert list(out) == list(event)  # key order kept
    clean = {"a": [1, 2, {"b": "c"}]}
    copy_ = scrubber.scrub_json(clean)
    assert copy_ == clean and copy_ is not clean and copy_["a"] is not clean["a"]


def test_scrub_json_scalars(scrubber: scrubjay.Scrubber) -> None:
    assert scrubber.scrub_json("mail ada@example.com") == "mail [email]"
    assert scrubber.scrub_json(4111111111111111) == "[credit_card]"
    assert scrubber.scrub_json(None) is None
    assert scrubber.scrub_json([]) == []


def test_scrub_json_non_ascii_and_surrogates(scrubber: scrubjay.Scrubber) -> None:
    obj = {"m": "😀 日本 ada@example.com", "k": "é", "s": "\ud800 10.0.0.1"}
    out, report = scrubber.scrub_json_with_report(obj)
    assert out == {"m": "😀 日本 [email]", "k": "é", "s": "\ud800 [ipv4]"}
    got = [(f.pointer, f.rule, f.start, f.end) for f in report]
    assert got == [("/m", "email", 5, 20), ("/s", "ipv4", 2, 10)]
    for f in report:
        value = obj[f.pointer[1:]]
        assert value[f.start : f.end] in ("ada@example.com", "10.0.0.1")
    assert scrubber.report_json(obj) == report


def test_scrub_json_keys(scrubber: scrubjay.Scrubber) -> None:
    obj = {"Authorization": "Bearer abc", "api_key": 12345, "password": {"old": "a"}, "token_count": 3, 7: "x"}
    out, report = scrubber.scrub_json_with_report(obj)
    assert out == {
        "Authorization": "[sensitive_key]",
        "api_key": "[sensitive_key]",
        "password": "[sensitive_key]",
        "token_count": 3,
        "7": "x",
    }
    assert [(f.pointer, f.whole, f.start, f.end) for f in report] == [
        ("/Authorization", True, 0, 10),
        ("/api_key", True, 0, 5),
        ("/password", True, 0, 11),
    ]


def test_scrub_json_default(scrubber: scrubjay.Scrubber) -> None:
    import datetime

    obj = {"at": datetime.date(2024, 3, 15), "who": {"ada@example.com"}}
    with pytest.raises(TypeError, match="not JSON serializable"):
        scrubber.scrub_json(obj)
    out = scrubber.scrub_json(obj, default=lambda o: sorted(o) if isinstance(o, set) else str(o))
    assert out == {"at": "2024-03-15", "who": ["[email]"]}


def test_scrub_json_errors(scrubber: scrubjay.Scrubber) -> None:
    with pytest.raises(ValueError, match="Out of range float"):
        scrubber.scrub_json({"x": float("nan")})
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        scrubber.scrub_json(loop)


def test_scrub_json_str(scrubber: scrubjay.Scrubber) -> None:
    doc = '{\n  "msg": "mail ada@example.com",\n  "n": 1.50,\n  "token": "abc"\n}'
    out = scrubber.scrub_json_str(doc)
    assert out == '{\n  "msg": "mail [email]",\n  "n": 1.50,\n  "token": "[sensitive_key]"\n}'
    clean = '{"ok": true, "n": 1.50}'
    assert scrubber.scrub_json_str(clean) is clean
    text, report = scrubber.scrub_json_str_with_report(clean)
    assert text is clean and report == []
    # Escapes decoded for scanning; offsets index the decoded string.
    doc = '{"m": "caf\\u00e9 ada\\u0040example.com \\ud83d\\ude00"}'
    text, [f] = scrubber.scrub_json_str_with_report(doc)
    assert text == '{"m": "caf\\u00e9 [email] \\ud83d\\ude00"}'
    assert (f.pointer, f.start, f.end) == ("/m", 5, 20)
    assert json.loads(doc)["m"][f.start : f.end] == "ada@example.com"


def test_json_pointer_escapes(scrubber: scrubjay.Scrubber) -> None:
    obj = {"a/b": {"c~d": "😀 10.0.0.1"}, "list": [["x", "é 10.0.0.2"]]}
    report = scrubber.report_json(obj)
    assert [(f.pointer, f.start, f.end) for f in report] == [("/a~1b/c~0d", 2, 10), ("/list/0/1", 2, 10)]


@pytest.mark.parametrize(
    ("doc", "where"),
    [("{", "line 1, column 2"), ('{"a": 1,}', "line 1"), ("[1, 2", "line 1"), ('{"a": tru}', "line 1"), ("", "")],
)
def test_scrub_json_str_invalid(scrubber: scrubjay.Scrubber, doc: str, where: str) -> None:
    with pytest.raises(scrubjay.JsonError, match="invalid JSON|JSON") as err:
        scrubber.scrub_json_str(doc)
    assert where in str(err.value)
    with pytest.raises(scrubjay.JsonError):
        scrubber.report_json_str(doc)
    with pytest.raises(scrubjay.JsonError):
        scrubber.scrub_json_str_with_report(doc)
    with pytest.raises(ValueError):  # JsonError is a ValueError
        scrubber.scrub_json_str(doc)


def test_scrub_json_str_lone_surrogate_char(scrubber: scrubjay.Scrubber) -> None:
    with pytest.raises(scrubjay.JsonError, match="lone surrogate"):
        scrubber.scrub_json_str('{"a": "\ud800"}')


def test_scrub_json_str_wrong_type(scrubber: scrubjay.Scrubber) -> None:
    with pytest.raises(TypeError):
        scrubber.scrub_json_str(b"{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        scrubber.scrub_json_str({"a": 1})  # type: ignore[arg-type]


def test_deep_json(scrubber: scrubjay.Scrubber) -> None:
    depth = 10_000
    doc = "[" * depth + '"10.0.0.1"' + "]" * depth
    out = scrubber.scrub_json_str(doc)
    assert out == "[" * depth + '"[ipv4]"' + "]" * depth
    obj: Any = "ada@example.com"
    for _ in range(500):
        obj = {"a": obj}
    out_obj = scrubber.scrub_json(obj)
    for _ in range(500):
        out_obj = out_obj["a"]
    assert out_obj == "[email]"


def test_json_config_settings() -> None:
    s = scrubjay.Scrubber({"json": {"exclude": ["**.debug_meta"], "safe_keys": ["trace_token"]}})
    obj = {"debug_meta": {"ip": "10.0.0.1"}, "trace_token": "t1", "ip": "10.0.0.2"}
    assert s.scrub_json(obj) == {"debug_meta": {"ip": "10.0.0.1"}, "trace_token": "t1", "ip": "[ipv4]"}
