"""Runs tests/typecheck.py, the file mypy --strict checks, so that it is real code."""

from __future__ import annotations

import json
import pathlib

from typecheck import use_api  # type: ignore[import-not-found]


def test_typecheck_file_runs(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"profile": "secrets"}), encoding="utf-8")
    values = use_api(path)
    assert values[4] == "[email]"
    assert values[-1] == b"a=1"
    assert values[-3] == "unknown profile `nope`; known profiles: default, strict, secrets, none"
