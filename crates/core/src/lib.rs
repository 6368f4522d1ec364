//! Shared types of raqib.
//!
//! Every pipeline stage depends on this crate and on nothing upstream of itself, the way
//! ripgrep's `grep-matcher` holds only the contract other crates implement. It holds:
//!
//! - [`Span`] and [`CharIndex`]: byte offsets inside the pipeline, character offsets at the edge;
//! - [`report`]: the coded-report contract (`spec/coded-report.md`), serialized exactly as written;
//! - [`input`]: reports as read;
//! - [`track`]: the tracking contract (`spec/tracking.md`).
#![deny(missing_docs)]

pub mod input;
pub mod report;
pub mod span;
pub mod track;

pub use input::InputReport;
pub use report::{
    Acled, Actor, Agreement, Batch, Coder, DateRef, Evacuation, Event, Evidence, Mention, Place,
    Plover, Quantity, Report, SentenceExplain, Skipped, Status, Structure, Term, Trigger,
};
pub use span::{CharIndex, Span};

/// raqib's version, written into every report's provenance.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
