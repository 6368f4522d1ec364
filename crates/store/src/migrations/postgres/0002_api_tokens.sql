-- raqib store, PostgreSQL schema version 2: API tokens of `raqib serve`.
-- Only the SHA-256 of a token is kept; the token itself is shown once, at creation.
CREATE TABLE api_tokens (
    id         TEXT PRIMARY KEY,
    sha256     TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('reader', 'analyst')),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
