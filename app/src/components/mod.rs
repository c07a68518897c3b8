//! Components shared by several pages.

pub mod error_text;
pub mod field;
pub mod format;
pub mod layout;
pub mod names;
