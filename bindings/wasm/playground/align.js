// Display helpers of the playground (no scrubbing happens here: the
// scrubber's results are only located for highlighting).

/**
 * Where each finding's replacement lies in the scrubbed text. The core
 * reports findings in the input; the text between findings is copied
 * unchanged, so each replacement spans from the end of the copied gap
 * before it to the start of the gap after it. When a gap is empty (two
 * adjacent findings) the default template `[rule]` or a same-length mask
 * is tried. Returns `[{finding, start, end}]` in output indices; stops
 * (returning what it located) if the texts do not line up.
 */
export function locateReplacements(input, output, findings) {
  const spans = [];
  let pos = 0;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const gap = input.slice(i === 0 ? 0 : findings[i - 1].end, f.start);
    if (!output.startsWith(gap, pos)) return spans;
    pos += gap.length;
    const nextStart = i + 1 < findings.length ? findings[i + 1].start : input.length;
    const after = input.slice(f.end, nextStart);
    let end = -1;
    const fits = (e) => e >= pos && e <= output.length && output.startsWith(after, e) && (i + 1 < findings.length || e + after.length === output.length);
    const guesses = [];
    if (f.action === 'keep') guesses.push(pos + (f.end - f.start));
    if (f.action === 'remove') guesses.push(pos);
    if (f.action === 'replace' && output.startsWith(`[${f.rule}]`, pos)) guesses.push(pos + f.rule.length + 2);
    if (f.action === 'mask') guesses.push(pos + (f.end - f.start));
    end = guesses.find(fits) ?? -1;
    if (end < 0) {
      if (i + 1 === findings.length) end = output.length - after.length;
      else if (after.length > 0) end = output.indexOf(after, pos);
    }
    if (end < pos || !fits(end)) return spans;
    spans.push({ finding: f, start: pos, end });
    pos = end;
  }
  return spans;
}

/**
 * The spans of the values of a JSON document, by JSON Pointer: a small
 * iterative tokenizer, enough to find where each scrubbed value lies in
 * the scrubbed text. Returns a Map pointer -> [start, end) (UTF-16).
 */
export function valueSpans(text) {
  const spans = new Map();
  const stack = []; // {type: 'object'|'array', path, key, index}
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const readString = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return [start, i];
  };
  const escape = (k) => k.replaceAll('~', '~0').replaceAll('/', '~1');
  const pointerOfNext = () => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.type === 'array' ? `${top.path}/${top.index}` : `${top.path}/${escape(top.key)}`;
  };
  while (i < text.length) {
    ws();
    const c = text[i];
    if (c === undefined) break;
    const top = stack[stack.length - 1];
    if (c === ',' ) {
      i++;
      if (top && top.type === 'array') top.index++;
      continue;
    }
    if (c === '}' || c === ']') {
      const done = stack.pop();
      i++;
      spans.set(done.path, [done.start, i]);
      continue;
    }
    if (top && top.type === 'object' && top.expectKey) {
      const [s, e] = readString();
      top.key = JSON.parse(text.slice(s, e));
      ws();
      i++; // ':'
      top.expectKey = false;
      continue;
    }
    const path = pointerOfNext();
    if (top && top.type === 'object') top.expectKey = true;
    if (c === '{' || c === '[') {
      stack.push({ type: c === '{' ? 'object' : 'array', path, start: i, index: 0, expectKey: c === '{' });
      i++;
      continue;
    }
    let start = i;
    if (c === '"') {
      readString();
    } else {
      while (i < text.length && !',]} \t\r\n'.includes(text[i])) i++;
    }
    spans.set(path, [start, i]);
  }
  return spans;
}

/** The config share link: the config (never the input) in the URL fragment, which browsers do not send to servers. */
export function shareLink(base, config) {
  const bytes = new TextEncoder().encode(config);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `${base}#config=${btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}`;
}

/** The config in a share link's fragment, or null. */
export function configFromHash(hash) {
  const m = /(?:^#|&)config=([A-Za-z0-9_-]*)/.exec(hash);
  if (!m) return null;
  try {
    const b64 = m[1].replaceAll('-', '+').replaceAll('_', '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
  } catch {
    return null;
  }
}
