//! `brief`: a terminal reader for annotated briefings.
//!
//! Module map (each module's own docs say what it owns and must not touch):
//! - [`loader`] reads a briefing's text and TOML annotations, checks them and
//!   builds the model, or explains what is wrong;
//! - [`model`] is the loaded briefing: text, blocks, entities, mentions,
//!   relations, timeline, notes; plain data, no terminal types;
//! - [`sanitize`] makes file-derived strings safe to show;
//! - [`config`] finds, reads and checks the configuration file;
//! - [`cli`] parses the command line and runs `brief check`.

#![forbid(unsafe_code)]
// Library code never slices a string or indexes a slice unchecked; the few
// reasoned exceptions say why where they are. Unit tests may index: a panic
// there is a test failure, which is what it is for.
#![deny(clippy::string_slice, clippy::indexing_slicing)]
#![cfg_attr(test, allow(clippy::string_slice, clippy::indexing_slicing))]

pub mod cli;
pub mod config;
pub mod controller;
pub mod convert;
pub mod layout;
pub mod library;
pub mod loader;
pub mod model;
pub mod review;
pub mod sanitize;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod wording;
