//! Builds the scrubber from `--config` and `--profile`.

use std::fs;
use std::path::Path;

use scrubjay::{Config, Scrubber};

use crate::args::Options;
use crate::fail::{CliError, io_message, printable};

/// The config in effect and the scrubber compiled from it.
#[derive(Debug)]
pub struct Setup {
    pub config: Config,
    pub scrubber: Scrubber,
}

/// Reads the config file (if any), applies `--profile`, and compiles.
pub fn load(options: &Options) -> Result<Setup, CliError> {
    let path = options.config.as_deref();
    let mut config = match path {
        Some(path) => read_config(path)?,
        None => Config::default(),
    };
    if let Some(profile) = &options.profile {
        config.profile = Some(profile.clone());
    }
    let scrubber = Scrubber::new(&config).map_err(|e| match path {
        Some(path) => CliError::new(format!("config '{}': {e}", name(path))),
        None => CliError::new(e.to_string()),
    })?;
    Ok(Setup { config, scrubber })
}

fn read_config(path: &Path) -> Result<Config, CliError> {
    let bytes = fs::read(path).map_err(|e| {
        CliError::new(format!(
            "cannot read config '{}': {} (check the path given to --config)",
            name(path),
            io_message(&e)
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        CliError::new(format!(
            "config '{}': not valid UTF-8 (byte {}); save it as UTF-8 JSON",
            name(path),
            e.utf8_error().valid_up_to()
        ))
    })?;
    Config::from_json(&text).map_err(|e| CliError::new(format!("config '{}': {e}", name(path))))
}

fn name(path: &Path) -> String {
    printable(&path.to_string_lossy())
}
