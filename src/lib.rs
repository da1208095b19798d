//! `brief`: a terminal reader for annotated briefings.
//!
//! Module map (each module's own docs say what it owns and must not touch):
//! - [`loader`] reads a briefing's text and TOML annotations, checks them and
//!   builds the model, or explains what is wrong;
//! - [`model`] is the loaded briefing: text, blocks, entities, mentions,
//!   relations, timeline, notes; plain data, no terminal types;
//! - [`sanitize`] makes file-derived strings safe to show;
//! - [`cli`] parses the command line and runs `brief check`.

pub mod cli;
pub mod controller;
pub mod layout;
pub mod loader;
pub mod model;
pub mod sanitize;
pub mod terminal;
pub mod theme;
pub mod ui;
