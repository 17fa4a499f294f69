'use strict'
// scrubjay for Node: find and scrub PII and secrets in text, buffers and JSON.
//
// This file is the public API (typed by index.d.ts). The work is done by the
// native addon (binding.js loads scrubjay.<platform>.node, built from src/ with
// napi-rs); this layer only turns JS values into JSON text and back, converts
// JSON report offsets from UTF-8 bytes to UTF-16 code units, and checks
// arguments. See README.md.

const native = require('./binding.js')

// Looked up once: these are called on every log line.
const { create, scrub: nScrub, find: nFind, scrubBuffer: nScrubBuffer, scrubMany: nScrubMany } = native

/** A TypeError with code SCRUBJAY_INVALID_ARG. */
function invalidArg(message, cause) {
  const err = cause === undefined ? new TypeError(message) : new TypeError(message, { cause })
  err.code = 'SCRUBJAY_INVALID_ARG'
  return err
}

/** An Error with code SCRUBJAY_JSON. */
function jsonError(message, cause) {
  const err = cause === undefined ? new Error(message) : new Error(message, { cause })
  err.code = 'SCRUBJAY_JSON'
  return err
}

function describe(value) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  const t = typeof value
  return t === 'undefined' ? 'undefined' : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`
}

// JSON.stringify replacer that refuses what JSON cannot hold instead of
// dropping it silently. (`undefined` properties are left out, as in JSON.)
let stringifying = ''
function refuseNonJson(key, value) {
  const t = typeof value
  if (t === 'function' || t === 'symbol' || t === 'bigint') {
    const where = key === '' ? 'the value' : `property ${JSON.stringify(key)}`
    throw invalidArg(`${stringifying}: ${where} is ${describe(value)}, which JSON cannot represent`)
  }
  return value
}

/**
 * The JSON text of a JS value, as JSON.stringify writes it (toJSON is
 * honoured: a Date becomes its ISO string); functions, symbols, BigInts and
 * cycles are SCRUBJAY_INVALID_ARG errors, nesting too deep for the stack a
 * SCRUBJAY_JSON error.
 */
function toJsonText(value, method) {
  let text
  stringifying = method
  try {
    text = JSON.stringify(value, refuseNonJson)
  } catch (e) {
    if (e && e.code === 'SCRUBJAY_INVALID_ARG') throw e
    if (e instanceof RangeError) {
      throw jsonError(`${method}: value nested too deeply to convert to JSON (${e.message}); pass its JSON text to scrubJsonString, which has no depth limit`, e)
    }
    throw invalidArg(`${method}: value cannot be converted to JSON: ${e && e.message}`, e)
  }
  if (text === undefined) throw invalidArg(`${method}: expected a JSON value, got ${describe(value)}`)
  return text
}

/**
 * Converts ascending UTF-8 byte offsets into a JS string to UTF-16 indices in
 * one forward pass (restarting if an offset goes backwards).
 */
class Utf16Cursor {
  constructor(s) {
    this.s = s
    this.unit = 0
    this.byte = 0
  }

  index(offset) {
    const s = this.s
    if (offset < this.byte) {
      this.unit = 0
      this.byte = 0
    }
    let { unit, byte } = this
    while (byte < offset && unit < s.length) {
      const c = s.charCodeAt(unit)
      if (c < 0x80) {
        byte += 1
        unit += 1
      } else if (c < 0x800) {
        byte += 2
        unit += 1
      } else if (c >= 0xd800 && c <= 0xdbff && unit + 1 < s.length && (s.charCodeAt(unit + 1) & 0xfc00) === 0xdc00) {
        byte += 4
        unit += 2
      } else {
        // BMP character, or a lone surrogate (read as U+FFFD: 3 bytes, 1 unit).
        byte += 3
        unit += 1
      }
    }
    this.unit = unit
    this.byte = byte
    return unit
  }
}

/** The value at a JSON Pointer (RFC 6901), or undefined. */
function atPointer(root, pointer) {
  if (pointer === '') return root
  let v = root
  for (const raw of pointer.slice(1).split('/')) {
    if (v === null || typeof v !== 'object') return undefined
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (!Object.prototype.hasOwnProperty.call(v, key)) return undefined
    v = v[key]
  }
  return v
}

// JSON text whose strings may decode to non-ASCII: byte offsets differ from UTF-16 indices.
const MAY_HOLD_NON_ASCII = /[^\x00-\x7f]|\\u/

/**
 * Converts the core's JSON findings (UTF-8 byte offsets into each decoded
 * string value) to UTF-16 indices, in place. Offsets into anything but a
 * string (a number's text, the JSON text of a whole structure) are ASCII or
 * the core's own measure, and pass through unchanged.
 */
function jsonFindingsToUtf16(doc, findings) {
  if (findings.length === 0 || !MAY_HOLD_NON_ASCII.test(doc)) return findings
  let root
  try {
    root = JSON.parse(doc)
  } catch {
    return findings
  }
  let pointer
  let cursor = null
  for (const f of findings) {
    if (f.pointer !== pointer) {
      pointer = f.pointer
      const v = atPointer(root, pointer)
      cursor = typeof v === 'string' ? new Utf16Cursor(v) : null
    }
    if (cursor !== null) {
      f.start = cursor.index(f.start)
      f.end = cursor.index(f.end)
    }
  }
  return findings
}

/**
 * Finds and scrubs PII and secrets. Compile once (construction parses and
 * compiles the config), then call from anywhere on this thread; a worker
 * thread makes its own.
 */
class Scrubber {
  // The native handle (owns the compiled scrubber; freed when garbage collected).
  #h

  /**
   * @param {object|string|null|undefined} config The core's config (see
   *   docs/config.md) as an object or JSON text; undefined or null for the
   *   default profile.
   */
  constructor(config) {
    let text
    if (config === undefined || config === null) {
      text = null
    } else if (typeof config === 'string') {
      text = config
    } else if (typeof config === 'object') {
      text = toJsonText(config, 'new Scrubber')
    } else {
      throw invalidArg(`new Scrubber: expected a config object, JSON text, null or undefined, got ${describe(config)}`)
    }
    this.#h = create(text)
  }

  /** Scrubs a string. Returns the same string when nothing was found. */
  scrub(text) {
    return nScrub(this.#h, text)
  }

  /**
   * Scrubs bytes (UTF-8 or not: invalid sequences are kept as they are) without
   * copying them. Returns a new Buffer, or, when nothing was found, the input
   * itself (a Buffer over the same memory for a plain Uint8Array).
   */
  scrubBuffer(buf) {
    const out = nScrubBuffer(this.#h, buf)
    if (out !== null) return out
    return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
  }

  /**
   * The findings in a string, in order, with UTF-16 indices (`text.slice(start,
   * end)` is the finding). With `{ text: true }` each finding has its `text`.
   */
  find(text, options) {
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw invalidArg(`find: expected options to be an object, got ${describe(options)}`)
    }
    // [rule, start, end, action, rule, ...]: objects are cheaper to build here.
    const flat = nFind(this.#h, text)
    const found = new Array(flat.length / 4)
    const withText = options ? Boolean(options.text) : false
    for (let i = 0, j = 0; i < flat.length; i += 4, j++) {
      found[j] = withText
        ? { rule: flat[i], start: flat[i + 1], end: flat[i + 2], action: flat[i + 3], text: text.slice(flat[i + 1], flat[i + 2]) }
        : { rule: flat[i], start: flat[i + 1], end: flat[i + 2], action: flat[i + 3] }
    }
    return found
  }

  /**
   * Scrubs many strings in one native call (one pass over all of them);
   * each gets exactly what `scrub` would give it.
   */
  scrubMany(texts) {
    return nScrubMany(this.#h, texts)
  }

  /** `scrub` on the libuv thread pool: the event loop stays free. */
  scrubAsync(text) {
    let pending
    try {
      pending = native.scrubAsync(this.#h, text)
    } catch (e) {
      return Promise.reject(e)
    }
    return pending.then((out) => (out === null ? text : out))
  }

  /** `scrubMany` on the libuv thread pool. */
  scrubManyAsync(texts) {
    let pending
    let input
    try {
      input = Array.isArray(texts) ? Array.from(texts) : texts
      pending = native.scrubManyAsync(this.#h, input)
    } catch (e) {
      return Promise.reject(e)
    }
    return pending.then((out) => out.map((s, i) => (s === null ? input[i] : s)))
  }

  /**
   * A scrubbed deep copy of a JSON value (what JSON.parse(JSON.stringify(value))
   * gives, scrubbed). The argument is never modified.
   */
  scrubJson(value) {
    const text = toJsonText(value, 'scrubJson')
    return JSON.parse(native.scrubJsonString(this.#h, text))
  }

  /** Scrubs JSON text; everything that needs no change keeps its exact bytes. */
  scrubJsonString(json) {
    return native.scrubJsonString(this.#h, json)
  }

  /** Scrubs JSON text and reports what was found. */
  scrubJsonWithReport(json) {
    const r = native.scrubJsonWithReport(this.#h, json)
    return { text: r.text == null ? json : r.text, findings: jsonFindingsToUtf16(json, r.findings) }
  }

  /** What scrubbing would find, without scrubbing: a string is JSON text, anything else a JSON value. */
  reportJson(value) {
    const json = typeof value === 'string' ? value : toJsonText(value, 'reportJson')
    return jsonFindingsToUtf16(json, native.reportJson(this.#h, json))
  }

  /** The version of scrubjay. */
  static version() {
    return native.version()
  }

  /** The builtin rule catalogue, in priority order. */
  static rules() {
    return native.builtinRules()
  }
}

function scrubberOf(arg, fn) {
  if (arg instanceof Scrubber) return arg
  if (arg === undefined || arg === null || typeof arg === 'string' || typeof arg === 'object') return new Scrubber(arg)
  throw invalidArg(`${fn}: expected a Scrubber, a config object, JSON text, null or undefined, got ${describe(arg)}`)
}

/**
 * pino hooks that scrub every log line: `pino({ hooks: pinoHooks(scrubber) })`.
 * Each line is scrubbed as JSON (sensitive keys, free text in every field);
 * a line that is not JSON is scrubbed as text. Never throws.
 */
function pinoHooks(scrubber) {
  const s = scrubberOf(scrubber, 'pinoHooks')
  return {
    streamWrite(line) {
      try {
        return s.scrubJsonString(line)
      } catch {
        return s.scrub(String(line))
      }
    },
  }
}

const MESSAGE = Symbol.for('message')

/**
 * A winston format that scrubs every log entry:
 * `winston.createLogger({ format: winston.format.combine(winstonFormat(scrubber), winston.format.json()) })`.
 * Fields are scrubbed as JSON (so `password`, `apiKey`... are caught by
 * key) and only fields with findings are replaced, by scrubbed copies; if
 * the format runs after a finalizing format (json, printf), the final line is
 * scrubbed too. Never throws: a field JSON cannot hold (a cycle, a BigInt) is
 * replaced by its scrubbed String() text.
 */
function winstonFormat(scrubber) {
  const s = scrubberOf(scrubber, 'winstonFormat')
  return {
    transform(info) {
      const keys = Object.keys(info)
      const fields = {}
      for (const k of keys) fields[k] = info[k]
      let text = null
      try {
        text = toJsonText(fields, 'winstonFormat')
      } catch {
        // A field JSON cannot hold: scrub field by field below.
      }
      if (text !== null) {
        const r = s.scrubJsonWithReport(text)
        if (r.findings.length > 0) {
          // Only the fields with findings are replaced (by their scrubbed
          // copies); the others stay the objects they were (an Error stays an Error).
          const out = JSON.parse(r.text)
          for (const f of r.findings) {
            const top = f.pointer === '' ? null : f.pointer.slice(1).split('/')[0].replace(/~1/g, '/').replace(/~0/g, '~')
            if (top === null) {
              for (const k of keys) if (Object.prototype.hasOwnProperty.call(out, k)) info[k] = out[k]
            } else if (Object.prototype.hasOwnProperty.call(out, top)) {
              info[top] = out[top]
            }
          }
        }
      } else {
        for (const k of keys) {
          try {
            const r = s.scrubJsonWithReport(toJsonText({ [k]: info[k] }, 'winstonFormat'))
            if (r.findings.length > 0) info[k] = JSON.parse(r.text)[k]
          } catch {
            info[k] = s.scrub(String(info[k]))
          }
        }
      }
      const line = info[MESSAGE]
      if (typeof line === 'string') {
        try {
          info[MESSAGE] = s.scrubJsonString(line)
        } catch {
          info[MESSAGE] = s.scrub(line)
        }
      }
      return info
    },
  }
}

module.exports = { Scrubber, pinoHooks, winstonFormat }
