//! Overlap resolution: earliest start wins, then the longer finding, then the
//! rule with the lower priority number (then the lower rule index, so the
//! result never depends on the order candidates were found in).

use crate::validate::Span;

/// A finding before overlap resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) rule: u32,
    pub(crate) priority: i32,
    /// Allowlisted: takes part in overlap resolution (so that no other
    /// rule scrubs part of it), then is dropped from the findings.
    pub(crate) allowed: bool,
}

impl Candidate {
    #[inline]
    pub(crate) fn new(span: Span, rule: u32, priority: i32) -> Candidate {
        Candidate { start: span.0, end: span.1, rule, priority, allowed: false }
    }

    fn order_key(&self) -> (usize, std::cmp::Reverse<usize>, i32, u32) {
        (self.start, std::cmp::Reverse(self.end), self.priority, self.rule)
    }
}

/// Sorts `candidates` and appends the non-overlapping winners to `out`,
/// except allowlisted winners, which only keep others off their span.
pub(crate) fn resolve(candidates: &mut [Candidate], out: &mut Vec<Candidate>) {
    candidates.sort_unstable_by_key(Candidate::order_key);
    let mut end = 0;
    for c in candidates.iter() {
        if c.start >= end {
            if !c.allowed {
                out.push(*c);
            }
            end = c.end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(start: usize, end: usize, rule: u32, priority: i32) -> Candidate {
        Candidate::new((start, end), rule, priority)
    }

    #[test]
    fn earliest_then_longest_then_priority() {
        let mut cands =
            vec![c(5, 9, 0, 0), c(0, 4, 1, 0), c(0, 6, 2, 0), c(6, 8, 3, 0), c(10, 12, 4, 5), c(10, 12, 5, 1)];
        let mut out = Vec::new();
        resolve(&mut cands, &mut out);
        assert_eq!(out, vec![c(0, 6, 2, 0), c(6, 8, 3, 0), c(10, 12, 5, 1)]);
    }

    #[test]
    fn allowlisted_winners_block_overlaps_and_vanish() {
        let mut allowed = c(0, 6, 0, 0);
        allowed.allowed = true;
        let mut cands = vec![allowed, c(3, 9, 1, 0), c(7, 9, 2, 0)];
        let mut out = Vec::new();
        resolve(&mut cands, &mut out);
        assert_eq!(out, vec![c(7, 9, 2, 0)]);
    }
}
