//! The integration tests: one binary, one module per topic.

mod accounts;
mod arrangements;
mod browser;
mod cli;
mod compare;
mod derived;
mod generate;
mod outputs;
mod properties;
mod reference;
mod sweep;
