// Types of the `scrubjay` package (index.js / index.mjs). Checked by
// `tsc --strict --noEmit` on test/types/usage.ts (make test-node).
/// <reference types="node" />

/** What is done with a finding. */
export type Action = 'replace' | 'mask' | 'hash' | 'remove' | 'keep'

/** A finding in a text. */
export interface Finding {
  /** The id of the rule that found it, e.g. `email`. */
  rule: string
  /** UTF-16 code unit index of the first character in the text (as `String.prototype.slice` counts). */
  start: number
  /** UTF-16 code unit index one past the last character. */
  end: number
  /** What the scrubber does with it. */
  action: Action
  /** The finding's text; present only with `find(text, { text: true })`. */
  text?: string
}

/** A finding in a JSON document. */
export interface JsonFinding {
  /** JSON Pointer (RFC 6901) of the value; `""` is the whole document. */
  pointer: string
  /** The id of the rule that found it. */
  rule: string
  /**
   * Start of the finding in the value: a UTF-16 index into the decoded string
   * for a string value; an index into the number's JSON text for a number;
   * 0 for a whole value.
   */
  start: number
  /**
   * End (exclusive), measured like `start`. For a `whole` finding on a string
   * it is the string's length; on anything else (number, object, array,
   * boolean) it is the core's value passed through unchanged: the length in
   * bytes of the value's JSON text.
   */
  end: number
  /** What the scrubber does with it. */
  action: Action
  /** Whether the whole value is the finding (a sensitive key or a path rule). */
  whole: boolean
}

/** Scrubbed JSON text and what was found. */
export interface ScrubbedJson {
  /** The scrubbed document: the argument itself when nothing changed. */
  text: string
  /** The findings, in document order. */
  findings: JsonFinding[]
}

/** A builtin rule of the catalogue, as listed by `Scrubber.rules()`. */
export interface RuleInfo {
  /** The rule id used in configs and findings. */
  id: string
  /** `pii`, `secret`, `network` or `identifier`. */
  category: string
  /** One line on what it finds. */
  description: string
  /** The profiles that enable it, among `default`, `strict`, `secrets`. */
  profiles: string[]
}

/** The `code` of the errors scrubjay throws. */
export type ErrorCode = 'SCRUBJAY_CONFIG' | 'SCRUBJAY_JSON' | 'SCRUBJAY_INVALID_ARG' | 'SCRUBJAY_INTERNAL'

/**
 * An error thrown by scrubjay: an `Error` (a `TypeError` for
 * `SCRUBJAY_INVALID_ARG`) with a `code`.
 */
export interface ScrubjayError extends Error {
  code: ErrorCode
  /** SCRUBJAY_CONFIG: the rule the error is about, when it is about one. */
  rule?: string
  /** SCRUBJAY_CONFIG (config JSON syntax or shape): the dotted path of the field. */
  path?: string
  /** SCRUBJAY_JSON, or SCRUBJAY_CONFIG on config JSON text: 1-based line. */
  line?: number
  /** With `line`: 1-based column, in characters. */
  column?: number
}

/**
 * Finds and scrubs PII and secrets. Construction compiles the config; reuse
 * one scrubber for all calls. Usable in `worker_threads` (each thread
 * constructs its own).
 */
export class Scrubber {
  /**
   * @param config undefined or null: the default profile; an object or JSON
   *   text: the core's config format (docs/config.md).
   * @throws {ScrubjayError} `SCRUBJAY_CONFIG` for a bad config,
   *   `SCRUBJAY_INVALID_ARG` for a config of the wrong type.
   */
  constructor(config?: object | string | null)

  /** Scrubs a string; returns the same string when nothing was found. */
  scrub(text: string): string

  /**
   * The findings in a string, in order; `start`/`end` are UTF-16 code unit
   * indices into `text`; each finding has `text` only with `{ text: true }`.
   */
  find(text: string, options?: { text?: boolean }): Finding[]

  /** A scrubbed deep copy of a JSON value; the argument is never modified. */
  scrubJson(value: unknown): unknown

  /** Scrubs JSON text; bytes that need no change keep their formatting. */
  scrubJsonString(json: string): string

  /** Scrubs JSON text and reports what was found. */
  scrubJsonWithReport(json: string): ScrubbedJson

  /** Dry run: a string argument is JSON text; anything else a JSON value. */
  reportJson(value: unknown | string): JsonFinding[]

  /** The version of scrubjay. */
  static version(): string

  /** The builtin rule catalogue, in priority order. */
  static rules(): Array<{ id: string; category: string; description: string; profiles: string[] }>

  // Node-only additions.

  /**
   * Scrubs bytes (UTF-8, or not: invalid sequences are kept) without copying
   * the input. Returns a new Buffer, or the input's memory when nothing was
   * found.
   */
  scrubBuffer(buf: Buffer | Uint8Array): Buffer

  /** Scrubs many strings in one call; each gets what `scrub` gives it. */
  scrubMany(texts: string[]): string[]

  /** `scrub` on the libuv thread pool, leaving the event loop free. */
  scrubAsync(text: string): Promise<string>

  /** `scrubMany` on the libuv thread pool. */
  scrubManyAsync(texts: string[]): Promise<string[]>
}

/** What `pinoHooks` returns: pass it as pino's `hooks` option. */
export interface PinoHooks {
  streamWrite(line: string): string
}

/**
 * pino hooks that scrub every log line: `pino({ hooks: pinoHooks(scrubber) })`.
 * @param scrubber a Scrubber, or a config to build one from (undefined: default profile).
 */
export function pinoHooks(scrubber?: Scrubber | object | string | null): PinoHooks

/** A winston (logform) format. */
export interface WinstonFormat {
  transform(info: any, opts?: unknown): any
}

/**
 * A winston format that scrubs every log entry; put it first in
 * `winston.format.combine(...)`.
 * @param scrubber a Scrubber, or a config to build one from (undefined: default profile).
 */
export function winstonFormat(scrubber?: Scrubber | object | string | null): WinstonFormat
