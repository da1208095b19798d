//! Other tools' annotation formats, read as they are written: each reader
//! turns its file into its own plain structure with every problem placed
//! on the file's line and column, and `offsets` turns the units those
//! files count in into byte offsets of the text, finding the unit a file
//! really used from the text its spans say they cover. Mapping what they
//! say onto brief's model is the loader's next step, not these readers'.
//! Nothing here reads a file or touches the model.

pub mod brat;
pub(crate) mod brat_import;
pub mod naming;
pub mod offsets;
pub mod span_json;
pub(crate) mod span_json_import;
pub mod units;
pub mod w3c;
pub(crate) mod w3c_import;
