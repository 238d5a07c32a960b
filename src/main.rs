//! The `burden` binary: a thin wrapper around `burden::cli::run`.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(burden::cli::run(std::env::args_os()))
}
