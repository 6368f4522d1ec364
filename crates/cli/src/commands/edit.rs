//! `raqib edit`: an analyst's correction of an event, kept over re-ingests and audited.

use anyhow::Context;
use raqib_store::{Edit, EDITABLE_FIELDS};

use super::ingest::DbArgs;

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The event id (as in the coded report).
    pub event_id: String,
    /// FIELD=VALUE to correct (repeatable).
    #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
    pub set: Vec<String>,
    /// Why.
    #[arg(long)]
    pub note: Option<String>,
    /// Who (default: $USER).
    #[arg(long)]
    pub user: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// The analyst's name: `--user`, else `$USER`, else `analyst`.
pub(crate) fn user(given: &Option<String>) -> String {
    given
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "analyst".into())
}

/// Apply the correction.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let mut set = Vec::new();
    let mut bad = Vec::new();
    for s in &args.set {
        match s.split_once('=') {
            Some((f, v)) if !f.trim().is_empty() => set.push((f.trim().to_string(), v.to_string())),
            _ => bad.push(format!("--set {s:?}: expected FIELD=VALUE")),
        }
    }
    if !bad.is_empty() {
        anyhow::bail!(
            "{}; editable fields: {}",
            bad.join("; "),
            EDITABLE_FIELDS.join(", ")
        );
    }
    let mut store = args.db.open()?;
    let edit = Edit {
        set,
        note: args.note.clone(),
        user: user(&args.user),
    };
    let entries = store
        .edit(&args.event_id, &edit)
        .with_context(|| format!("cannot edit event {}", args.event_id))?;
    for a in entries {
        println!(
            "{} {}: {} {:?} -> {:?} (by {} at {})",
            args.event_id,
            a.seq,
            a.field.unwrap_or_default(),
            a.old.unwrap_or_default(),
            a.new.unwrap_or_default(),
            a.user,
            a.at
        );
    }
    Ok(0)
}
