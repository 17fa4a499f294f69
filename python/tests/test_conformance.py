"""The shared conformance corpus (conformance/cases.json), run through the Python API.

The corpus states byte offsets (UTF-8); the Python API reports string indices
(code points) for str input, so expected offsets are converted here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import scrubjay


REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("SCRUBJAY_CONFORMANCE", REPO / "conformance" / "cases.json"))
CASES: list[dict[str, Any]] = json.loads(CORPUS.read_text(encoding="utf-8"))["cases"]


def index(text: str, byte_offset: int) -> int:
    """The string index of a UTF-8 byte offset in text."""
    return len(text.encode("utf-8", "surrogatepass")[:byte_offset].decode("utf-8", "surrogatepass"))


def resolve(doc: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc


def build(config: Any) -> scrubjay.Scrubber:
    return scrubjay.Scrubber(config)


def test_corpus_is_not_empty() -> None:
    kinds = {c["kind"] for c in CASES}
    assert kinds == {"text", "bytes", "json", "config_error"}, kinds
    assert len(CASES) >= 50


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    kind = case["kind"]
    config = case["config"]
    if kind == "config_error":
        with pytest.raises(scrubjay.ConfigError) as err:
            build(config)
        assert str(err.value) == case["error"]
        # The same config given as JSON text gives the same message.
        with pytest.raises(scrubjay.ConfigError) as err:
            build(json.dumps(config))
        assert str(err.value) == case["error"]
        return
    s = build(config)
    if kind == "text":
        text = case["input"]
        out = s.scrub(text)
        assert out == case["output"]
        if out == text:
            assert out is text
        found = s.find(text, with_text=True)
        want = [
            (f["rule"], index(text, f["start"]), index(text, f["end"]), f["action"]) for f in case["findings"]
        ]
        assert [(f.rule, f.start, f.end, f.action) for f in found] == want
        for f in found:
            assert f.text == text[f.start : f.end]
        scrubbed, found2 = s.scrub_with_findings(text)
        assert scrubbed == case["output"]
        assert found2 == s.find(text)
        assert s.scrub_many([text, text]) == [case["output"]] * 2
    elif kind == "bytes":
        data = bytes.fromhex(case["input_hex"])
        out_b = s.scrub_bytes(data)
        assert out_b.hex() == case["output_hex"]
        if out_b == data:
            assert out_b is data
        assert s.scrub_bytes(bytearray(data)) == out_b
        found = s.find_bytes(data, with_text=True)
        assert [(f.rule, f.start, f.end, f.action) for f in found] == [
            (f["rule"], f["start"], f["end"], f["action"]) for f in case["findings"]
        ]
        for f in found:
            assert f.text == data[f.start : f.end]
    elif kind == "json":
        doc = case["input"]
        out_s, report = s.scrub_json_str_with_report(doc)
        assert out_s == case["output"]
        if out_s == doc:
            assert out_s is doc
        assert s.scrub_json_str(doc) == case["output"]
        parsed = json.loads(doc)
        want = []
        for f in case["findings"]:
            value = resolve(parsed, f["pointer"])
            start, end = f["start"], f["end"]
            if isinstance(value, str):
                start, end = index(value, start), index(value, end)
            want.append((f["pointer"], f["rule"], start, end, f["action"], f["whole"]))
        got = [(f.pointer, f.rule, f.start, f.end, f.action, f.whole) for f in report]
        assert got == want
        assert s.report_json_str(doc) == report
        # The object API gives the same result as the text API.
        assert s.scrub_json(parsed) == json.loads(case["output"])
    else:
        pytest.fail(f"unknown kind {kind}")
