//! End-to-end tests: each starts the real server on a free port against a
//! copy of the fixture content and talks HTTP to it.
mod browser;
mod browser_pay;
mod compare;
mod content_files;
mod editor_commands;
mod export;
mod faults;
mod finder;
mod hardening;
mod helpers;
mod hostile;
mod hostile_content;
mod http_semantics;
mod open_data;
mod outlook;
mod pages;
mod pay;
mod properties;
mod search;
mod seo;
mod snapshots;
mod structured_data;
mod sync;
mod wages;
mod watch;
mod webdriver;
