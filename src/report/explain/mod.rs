//! Writing an explanation (`burden explain`) as JSON, the documented contract; every
//! other format renders the explanation's document ([`crate::report::build::explain`]).

mod json;

pub use json::json;
