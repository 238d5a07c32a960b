//! The integration tests: one binary, one module per topic.

mod accounts;
mod cli;
mod generate;
mod properties;
mod reference;
mod browser;
mod outputs;
