#!/usr/bin/env python3
"""Turns conformance/cases.json into C test vectors (a header included by
test_conformance.c), so that the C test needs no JSON parser.

Usage: gen_conformance.py CASES_JSON OUT_H
Every byte of every string is written as an octal escape, so any bytes
(NULs, invalid UTF-8) survive exactly; lengths are given explicitly."""

import json
import sys

ACTIONS = {"replace": 0, "mask": 1, "hash": 2, "remove": 3, "keep": 4}


def c_bytes(data: bytes) -> str:
    """A C string literal holding exactly `data` (plus the implicit NUL)."""
    if not data:
        return '""'
    chunks = []
    for i in range(0, len(data), 40):
        chunks.append('"' + "".join("\\%03o" % b for b in data[i : i + 40]) + '"')
    return "\n        ".join(chunks)


def c_str(text) -> str:
    return "NULL" if text is None else c_bytes(text.encode("utf-8"))


def main() -> None:
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        corpus = json.load(f)
    out = [
        "/* Generated from conformance/cases.json by gen_conformance.py; do not edit. */",
        "static const cf_case CASES[] = {",
    ]
    findings_defs = []
    for n, case in enumerate(corpus["cases"]):
        kind = case["kind"]
        config = case.get("config")
        config_text = None if config is None else json.dumps(config)
        if kind == "bytes":
            given = bytes.fromhex(case["input_hex"])
            want = bytes.fromhex(case["output_hex"])
        elif kind in ("text", "json"):
            given = case["input"].encode("utf-8")
            want = case["output"].encode("utf-8")
        elif kind == "config_error":
            given = want = None
        else:
            sys.exit(f"gen_conformance.py: case {case['name']!r}: unknown kind {kind!r}")
        findings = case.get("findings", [])
        if findings:
            rows = []
            for f in findings:
                rows.append(
                    "    {%s, %d, %d, %d, %s, %s}"
                    % (
                        c_str(f["rule"]),
                        f["start"],
                        f["end"],
                        ACTIONS[f["action"]],
                        c_str(f.get("pointer")),
                        "true" if f.get("whole") else "false",
                    )
                )
            findings_defs.append("static const cf_finding FINDINGS_%d[] = {\n%s\n};" % (n, ",\n".join(rows)))
        out.append(
            "    {%s, %s, %s, %d, %s, %d, %s, %d, %s, %s, %d},"
            % (
                c_str(case["name"]),
                c_str(kind),
                c_str(config_text),
                len(config_text.encode("utf-8")) if config_text is not None else 0,
                "NULL" if given is None else c_bytes(given),
                0 if given is None else len(given),
                "NULL" if want is None else c_bytes(want),
                0 if want is None else len(want),
                c_str(case.get("error")),
                "FINDINGS_%d" % n if findings else "NULL",
                len(findings),
            )
        )
    out.append("};")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join([out[0]] + findings_defs + out[1:]) + "\n")


if __name__ == "__main__":
    main()
