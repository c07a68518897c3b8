//! Components shared by several pages.

pub mod eid;
pub mod error_text;
pub mod field;
pub mod figures;
pub mod format;
pub mod kiosk_forms;
pub mod layout;
pub mod outreach;
