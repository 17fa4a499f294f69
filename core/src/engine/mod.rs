//! The matching engine: prefilter → verify → resolve overlaps.
//!
//! Every pattern has a trigger (see [`Trigger`]). Prefilters find the few
//! places where a trigger fires; the pattern's regex runs only there, in a
//! window that provably contains every match the pattern would find if it
//! ran over the whole input. That is what makes the engine return exactly
//! what the reference implementation (one regex per rule over the whole
//! input) returns. `docs/ARCHITECTURE.md` walks through the argument.

pub(crate) mod classify;
pub(crate) mod hooks;
mod resolve;

use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, PatternSet, meta};

use crate::allowlist::Allowlist;
use crate::analysis::{ByteSet, COUNTED, Counts, SLOT};
use crate::json::settings::JsonSettings;
use crate::keys::KeyClassifier;
use crate::rule::{Pattern, Rule, RunPrefix, TermsRule, Trigger};
use classify::{BlockClassifier, run_starts_of_len};
use hooks::HookSet;
pub(crate) use resolve::{Candidate, resolve};

/// At most this many window groups; compilation merges the rest (a union
/// of alphabets is still sound, only less selective).
pub(crate) const MAX_WINDOW_GROUPS: usize = 16;
/// Classes of the block classifier: digits, capitals, then each group.
const CAPITALS: usize = 0;
const GROUP0: usize = 1;
const MAX_CLASSES: usize = MAX_WINDOW_GROUPS + GROUP0;
/// At most this many run-prefix patterns (each is a builtin).
pub(crate) const MAX_RUN_PREFIX: usize = 8;

/// Digit-triggered patterns that share one window scan.
#[derive(Debug)]
pub(crate) struct WindowGroup {
    /// Union of the members' alphabets.
    alphabet: ByteSet,
    members: Vec<u32>,
    /// All members in one regex (pattern `i` is `members[i]`), to learn in
    /// one pass which members match in a window at all.
    filter: Option<meta::Regex>,
    /// The fewest digits any member needs.
    min_digits: u32,
    /// The shortest window any member can hold an accepted match in.
    min_len: usize,
}

impl WindowGroup {
    pub(crate) fn new() -> WindowGroup {
        WindowGroup {
            alphabet: ByteSet::empty(),
            members: Vec::new(),
            filter: None,
            min_digits: u32::MAX,
            min_len: usize::MAX,
        }
    }

    pub(crate) fn add(&mut self, pi: u32, p: &Pattern) {
        self.alphabet.union(&p.alphabet);
        self.members.push(pi);
        self.min_digits = self.min_digits.min(p.min_counts[0]);
        self.min_len = self.min_len.min(p.min_window_len());
    }

    /// Builds the one-pass filter over the members, when they are several
    /// (and fit in a pattern set that the engine can track on the stack).
    pub(crate) fn build_filter(&mut self, patterns: &[Pattern]) {
        if self.members.len() < 2 || self.members.len() > 64 {
            return;
        }
        let sources: Vec<&str> = self.members.iter().map(|&pi| patterns[pi as usize].source.as_str()).collect();
        // Too big a union just means no filter: members are then searched
        // one by one, which gives the same results.
        self.filter = meta::Builder::new()
            .configure(
                meta::Config::new()
                    .match_kind(regex_automata::MatchKind::All)
                    .nfa_size_limit(Some(8 << 20))
                    .auto_prefilter(false),
            )
            .build_many(&sources)
            .ok();
    }

    /// The run length below which windows are skipped without reading them:
    /// the bitmask test looks at most 64 bytes ahead.
    fn gate_len(&self) -> usize {
        self.min_len.clamp(1, 64)
    }
}

/// The compiled, immutable matcher.
#[derive(Debug)]
pub(crate) struct Engine {
    pub(crate) rules: Vec<Rule>,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) terms: Vec<TermsRule>,
    hooks: HookSet,
    windows: Vec<WindowGroup>,
    /// Bitmasks of the capitals and each group's alphabet.
    classifier: BlockClassifier,
    /// Patterns anchored relative to digit runs.
    run_prefix: Vec<(u32, RunPrefix)>,
    kv: Vec<u32>,
    always: Vec<u32>,
    pub(crate) allowlist: Allowlist,
    /// Which keys name secrets (key-value text and JSON keys).
    pub(crate) keys: KeyClassifier,
    /// How JSON documents are walked.
    pub(crate) json: JsonSettings,
    any_keywords: bool,
    /// Whether texts joined with 0xFF between them give each text the
    /// findings it has alone (no rule asserts text anchors or needs
    /// keywords anywhere in its input), so that batches scan in one pass.
    pub(crate) batchable: bool,
}

/// Per-search working memory, pooled so that searches allocate nothing once
/// warm.
#[derive(Debug)]
pub(crate) struct Scratch {
    caches: Vec<meta::Cache>,
    /// Capture slots, for patterns that need groups.
    caps: Vec<Option<Captures>>,
    /// Hook hit positions per pattern.
    hits: Vec<Vec<usize>>,
    /// Per window group, the cache of its one-pass filter.
    filter_caches: Vec<Option<meta::Cache>>,
    patset: PatternSet,
    touched: Vec<u32>,
    candidates: Vec<Candidate>,
    pub(crate) accepted: Vec<Candidate>,
    /// The joined texts of a batch.
    pub(crate) batch: Vec<u8>,
    /// One text's findings within a batch.
    local: Vec<Candidate>,
    /// The last JSON document's walk.
    pub(crate) json: crate::json::walk::Plan,
    /// Per rule: 0 unknown, 1 keywords present, 2 absent.
    keyword_state: Vec<u8>,
}

impl Engine {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        rules: Vec<Rule>,
        patterns: Vec<Pattern>,
        terms: Vec<TermsRule>,
        hooks: HookSet,
        windows: Vec<WindowGroup>,
        run_prefix: Vec<(u32, RunPrefix)>,
        kv: Vec<u32>,
        always: Vec<u32>,
        allowlist: Allowlist,
    ) -> Engine {
        let any_keywords = rules.iter().any(|r| r.keywords.is_some());
        let batchable = !any_keywords && !patterns.iter().any(|p| p.text_anchors);
        debug_assert!(windows.len() <= MAX_WINDOW_GROUPS);
        let mut capitals = ByteSet::empty();
        capitals.insert_range(b'A', b'Z');
        let classifier =
            BlockClassifier::new(std::iter::once(capitals).chain(windows.iter().map(|w| w.alphabet.clone())).collect());
        Engine {
            rules,
            patterns,
            terms,
            hooks,
            windows,
            classifier,
            run_prefix,
            kv,
            always,
            allowlist,
            keys: KeyClassifier::default(),
            json: JsonSettings::default(),
            any_keywords,
            batchable,
        }
    }

    pub(crate) fn new_scratch(&self) -> Scratch {
        Scratch {
            caches: self.patterns.iter().map(|p| p.regex.create_cache()).collect(),
            caps: self.patterns.iter().map(|p| p.captures.then(|| p.regex.create_captures())).collect(),
            hits: vec![Vec::new(); self.patterns.len()],
            filter_caches: self.windows.iter().map(|w| w.filter.as_ref().map(meta::Regex::create_cache)).collect(),
            patset: PatternSet::new(64),
            touched: Vec::new(),
            candidates: Vec::new(),
            accepted: Vec::new(),
            batch: Vec::new(),
            local: Vec::new(),
            json: crate::json::walk::Plan::default(),
            keyword_state: vec![0; self.rules.len()],
        }
    }

    /// Finds the resolved findings of `hay`; they end up, sorted by start,
    /// in `scratch.accepted`.
    pub(crate) fn scan(&self, hay: &[u8], s: &mut Scratch) {
        self.scan_except(hay, s, &[]);
    }

    /// [`scan`](Self::scan) with the rules in `disabled` left out.
    pub(crate) fn scan_except(&self, hay: &[u8], s: &mut Scratch, disabled: &[u32]) {
        s.candidates.clear();
        s.accepted.clear();
        if hay.is_empty() {
            return;
        }
        self.scan_hooks(hay, s);
        self.scan_blocks(hay, s);
        for &pi in &self.always {
            self.search_window(pi, hay, 0, hay.len(), s);
        }
        self.scan_terms(hay, s);
        if !s.candidates.is_empty() {
            if !disabled.is_empty() {
                s.candidates.retain(|c| !disabled.contains(&c.rule));
            }
            self.filter(hay, s);
            resolve(&mut s.candidates, &mut s.accepted);
        }
    }

    /// Scans `texts` as a batch and calls `f(index, text, findings)` for
    /// each, in order, with findings relative to the text. When the rules
    /// allow it the texts are scanned in one pass, joined with 0xFF (which
    /// no match contains, and at which look-arounds stop); each text gets
    /// exactly the findings it gets alone.
    pub(crate) fn scan_batch<'t>(
        &self,
        texts: impl ExactSizeIterator<Item = &'t [u8]> + Clone,
        s: &mut Scratch,
        disabled: &[u32],
        f: impl FnMut(usize, &'t [u8], &[Candidate]),
    ) {
        let join = |joined: &mut Vec<u8>| {
            for text in texts.clone() {
                joined.extend_from_slice(text);
                joined.push(0xff);
            }
        };
        self.scan_batch_joined(texts.clone(), join, s, disabled, f);
    }

    /// [`scan_batch`](Self::scan_batch) with the joining done by `join`,
    /// which must append exactly each text followed by 0xFF (a caller that
    /// knows where its texts lie can copy them faster).
    pub(crate) fn scan_batch_joined<'t>(
        &self,
        texts: impl ExactSizeIterator<Item = &'t [u8]> + Clone,
        join: impl FnOnce(&mut Vec<u8>),
        s: &mut Scratch,
        disabled: &[u32],
        mut f: impl FnMut(usize, &'t [u8], &[Candidate]),
    ) {
        if !self.batchable {
            for (i, text) in texts.enumerate() {
                self.scan_except(text, s, disabled);
                f(i, text, &s.accepted);
            }
            return;
        }
        let mut joined = std::mem::take(&mut s.batch);
        joined.clear();
        join(&mut joined);
        debug_assert!(
            joined.iter().eq(texts.clone().flat_map(|t| t.iter().chain(std::iter::once(&0xff)))),
            "join did not append each text followed by 0xFF"
        );
        self.scan_except(&joined, s, disabled);
        let mut found = s.accepted.iter().peekable();
        let mut local = std::mem::take(&mut s.local);
        let mut at = 0;
        for (i, text) in texts.enumerate() {
            let end = at + text.len();
            local.clear();
            while let Some(c) = found.next_if(|c| c.start < end) {
                local.push(Candidate { start: c.start - at, end: c.end - at, ..*c });
            }
            f(i, text, &local);
            at = end + 1;
        }
        s.local = local;
        s.batch = joined;
    }

    /// Runs pattern `pi` over `[start, end)` the way `find_iter` would over
    /// the whole input (the window is chosen so that this is equivalent).
    fn search_window(&self, pi: u32, hay: &[u8], start: usize, end: usize, s: &mut Scratch) {
        let p = &self.patterns[pi as usize];
        let cache = &mut s.caches[pi as usize];
        let mut at = start;
        while at < end {
            let input = Input::new(hay).range(at..end);
            let (m, f) = if let Some(caps) = s.caps[pi as usize].as_mut() {
                p.regex.search_captures_with(cache, &input, caps);
                let Some(m) = caps.get_match() else { break };
                (m, p.accept(hay, (m.start(), m.end()), Some(caps), &self.keys))
            } else {
                let Some(m) = p.regex.search_with(cache, &input) else { break };
                (m, p.accept(hay, (m.start(), m.end()), None, &self.keys))
            };
            if let Some(f) = f {
                s.candidates.push(Candidate::new(f, p.rule, self.rules[p.rule as usize].priority));
            }
            // Patterns cannot match empty; guard anyway against a stall.
            at = p.resume_at((m.start(), m.end())).max(at + 1);
        }
    }

    /// Anchored search at `at` for a prefix-triggered pattern; returns the
    /// match end.
    fn search_anchored(&self, pi: u32, hay: &[u8], at: usize, s: &mut Scratch) -> Option<usize> {
        let p = &self.patterns[pi as usize];
        let cache = &mut s.caches[pi as usize];
        let input = Input::new(hay).range(at..).anchored(Anchored::Yes);
        let (m, f) = if let Some(caps) = s.caps[pi as usize].as_mut() {
            p.regex.search_captures_with(cache, &input, caps);
            let m = caps.get_match()?;
            (m, p.accept(hay, (m.start(), m.end()), Some(caps), &self.keys))
        } else {
            let m = p.regex.search_with(cache, &input)?;
            (m, p.accept(hay, (m.start(), m.end()), None, &self.keys))
        };
        if let Some(f) = f {
            s.candidates.push(Candidate::new(f, p.rule, self.rules[p.rule as usize].priority));
        }
        Some(m.end().max(at + 1))
    }

    fn scan_hooks(&self, hay: &[u8], s: &mut Scratch) {
        if self.hooks.is_empty() {
            return;
        }
        s.touched.clear();
        {
            let (hits, touched) = (&mut s.hits, &mut s.touched);
            self.hooks.for_each(hay, |pos, lit| {
                for &pi in self.hooks.listeners(lit) {
                    let h = &mut hits[pi as usize];
                    if h.is_empty() {
                        touched.push(pi);
                    }
                    match &self.patterns[pi as usize].trigger {
                        // The places where a match can start.
                        Trigger::Prefix(_, offsets) => h.extend(offsets.iter().filter_map(|&o| pos.checked_sub(o))),
                        _ => h.push(pos),
                    }
                }
            });
        }
        for t in 0..s.touched.len() {
            let pi = s.touched[t];
            let mut hits = std::mem::take(&mut s.hits[pi as usize]);
            if !hits.is_sorted() {
                hits.sort_unstable();
                hits.dedup();
            }
            let p = &self.patterns[pi as usize];
            let mut last_end = 0;
            match &p.trigger {
                Trigger::Prefix(..) => {
                    for &h in &hits {
                        if h < last_end {
                            continue;
                        }
                        if let Some(end) = self.search_anchored(pi, hay, h, s) {
                            last_end = end;
                        }
                    }
                }
                _ => {
                    for &h in &hits {
                        if h < last_end || !p.alphabet.contains(hay[h]) {
                            continue;
                        }
                        let (l, r) = expand(hay, h, &p.alphabet);
                        if r - l >= p.min_len {
                            self.search_window(pi, hay, l, r, s);
                        }
                        last_end = r;
                    }
                }
            }
            hits.clear();
            s.hits[pi as usize] = hits;
        }
    }

    /// Digit-triggered and run-prefix patterns, one 64-byte block at a
    /// time. A group's windows are the maximal runs of its alphabet; a
    /// window shorter than the shortest match any member can accept is
    /// skipped, and finding the long runs takes a few word operations per
    /// block on the alphabet's bitmask. Logs are full of short runs (dates,
    /// times, counters), which therefore cost nothing beyond the bitmask.
    /// Blocks far from any digit are not classified at all: every window
    /// holds a digit, and a window of at least 64 bytes crosses a whole
    /// block, so looking at the blocks next to digits finds every window.
    /// Run-prefix patterns (IBAN) are anchored where a digit follows two
    /// capitals, also found on bitmasks.
    ///
    /// The same pass finds the `:` and `=` that key-value patterns start
    /// from.
    fn scan_blocks(&self, hay: &[u8], s: &mut Scratch) {
        let windows = !self.windows.is_empty() || !self.run_prefix.is_empty();
        let key_values = !self.kv.is_empty();
        if !windows && !key_values {
            return;
        }
        let mut last_end = [0usize; MAX_WINDOW_GROUPS];
        let nc = GROUP0 + self.windows.len();
        let mut cur = [0u64; MAX_CLASSES];
        let mut next = [0u64; MAX_CLASSES];
        let (mut cur_ready, mut next_ready) = (false, false);
        let mut prefix_end = [0usize; MAX_RUN_PREFIX];
        let mut prev_caps = 0u64;
        let (mut cur_digits, mut cur_seps) = classify::digits_and_separators(hay, 0);
        let mut base = 0;
        while base < hay.len() {
            let (next_digits, next_seps) = classify::digits_and_separators(hay, base + 64);
            if key_values {
                let mut m = cur_seps;
                while m != 0 {
                    let q = base + m.trailing_zeros() as usize;
                    m &= m - 1;
                    if let Some(k) = sensitive_key_before(hay, q, &self.keys) {
                        for &pi in &self.kv {
                            self.search_anchored(pi, hay, k, s);
                        }
                    }
                }
            }
            if windows && cur_digits | next_digits != 0 {
                if !cur_ready {
                    self.classifier.masks(hay, base, &mut cur);
                }
                if !next_ready {
                    self.classifier.masks(hay, base + 64, &mut next);
                    next_ready = true;
                }
                let digits128 = u128::from(cur_digits) | (u128::from(next_digits) << 64);
                for (g, w) in self.windows.iter().enumerate() {
                    let (a, an) = (cur[GROUP0 + g], next[GROUP0 + g]);
                    let mut long = run_starts_of_len(a, an, w.gate_len());
                    while long != 0 {
                        let o = long.trailing_zeros();
                        let p = base + o as usize;
                        long &= long - 1;
                        if p < last_end[g] {
                            continue;
                        }
                        // A run that does not start here began in an earlier
                        // block that was not looked at.
                        let l = if o == 0 { expand_left(hay, p, &w.alphabet) } else { p };
                        // Its end and digits, from the bitmasks when it ends
                        // within them.
                        let ones = (!((u128::from(a) | (u128::from(an) << 64)) >> o)).trailing_zeros();
                        let (r, digits) = if o + ones < 128 {
                            let run = ((1u128 << ones) - 1) << o;
                            (p + ones as usize, (digits128 & run).count_ones())
                        } else {
                            let r = expand_right(hay, p, &w.alphabet);
                            (r, w.min_digits)
                        };
                        last_end[g] = r;
                        if l == p && digits < w.min_digits {
                            continue;
                        }
                        self.search_group_window(g, hay, l, r, s);
                    }
                }
                if !self.run_prefix.is_empty() && cur_digits != 0 {
                    // A digit right after two capitals: `DE89…`.
                    let caps = cur[CAPITALS];
                    let after_one = (caps << 1) | (prev_caps >> 63);
                    let after_two = (caps << 2) | (prev_caps >> 62);
                    let mut cand = cur_digits & after_one & after_two;
                    while cand != 0 {
                        let start = base + cand.trailing_zeros() as usize;
                        cand &= cand - 1;
                        self.run_prefixes(hay, start, &mut prefix_end, s);
                    }
                }
                prev_caps = cur[CAPITALS];
            } else {
                prev_caps = 0;
            }
            // Slide: the next block becomes the current one.
            cur[..nc].copy_from_slice(&next[..nc]);
            cur_ready = next_ready;
            next_ready = false;
            cur_digits = next_digits;
            cur_seps = next_seps;
            base += 64;
        }
    }

    /// Anchored searches of run-prefix patterns at the run starting at `start`.
    #[inline]
    fn run_prefixes(&self, hay: &[u8], start: usize, ends: &mut [usize; MAX_RUN_PREFIX], s: &mut Scratch) {
        for (k, &(pi, kind)) in self.run_prefix.iter().enumerate() {
            if let Some(h) = kind.candidate(hay, start) {
                if h >= ends[k] {
                    if let Some(end) = self.search_anchored(pi, hay, h, s) {
                        ends[k] = end;
                    }
                }
            }
        }
    }

    /// Searches the members of a group that may match in window `[l, r)`.
    fn search_group_window(&self, g: usize, hay: &[u8], l: usize, r: usize, s: &mut Scratch) {
        let w = &self.windows[g];
        let (counts, runs) = count_classes(&hay[l..r]);
        if counts[0] < w.min_digits {
            return;
        }
        // Groups too large for a bitmask of members search them one by one.
        if w.members.len() > 64 {
            for &pi in &w.members {
                let p = &self.patterns[pi as usize];
                if p.window_may_match(r - l, &counts) && runs >= p.min_digit_runs {
                    self.search_window(pi, hay, l, r, s);
                }
            }
            return;
        }
        // Members whose counts fit the window.
        let mut fit = 0u64;
        for (i, &pi) in w.members.iter().enumerate() {
            let p = &self.patterns[pi as usize];
            if p.window_may_match(r - l, &counts) && runs >= p.min_digit_runs {
                fit |= 1 << i;
            }
        }
        if fit == 0 {
            return;
        }
        // Several candidates: one pass tells which match here at all.
        if let (Some(filter), Some(cache)) = (&w.filter, s.filter_caches[g].as_mut()) {
            if fit.count_ones() > 1 {
                s.patset.clear();
                filter.which_overlapping_matches_with(cache, &Input::new(hay).range(l..r), &mut s.patset);
                let mut matched = 0u64;
                for id in s.patset.iter() {
                    matched |= 1 << id.as_usize();
                }
                fit &= matched;
            }
        }
        while fit != 0 {
            let i = fit.trailing_zeros() as usize;
            fit &= fit - 1;
            self.search_window(w.members[i], hay, l, r, s);
        }
    }

    fn scan_terms(&self, hay: &[u8], s: &mut Scratch) {
        for t in &self.terms {
            let prio = self.rules[t.rule as usize].priority;
            for m in t.automaton.find_overlapping_iter(hay) {
                let span = (m.start(), m.end());
                if t.accept(hay, span) {
                    s.candidates.push(Candidate::new(span, t.rule, prio));
                }
            }
        }
    }

    /// Drops candidates of rules whose keywords are absent, and marks
    /// allowlisted ones.
    fn filter(&self, hay: &[u8], s: &mut Scratch) {
        if self.any_keywords {
            s.keyword_state.iter_mut().for_each(|k| *k = 0);
        }
        let (rules, allow) = (&self.rules, &self.allowlist);
        let state = &mut s.keyword_state;
        s.candidates.retain_mut(|c| {
            if let Some(kw) = &rules[c.rule as usize].keywords {
                let st = &mut state[c.rule as usize];
                if *st == 0 {
                    *st = if kw.present(hay) { 1 } else { 2 };
                }
                if *st == 2 {
                    return false;
                }
            }
            // What a scrubber wrote is not scrubbed again.
            if crate::validate::inside_rendering(hay, (c.start, c.end), |id| rules.iter().any(|r| &*r.id == id)) {
                return false;
            }
            c.allowed = !allow.is_empty() && allow.allows(&hay[c.start..c.end]);
            true
        });
    }
}

/// The maximal run of `alphabet` bytes around `at` (which is in it).
#[inline]
fn expand(hay: &[u8], at: usize, alphabet: &ByteSet) -> (usize, usize) {
    (expand_left(hay, at, alphabet), expand_right(hay, at, alphabet))
}

/// Where the run of `alphabet` bytes that ends at `at` starts.
#[inline]
fn expand_left(hay: &[u8], mut at: usize, alphabet: &ByteSet) -> usize {
    while at > 0 && alphabet.contains(hay[at - 1]) {
        at -= 1;
    }
    at
}

/// Where the run of `alphabet` bytes that starts at `at` ends.
#[inline]
fn expand_right(hay: &[u8], mut at: usize, alphabet: &ByteSet) -> usize {
    while at < hay.len() && alphabet.contains(hay[at]) {
        at += 1;
    }
    at
}

/// Counts the bytes of each counted class, and the runs of digits. Each
/// byte adds its class's unit to one packed accumulator (10 bits per class),
/// flushed before any field can overflow: a register add per byte instead
/// of a memory increment.
#[inline]
fn count_classes(window: &[u8]) -> (Counts, u32) {
    let mut counts = [0u32; COUNTED.len()];
    let mut runs = 0;
    let mut prev_digit = false;
    for chunk in window.chunks(1023) {
        let mut acc = 0u64;
        for &b in chunk {
            acc += PACKED_UNIT[usize::from(b)];
            let digit = b.is_ascii_digit();
            runs += u32::from(digit && !prev_digit);
            prev_digit = digit;
        }
        for (k, c) in counts.iter_mut().enumerate() {
            *c += ((acc >> (10 * k)) & 0x3ff) as u32;
        }
    }
    (counts, runs)
}

/// For each byte, `1 << (10 * class)` for its counted class, or 0.
static PACKED_UNIT: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let slot = SLOT[b] as u32;
        if slot > 0 {
            t[b] = 1u64 << (10 * (slot - 1));
        }
        b += 1;
    }
    t
};

/// A byte of a key in `key=value` text.
pub(crate) fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// Where the key written before the separator at `q` starts, when it
/// names a secret: skips blanks, one `]` and one quote (`key"  :`,
/// `['key'] =`), then reads the key backwards.
#[inline]
fn sensitive_key_before(hay: &[u8], q: usize, keys: &KeyClassifier) -> Option<usize> {
    let mut i = q;
    while i > 0 && matches!(hay[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    if i > 0 && hay[i - 1] == b']' {
        i -= 1;
    }
    if i > 0 && matches!(hay[i - 1], b'"' | b'\'') {
        i -= 1;
    }
    let end = i;
    // The quick filter knows the default words only.
    if keys.is_default() && !crate::keys::key_may_be_sensitive(&hay[..end]) {
        return None;
    }
    while i > 0 && is_key_byte(hay[i - 1]) {
        i -= 1;
    }
    (i < end && keys.is_sensitive(&hay[i..end])).then_some(i)
}
