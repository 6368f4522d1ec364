//! API tokens: made here, kept by the store as SHA-256 hashes only.
//!
//! A token is `rq_` and 64 hex digits of operating-system randomness (256 bits), so hashing
//! it with plain SHA-256 is enough: there is nothing to brute-force that a salt or a slow hash
//! would protect. Its public id is the first 12 hex digits of that hash.

use raqib_store::api::{ApiStore, ApiToken, TokenRole};
use sha2::{Digest, Sha256};

/// The prefix of every token.
pub const PREFIX: &str = "rq_";

/// A token just created: the secret (shown once) and what the store keeps.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// The secret to hand to its holder; never stored.
    pub secret: String,
    /// The stored part.
    pub token: ApiToken,
}

/// Hex SHA-256 of a token's secret.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Whether a string has the shape of a token (checked before any store lookup).
pub fn well_formed(secret: &str) -> bool {
    secret
        .strip_prefix(PREFIX)
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Make a token for `name` with `role` and store its hash.
pub fn create(store: &mut dyn ApiStore, role: TokenRole, name: &str) -> anyhow::Result<NewToken> {
    let name = name.trim();
    anyhow::ensure!(
        !name.is_empty() && name.chars().count() <= 100,
        "the token name must have 1 to 100 characters"
    );
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot read random bytes from the system: {e}"))?;
    let secret = format!("{PREFIX}{}", hex::encode(bytes));
    let sha = hash(&secret);
    let token = ApiToken {
        id: sha[..12].to_string(),
        role,
        name: name.to_string(),
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        revoked_at: None,
    };
    store.add_token(&token, &sha)?;
    Ok(NewToken { secret, token })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_tokens_are_found_by_hash_and_never_stored_in_clear() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = raqib_store::api::open_api(path.to_str().unwrap()).unwrap();
        let t = create(&mut *s, TokenRole::Analyst, "amira").unwrap();
        assert!(well_formed(&t.secret), "{}", t.secret);
        let found = s.token_by_sha256(&hash(&t.secret)).unwrap().unwrap();
        assert_eq!(found.role, TokenRole::Analyst);
        assert_eq!(found.name, "amira");
        drop(s);
        let raw = std::fs::read(&path).unwrap();
        let secret_hex = t.secret.trim_start_matches(PREFIX).as_bytes();
        assert!(
            !raw.windows(secret_hex.len()).any(|w| w == secret_hex),
            "the secret appears in the database file"
        );
    }

    #[test]
    fn malformed_tokens_are_recognized() {
        assert!(!well_formed("rq_123"));
        assert!(!well_formed(&format!("xx_{}", "a".repeat(64))));
        assert!(!well_formed(&format!("rq_{}", "g".repeat(64))));
        assert!(well_formed(&format!("rq_{}", "a".repeat(64))));
    }
}
