//! The global options of every command: `--quiet` (no warnings or notes on stderr) and
//! `--color auto|always|never` (beside NO_COLOR).

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);
static COLOR: AtomicU8 = AtomicU8::new(0);

/// When to colour the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// Sets the global options for the rest of the run.
pub(super) fn set_globals(quiet: bool, color: ColorWhen) {
    QUIET.store(quiet, Ordering::Relaxed);
    COLOR.store(color as u8, Ordering::Relaxed);
}

/// Whether `--quiet` was given: warnings and notes are not printed.
pub(super) fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// The `--color` setting.
pub(super) fn color_when() -> ColorWhen {
    match COLOR.load(Ordering::Relaxed) {
        1 => ColorWhen::Always,
        2 => ColorWhen::Never,
        _ => ColorWhen::Auto,
    }
}

/// Prints a warning or note on stderr, unless `--quiet`.
pub(super) fn note(message: impl std::fmt::Display) {
    if !quiet() {
        eprintln!("{message}");
    }
}

/// Whether stdout may get colour: always or never as `--color` says, else on a terminal
/// unless NO_COLOR is set.
pub fn color_stdout() -> bool {
    use std::io::IsTerminal;
    match color_when() {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
