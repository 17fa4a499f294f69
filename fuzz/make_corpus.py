#!/usr/bin/env python3
"""Builds the seed corpora in fuzz/corpus/<target>/ from the test fixtures:
examples/, conformance/cases.json and core/tests inputs. Deterministic:
rerunning rewrites the same files (named by content hash).

Text targets take one selector byte (which fixed scrubber) before the input;
conformance inputs are written once per fixed scrubber (6), the rest
round robin."""
import hashlib, json, os, pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
SCRUBBERS = 6


def put(target, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


cases = json.loads((ROOT / "conformance" / "cases.json").read_text())["cases"]
texts, jsons, configs = [], [], []
for c in cases:
    if c.get("config") is not None:
        configs.append(json.dumps(c["config"]).encode())
    if "input" in c:
        (jsons if c["kind"] in ("json", "ndjson") else texts).append(c["input"].encode())
    if "input_hex" in c:
        texts.append(bytes.fromhex(c["input_hex"]))

ex = ROOT / "examples"
texts += (ex / "sample.log").read_bytes().splitlines()
jsons += [(ex / "error_event.json").read_bytes(), (ex / "request_log.json").read_bytes()]
ndjson = [(ex / "events.ndjson").read_bytes()] + [j for j in jsons if b"\n" not in j.strip()]

# Fragments of the property tests (core/tests/equivalence.rs), glued in pairs.
eq = (ROOT / "core" / "tests" / "equivalence.rs").read_text()
frag_block = eq.split("const FRAGMENTS")[1].split("];")[0]
frags = [json.loads('"' + f + '"').encode() for f in re.findall(r'^\s*"((?:[^"\\]|\\.)*)",', frag_block, re.M)]
texts += [a + b" " + b for a, b in zip(frags, frags[1:])]

# Configs from the docs and core tests.
for p in [ROOT / "core" / "tests" / "config_errors.rs"]:
    for m in re.findall(r'r#"(\{.*?\})"#', p.read_text(), re.S):
        configs.append(m.encode())
configs.append(b"{}")

for i, t in enumerate(texts):
    # One scrubber per line (round robin), plus every scrubber for the cases.
    for s in range(SCRUBBERS) if i < len(cases) else [i % SCRUBBERS]:
        put("scrub_text", bytes([s]) + t)
        put("scrub_bytes", bytes([s]) + t)
for j in jsons:
    for s in range(SCRUBBERS):
        put("scrub_json", bytes([s]) + j)
for n in ndjson:
    for s in range(SCRUBBERS):
        put("ndjson", bytes([s]) + n)
for c in configs:
    put("config_json", c)
# Targets that decode their input with `arbitrary`: any bytes are a valid
# seed; the fixtures give the strings inside them realistic content.
for target in ("config_structured", "selectors", "differential", "c_abi"):
    for t in texts[:40] + jsons + configs[:20]:
        put(target, t)
print({t.name: len(list(t.iterdir())) for t in sorted(OUT.iterdir())})
