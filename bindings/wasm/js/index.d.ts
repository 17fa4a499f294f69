// Types of the scrubjay wasm package: the JavaScript API shared with the
// Node addon. Written by hand; tests/types.test.mjs checks them against the module.
/** What is done with a finding. */
export type Action = 'replace' | 'mask' | 'hash' | 'remove' | 'keep';

/** A finding in text. `start`/`end` are UTF-16 code unit indices into the text. */
export interface Finding {
  rule: string;
  start: number;
  end: number;
  action: Action;
  /** The found text; present only when `find` was called with `{ text: true }`. */
  text?: string;
}

/**
 * A finding in a JSON document. `pointer` is an RFC 6901 JSON Pointer to the value.
 * For a string value, `start`/`end` are UTF-16 indices into the decoded string.
 * For a number, they index the number's JSON text. For a `whole` finding on a
 * value that is not a string (an object, array, number, boolean), they are the
 * core's values passed through unchanged: 0 and the byte length of the value's
 * JSON text.
 */
export interface JsonFinding {
  pointer: string;
  rule: string;
  start: number;
  end: number;
  action: Action;
  whole: boolean;
}

/** Scrubbed JSON text and its findings. */
export interface ScrubbedJson {
  text: string;
  findings: JsonFinding[];
}

/** A rule of the builtin catalogue. */
export interface RuleInfo {
  id: string;
  category: string;
  description: string;
  /** The profiles that enable the rule: some of 'default', 'strict', 'secrets'. */
  profiles: string[];
}

/** Options of `Scrubber.find`. */
export interface FindOptions {
  /** Include each finding's text. */
  text?: boolean;
}

/**
 * Finds and scrubs PII and secrets. Compile once, reuse for every call.
 *
 * Errors are `Error`s with a `code`: 'SCRUBJAY_CONFIG' (bad config),
 * 'SCRUBJAY_JSON' (invalid JSON; `line` and `column` say where) or
 * 'SCRUBJAY_INVALID_ARG' (a `TypeError`: wrong argument type, or a value
 * that cannot be JSON).
 */
export class Scrubber {
  /** `undefined`/`null`: the default profile; an object or JSON text: a config (docs/config.md). */
  constructor(config?: object | string | null);
  /** The text with every finding scrubbed. */
  scrub(text: string): string;
  /** The findings in `text`, in order. */
  find(text: string, options?: FindOptions): Finding[];
  /** A scrubbed deep copy of a JSON-compatible value; the argument is never modified. */
  scrubJson(value: unknown): unknown;
  /** JSON text in, scrubbed JSON text out; untouched values keep their exact text. */
  scrubJsonString(json: string): string;
  /** JSON text in, scrubbed JSON text and the findings out. */
  scrubJsonWithReport(json: string): ScrubbedJson;
  /** What scrubbing would find, without scrubbing: a string is JSON text, anything else a JSON value. */
  reportJson(value: unknown | string): JsonFinding[];
  /** The package version. */
  static version(): string;
  /** The builtin rule catalogue. */
  static rules(): RuleInfo[];
  /** Frees the compiled rules now instead of when garbage-collected. */
  free(): void;
  [Symbol.dispose](): void;
}
