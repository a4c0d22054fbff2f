-- Performance agreements (คำรับรองการปฏิบัติราชการ) and their indicators (ตัวชี้วัด).
-- Decimal values (targets, results, levels, weights, scores) are exact: integers of
-- ten-thousandths (columns *_e4: 12.5 is 125000).

-- One agreement per owner (a cluster slug or a province code) and fiscal year.
CREATE TABLE agreements (
  id bigserial PRIMARY KEY,
  owner_kind text NOT NULL CHECK (owner_kind IN ('cluster', 'province')),
  owner_code text NOT NULL,
  fiscal_year int NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  UNIQUE (owner_code, fiscal_year)
);

-- Its status over time (draft -> proposed -> agreed), each step dated: the status on a date is the last step on or before it.
CREATE TABLE agreement_status_history (
  id bigserial PRIMARY KEY,
  agreement_id bigint NOT NULL REFERENCES agreements (id),
  status text NOT NULL CHECK (status IN ('draft', 'proposed', 'agreed')),
  status_date date NOT NULL,
  reason text,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by text NOT NULL
);
CREATE INDEX agreement_status_history_agreement ON agreement_status_history (agreement_id, status_date, id);

-- Files kept in the database (evidence of results, supporting files of change requests), so that backups carry them.
CREATE TABLE indicator_files (
  id bigserial PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  media_type text NOT NULL,
  size int NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  uploaded_by text NOT NULL
);

-- An indicator of an agreement; what it says is in its versions.
CREATE TABLE indicators (
  id bigserial PRIMARY KEY,
  agreement_id bigint NOT NULL REFERENCES agreements (id),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 32),
  -- Bumped by every edit of a draft, so that an edit over a newer one is refused (409).
  revision int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  UNIQUE (agreement_id, code)
);

-- Change requests of an indicator (a new name, targets, components, or its removal), and their decision.
CREATE TABLE indicator_change_requests (
  id bigserial PRIMARY KEY,
  indicator_id bigint NOT NULL REFERENCES indicators (id),
  kind text NOT NULL CHECK (kind IN ('change', 'remove')),
  proposal jsonb NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
  requested_on date NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  requested_by text NOT NULL,
  file_id bigint REFERENCES indicator_files (id),
  decision text CHECK (decision IN ('approved', 'rejected')),
  decided_on date,
  decided_at timestamptz,
  decided_by text,
  decision_note text,
  CHECK ((decision IS NULL) = (decided_on IS NULL) AND (decision IS NULL) = (decided_by IS NULL))
);
CREATE INDEX indicator_change_requests_indicator ON indicator_change_requests (indicator_id, id);

-- A version of an indicator, in force from its date until the next version's. Version 1 holds from the fiscal
-- year's start; an approved change request adds the next one. Old versions (and their targets) stay.
CREATE TABLE indicator_versions (
  id bigserial PRIMARY KEY,
  indicator_id bigint NOT NULL REFERENCES indicators (id),
  version int NOT NULL CHECK (version >= 1),
  effective_from date NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  name_th text NOT NULL CHECK (length(name_th) BETWEEN 1 AND 500),
  unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 100),
  direction text NOT NULL CHECK (direction IN ('higher', 'lower')),
  weight_e4 bigint NOT NULL CHECK (weight_e4 > 0),
  baseline_e4 bigint,
  data_source text NOT NULL DEFAULT '',
  level1_e4 bigint NOT NULL,
  level2_e4 bigint NOT NULL,
  level3_e4 bigint NOT NULL,
  level4_e4 bigint NOT NULL,
  level5_e4 bigint NOT NULL,
  below_score_e4 bigint NOT NULL DEFAULT 0 CHECK (below_score_e4 BETWEEN 0 AND 50000),
  above_score_e4 bigint NOT NULL DEFAULT 50000 CHECK (above_score_e4 BETWEEN 0 AND 50000),
  change_request_id bigint REFERENCES indicator_change_requests (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  UNIQUE (indicator_id, version)
);

-- Components of a version (e.g. the crops longan, garlic, soybean), each with its own targets.
CREATE TABLE indicator_components (
  version_id bigint NOT NULL REFERENCES indicator_versions (id),
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
  name_th text NOT NULL CHECK (length(name_th) BETWEEN 1 AND 200),
  position int NOT NULL,
  PRIMARY KEY (version_id, key)
);

-- Targets of a version per period ('annual', 'Q1'..'Q4', 'YYYY-MM'); component '' is the indicator itself.
CREATE TABLE indicator_targets (
  version_id bigint NOT NULL REFERENCES indicator_versions (id),
  component text NOT NULL DEFAULT '',
  period text NOT NULL CHECK (period ~ '^(annual|Q[1-4]|[0-9]{4}-(0[1-9]|1[0-2]))$'),
  value_e4 bigint NOT NULL,
  PRIMARY KEY (version_id, component, period)
);

-- Results per period (of the indicator, component '', or of a component), with their date, source and evidence.
CREATE TABLE indicator_results (
  id bigserial PRIMARY KEY,
  indicator_id bigint NOT NULL REFERENCES indicators (id),
  component text NOT NULL DEFAULT '',
  period text NOT NULL CHECK (period ~ '^(annual|Q[1-4]|[0-9]{4}-(0[1-9]|1[0-2]))$'),
  value_e4 bigint NOT NULL,
  result_date date NOT NULL,
  source text NOT NULL DEFAULT '',
  evidence_url text,
  evidence_file_id bigint REFERENCES indicator_files (id),
  entered_at timestamptz NOT NULL DEFAULT now(),
  entered_by text NOT NULL,
  UNIQUE (indicator_id, component, period)
);

-- Projects supporting an indicator (component '') or one of its components, with the share of the project's budget serving it.
CREATE TABLE indicator_links (
  indicator_id bigint NOT NULL REFERENCES indicators (id),
  component text NOT NULL DEFAULT '',
  project_id bigint NOT NULL REFERENCES projects (id),
  share_hundredths int NOT NULL CHECK (share_hundredths BETWEEN 1 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  PRIMARY KEY (indicator_id, component, project_id)
);
CREATE INDEX indicator_links_project ON indicator_links (project_id);
