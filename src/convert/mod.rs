//! What the loader resolved, written out for other programs: today the
//! span dump (`brief convert FILE --to json`), every mention, relation,
//! event and note with its passage in code points, UTF-16 units and bytes
//! and the text it covers, so a script can verify the anchoring or reuse
//! it. Pure functions of a loaded [`Briefing`]; it must not read files,
//! print or touch a terminal (the CLI does).

pub mod brat;
pub mod spans;
pub mod toml;
pub mod w3c;
