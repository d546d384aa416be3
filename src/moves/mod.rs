//! Career moves: for every occupation, where its work leads, computed once
//! at start-up from O*NET's 76 importance ratings (how similar two jobs'
//! work is), BLS OEWS medians (what a move pays) and BLS projections (what
//! it takes to get in). No table of its own: the index is built from the
//! three data slices and held in memory (about 775 occupations x 12 moves).
//!
//! The measure and the groups are documented in docs/content.md ("Career
//! moves"); in short:
//! - similarity is the cosine of two occupations' ratings, each centred on
//!   the mean of all occupations (so what every job needs counts for
//!   nothing), plus 0.15 within the same SOC major group and 0.05 more
//!   within the same minor group: moves within a field come first;
//! - a move needs similarity of at least [`MIN_SIMILARITY`] and a target
//!   whose BLS typical entry education is at most one level above;
//! - *Step up*: a median at least [`STEP_UP`] times this one's; the
//!   first-line supervisors of the same major group, and the management
//!   occupation whose work is nearest, come first (the usual promotions);
//! - *Similar work*: a median within that factor either way;
//! - *Ways in*: a median below it and no more education than this one
//!   needs: jobs whose workers already do much of this work.
pub mod crosswalk;
mod index;

pub use index::{Facts, Move, MoveKind, MovesIndex};

/// A move's target must have work at least this similar (score above).
pub const MIN_SIMILARITY: f64 = 0.5;
/// A step up pays at least 15% more at the median; similar work within 15%.
pub const STEP_UP: f64 = 1.15;
/// Moves listed per group.
pub const PER_GROUP: usize = 4;
/// Within the same SOC major group (and minor group), similarity gains these.
pub const SAME_MAJOR_GROUP: f64 = 0.15;
pub const SAME_MINOR_GROUP: f64 = 0.05;
/// The nearest management occupation counts as a promotion from this plain
/// similarity of work up.
pub const MIN_MANAGER_SIMILARITY: f64 = 0.35;
/// A skill "to learn" matters in the target (importance at least this) and
/// rates at least this much higher there.
pub const LEARN_MIN_IMPORTANCE: f64 = 3.0;
pub const LEARN_MIN_GAIN: f64 = 0.25;
