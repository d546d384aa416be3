//! Editor commands that run without the server.
pub mod check;
pub mod coverage;
pub mod new_role;
