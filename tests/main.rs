//! The integration tests: one binary, one module per topic.

mod accounts;
mod arrangements;
mod browser;
mod cli;
mod compare;
mod credit_effect;
mod data_in;
mod derived;
mod escaping;
mod explain;
mod generate;
mod hardening;
mod latex;
mod mutation;
mod outputs;
mod properties;
mod recompute;
mod reference;
mod replan_props;
mod scale;
mod shard;
mod support;
mod sweep;
mod targets;
