//! Lines collected into batches, so that the scrubber scans many short
//! lines in one call (each line still scrubbed as if alone).

use std::ops::Range;

use crate::lines::Piece;

/// Flush a batch after this many pieces…
const MAX_PIECES: usize = 4096;
/// …or once it holds this many bytes.
const MAX_BYTES: usize = 1 << 20;

/// A piece of a line, owned by the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchedPiece {
    pub content: Range<usize>,
    pub terminator: Range<usize>,
    pub line: u64,
    pub offset: usize,
    pub ends_line: bool,
}

/// Pieces of lines copied out of the line reader's buffer.
#[derive(Debug, Default)]
pub struct Batch {
    data: Vec<u8>,
    pieces: Vec<BatchedPiece>,
}

impl Batch {
    pub fn push(&mut self, piece: &Piece<'_>) {
        let start = self.data.len();
        self.data.extend_from_slice(piece.content);
        let mid = self.data.len();
        self.data.extend_from_slice(piece.terminator);
        self.pieces.push(BatchedPiece {
            content: start..mid,
            terminator: mid..self.data.len(),
            line: piece.line,
            offset: piece.offset,
            ends_line: piece.ends_line,
        });
    }

    pub fn is_full(&self) -> bool {
        self.pieces.len() >= MAX_PIECES || self.data.len() >= MAX_BYTES
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    pub fn clear(&mut self) {
        self.data.clear();
        self.pieces.clear();
    }

    /// The content of every piece, in order.
    pub fn contents(&self) -> Vec<&[u8]> {
        self.pieces.iter().map(|p| &self.data[p.content.clone()]).collect()
    }

    pub fn pieces(&self) -> &[BatchedPiece] {
        &self.pieces
    }

    pub fn bytes(&self, range: &Range<usize>) -> &[u8] {
        &self.data[range.clone()]
    }
}
