pub mod error;
pub mod policy;
pub mod vendors;
pub mod check;
