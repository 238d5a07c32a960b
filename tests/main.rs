//! The integration tests: one binary, one module per topic.

mod accounts;
mod browser;
mod cli;
mod compare;
mod derived;
mod generate;
mod hardening;
mod mutation;
mod outputs;
mod properties;
mod reference;
mod sweep;
