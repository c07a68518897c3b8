//! Components shared by several pages.

pub mod error_text;
pub mod format;
pub mod names;
pub mod field;
pub mod layout;
