//! End-to-end tests: each starts the real server on a free port against a
//! copy of the fixture content and talks HTTP to it.
mod browser;
mod compare;
mod content_files;
mod editor_commands;
mod finder;
mod helpers;
mod http_semantics;
mod open_data;
mod pages;
mod search;
mod seo;
mod snapshots;
mod structured_data;
mod sync;
mod wages;
mod watch;
