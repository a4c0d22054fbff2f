-- Accounts, sessions, API tokens, the audit trail, settings, and soft deletion.

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'cluster_officer', 'province_officer', 'agency_reporter', 'committee_member', 'viewer')),
  -- a cluster slug (cluster_officer, committee_member) or a province code (province_officer)
  scope_code text,
  password_hash text NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK ((role IN ('cluster_officer', 'committee_member', 'province_officer')) = (scope_code IS NOT NULL))
);

-- The projects an agency reporter reports on.
CREATE TABLE user_projects (
  user_id bigint NOT NULL REFERENCES users (id),
  project_id bigint NOT NULL REFERENCES projects (id),
  PRIMARY KEY (user_id, project_id)
);

-- Failed sign-ins by username (known or not, so that the answer reveals nothing).
CREATE TABLE login_throttle (
  username text PRIMARY KEY,
  failures int NOT NULL DEFAULT 0,
  last_failure_at timestamptz,
  locked_until timestamptz
);

CREATE TABLE sessions (
  id bigserial PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  csrf_token text NOT NULL,
  user_id bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Append-only: who changed what, when, the values before and after, and why.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_key text NOT NULL,
  before jsonb,
  after jsonb,
  reason text
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_key, id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records cannot be changed or deleted';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE projects ADD COLUMN deleted_at timestamptz;
ALTER TABLE ledger_entries ADD COLUMN deleted_at timestamptz;

-- A document reference is unique among the live entries of a project: a deleted entry's ref can be entered again.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_project_id_kind_ref_key;
CREATE UNIQUE INDEX ledger_entries_live_ref ON ledger_entries (project_id, kind, ref) WHERE deleted_at IS NULL;
