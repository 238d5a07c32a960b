//! The integration tests: one binary, one module per topic.

mod accounts;
mod cli;
mod compare;
mod derived;
mod generate;
mod properties;
mod reference;
mod sweep;
