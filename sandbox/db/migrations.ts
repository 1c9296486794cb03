/**
 * Schema changes, applied in order; `PRAGMA user_version` records how many ran. Append only:
 * a released data folder must open with any later sandbox.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  -- Every dialect's keys. Never a plain value: its SHA-256, a display mask and (gateway only) a ciphertext.
  CREATE TABLE api_keys (
    id               TEXT PRIMARY KEY,
    dialect          TEXT NOT NULL CHECK (dialect IN ('gateway', 'wallet', 'pulse')),
    tenant_id        TEXT NOT NULL,
    name             TEXT NOT NULL,
    name_unique      INTEGER NOT NULL DEFAULT 0 CHECK (name_unique IN (0, 1)),
    permissions      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER,
    last_used_at     INTEGER,
    notes            TEXT,
    masked           TEXT NOT NULL,
    public_id        TEXT UNIQUE,
    secret_sha256    TEXT NOT NULL UNIQUE,
    encrypted_secret TEXT,
    created_by       TEXT NOT NULL
  ) STRICT;
  -- The database, not the caller, decides a race between two creates with the same name.
  CREATE UNIQUE INDEX api_keys_unique_name ON api_keys (dialect, tenant_id, name) WHERE name_unique = 1;
  CREATE INDEX api_keys_listing ON api_keys (dialect, tenant_id, created_at DESC, id);

  CREATE TABLE idempotent_responses (
    scope          TEXT NOT NULL,
    key            TEXT NOT NULL,
    request_sha256 TEXT NOT NULL,
    status         INTEGER NOT NULL,
    -- Encrypted: the body holds the key value a replay must return.
    encrypted_body TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
  ) STRICT;

  CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('created', 'revealed', 'updated', 'deleted')),
    dialect   TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    key_id    TEXT NOT NULL,
    key_name  TEXT NOT NULL,
    details   TEXT NOT NULL
  ) STRICT;
  CREATE INDEX audit_log_by_key ON audit_log (key_id, seq);

  -- oidc-provider's models (sessions, grants, tokens, interactions...), one row per (model, id).
  CREATE TABLE oidc_models (
    model      TEXT NOT NULL,
    id         TEXT NOT NULL,
    payload    TEXT NOT NULL,
    grant_id   TEXT,
    uid        TEXT,
    user_code  TEXT,
    expires_at INTEGER,
    PRIMARY KEY (model, id)
  ) STRICT;
  CREATE INDEX oidc_models_grant ON oidc_models (grant_id) WHERE grant_id IS NOT NULL;
  CREATE INDEX oidc_models_uid ON oidc_models (uid) WHERE uid IS NOT NULL;
  CREATE INDEX oidc_models_user_code ON oidc_models (user_code) WHERE user_code IS NOT NULL;
  `,
  `
  -- Demo users' passwords: scrypt$N$r$p$salt$hash, a random salt per user (filled at start).
  CREATE TABLE user_credentials (
    username      TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL
  ) STRICT;

  -- Replays are scoped to the tenant, owned by the caller that created, and tied to the key they
  -- created, so a replay after a delete shows no secret. Rows of the old per-caller scopes cannot be
  -- told apart by owner: they go (a lost answer from before the upgrade is simply not replayable).
  DELETE FROM idempotent_responses;
  ALTER TABLE idempotent_responses ADD COLUMN owner TEXT NOT NULL DEFAULT '';
  ALTER TABLE idempotent_responses ADD COLUMN key_id TEXT;
  CREATE INDEX idempotent_responses_by_key ON idempotent_responses (key_id) WHERE key_id IS NOT NULL;
  `,
]
