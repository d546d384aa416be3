//! The public data sets the site builds on, one slice each, side by side.
//! Each parses its files (errors name file, line and column), imports them
//! into its own tables only when their hash changes, and is the only reader
//! of those tables:
//! - [`oews`]: BLS Occupational Employment and Wage Statistics, May 2025,
//!   national, state and metro wages;
//! - [`projections`]: BLS Employment Projections 2024-34, growth, openings
//!   and entry requirements;
//! - [`onet`]: O*NET 30.1 skill and work-activity ratings (CC BY 4.0).
pub mod oews;
pub mod onet;
pub mod projections;
