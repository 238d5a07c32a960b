//! Commands about burden itself: `schema` (the JSON Schema of scenarios, for editors),
//! `completions` (shell completion scripts) and `man` (the manual page).

use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::Shell;

use super::output::write_output;
use super::{Cli, Failure};
use crate::scenario::scenario_schema;

#[derive(Debug, clap::Args)]
pub(super) struct SchemaArgs {
    /// Write the schema to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(super) struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, clap::Args)]
pub(super) struct ManArgs {
    /// The page of one command (e.g. solve) instead of burden's own.
    pub command: Option<String>,
    /// Write the page to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub(super) fn schema(args: SchemaArgs) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(&scenario_schema())
        .map_err(|e| Failure::input(format!("error: cannot write the schema: {e}")))?;
    text.push('\n');
    write_output(args.output.as_deref(), text.as_bytes())
}

pub(super) fn completions(args: CompletionsArgs) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(args.shell, &mut command, "burden", &mut bytes);
    write_output(None, &bytes)
}

pub(super) fn man(args: ManArgs) -> Result<(), Failure> {
    let mut command = Cli::command();
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => {
            let sub = command.find_subcommand(name).cloned().ok_or_else(|| {
                let names: Vec<&str> = command
                    .get_subcommands()
                    .map(clap::Command::get_name)
                    .collect();
                Failure::input(format!(
                    "error: no command `{name}`\n  hint: one of {}",
                    names.join(", ")
                ))
            })?;
            // Built, a subcommand is displayed as burden-NAME.
            sub
        }
    };
    let mut bytes = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut bytes)
        .map_err(|e| Failure::input(format!("error: cannot write the manual page: {e}")))?;
    write_output(args.output.as_deref(), &bytes)
}
