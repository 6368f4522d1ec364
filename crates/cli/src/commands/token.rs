//! `raqib token`: API tokens for `raqib serve` (stored as SHA-256 hashes only).

use anyhow::Context;
use raqib_store::api::{open_api, TokenRole};

use super::ingest::DbArgs;

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
    #[command(flatten)]
    pub db: DbArgs,
}

/// What to do with tokens.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Create a token and print it (once: only its hash is kept).
    Create {
        /// `analyst` (read, submit reports, correct, review) or `reader` (read only).
        #[arg(long)]
        role: String,
        /// Who holds it (appears in the audit log as the author of corrections).
        #[arg(long, default_value = "api")]
        name: String,
    },
    /// List tokens (ids, roles, names; never the secrets).
    List,
    /// Revoke a token by its id.
    Revoke {
        /// The token id `raqib token list` shows.
        id: String,
    },
}

/// Run the action.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let mut store = open_api(&args.db.db).context("cannot open the store")?;
    match args.action {
        Action::Create { role, name } => {
            let role = TokenRole::parse(&role.to_ascii_lowercase())
                .with_context(|| format!("--role {role:?}: expected analyst or reader"))?;
            let t = raqib_serve::tokens::create(&mut *store, role, &name)?;
            eprintln!(
                "raqib: created {} token {} for {:?}; keep it now, it cannot be shown again:",
                t.token.role.as_str(),
                t.token.id,
                t.token.name
            );
            println!("{}", t.secret);
        }
        Action::List => {
            for t in store.tokens()? {
                println!(
                    "{}  {:<7}  {}  {}{}",
                    t.id,
                    t.role.as_str(),
                    t.created_at,
                    t.name,
                    t.revoked_at
                        .map(|r| format!("  (revoked {r})"))
                        .unwrap_or_default()
                );
            }
        }
        Action::Revoke { id } => {
            if !store.revoke_token(&id)? {
                anyhow::bail!("no token {id:?}");
            }
            eprintln!("raqib: token {id} revoked");
        }
    }
    Ok(0)
}
